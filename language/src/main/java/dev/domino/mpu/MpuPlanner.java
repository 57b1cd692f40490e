package dev.domino.mpu;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.domino.model.BootModule;
import dev.domino.model.Device;
import dev.domino.model.Domain;
import dev.domino.model.Owner;
import dev.domino.model.Passthrough;
import dev.domino.model.Region;
import dev.domino.model.RegionKind;
import dev.domino.model.Section;
import dev.domino.model.SharedMemory;
import dev.domino.model.SourceLocation;
import dev.domino.model.SystemModel;
import dev.domino.model.U64;
import dev.domino.placement.PlacedRegion;
import dev.domino.placement.PlacedSystem;
import dev.domino.xen.XenMpu;

/**
 * Plans the MPU regions of an Armv8-R system from the placed model. Adjacent ranges of one owner
 * with the same attributes merge into one region; automatic sections become the smallest
 * 4 KiB-aligned range around what they hold.
 */
public final class MpuPlanner {
	private MpuPlanner() {
	}

	public static MpuPlan plan(PlacedSystem placed) {
		SystemModel system = placed.model();
		List<MpuRegion> xen = new ArrayList<>();
		BootModule image = system.xen().image();
		PlacedRegion imageAt = image == null ? null : placed.at(image.region());
		if (imageAt != null) {
			PlacedRegion r = imageAt;
			int parts = system.xen().mpuImageRegions() == null ? XenMpu.IMAGE_REGIONS
					: system.xen().mpuImageRegions();
			// Xen's linker script page-aligns its sections, so the image ends on a page boundary
			long end = U64.alignUp(r.base() + r.size(), XenMpu.XEN_GRANULE);
			xen.add(new MpuRegion(r.base(), end - 1, MpuRegion.Attributes.XEN_IMAGE, "xen",
					"image (" + XenMpu.IMAGE_PARTS + ")", parts, true, r.where()));
		}
		for (Device d : system.board().devices()) {
			if (!usedByXen(system, d)) {
				continue;
			}
			for (MpuRegion m : merge(regionsOf(placed, d.regs(), MpuRegion.Attributes.RW_DEVICE, "xen",
					"device " + d.name() + (isConsole(system, d) ? " (early UART)" : "")))) {
				xen.add(m);
			}
		}
		PlacedRegion h = placed.at(system.xen().heap());
		if (h != null) {
			xen.add(new MpuRegion(h.base(), h.last(), MpuRegion.Attributes.RW_NORMAL, "xen", "static heap", 1, true,
					h.where()));
		}
		xen.add(new MpuRegion(0, 0, MpuRegion.Attributes.RW_NORMAL, "xen", "frame table (allocated at boot)",
				XenMpu.FRAME_TABLE_REGIONS, false, system.where()));
		PlacedRegion dtb = placed.at(system.boot().deviceTree());
		if (dtb != null) {
			xen.add(new MpuRegion(dtb.base(), dtb.last(), MpuRegion.Attributes.RO_NORMAL, "xen", "boot-time DTB",
					XenMpu.BOOT_DTB_REGIONS, true, dtb.where()));
		}

		Map<String, List<MpuRegion>> domains = new LinkedHashMap<>();
		for (Domain d : system.domains()) {
			List<MpuRegion> regions = new ArrayList<>();
			regions.addAll(regionsOf(placed, d.staticBanks(), MpuRegion.Attributes.RW_NORMAL, d.name(),
					"static memory"));
			for (SharedMemory s : system.sharedMemories()) {
				PlacedRegion host = placed.at(s.host());
				if (isPeer(s, d.name()) && host != null) {
					regions.add(region(host, MpuRegion.Attributes.RW_NORMAL, d.name(), "shared memory " + s.name()));
				}
			}
			List<MpuRegion> normal = merge(regions);
			List<MpuRegion> devices = new ArrayList<>();
			for (Passthrough p : d.passthroughs()) {
				devices.addAll(regionsOf(placed, p.device().regs(), MpuRegion.Attributes.RW_DEVICE, d.name(),
						"passthrough " + p.device().name()));
			}
			List<MpuRegion> all = new ArrayList<>(normal);
			all.addAll(merge(devices));
			domains.put(d.name(), all);
		}

		Map<Section.Kind, PlacedRegion> sections = new EnumMap<>(Section.Kind.class);
		for (Section s : system.sections()) {
			PlacedRegion region = s.region() != null ? placed.at(s.region()) : hull(placed, s);
			if (region != null) {
				sections.put(s.kind(), region);
			}
		}
		Long start = system.xen().startAddress();
		if (start == null && imageAt != null) {
			start = imageAt.base();
		}
		return new MpuPlan(system.board().mpuRegions(), xen, domains, sections, start);
	}

