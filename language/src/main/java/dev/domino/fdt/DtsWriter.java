package dev.domino.fdt;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes DTS source. Each value is printed in the form dtc chooses when it decompiles a DTB
 * (strings, cells or bytes, guessed from the bytes), so {@code dtc -I dts -O dts} of our file
 * and {@code dtc -I dtb -O dts} of our DTB give the same text, but for one thing: the phandle cells
 * of the properties dtc checks (clocks, gpios, ...) are written as references to a label of their
 * node ({@code <&phandle_8000>} and {@code phandle_8000: apb-pclk}), because dtc warns about a
 * phandle written as a number in source ("cell 0 is not a phandle reference"). The node keeps its
 * phandle property, so dtc makes the same bytes of it.
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
		Map<Long, DtNode> byPhandle = new HashMap<>();
		tree.root().walk(n -> n.property("phandle").filter(p -> p.length() == 4)
				.ifPresent(p -> byPhandle.put(p.cell(0), n)));
		Set<Long> referenced = new TreeSet<>();
		tree.root().walk(n -> {
			for (DtProperty p : n.properties()) {
				for (int cell : phandleCells(p, byPhandle)) {
					referenced.add(p.cell(cell));
				}
			}
		});
		writeNode(out, tree.root(), 0, true, byPhandle, referenced);
		return out.toString();
	}

	private static void writeNode(StringBuilder out, DtNode node, int depth, boolean isRoot, Map<Long, DtNode> byPhandle,
			Set<Long> referenced) {
		indent(out, depth);
		Long phandle = node.property("phandle").filter(p -> p.length() == 4).map(p -> p.cell(0)).orElse(null);
		if (!isRoot && phandle != null && referenced.contains(phandle)) {
			out.append(label(phandle)).append(": ");
		}
		out.append(isRoot ? "/" : node.name()).append(" {\n");
		for (DtProperty p : node.properties()) {
			indent(out, depth + 1);
			out.append(p.name());
			if (p.length() > 0) {
				Set<Integer> refs = phandleCells(p, byPhandle);
				out.append(" = ").append(refs.isEmpty() ? formatValue(p.rawValue()) : formatCells(p, refs));
			}
			out.append(";\n");
		}
		for (DtNode child : node.children()) {
			out.append('\n');
			writeNode(out, child, depth + 1, false, byPhandle, referenced);
		}
		indent(out, depth);
		out.append("};\n");
	}

	private static String label(long phandle) {
		return "phandle_" + Long.toHexString(phandle);
	}

	/** The properties whose phandle arguments dtc 1.6.1 checks, and the provider's cell-count property (checks.c). */
	private static final Map<String, String> PHANDLE_ARGS = Map.ofEntries(Map.entry("clocks", "#clock-cells"),
			Map.entry("cooling-device", "#cooling-cells"), Map.entry("dmas", "#dma-cells"),
			Map.entry("hwlocks", "#hwlock-cells"), Map.entry("interrupts-extended", "#interrupt-cells"),
			Map.entry("io-channels", "#io-channel-cells"), Map.entry("iommus", "#iommu-cells"),
			Map.entry("mboxes", "#mbox-cells"), Map.entry("msi-parent", "#msi-cells"),
			Map.entry("mux-controls", "#mux-control-cells"), Map.entry("phys", "#phy-cells"),
			Map.entry("power-domains", "#power-domain-cells"), Map.entry("pwms", "#pwm-cells"),
			Map.entry("resets", "#reset-cells"), Map.entry("sound-dai", "#sound-dai-cells"),
			Map.entry("thermal-sensors", "#thermal-sensor-cells"));

	private static String providerCells(String property) {
		if (PHANDLE_ARGS.containsKey(property)) {
			return PHANDLE_ARGS.get(property);
		}
		boolean gpio = property.equals("gpios") || property.equals("gpio") || property.endsWith("-gpios")
				|| property.endsWith("-gpio");
		return gpio && !property.contains("nr-gpio") ? "#gpio-cells" : null;
	}

	/**
	 * The cells of a property that are phandles, walked as dtc's check_property_phandle_args walks
	 * them (a phandle, then as many argument cells as the provider's #...-cells says); none when the
	 * property is not one dtc checks or does not walk cleanly (then it stays numbers).
	 */
	static Set<Integer> phandleCells(DtProperty p, Map<Long, DtNode> byPhandle) {
		String cellsName = providerCells(p.name());
		Set<Integer> out = new TreeSet<>();
		if (cellsName == null || p.length() == 0 || p.length() % 4 != 0) {
			return out;
		}
		int count = p.cellCount();
		for (int cell = 0; cell < count;) {
			long phandle = p.cell(cell);
			if (phandle == 0 || phandle == 0xffffffffL) {
				cell++;
				continue;
			}
			DtNode provider = byPhandle.get(phandle);
			if (provider == null) {
				return Set.of();
			}
			java.util.Optional<DtProperty> cells = provider.property(cellsName);
			int args;
			if (cells.isPresent() && cells.get().length() == 4) {
				args = (int) cells.get().cell(0);
			} else if (cells.isEmpty() && p.name().equals("msi-parent")) {
				args = 0; // #msi-cells is optional
			} else {
				return Set.of();
			}
			if (cell + args + 1 > count) {
				return Set.of();
			}
			out.add(cell);
			cell += args + 1;
		}
		return out;
	}

	private static String formatCells(DtProperty p, Set<Integer> refs) {
		StringBuilder out = new StringBuilder("<");
		for (int i = 0; i < p.cellCount(); i++) {
			if (i > 0) {
				out.append(' ');
			}
			out.append(refs.contains(i) ? "&" + label(p.cell(i)) : String.format("0x%02x", p.cell(i)));
		}
		return out.append('>').toString();
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
