package dev.domino.placement;

import dev.domino.model.Region;
import dev.domino.model.RegionKind;
import dev.domino.model.SystemModel;
import dev.domino.model.U64;
import dev.domino.resolve.ModelBuilder;

/** Finds free space for quick fixes: the next gap where a range fits without touching anything. */
public final class Gaps {
	private Gaps() {
	}

	/** The alignment a range of this kind needs when Domino moves it. */
	public static long alignmentFor(Region r) {
		return switch (r.kind()) {
		case MODULE, XEN_IMAGE, BOOT_SCRIPT, HOST_DTB -> ModelBuilder.MODULE_ALIGN;
		case STATIC_HEAP -> 64 * 1024;
		default -> ModelBuilder.PAGE;
		};
	}

	/** The lowest base above the range's current base where it fits in its container; null if none. */
	public static Long nextFree(SystemModel system, Region r) {
		Region container = container(system, r);
		if (container == null) {
			return null;
		}
		FreeSpace space = new FreeSpace();
		space.add(container.base(), container.size());
		for (Region other : system.regions()) {
			if (other == r || !other.isPlaced() || other.wraps() || other.kind() == RegionKind.RAM_BANK
					|| other.kind() == RegionKind.SECTION) {
				continue;
			}
			space.remove(other.base(), other.size());
		}
		return space.firstFitUp(r.base(), r.size(), alignmentFor(r));
	}

	private static Region container(SystemModel system, Region r) {
		if (system.isBoardOnly()) {
			return null;
		}
		switch (r.kind()) {
		case MODULE, XEN_IMAGE, BOOT_SCRIPT, HOST_DTB:
			return Placer.bootArea(system);
		default:
			for (Region bank : system.board().banks()) {
				if (bank.contains(r.base())) {
					return bank;
				}
			}
			return null;
		}
	}

}
