package dev.domino.emit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON from plain values: {@link Map} (keys kept in insertion order), {@link List},
 * String, Number, Boolean and null. Fixed formatting, so outputs are byte-identical run to run.
 */
public final class Json {
	private Json() {
	}

	/** An ordered object to fill. */
	public static Map<String, Object> object() {
		return new LinkedHashMap<>();
	}

	public static String write(Object value) {
		StringBuilder out = new StringBuilder();
		write(out, value, 0);
		return out.append('\n').toString();
	}

	private static void write(StringBuilder out, Object value, int depth) {
		if (value == null) {
			out.append("null");
		} else if (value instanceof String s) {
			out.append(quote(s));
		} else if (value instanceof Number || value instanceof Boolean) {
			out.append(value);
		} else if (value instanceof Map<?, ?> map) {
			if (map.isEmpty()) {
				out.append("{}");
				return;
			}
			out.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> e : map.entrySet()) {
				out.append(first ? "\n" : ",\n");
				first = false;
				indent(out, depth + 1);
				out.append(quote(String.valueOf(e.getKey()))).append(": ");
				write(out, e.getValue(), depth + 1);
			}
			out.append('\n');
			indent(out, depth);
			out.append('}');
		} else if (value instanceof List<?> list) {
			if (list.isEmpty()) {
				out.append("[]");
				return;
			}
			out.append('[');
			boolean first = true;
			for (Object item : list) {
				out.append(first ? "\n" : ",\n");
				first = false;
				indent(out, depth + 1);
				write(out, item, depth + 1);
			}
			out.append('\n');
			indent(out, depth);
			out.append(']');
		} else {
			throw new IllegalArgumentException("not a JSON value: " + value.getClass());
		}
	}

	private static void indent(StringBuilder out, int depth) {
		for (int i = 0; i < depth; i++) {
			out.append("  ");
		}
	}

	public static String quote(String s) {
		StringBuilder q = new StringBuilder("\"");
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			switch (c) {
			case '"' -> q.append("\\\"");
			case '\\' -> q.append("\\\\");
			case '\n' -> q.append("\\n");
			case '\r' -> q.append("\\r");
			case '\t' -> q.append("\\t");
			default -> {
				if (c < 0x20) {
					q.append(String.format("\\u%04x", (int) c));
				} else {
					q.append(c);
				}
			}
			}
		}
		return q.append('"').toString();
	}
}
