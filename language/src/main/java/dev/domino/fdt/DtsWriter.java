package dev.domino.fdt;

import java.nio.charset.StandardCharsets;

/**
 * Writes DTS source. Each value is printed in the form dtc chooses when it decompiles a DTB
 * (strings, cells or bytes, guessed from the bytes), so {@code dtc -I dts -O dts} of our file
 * and {@code dtc -I dtb -O dts} of our DTB give the same text.
 */
public final class DtsWriter {
	private DtsWriter() {
	}

	public static String write(DeviceTree tree, String headerComment) {
		StringBuilder out = new StringBuilder();
		out.append("/dts-v1/;\n");
		if (headerComment != null && !headerComment.isEmpty()) {
			for (String line : headerComment.split("\n")) {
				out.append("// ").append(line).append('\n');
			}
		}
		out.append('\n');
		for (DeviceTree.Reservation r : tree.reservations()) {
			out.append(String.format("/memreserve/ 0x%016x 0x%016x;%n", r.address(), r.size()));
		}
		writeNode(out, tree.root(), 0, true);
		return out.toString();
	}

	private static void writeNode(StringBuilder out, DtNode node, int depth, boolean isRoot) {
		indent(out, depth);
		out.append(isRoot ? "/" : node.name()).append(" {\n");
		for (DtProperty p : node.properties()) {
			indent(out, depth + 1);
			out.append(p.name());
			if (p.length() > 0) {
				out.append(" = ").append(formatValue(p.rawValue()));
			}
			out.append(";\n");
		}
		for (DtNode child : node.children()) {
			out.append('\n');
			writeNode(out, child, depth + 1, false);
		}
		indent(out, depth);
		out.append("};\n");
	}

	private static void indent(StringBuilder out, int depth) {
		for (int i = 0; i < depth; i++) {
			out.append('\t');
		}
	}

	/** dtc's guess_value_type and the writers behind it (treesource.c). */
	static String formatValue(byte[] v) {
		if (v.length == 0) {
			return "";
		}
		int notString = 0;
		int nuls = 0;
		for (byte b : v) {
			if (!isStringChar(b)) {
				notString++;
			}
			if (b == 0) {
				nuls++;
			}
		}
		if (v[v.length - 1] == 0 && notString == 0 && nuls <= v.length - nuls) {
			return formatString(v);
		}
		if (v.length % 4 == 0) {
			StringBuilder out = new StringBuilder("<");
			for (int i = 0; i < v.length; i += 4) {
				long cell = ((v[i] & 0xffL) << 24) | ((v[i + 1] & 0xffL) << 16) | ((v[i + 2] & 0xffL) << 8)
						| (v[i + 3] & 0xffL);
				if (i > 0) {
					out.append(' ');
				}
				out.append(String.format("0x%02x", cell));
			}
			return out.append('>').toString();
		}
		StringBuilder out = new StringBuilder("[");
		for (int i = 0; i < v.length; i++) {
			if (i > 0) {
				out.append(' ');
			}
			out.append(String.format("%02x", v[i] & 0xff));
		}
		return out.append(']').toString();
	}

	private static boolean isPrint(int c) {
		return c >= 0x20 && c < 0x7f;
	}

	private static boolean isStringChar(byte b) {
		int c = b & 0xff;
		return isPrint(c) || c == 0 || c == 7 || c == 8 || c == 9 || c == 10 || c == 11 || c == 12 || c == 13;
	}

	private static String formatString(byte[] v) {
		StringBuilder out = new StringBuilder("\"");
		for (int i = 0; i < v.length - 1; i++) {
			int c = v[i] & 0xff;
			switch (c) {
			case 7 -> out.append("\\a");
			case 8 -> out.append("\\b");
			case 9 -> out.append("\\t");
			case 10 -> out.append("\\n");
			case 11 -> out.append("\\v");
			case 12 -> out.append("\\f");
			case 13 -> out.append("\\r");
			case '\\' -> out.append("\\\\");
			case '"' -> out.append("\\\"");
			case 0 -> out.append("\\0");
			default -> {
				if (isPrint(c)) {
					out.append((char) c);
				} else {
					out.append(String.format("\\x%02x", c));
				}
			}
			}
		}
		return out.append('"').toString();
	}

	/** Quotes a string for DTS source (used for comments and hand-written fragments). */
	public static String quote(String s) {
		return formatString((s + "\0").getBytes(StandardCharsets.UTF_8));
	}
}
