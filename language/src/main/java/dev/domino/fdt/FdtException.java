package dev.domino.fdt;

/** A DTB that cannot be read: bad magic, truncated, offsets outside the blob. */
public final class FdtException extends Exception {
	private static final long serialVersionUID = 1L;

	public FdtException(String message) {
		super(message);
	}
}
