package dev.domino.xen;

/** The alignments Xen, Linux and U-Boot require of what is loaded or mapped, with where each comes from. */
public final class Alignment {
	private Alignment() {
	}

	/** A page: static memory, shared memory, xen,reg and XEN_START_ADDRESS (Xen static-memory.c, only ASSERTed there). */
	public static final long PAGE = 4096;
	/** The static heap, base and size (booting.txt: "xen,static-heap ... 64KB aligned"). */
	public static final long HEAP = 64 * 1024;
	/** An arm64 Image load address (Linux arm64 booting.rst; U-Boot's booti relocates otherwise). */
	public static final long IMAGE = 2L << 20;
	/** A device tree's load address (Linux arm64 booting.rst: 8-byte aligned). */
	public static final long DTB = 8;
	/** A device tree's largest size (Linux arm64 booting.rst, Xen's early mapping: 2 MiB). */
	public static final long DTB_MAX = 2L << 20;
}
