package dev.domino.resolve;

import java.math.BigInteger;

import dev.domino.ast.BinaryOp;
import dev.domino.ast.NumberLiteral;
import dev.domino.ast.Value;
import dev.domino.model.SourceLocation;
import dev.domino.model.U64;
import dev.domino.rules.Report;

/**
 * Evaluates values: 0x4000_0000, 2G, 64M + 4K, (2 * 1M). Unsigned 64-bit; a literal that does
 * not fit, or arithmetic that wraps, is a {@code value} diagnostic and yields null.
 */
public final class Values {
	public static final String RULE = "value";
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
				report.error(RULE, locations.of(value), e.getMessage()).emit();
				return null;
			}
		}
		return null;
	}

	/** A value that must be a positive size. */
	public Long size(Value value, String what) {
		Long v = eval(value);
		if (v != null && v == 0) {
			report.error(RULE, locations.of(value), what + " must not be 0").emit();
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
			report.error(RULE, locations.of(value), what + " must be between " + min + " and " + max + ", not "
					+ Long.toUnsignedString(v)).emit();
			return null;
		}
		return v.intValue();
	}

	private Long literal(NumberLiteral literal) {
		String text = literal.getText();
		SourceLocation where = locations.of(literal);
		try {
			return parse(text);
		} catch (NumberFormatException e) {
			report.error(RULE, where, e.getMessage()).emit();
			return null;
		}
	}

	/** Parses one literal; NumberFormatException says what is wrong with it. */
	public static long parse(String text) {
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
