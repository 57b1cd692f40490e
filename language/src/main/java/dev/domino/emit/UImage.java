package dev.domino.emit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * U-Boot legacy images (include/image.h), as {@code mkimage -A arm64 -O linux -T script -C none}
 * writes them: a 64-byte header with header and data CRC32, then the list of part sizes ended by
 * 0, then the script; and as {@code mkimage -A arm -T kernel -C none -a ADDR -e ADDR} wraps a
 * kernel (an arm32 Xen for bootm, as ImageBuilder does).
 */
public final class UImage {
	static final int MAGIC = 0x27051956;
	static final int HEADER_SIZE = 64;
	static final int OS_LINUX = 5;
	static final int ARCH_ARM = 2;
	static final int ARCH_ARM64 = 22;
	static final int TYPE_KERNEL = 2;
	static final int TYPE_SCRIPT = 6;
	static final int COMP_NONE = 0;

	private UImage() {
	}

	public static byte[] script(byte[] script, long loadAddress, boolean arm64, String name, long timestamp) {
		ByteBuffer payload = ByteBuffer.allocate(8 + script.length);
		payload.putInt(script.length).putInt(0).put(script);
		return image(payload.array(), TYPE_SCRIPT, loadAddress, loadAddress, arm64, name, timestamp);
	}

	/** A kernel image U-Boot's bootm copies to {@code load} and enters at {@code entry}. */
	public static byte[] kernel(byte[] kernel, long load, long entry, boolean arm64, String name, long timestamp) {
		return image(kernel, TYPE_KERNEL, load, entry, arm64, name, timestamp);
	}

	private static byte[] image(byte[] data, int type, long load, long entry, boolean arm64, String name,
			long timestamp) {
		ByteBuffer out = ByteBuffer.allocate(HEADER_SIZE + data.length);
		out.putInt(MAGIC);
		out.putInt(0); // header CRC, filled below
		out.putInt((int) timestamp);
		out.putInt(data.length);
		out.putInt((int) load);
		out.putInt((int) entry);
		out.putInt((int) crc(data, 0, data.length));
		out.put((byte) OS_LINUX);
		out.put((byte) (arm64 ? ARCH_ARM64 : ARCH_ARM));
		out.put((byte) type);
		out.put((byte) COMP_NONE);
		byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
		out.put(nameBytes, 0, Math.min(31, nameBytes.length));
		out.position(HEADER_SIZE);
		out.put(data);
		byte[] image = out.array();
		ByteBuffer.wrap(image).putInt(4, (int) crc(image, 0, HEADER_SIZE));
		return image;
	}

	static long crc(byte[] bytes, int offset, int length) {
		CRC32 crc = new CRC32();
		crc.update(bytes, offset, length);
		return crc.getValue();
	}
}
