package dev.domino.files;

import java.nio.file.Path;

/**
 * What Domino knows about one input file: whether it can be read, its size, its type and,
 * for kernel images, the memory it occupies once loaded (the header's image size, which
 * counts the BSS that the file does not contain) and its text offset (arm64). {@code modified}
 * (milliseconds, 0 when the file could not be read) tells whether the file has changed since.
 * For a gzip file, {@code unpacked} describes what it holds (Xen unpacks a gzip'd kernel).
 */
public record FileFacts(Path path, Status status, long size, FileType type, long imageSize, long textOffset,
		String problem, long modified, FileFacts unpacked) {

	public enum Status {
		OK, MISSING, NOT_A_FILE, UNREADABLE, EMPTY
	}

	public static FileFacts problem(Path path, Status status, String problem) {
		return new FileFacts(path, status, 0, FileType.UNKNOWN, 0, 0, problem, 0, null);
	}

	public boolean ok() {
		return status == Status.OK;
	}

	/** The room the file needs in memory: max(file size, image size from the header). */
	public long footprint() {
		return Long.compareUnsigned(size, imageSize) >= 0 ? size : imageSize;
	}

	/** The kernel Xen loads: the file, or what a gzip file holds. */
	public FileFacts kernel() {
		return type == FileType.GZIP && unpacked != null ? unpacked : this;
	}
}
