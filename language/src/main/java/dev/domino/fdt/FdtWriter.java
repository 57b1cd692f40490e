package dev.domino.fdt;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes a flattened device tree (DTB, spec version 17) laid out exactly as
 * {@code dtc -I dts -O dtb} lays it out: header, reservation map, structure block,
 * strings block, with property names shared the way dtc shares them.
 */
public final class FdtWriter {
	static final int MAGIC = 0xd00dfeed;
	static final int VERSION = 17;
	static final int LAST_COMPATIBLE_VERSION = 16;
	static final int HEADER_SIZE = 40;
	static final int FDT_BEGIN_NODE = 1;
	static final int FDT_END_NODE = 2;
	static final int FDT_PROP = 3;
	static final int FDT_END = 9;

	private FdtWriter() {
	}

	public static byte[] write(DeviceTree tree) {
		ByteArrayOutputStream structure = new ByteArrayOutputStream();
		Strings strings = new Strings();
		writeNode(tree.root(), true, structure, strings);
		putInt(structure, FDT_END);

		int reserveOffset = align8(HEADER_SIZE);
		int reserveSize = (tree.reservations().size() + 1) * 16;
		int structOffset = reserveOffset + reserveSize;
		byte[] structBytes = structure.toByteArray();
		int stringsOffset = structOffset + structBytes.length;
		byte[] stringBytes = strings.bytes();
		int total = stringsOffset + stringBytes.length;

		ByteBuffer out = ByteBuffer.allocate(total);
		out.putInt(MAGIC);
		out.putInt(total);
		out.putInt(structOffset);
		out.putInt(stringsOffset);
		out.putInt(reserveOffset);
		out.putInt(VERSION);
		out.putInt(LAST_COMPATIBLE_VERSION);
		out.putInt((int) tree.bootCpuId());
		out.putInt(stringBytes.length);
		out.putInt(structBytes.length);
		out.position(reserveOffset);
		for (DeviceTree.Reservation r : tree.reservations()) {
			out.putLong(r.address());
			out.putLong(r.size());
		}
		out.putLong(0).putLong(0);
		out.put(structBytes);
		out.put(stringBytes);
		return out.array();
	}

	/** The size {@link #write} would give the tree, without writing it (the checks need only that). */
	public static long size(DeviceTree tree) {
		Strings strings = new Strings();
		long structure = nodeSize(tree.root(), true, strings) + 4;
		long reserve = (tree.reservations().size() + 1) * 16L;
		return align8(HEADER_SIZE) + reserve + structure + strings.bytes().length;
	}

	private static long nodeSize(DtNode node, boolean isRoot, Strings strings) {
		long size = 4 + align4((isRoot ? 0 : node.name().getBytes(StandardCharsets.UTF_8).length) + 1);
		for (DtProperty p : node.properties()) {
			strings.offsetOf(p.name());
			size += 12 + align4(p.length());
		}
		for (DtNode child : node.children()) {
			size += nodeSize(child, false, strings);
		}
		return size + 4;
	}

	private static long align4(long v) {
		return (v + 3) & ~3L;
	}

	private static void writeNode(DtNode node, boolean isRoot, ByteArrayOutputStream out, Strings strings) {
		putInt(out, FDT_BEGIN_NODE);
		byte[] name = (isRoot ? "" : node.name()).getBytes(StandardCharsets.UTF_8);
		out.write(name, 0, name.length);
		out.write(0);
		pad4(out);
		for (DtProperty p : node.properties()) {
			putInt(out, FDT_PROP);
			putInt(out, p.length());
			putInt(out, strings.offsetOf(p.name()));
			out.write(p.rawValue(), 0, p.length());
			pad4(out);
		}
		for (DtNode child : node.children()) {
			writeNode(child, false, out, strings);
		}
		putInt(out, FDT_END_NODE);
	}

	private static int align8(int v) {
		return (v + 7) & ~7;
	}

	private static void putInt(ByteArrayOutputStream out, int v) {
		out.write(v >>> 24);
		out.write(v >>> 16);
		out.write(v >>> 8);
		out.write(v);
	}

	private static void pad4(ByteArrayOutputStream out) {
		while (out.size() % 4 != 0) {
			out.write(0);
		}
	}

	/**
	 * The strings block. Like dtc, a name that ends an already stored string reuses it
	 * ("cells" shares the tail of "#address-cells"): needed for byte-identical output.
	 */
	private static final class Strings {
		private final ByteArrayOutputStream data = new ByteArrayOutputStream();
		private final java.util.Map<String, Integer> known = new java.util.HashMap<>();

		int offsetOf(String name) {
			Integer cached = known.get(name);
			if (cached != null) {
				return cached;
			}
			byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
			byte[] current = data.toByteArray();
			int found = findSuffix(current, wanted);
			if (found < 0) {
				found = current.length;
				data.write(wanted, 0, wanted.length);
				data.write(0);
			}
			known.put(name, found);
			return found;
		}

		private static int findSuffix(byte[] table, byte[] wanted) {
			// the first i where table[i..] starts with wanted followed by NUL
			outer: for (int i = 0; i + wanted.length < table.length; i++) {
				for (int j = 0; j < wanted.length; j++) {
					if (table[i + j] != wanted[j]) {
						continue outer;
					}
				}
				if (table[i + wanted.length] == 0) {
					return i;
				}
			}
			return -1;
		}

		byte[] bytes() {
			return data.toByteArray();
		}
	}
}
