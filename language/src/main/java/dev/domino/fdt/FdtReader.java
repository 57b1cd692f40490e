package dev.domino.fdt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads a flattened device tree. Every offset and length is checked against the blob, so a
 * malformed DTB gives an {@link FdtException} that says what is wrong, never a crash.
 */
public final class FdtReader {
	private static final int FDT_NOP = 4;
	private static final int MAX_DEPTH = 64;

	private FdtReader() {
	}

	public static DeviceTree read(byte[] blob) throws FdtException {
		if (blob.length < FdtWriter.HEADER_SIZE) {
			throw new FdtException("truncated: " + blob.length + " bytes is shorter than a DTB header (40 bytes)");
		}
		ByteBuffer in = ByteBuffer.wrap(blob);
		int magic = in.getInt(0);
		if (magic != FdtWriter.MAGIC) {
			throw new FdtException(String.format("bad magic 0x%08x (a DTB starts with 0xd00dfeed)", magic));
		}
		long total = Integer.toUnsignedLong(in.getInt(4));
		long structOffset = Integer.toUnsignedLong(in.getInt(8));
		long stringsOffset = Integer.toUnsignedLong(in.getInt(12));
		long reserveOffset = Integer.toUnsignedLong(in.getInt(16));
		int version = in.getInt(20);
		int lastCompatible = in.getInt(24);
		long bootCpu = Integer.toUnsignedLong(in.getInt(28));
		if (total > blob.length) {
			throw new FdtException("truncated: the header says " + total + " bytes but the file has " + blob.length);
		}
		if (version < 16 || lastCompatible > 17) {
			throw new FdtException("unsupported DTB version " + version + " (last compatible " + lastCompatible
					+ "); Domino reads versions 16 and 17");
		}
		long stringsSize = Integer.toUnsignedLong(in.getInt(32));
		long structSize = version >= 17 ? Integer.toUnsignedLong(in.getInt(36)) : total - structOffset;
		checkBlock("structure block", structOffset, structSize, total);
		checkBlock("strings block", stringsOffset, stringsSize, total);
		if (reserveOffset < FdtWriter.HEADER_SIZE || reserveOffset + 16 > total || reserveOffset % 8 != 0) {
			throw new FdtException("bad offset of the memory reservation block: " + reserveOffset);
		}

		DtNode root = readStructure(blob, (int) structOffset, (int) structSize, (int) stringsOffset,
				(int) stringsSize);
		DeviceTree tree = new DeviceTree(root);
		tree.setBootCpuId(bootCpu);
		for (long at = reserveOffset;; at += 16) {
			if (at + 16 > total) {
				throw new FdtException("memory reservation block is not terminated");
			}
			long address = in.getLong((int) at);
			long size = in.getLong((int) at + 8);
			if (address == 0 && size == 0) {
				break;
			}
			tree.reservations().add(new DeviceTree.Reservation(address, size));
		}
		return tree;
	}

	private static void checkBlock(String what, long offset, long size, long total) throws FdtException {
		if (offset < FdtWriter.HEADER_SIZE || offset > total || size > total - offset) {
			throw new FdtException("bad " + what + ": offset " + offset + ", size " + size + " do not fit in "
					+ total + " bytes");
		}
	}

	private static DtNode readStructure(byte[] blob, int start, int size, int stringsOffset, int stringsSize)
			throws FdtException {
		ByteBuffer in = ByteBuffer.wrap(blob, 0, start + size);
		int pos = start;
		int end = start + size;
		Deque<DtNode> stack = new ArrayDeque<>();
		DtNode root = null;
		while (true) {
			if (pos + 4 > end) {
				throw new FdtException("structure block ends without FDT_END (offset " + pos + ")");
			}
			int token = in.getInt(pos);
			pos += 4;
			switch (token) {
			case FdtWriter.FDT_BEGIN_NODE -> {
				int nameEnd = indexOfNul(blob, pos, end);
				if (nameEnd < 0) {
					throw new FdtException("node name at offset " + pos + " is not terminated");
				}
				String name = new String(blob, pos, nameEnd - pos, StandardCharsets.UTF_8);
				pos = align4(nameEnd + 1);
				DtNode node = new DtNode(name);
				if (stack.isEmpty()) {
					if (root != null) {
						throw new FdtException("more than one root node");
					}
					root = node;
				} else {
					stack.peek().children().add(node);
				}
				stack.push(node);
				if (stack.size() > MAX_DEPTH) {
					throw new FdtException("nodes nested deeper than " + MAX_DEPTH + " levels");
				}
			}
			case FdtWriter.FDT_END_NODE -> {
				if (stack.isEmpty()) {
					throw new FdtException("FDT_END_NODE without a node at offset " + (pos - 4));
				}
				stack.pop();
			}
			case FdtWriter.FDT_PROP -> {
				if (stack.isEmpty()) {
					throw new FdtException("property outside any node at offset " + (pos - 4));
				}
				if (pos + 8 > end) {
					throw new FdtException("truncated property header at offset " + pos);
				}
				long length = Integer.toUnsignedLong(in.getInt(pos));
				long nameOffset = Integer.toUnsignedLong(in.getInt(pos + 4));
				pos += 8;
				if (length > end - pos) {
					throw new FdtException("property at offset " + (pos - 12) + " runs past the structure block");
				}
				if (nameOffset >= stringsSize) {
					throw new FdtException("property name offset " + nameOffset + " is outside the strings block");
				}
				int nameStart = stringsOffset + (int) nameOffset;
				int nameEnd = indexOfNul(blob, nameStart, stringsOffset + stringsSize);
				if (nameEnd < 0) {
					throw new FdtException("property name at strings offset " + nameOffset + " is not terminated");
				}
				String name = new String(blob, nameStart, nameEnd - nameStart, StandardCharsets.UTF_8);
				byte[] value = new byte[(int) length];
				System.arraycopy(blob, pos, value, 0, (int) length);
				stack.peek().properties().add(new DtProperty(name, value));
				pos = align4(pos + (int) length);
			}
			case FDT_NOP -> {
				// padding left by in-place edits
			}
			case FdtWriter.FDT_END -> {
				if (!stack.isEmpty()) {
					throw new FdtException("FDT_END inside node '" + stack.peek().name() + "'");
				}
				if (root == null) {
					throw new FdtException("no root node");
				}
				return root;
			}
			default -> throw new FdtException(String.format("bad token 0x%08x at offset %d", token, pos - 4));
			}
		}
	}

	private static int indexOfNul(byte[] blob, int from, int limit) {
		for (int i = from; i < limit && i < blob.length; i++) {
			if (blob[i] == 0) {
				return i;
			}
		}
		return -1;
	}

	private static int align4(int v) {
		return (v + 3) & ~3;
	}
}
