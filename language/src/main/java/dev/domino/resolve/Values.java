package dev.domino.resolve;

import java.math.BigInteger;

import dev.domino.ast.BinaryOp;
import dev.domino.ast.NumberLiteral;
import dev.domino.ast.Value;
import dev.domino.diagnostics.Report;
import dev.domino.diagnostics.RuleId;
import dev.domino.model.U64;

/**
 * Evaluates values: 0x4000_0000, 2G, 64M + 4K, (2 * 1M). Unsigned 64-bit; a literal that does
 * not fit, or arithmetic that wraps, is a {@code value} diagnostic and yields null.
 */
public final class Values {
	private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(64);

	private final Locations locations;
	private final Report report;

	public Values(Locations locations, Report report) {
		this.locations = locations;
		this.report = report;
	}

	/** The value, or null after reporting why it has none (also null for a missing value). */
	public Long eval(Value value) {
		if (value == null) {
			return null;
		}
		if (value instanceof NumberLiteral literal) {
			return literal(literal);
		}
		if (value instanceof BinaryOp op) {
			Long left = eval(op.getLeft());
			Long right = eval(op.getRight());
			if (left == null || right == null) {
				return null;
			}
			try {
				return switch (op.getOp()) {
				case "+" -> U64.add(left, right);
				case "-" -> U64.sub(left, right);
				default -> U64.mul(left, right);
				};
			} catch (ArithmeticException e) {
				report.at(RuleId.VALUE, locations.of(value), e.getMessage()).emit();
				return null;
			}
		}
		return null;
	}

	/** A value that must be a positive size. */
	public Long size(Value value, String what) {
		Long v = eval(value);
		if (v != null && v == 0) {
			report.at(RuleId.VALUE, locations.of(value), what + " must not be 0").emit();
			return null;
		}
		return v;
	}

	/** A small count (CPUs, regions, bits) that must fit an int and lie in [min, max]. */
	public Integer count(Value value, String what, int min, int max) {
		Long v = eval(value);
		if (v == null) {
			return null;
		}
		if (U64.lt(v, min) || U64.gt(v, max)) {
			report.at(RuleId.VALUE, locations.of(value), what + " must be between " + min + " and " + max + ", not "
					+ Long.toUnsignedString(v)).emit();
			return null;
		}
		return v.intValue();
	}

	private Long literal(NumberLiteral literal) {
		try {
			return parse(literal.getText());
		} catch (NumberFormatException e) {
			report.at(RuleId.VALUE, locations.of(literal), e.getMessage()).emit();
			return null;
		}
	}

	/**
	 * The common literals without allocating: up to 15 hex or 17 decimal digits with '_' and an
	 * optional K/M/G suffix. Returns -1 for anything else, which the exact path then reads.
	 */
	private static long fastParse(String text) {
		int n = text.length();
		int i = 0;
		int radix = 10;
		if (n > 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X')) {
			radix = 16;
			i = 2;
		}
		int shift = 0;
		char last = text.charAt(n - 1);
		if (last == 'K' || last == 'M' || last == 'G') {
			shift = last == 'K' ? 10 : last == 'M' ? 20 : 30;
			n--;
		}
		long value = 0;
		int digits = 0;
		for (; i < n; i++) {
			char c = text.charAt(i);
			if (c == '_') {
				continue;
			}
			int d = Character.digit(c, radix);
			if (d < 0 || ++digits > (radix == 16 ? 15 : 17)) {
				return -1;
			}
			value = value * radix + d;
		}
		if (digits == 0 || (shift > 0 && Long.numberOfLeadingZeros(value) <= shift + 1)) {
			return -1;
		}
		return value << shift;
	}

	/** Parses one literal; NumberFormatException says what is wrong with it. */
	public static long parse(String text) {
		long fast = fastParse(text);
		if (fast >= 0) {
			return fast;
		}
		String digits = text.replace("_", "");
		int shift = 0;
		char last = digits.isEmpty() ? ' ' : digits.charAt(digits.length() - 1);
		boolean hex = digits.startsWith("0x") || digits.startsWith("0X");
		if (!hex || "KMGT".indexOf(last) >= 0) {
			switch (last) {
			case 'K' -> shift = 10;
			case 'M' -> shift = 20;
			case 'G' -> shift = 30;
			case 'T' -> shift = 40;
			default -> {
				if (Character.isLetter(last) && !hex) {
					throw new NumberFormatException("'" + text + "' has an unknown size suffix '" + last
							+ "' (use K, M, G or T)");
				}
			}
			}
		}
		if (shift > 0) {
			digits = digits.substring(0, digits.length() - 1);
		}
		BigInteger value;
		try {
			value = hex ? new BigInteger(digits.substring(2), 16) : new BigInteger(digits, 10);
		} catch (NumberFormatException e) {
			throw new NumberFormatException("'" + text + "' is not a number (write 4096, 0x1000 or 4K)");
		}
		value = value.shiftLeft(shift);
		if (value.compareTo(LIMIT) >= 0) {
			throw new NumberFormatException("'" + text + "' does not fit in 64 bits");
		}
		return value.longValue();
	}
}
