package dev.domino.xen;

import java.util.List;

/**
 * The guest physical address map Xen gives a non-direct-mapped domain (Xen public/arch-arm.h).
 * Passthrough and shared-memory guest addresses must avoid it.
 */
public final class GuestLayout {
	public record Area(String name, long base, long size) {
		public long last() {
			return base + size - 1;
		}
	}

	public static final Area GICD = new Area("virtual GIC distributor (GUEST_GICV3_GICD_BASE)", 0x03001000L, 0x10000L);
	public static final Area GICR = new Area("virtual GIC redistributors (GUEST_GICV3_GICR0_BASE)", 0x03020000L,
			0x01000000L);
	public static final Area VPL011 = new Area("virtual PL011 (GUEST_PL011_BASE)", 0x22000000L, 0x1000L);
	public static final Area GRANT_TABLE = new Area("grant table (GUEST_GNTTAB_BASE)", 0x38000000L, 0x01000000L);
	public static final Area MAGIC = new Area("magic pages (GUEST_MAGIC_BASE)", 0x39000000L, 0x01000000L);
	public static final Area RAM0 = new Area("guest RAM bank 0 (GUEST_RAM0_BASE, 3 GiB)", 0x40000000L, 0xc0000000L);
	public static final Area RAM1 = new Area("guest RAM bank 1 (GUEST_RAM1_BASE, 1016 GiB)", 0x0200000000L,
			0xfe00000000L);

	/** Where Domino puts shared memory in a non-direct-mapped guest when no address is given: the hole between the RAM banks. */
	public static final long SHARED_MEMORY_WINDOW = 0x100000000L;
	public static final long SHARED_MEMORY_WINDOW_SIZE = 0x100000000L;

	/** The virtual PL011's interrupt: GUEST_VPL011_SPI = INTID 32, which is SPI 0. */
	public static final long VPL011_SPI = 0;

	private GuestLayout() {
	}

	public static List<Area> areas(boolean vpl011) {
		return vpl011 ? List.of(GICD, GICR, VPL011, GRANT_TABLE, MAGIC, RAM0, RAM1)
				: List.of(GICD, GICR, GRANT_TABLE, MAGIC, RAM0, RAM1);
	}
}
