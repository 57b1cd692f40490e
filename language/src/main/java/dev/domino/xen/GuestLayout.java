package dev.domino.xen;

import java.util.ArrayList;
import java.util.List;

/**
 * The guest physical address map Xen gives a domain that is not direct-mapped
 * (RELEASE-4.17.0:xen/include/public/arch-arm.h:394-481, the same values through 4.22). The guest's
 * virtual GIC is the host's version (RELEASE-4.17.0:xen/arch/arm/domain_build.c:3860, domain.c:653-669):
 * a GICv2 host gives GICD + GICC, a GICv3 host GICD + the redistributors.
 */
public final class GuestLayout {
	public record Area(String name, long base, long size) {
		public long last() {
			return base + size - 1;
		}
	}

	public static final Area GICV2_GICD = new Area("virtual GICv2 distributor (GUEST_GICD_BASE)", 0x03001000L, 0x1000L);
	public static final Area GICV2_GICC = new Area("virtual GICv2 CPU interface (GUEST_GICC_BASE)", 0x03002000L,
			0x2000L);
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

	/**
	 * What a guest has at fixed guest addresses: its vGIC, vPL011, grant table and magic pages, and
	 * its RAM. RAM bank 0 holds the first 3 GiB of its memory, bank 1 the rest
	 * (RELEASE-4.17.0:xen/arch/arm/domain_build.c:457-478). With xen,enhanced Xen also offers the rest
	 * of both banks' windows as extended regions (domain_build.c:1724-1752), so they count as taken.
	 */
	public static List<Area> areas(int gicVersion, boolean vpl011, long memory, boolean enhanced) {
		List<Area> out = new ArrayList<>();
		if (gicVersion == 2) {
			out.add(GICV2_GICD);
			out.add(GICV2_GICC);
		} else {
			out.add(GICD);
			out.add(GICR);
		}
		if (vpl011) {
			out.add(VPL011);
		}
		out.add(GRANT_TABLE);
		out.add(MAGIC);
		if (enhanced) {
			out.add(RAM0);
			out.add(RAM1);
			return out;
		}
		long bank0 = Long.compareUnsigned(memory, RAM0.size()) < 0 ? memory : RAM0.size();
		if (bank0 != 0) {
			out.add(new Area("the domain's RAM (guest bank 0)", RAM0.base(), bank0));
		}
		if (memory - bank0 != 0) {
			out.add(new Area("the domain's RAM (guest bank 1)", RAM1.base(), memory - bank0));
		}
		return out;
	}
}
