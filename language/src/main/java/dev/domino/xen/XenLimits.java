package dev.domino.xen;

/** Fixed limits of Xen on Arm. */
public final class XenLimits {
	private XenLimits() {
	}

	/** Boot modules Xen records, Xen and the DTB included (MAX_MODULES in asm/setup.h, bootinfo.h). */
	public static final int MAX_MODULES = 32;
	/** Characters of a command line Xen keeps (BOOTMOD_MAX_CMDLINE 1024, the last one the NUL). */
	public static final int MAX_COMMAND_LINE = 1023;
}
