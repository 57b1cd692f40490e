package dev.domino.placement;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.domino.model.BootConfig;
import dev.domino.model.BootModule;
import dev.domino.model.Domain;
import dev.domino.model.Region;
import dev.domino.model.RegionKind;
import dev.domino.model.Section;
import dev.domino.model.SharedMemory;
import dev.domino.model.Span;
import dev.domino.model.SystemModel;
import dev.domino.model.U64;
import dev.domino.xen.ImageBuilder;

/**
 * Gives every automatic region its address, deterministically.
 * <ul>
 * <li>Boot files follow ImageBuilder's uboot-script-gen: the boot script first, then each
 * domain's kernel, ramdisk and device tree in domain order (a shared module once), then Xen,
 * then the DTB last, each at the next 2 MiB boundary inside the boot window, skipping reserved
 * memory and anything fixed.</li>
 * <li>The static heap, static memory banks and shared memory are taken from the top of free RAM,
 * in that order, each at its alignment; one owner's ranges end up adjacent, which on MPU boards
 * lets their regions merge.</li>
 * </ul>
 * Whatever does not fit stays unplaced, with the reason (the {@code contain} rule reports it).
 * The model is not changed: the result is a {@link Placement}.
 */
public final class Placer {
	private final SystemModel system;
	private final Map<Region, Long> bases = new IdentityHashMap<>();
	private final List<Placement.Unplaced> unplaced = new ArrayList<>();

	private Placer(SystemModel system) {
		this.system = system;
	}

	public static Placement place(SystemModel system) {
		if (system.isBoardOnly()) {
			return Placement.NONE;
		}
		Placer placer = new Placer(system);
		List<Region> obstacles = new ArrayList<>();
		for (Region r : system.regions()) {
			if (r.isFixed() && r.kind() != RegionKind.RAM_BANK && r.kind() != RegionKind.SECTION
					&& !new Span(r.fixedBase(), r.size()).wraps()) {
				obstacles.add(r);
			}
		}
		placer.placeBootFiles(obstacles);
		placer.placeRam(obstacles);
		return new Placement(placer.bases, placer.unplaced);
	}

	private Long base(Region r) {
		return r.isFixed() ? Long.valueOf(r.fixedBase()) : bases.get(r);
	}

	private void placeBootFiles(List<Region> obstacles) {
		BootConfig boot = system.boot();
		Region window = bootArea(system);
		if (window == null || window.isAuto()) {
			return;
		}
		FreeSpace space = new FreeSpace();
		space.add(window.fixedBase(), window.size());
		for (Region r : obstacles) {
			space.remove(r.fixedBase(), r.size());
		}
		List<Region> order = new ArrayList<>();
		if (boot.script() != null) {
			order.add(boot.script());
		}
		for (BootModule m : system.modules()) {
			order.add(m.region());
		}
		order.add(boot.deviceTree());
		long cursor = window.fixedBase();
		for (Region r : order) {
			if (!r.isAuto()) {
				continue;
			}
			Long base = space.firstFitUp(cursor, r.size(), r.align());
			if (base == null) {
				unplaced.add(new Placement.Unplaced(r, "no room for the " + r.label() + " (" + U64.size(r.size())
						+ ") in the " + window.label() + " " + U64.range(window.fixedBase(), window.size()) + " after "
						+ U64.hex(cursor) + ": widen the window or move fixed ranges out of it", window.where(),
						"the " + window.label()));
				continue;
			}
			bases.put(r, base);
			space.remove(base, r.size());
			try {
				cursor = U64.alignUp(U64.add(base, r.size()), ImageBuilder.MODULE_STEP);
			} catch (ArithmeticException e) {
				cursor = -1L;
			}
		}
	}

	/** Where boot files go: the boot-modules section of an MPU system if fixed, else the boot window. */
	public static Region bootArea(SystemModel system) {
		Region section = system.section(Section.Kind.BOOT_MODULES).map(Section::region).orElse(null);
		return section != null ? section : system.boot().window();
	}

	private void placeRam(List<Region> obstacles) {
		List<Region> wanted = new ArrayList<>();
		if (system.xen().heap() != null) {
			wanted.add(system.xen().heap());
		}
		for (Domain d : system.domains()) {
			wanted.addAll(d.staticBanks());
		}
		for (SharedMemory s : system.sharedMemories()) {
			wanted.add(s.host());
		}
		if (wanted.stream().noneMatch(Region::isAuto)) {
			return;
		}
		List<Region> taken = new ArrayList<>(obstacles);
		for (BootModule m : system.modules()) {
			taken.add(m.region());
		}
		if (system.boot().script() != null) {
			taken.add(system.boot().script());
		}
		taken.add(system.boot().deviceTree());
		Region guestSection = system.section(Section.Kind.GUEST_MEMORY).map(Section::region).orElse(null);
		// two pools of free RAM, built once: guest memory (inside the guest-memory section when there
		// is one) and everything else (outside every section); what one takes the other loses too
		FreeSpace guest = freeRam(guestSection, taken);
		FreeSpace other = guestSection == null ? guest : freeRam(null, taken);
		for (Region r : wanted) {
			if (!r.isAuto()) {
				continue;
			}
			boolean guestMemory = r.kind() == RegionKind.STATIC_MEMORY || r.kind() == RegionKind.SHARED_MEMORY;
			FreeSpace space = guestMemory ? guest : other;
			Long base = space.firstFitDown(r.size(), r.align());
			if (base == null) {
				unplaced.add(new Placement.Unplaced(r, "no room for the " + r.label() + " (" + U64.size(r.size())
						+ ", aligned to " + U64.size(r.align()) + ") in free RAM"
						+ (guestMemory && guestSection != null ? " of the guest-memory section" : "")
						+ "; the largest free range is " + U64.size(space.largest()), null, null));
				continue;
			}
			bases.put(r, base);
			guest.remove(base, r.size());
			if (other != guest) {
				other.remove(base, r.size());
			}
		}
	}

	/** Free RAM: the banks (within {@code within} when given), less other sections and what is taken. */
	private FreeSpace freeRam(Region within, List<Region> taken) {
		FreeSpace space = new FreeSpace();
		for (Region bank : system.board().banks()) {
			addIntersection(space, new Span(bank.fixedBase(), bank.size()),
					within == null ? null : new Span(within.fixedBase(), within.size()));
		}
		for (Section s : system.sections()) {
			if (s.region() != null && s.region() != within) {
				space.remove(s.region().fixedBase(), s.region().size());
			}
		}
		for (Region t : taken) {
			Long base = base(t);
			if (base != null) {
				space.remove(base, t.size());
			}
		}
		return space;
	}

	private static void addIntersection(FreeSpace space, Span bank, Span within) {
		if (within == null) {
			space.add(bank.base(), bank.size());
			return;
		}
		long base = U64.max(bank.base(), within.base());
		long last = U64.min(bank.last(), within.last());
		if (U64.le(base, last)) {
			space.add(base, last - base + 1);
		}
	}
}
