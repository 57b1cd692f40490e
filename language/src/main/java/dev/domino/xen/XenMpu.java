package dev.domino.xen;

/**
 * The regions Xen programs for itself on an Armv8-R64 board (Xen arm64/mpu/head.S and
 * mpu/mm.c): its image split into text, rodata, data, init text and init data+bss; the early
 * UART; the static heap; the frame table; each device Xen maps (interrupt controller ranges,
 * SMMU, console); and the boot-time device tree. The image count can be overridden per system
 * ({@code mpu-image-regions N} in the xen block) for builds whose linker script differs.
 */
public final class XenMpu {
	public static final int IMAGE_REGIONS = 5;
	public static final String IMAGE_PARTS = "text RX, rodata RO, data RW, init text RX, init data+bss RW";
	public static final int FRAME_TABLE_REGIONS = 1;
	public static final int BOOT_DTB_REGIONS = 1;
	/** PMSAv8-64: PRBAR/PRLAR address bits [47:6]. */
	public static final long HARDWARE_GRANULE = 64;
	/** Xen maps with its page granularity. */
	public static final long XEN_GRANULE = 4096;

	private XenMpu() {
	}
}
