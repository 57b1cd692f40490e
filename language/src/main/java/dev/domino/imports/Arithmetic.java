package dev.domino.imports;

import java.util.function.Function;

/**
 * Bash integer arithmetic, as in {@code $((0x40000000 + 512 * 1024 * 1024))}: decimal, 0x hex
 * and 0-prefixed octal numbers, variables, parentheses and the operators {@code * / % + - << >>
 * & ^ |} and unary {@code - + ~}. 64-bit, like bash. Null when the text is not such an expression.
 */
final class Arithmetic {
	private final String s;
	private final Function<String, Long> variables;
	private int pos;

	private Arithmetic(String s, Function<String, Long> variables) {
		this.s = s;
		this.variables = variables;
	}

	static Long evaluate(String expression, Function<String, Long> variables) {
		Arithmetic a = new Arithmetic(expression, variables);
		try {
			long v = a.or();
			a.blanks();
			return a.pos == a.s.length() ? v : null;
		} catch (IllegalArgumentException | ArithmeticException e) {
			return null;
		}
	}

	private long or() {
		long v = xor();
		while (next("|")) {
			v |= xor();
		}
		return v;
	}

	private long xor() {
		long v = and();
		while (next("^")) {
			v ^= and();
		}
		return v;
	}

	private long and() {
		long v = shift();
		while (next("&")) {
			v &= shift();
		}
		return v;
	}

	private long shift() {
		long v = sum();
		while (true) {
			if (next("<<")) {
				v <<= sum();
			} else if (next(">>")) {
				v >>= sum();
			} else {
				return v;
			}
		}
	}

	private long sum() {
		long v = product();
		while (true) {
			if (next("+")) {
				v += product();
			} else if (next("-")) {
				v -= product();
			} else {
				return v;
			}
		}
	}

	private long product() {
		long v = unary();
		while (true) {
			if (next("*")) {
				v *= unary();
			} else if (next("/")) {
				v /= unary();
			} else if (next("%")) {
				v %= unary();
			} else {
				return v;
			}
		}
	}

	private long unary() {
		if (next("-")) {
			return -unary();
		}
		if (next("+")) {
			return unary();
		}
		if (next("~")) {
			return ~unary();
		}
		if (next("(")) {
			long v = or();
			if (!next(")")) {
				throw new IllegalArgumentException("no )");
			}
			return v;
		}
		blanks();
		int start = pos;
		while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
			pos++;
		}
		String token = s.substring(start, pos);
		if (token.isEmpty()) {
			throw new IllegalArgumentException("no operand");
		}
		if (Character.isDigit(token.charAt(0))) {
			if (token.startsWith("0x") || token.startsWith("0X")) {
				return Long.parseUnsignedLong(token.substring(2), 16);
			}
			return token.length() > 1 && token.startsWith("0") ? Long.parseLong(token.substring(1), 8) : Long.parseLong(token);
		}
		Long v = variables.apply(token);
		if (v == null) {
			throw new IllegalArgumentException("unknown " + token);
		}
		return v;
	}

	private boolean next(String op) {
		blanks();
		if (s.startsWith(op, pos) && !(op.equals("<") || op.equals(">"))) {
			// '<' alone is not an operator here; '<<' is
			if ((op.equals("|") || op.equals("&")) && s.startsWith(op + op, pos)) {
				return false;
			}
			pos += op.length();
			return true;
		}
		return false;
	}

	private void blanks() {
		while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
			pos++;
		}
	}
}
