package dev.domino.xen;

/** How ImageBuilder's uboot-script-gen lays out the boot files, which Domino follows. */
public final class ImageBuilder {
	private ImageBuilder() {
	}

	/** Each boot file starts at the next 2 MiB boundary after the previous one. */
	public static final long MODULE_STEP = 2L << 20;
	/** The room kept for the boot script and for the DTB (a DTB may be at most 2 MiB). */
	public static final long SLOT = 2L << 20;
}
