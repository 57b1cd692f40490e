package dev.domino.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the first bytes of boot files. Results are cached by path, size and modification
 * time, so an editor can re-check a system on every keystroke without touching the disk.
 */
public final class FileInspector {
	static final int HEADER_BYTES = 64;

	private record Key(Path path, long size, long modified) {
	}

	private final Map<Key, FileFacts> cache = new ConcurrentHashMap<>();
	private final Map<Key, TreeResult> trees = new ConcurrentHashMap<>();
	private final Map<Key, Map<String, Boolean>> kconfigs = new ConcurrentHashMap<>();

	/** A device tree read from disk, or why it could not be read. */
	public record TreeResult(dev.domino.fdt.DeviceTree tree, String error) {
	}

	/** Reads a DTB (cached like the facts). The tree returned is shared: copy it before changing it. */
	public TreeResult deviceTree(Path path) {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(path, BasicFileAttributes.class);
		} catch (IOException e) {
			return new TreeResult(null, "cannot be read: " + e.getMessage());
		}
		Key key = new Key(path, attributes.size(), attributes.lastModifiedTime().toMillis());
		return trees.computeIfAbsent(key, k -> {
			try {
				return new TreeResult(dev.domino.fdt.FdtReader.read(Files.readAllBytes(path)), null);
			} catch (IOException e) {
				return new TreeResult(null, "cannot be read: " + e.getMessage());
			} catch (dev.domino.fdt.FdtException e) {
				return new TreeResult(null, e.getMessage());
			}
		});
	}

	/**
	 * A Kconfig .config: {@code CONFIG_X=y} is on, {@code # CONFIG_X is not set} and {@code =n} are
	 * off (other values count as on). Null when it cannot be read. Cached like the facts.
	 */
	public Map<String, Boolean> kconfig(Path path) {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(path, BasicFileAttributes.class);
		} catch (IOException | SecurityException e) {
			return null;
		}
		if (!attributes.isRegularFile() || attributes.size() > (16 << 20)) {
			return null;
		}
		Key key = new Key(path, attributes.size(), attributes.lastModifiedTime().toMillis());
		return kconfigs.computeIfAbsent(key, k -> {
			Map<String, Boolean> out = new java.util.HashMap<>();
			try {
				for (String line : Files.readAllLines(path, java.nio.charset.StandardCharsets.ISO_8859_1)) {
					java.util.regex.Matcher off = NOT_SET.matcher(line);
					if (off.matches()) {
						out.put(off.group(1), false);
					} else if (line.startsWith("CONFIG_") && line.indexOf('=') > 0) {
						out.put(line.substring(0, line.indexOf('=')), !line.endsWith("=n"));
					}
				}
			} catch (IOException e) {
				return Map.of();
			}
			return Map.copyOf(out);
		});
	}

	private static final java.util.regex.Pattern NOT_SET = java.util.regex.Pattern.compile("# (CONFIG_\\w+) is not set");

	public FileFacts inspect(Path path) {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(path, BasicFileAttributes.class);
		} catch (IOException e) {
			if (Files.notExists(path, LinkOption.NOFOLLOW_LINKS) || !Files.exists(path)) {
				return FileFacts.problem(path, FileFacts.Status.MISSING, "does not exist");
			}
			return FileFacts.problem(path, FileFacts.Status.UNREADABLE, "cannot be read: " + e.getMessage());
		}
		if (!attributes.isRegularFile()) {
			return new FileFacts(path, FileFacts.Status.NOT_A_FILE, attributes.size(), FileType.UNKNOWN, 0, 0,
					"is not a regular file", attributes.lastModifiedTime().toMillis(), null);
		}
		Key key = new Key(path, attributes.size(), attributes.lastModifiedTime().toMillis());
		return cache.computeIfAbsent(key, k -> read(path, attributes.size(), k.modified()));
	}

	/** True while the file is as {@code facts} saw it: same size and time, or still not there (an analysis stays valid). */
	public boolean unchanged(FileFacts facts) {
		try {
			BasicFileAttributes now = Files.readAttributes(facts.path(), BasicFileAttributes.class);
			return facts.status() != FileFacts.Status.MISSING && facts.status() != FileFacts.Status.UNREADABLE
					&& now.size() == facts.size()
					&& now.lastModifiedTime().toMillis() == facts.modified();
		} catch (IOException | SecurityException e) {
			return facts.status() == FileFacts.Status.MISSING || facts.status() == FileFacts.Status.UNREADABLE;
		}
	}

	private static FileFacts read(Path path, long size, long modified) {
		if (size == 0) {
			return new FileFacts(path, FileFacts.Status.EMPTY, 0, FileType.UNKNOWN, 0, 0, "is empty", modified, null);
		}
		byte[] head = new byte[(int) Math.min(size, HEADER_BYTES)];
		try (InputStream in = Files.newInputStream(path)) {
			int n = in.readNBytes(head, 0, head.length);
			if (n < head.length) {
				return FileFacts.problem(path, FileFacts.Status.UNREADABLE, "changed while it was read");
			}
		} catch (IOException e) {
			return FileFacts.problem(path, FileFacts.Status.UNREADABLE, "cannot be read: " + e.getMessage());
		}
		Header header = classify(head);
		FileFacts unpacked = header.type == FileType.GZIP ? unpacked(path, size) : null;
		return new FileFacts(path, FileFacts.Status.OK, size, header.type, header.imageSize, header.textOffset, null,
				modified, unpacked);
	}

	/**
	 * What a gzip file holds, as Xen sees it when it unpacks a kernel: the first bytes (for the
	 * image's header) and the size gzip records in its last 4 bytes (ISIZE, mod 2^32:
	 * RELEASE-4.17.0:xen/arch/arm/kernel.c:254-320). Null when the stream cannot be read.
	 */
	private static FileFacts unpacked(Path path, long size) {
		try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(path), 512);
				java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(path)) {
			byte[] head = in.readNBytes(HEADER_BYTES);
			ByteBuffer tail = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
			channel.position(size - 4);
			while (tail.hasRemaining() && channel.read(tail) > 0) {
				// read the 4 bytes
			}
			long isize = Integer.toUnsignedLong(tail.getInt(0));
			Header header = classify(head);
			return new FileFacts(path, FileFacts.Status.OK, isize, header.type, header.imageSize, header.textOffset,
					null, 0, null);
		} catch (IOException | RuntimeException e) {
			return null;
		}
	}

	record Header(FileType type, long imageSize, long textOffset) {
		Header(FileType type, long imageSize) {
			this(type, imageSize, 0);
		}
	}

	/** Recognises a file from its first bytes. Public for tests and the DTB importer. */
	static Header classify(byte[] head) {
		ByteBuffer le = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
		ByteBuffer be = ByteBuffer.wrap(head).order(ByteOrder.BIG_ENDIAN);
		// Linux arm64 booting.rst: magic "ARM\x64" at 56, image_size (u64 LE) at 16.
		if (head.length >= 64 && le.getInt(56) == 0x644d5241) {
			return new Header(FileType.ARM64_IMAGE, le.getLong(16), le.getLong(8));
		}
		// arm32 zImage: magic 0x016f2818 at 0x24, start and end words at 0x28 and 0x2c.
		if (head.length >= 0x30 && le.getInt(0x24) == 0x016f2818) {
			long start = Integer.toUnsignedLong(le.getInt(0x28));
			long end = Integer.toUnsignedLong(le.getInt(0x2c));
			return new Header(FileType.ARM32_ZIMAGE, end > start ? end - start : 0);
		}
		if (head.length >= 4) {
			int magicBe = be.getInt(0);
			if (magicBe == 0xd00dfeed) {
				return new Header(FileType.DTB, 0);
			}
			if (magicBe == 0x27051956) {
				return new Header(FileType.UIMAGE, 0);
			}
			if (magicBe == 0x7f454c46) {
				return new Header(FileType.ELF, 0);
			}
			if (le.getInt(0) == 0xf97cff8c) {
				return new Header(FileType.XSM_POLICY, 0);
			}
			if (le.getInt(0) == 0xfd2fb528) {
				return new Header(FileType.ZSTD, 0);
			}
			if (le.getInt(0) == 0x184d2204 || le.getInt(0) == 0x184c2102) {
				return new Header(FileType.LZ4, 0);
			}
		}
		if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
			return new Header(FileType.GZIP, 0);
		}
		if (head.length >= 6 && head[0] == (byte) 0xfd && head[1] == '7' && head[2] == 'z' && head[3] == 'X'
				&& head[4] == 'Z') {
			return new Header(FileType.XZ, 0);
		}
		if (head.length >= 6 && head[0] == '0' && head[1] == '7' && head[2] == '0' && head[3] == '7'
				&& head[4] == '0' && (head[5] == '1' || head[5] == '2' || head[5] == '7')) {
			return new Header(FileType.CPIO, 0);
		}
		return new Header(FileType.UNKNOWN, 0);
	}
}
