package dev.domino.fdt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A device-tree property: a name and raw big-endian bytes, as in a DTB. Immutable, so one
 * property may sit in many nodes (the same {@code compatible} in every domain's).
 */
public final class DtProperty {
	private static final byte[] NOTHING = new byte[0];

	private final String name;
	private final byte[] value;

	public DtProperty(String name, byte[] value) {
		this(value.clone(), name);
	}

	/** Takes {@code value} as it is: for the factories below, whose arrays nobody else holds. */
	private DtProperty(byte[] value, String name) {
		this.name = name;
		this.value = value;
	}

	public static DtProperty empty(String name) {
		return new DtProperty(NOTHING, name);
	}

	/** One or more NUL-terminated strings. */
	public static DtProperty strings(String name, String... values) {
		byte[][] encoded = new byte[values.length][]; // each value encoded once: device trees are built per edit
		int size = 0;
		for (int i = 0; i < values.length; i++) {
			encoded[i] = values[i].getBytes(StandardCharsets.UTF_8);
			size += encoded[i].length + 1;
		}
		byte[] out = new byte[size];
		int at = 0;
		for (byte[] value : encoded) {
			System.arraycopy(value, 0, out, at, value.length);
			at += value.length + 1;
		}
		return new DtProperty(out, name);
	}

	/** 32-bit cells. */
	public static DtProperty cells(String name, long... cells) {
		byte[] out = new byte[cells.length * 4];
		for (int i = 0; i < cells.length; i++) {
			int c = (int) cells[i];
			out[4 * i] = (byte) (c >>> 24);
			out[4 * i + 1] = (byte) (c >>> 16);
			out[4 * i + 2] = (byte) (c >>> 8);
			out[4 * i + 3] = (byte) c;
		}
		return new DtProperty(out, name);
	}

	/** An address and a size in the given numbers of cells, as {@code reg} holds them. */
	public static long[] reg(long address, long size, int addressCells, int sizeCells) {
		long[] out = new long[addressCells + sizeCells];
		System.arraycopy(split(address, addressCells), 0, out, 0, addressCells);
		System.arraycopy(split(size, sizeCells), 0, out, addressCells, sizeCells);
		return out;
	}

	/** A value split into {@code count} cells (2 cells: high word, low word). */
	public static long[] split(long value, int count) {
		long[] out = new long[count];
		for (int i = count - 1; i >= 0; i--) {
			out[i] = value & 0xffffffffL;
			value >>>= 32;
		}
		return out;
	}

	public String name() {
		return name;
	}

	public byte[] value() {
		return value.clone();
	}

	public int length() {
		return value.length;
	}

	byte[] rawValue() {
		return value;
	}

	public long cell(int index) {
		return ByteBuffer.wrap(value).getInt(index * 4) & 0xffffffffL;
	}

	public int cellCount() {
		return value.length / 4;
	}

	/** The first string of a string (list) property. */
	public String string() {
		int end = 0;
		while (end < value.length && value[end] != 0) {
			end++;
		}
		return new String(value, 0, end, StandardCharsets.UTF_8);
	}

	/** All strings of a string-list property. */
	public java.util.List<String> stringList() {
		java.util.List<String> out = new java.util.ArrayList<>();
		int start = 0;
		for (int i = 0; i < value.length; i++) {
			if (value[i] == 0) {
				out.add(new String(value, start, i - start, StandardCharsets.UTF_8));
				start = i + 1;
			}
		}
		return out;
	}

	@Override
	public String toString() {
		return name + " = " + DtsWriter.formatValue(value);
	}
}
