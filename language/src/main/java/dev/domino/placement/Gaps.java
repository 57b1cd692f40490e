package dev.domino.placement;

import dev.domino.model.Region;
import dev.domino.model.RegionKind;
import dev.domino.xen.Alignment;
import dev.domino.xen.ImageBuilder;

/** Finds free space for quick fixes: the next gap where a range fits without touching anything. */
public final class Gaps {
	private Gaps() {
	}

	/** The alignment a range of this kind needs when Domino moves it. */
	public static long alignmentFor(Region r) {
		return switch (r.kind()) {
		case MODULE, XEN_IMAGE, BOOT_SCRIPT, HOST_DTB -> ImageBuilder.MODULE_STEP;
		case STATIC_HEAP -> Alignment.HEAP;
		default -> Alignment.PAGE;
		};
	}

	/** The lowest base above the range's current base where it fits in its container; null if none. */
	public static Long nextFree(PlacedSystem placed, PlacedRegion r) {
		PlacedRegion container = container(placed, r);
		if (container == null) {
			return null;
		}
		FreeSpace space = new FreeSpace();
		space.add(container.base(), container.size());
		for (PlacedRegion other : placed.regions()) {
			if (other.region() == r.region() || other.wraps() || other.kind() == RegionKind.RAM_BANK
					|| other.kind() == RegionKind.SECTION) {
				continue;
			}
			space.remove(other.base(), other.size());
		}
		return space.firstFitUp(r.base(), r.size(), alignmentFor(r.region()));
	}

	private static PlacedRegion container(PlacedSystem placed, PlacedRegion r) {
		if (placed.model().isBoardOnly()) {
			return null;
		}
		switch (r.kind()) {
		case MODULE, XEN_IMAGE, BOOT_SCRIPT, HOST_DTB:
			return placed.at(Placer.bootArea(placed.model()));
		default:
			for (Region bank : placed.model().board().banks()) {
				PlacedRegion b = placed.at(bank);
				if (b.contains(r.base())) {
					return b;
				}
			}
			return null;
		}
	}
}
