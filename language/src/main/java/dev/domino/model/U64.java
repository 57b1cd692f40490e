package dev.domino.model;

/**
 * Unsigned 64-bit arithmetic for addresses and sizes. Every operation that could wrap
 * reports it instead: a layout that wraps around the address space is an error, never a value.
 */
public final class U64 {
	private U64() {
	}

	public static boolean lt(long a, long b) {
		return Long.compareUnsigned(a, b) < 0;
	}

	public static boolean le(long a, long b) {
		return Long.compareUnsigned(a, b) <= 0;
	}

	public static boolean ge(long a, long b) {
		return Long.compareUnsigned(a, b) >= 0;
	}

	public static boolean gt(long a, long b) {
		return Long.compareUnsigned(a, b) > 0;
	}

	public static long max(long a, long b) {
		return lt(a, b) ? b : a;
	}

	public static long min(long a, long b) {
		return lt(a, b) ? a : b;
	}

	/** a + b, or ArithmeticException when the sum does not fit 64 bits. */
	public static long add(long a, long b) {
		long r = a + b;
		if (lt(r, a)) {
			throw new ArithmeticException(hex(a) + " + " + hex(b) + " does not fit in 64 bits");
		}
		return r;
	}

	public static long sub(long a, long b) {
		if (lt(a, b)) {
			throw new ArithmeticException(hex(a) + " - " + hex(b) + " is negative");
		}
		return a - b;
	}

	public static long mul(long a, long b) {
		if (a != 0 && lt(Long.divideUnsigned(-1L, a), b)) {
			throw new ArithmeticException(hex(a) + " * " + hex(b) + " does not fit in 64 bits");
		}
		return a * b;
	}

	public static boolean isPowerOfTwo(long v) {
		return v != 0 && (v & (v - 1)) == 0;
	}

	public static boolean isAligned(long v, long align) {
		return (v & (align - 1)) == 0;
	}

	public static long alignDown(long v, long align) {
		return v & -align;
	}

	/** Whether {@link #alignUp} of {@code v} fits 64 bits (an address in the last step does not). */
	public static boolean canAlignUp(long v, long align) {
		return isAligned(v, align) || Long.compareUnsigned(alignDown(v, align), -align) < 0;
	}

	/** Rounds up to a power-of-two alignment; ArithmeticException past 2^64. */
	public static long alignUp(long v, long align) {
		long down = alignDown(v, align);
		return down == v ? v : add(down, align);
	}

	/** 0x4020_0000: hex with a separator every four digits, as users write it. */
	public static String hex(long v) {
		String digits = Long.toHexString(v).toUpperCase(java.util.Locale.ROOT);
		StringBuilder out = new StringBuilder("0x");
		int lead = digits.length() % 4;
		if (lead == 0) {
			lead = 4;
		}
		out.append(digits, 0, lead);
		for (int i = lead; i < digits.length(); i += 4) {
			out.append('_').append(digits, i, i + 4);
		}
		return out.toString();
	}

	/** 0x40200000: plain lowercase hex, as U-Boot, dtc and C want it. */
	public static String plainHex(long v) {
		return "0x" + Long.toHexString(v);
	}

	/** A size in the largest binary unit that divides it exactly: 2 MiB, 4 KiB, 4660 bytes. */
	public static String size(long v) {
		String[] units = { "EiB", "PiB", "TiB", "GiB", "MiB", "KiB" };
		int[] shifts = { 60, 50, 40, 30, 20, 10 };
		for (int i = 0; i < units.length; i++) {
			long unit = 1L << shifts[i];
			if (v != 0 && Long.remainderUnsigned(v, unit) == 0) {
				return Long.toUnsignedString(Long.divideUnsigned(v, unit)) + " " + units[i];
			}
		}
		return Long.toUnsignedString(v) + (v == 1 ? " byte" : " bytes");
	}

	/** A size for people: exact when it is a whole number of units, else about so many (4.04 GiB). */
	public static String approx(long v) {
		String exact = size(v);
		if (!exact.endsWith("bytes") || Long.compareUnsigned(v, 1 << 20) < 0) {
			return exact;
		}
		String[] units = { "MiB", "GiB", "TiB" };
		double value = v < 0 ? Math.pow(2, 64) + v : v;
		value /= 1 << 20;
		int unit = 0;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return "about " + String.format(java.util.Locale.ROOT, "%.2f", value).replaceAll("\\.?0+$", "") + " "
				+ units[unit];
	}

	/** A size as the language writes it: 2M, 4K, 4660. */
	public static String sizeLiteral(long v) {
		String[] units = { "T", "G", "M", "K" };
		int[] shifts = { 40, 30, 20, 10 };
		for (int i = 0; i < units.length; i++) {
			long unit = 1L << shifts[i];
			if (v != 0 && Long.remainderUnsigned(v, unit) == 0) {
				return Long.toUnsignedString(Long.divideUnsigned(v, unit)) + units[i];
			}
		}
		return Long.toUnsignedString(v);
	}

	/** [0x4080_0000, 0x4280_0000): the half-open notation used in every message. */
	public static String range(long base, long size) {
		long last = base + size - 1;
		return last == -1L ? "[" + hex(base) + ", 2^64)" : "[" + hex(base) + ", " + hex(last + 1) + ")";
	}
}