	/** Devices Xen maps itself: the interrupt controller, IOMMUs, its console, and any marked used-by-xen. */
	public static boolean usedByXen(SystemModel system, Device d) {
		return d.declaredUsedByXen() || d.isInterruptController() || d.isIommu() || isConsole(system, d);
	}

	/** The UART named by dtuart= in Xen's command line (a DT path or an alias of the device name). */
	public static boolean isConsole(SystemModel system, Device d) {
		if (system.xen() == null || system.xen().bootargs() == null) {
			return false;
		}
		for (String arg : system.xen().bootargs().split("\\s+")) {
			if (arg.startsWith("dtuart=")) {
				String target = arg.substring("dtuart=".length()).replaceFirst(",.*$", "");
				return target.equals(d.dtPath()) || target.equals(d.name());
			}
		}
		return false;
	}

	private static boolean isPeer(SharedMemory s, String domain) {
		return s.owner() != null && s.owner().domain().name().equals(domain)
				|| s.borrowers().stream().anyMatch(b -> b.domain().name().equals(domain));
	}

	private static List<MpuRegion> regionsOf(PlacedSystem placed, List<Region> ranges,
			MpuRegion.Attributes attributes, String owner, String what) {
		List<MpuRegion> out = new ArrayList<>();
		for (Region r : ranges) {
			PlacedRegion p = placed.at(r);
			if (p != null) {
				out.add(region(p, attributes, owner, what));
			}
		}
		return out;
	}

	private static MpuRegion region(PlacedRegion r, MpuRegion.Attributes attributes, String owner, String what) {
		return new MpuRegion(r.base(), r.last(), attributes, owner, what, 1, true, r.where());
	}

	/** Sorts by base and merges ranges that touch and share owner and attributes. */
	static List<MpuRegion> merge(List<MpuRegion> regions) {
		List<MpuRegion> sorted = new ArrayList<>(regions);
		sorted.sort(Comparator.comparing(MpuRegion::base, Long::compareUnsigned));
		List<MpuRegion> out = new ArrayList<>();
		for (MpuRegion r : sorted) {
			if (!out.isEmpty()) {
				MpuRegion last = out.get(out.size() - 1);
				if (last.attributes() == r.attributes() && last.owner().equals(r.owner()) && last.limit() != -1L
						&& U64.ge(last.limit() + 1, r.base())) {
					String what = last.what().equals(r.what()) ? last.what() : last.what() + " + " + r.what();
					out.set(out.size() - 1, new MpuRegion(last.base(), U64.max(last.limit(), r.limit()),
							last.attributes(), last.owner(), what, 1, true, last.where()));
					continue;
				}
			}
			out.add(r);
		}
		return out;
	}

	/** An automatic section: the 4 KiB-aligned hull of what belongs in it. */
	private static PlacedRegion hull(PlacedSystem placed, Section s) {
		List<PlacedRegion> members = new ArrayList<>();
		for (PlacedRegion r : placed.regions()) {
			if (belongsTo(r.region(), s.kind())) {
				members.add(r);
			}
		}
		if (members.isEmpty()) {
			return null;
		}
		long base = -1L;
		long last = 0;
		for (PlacedRegion r : members) {
			base = U64.min(base, r.base());
			last = U64.max(last, r.last());
		}
		base = U64.alignDown(base, XenMpu.XEN_GRANULE);
		try {
			last = U64.alignUp(last + 1, XenMpu.XEN_GRANULE) - 1;
		} catch (ArithmeticException e) {
			last = -1L;
		}
		SourceLocation where = s.where();
		return new PlacedRegion(Region.fixed("section." + s.kind().keyword(), RegionKind.SECTION,
				new Owner(Owner.Kind.SECTION, s.kind().keyword()), "section " + s.kind().keyword(), base,
				last - base + 1, where), base);
	}

	/** Which ranges a section holds: boot files, guest memory, or device registers. */
	public static boolean belongsTo(Region r, Section.Kind kind) {
		return switch (kind) {
		case BOOT_MODULES -> r.kind() == RegionKind.MODULE || r.kind() == RegionKind.BOOT_SCRIPT
				|| r.kind() == RegionKind.HOST_DTB || r.kind() == RegionKind.XEN_IMAGE;
		case GUEST_MEMORY -> r.kind() == RegionKind.STATIC_MEMORY || r.kind() == RegionKind.SHARED_MEMORY;
		case DEVICE_MEMORY -> r.kind() == RegionKind.DEVICE;
		};
	}
}
