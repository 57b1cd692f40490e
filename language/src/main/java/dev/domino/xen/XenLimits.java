package dev.domino.xen;

/** Fixed limits of Xen on Arm. */
public final class XenLimits {
	private XenLimits() {
	}

	/** Boot modules Xen records, Xen and the DTB included (MAX_MODULES in asm/setup.h, bootinfo.h). */
	public static final int MAX_MODULES = 32;
	/** Characters of a command line Xen keeps (BOOTMOD_MAX_CMDLINE 1024, the last one the NUL). */
	public static final int MAX_COMMAND_LINE = 1023;
	/** Characters of one Xen command-line option Xen reads (MAX_PARAM_SIZE 128: RELEASE-4.17.0:xen/include/xen/param.h:30). */
	public static final int MAX_OPTION = 127;
	/** Characters of a shared-memory id (MAX_SHM_ID_LENGTH 16: RELEASE-4.17.0:xen/arch/arm/include/asm/setup.h:47). */
	public static final int MAX_SHM_ID = 15;
	/** The last event-channel port of a dom0less domain (RELEASE-4.17.0:xen/arch/arm/domain_build.c:3868). */
	public static final long MAX_EVTCHN_PORT = 1023;
	/** Characters of a domain node's name Xen keeps with its module command lines (DT_MAX_NAME 41). */
	public static final int MAX_NODE_NAME = 40;
	/** Characters of a module node's path (a 92-byte buffer: RELEASE-4.12.0:xen/arch/arm/bootfdt.c:176-187). */
	public static final int MAX_MODULE_PATH = 91;
	/** vCPUs of a guest with a virtual GICv2 (RELEASE-4.17.0:xen/arch/arm/vgic.c:712-727). */
	public static final int GICV2_VCPUS = 8;
	/** MAX_VIRT_CPUS: 128 on arm64, 8 on arm32 (RELEASE-4.17.0:xen/arch/arm/include/asm/config.h). */
	public static final int MAX_VCPUS_ARM64 = 128;
	public static final int MAX_VCPUS_ARM32 = 8;
}
