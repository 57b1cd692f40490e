package dev.domino.placement;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.domino.model.Region;
import dev.domino.model.SourceLocation;

/**
 * What placement decided: the address of each automatic region it could fit, and for each one it
 * could not, why (the {@code contain} rule reports those). A value: the model is never changed.
 */
public final class Placement {
	/** An automatic region that did not fit, with the reason and the range it had to fit in. */
	public record Unplaced(Region region, String reason, SourceLocation container, String containerLabel) {
	}

	public static final Placement NONE = new Placement(Map.of(), List.of());

	private final Map<Region, Long> bases;
	private final List<Unplaced> unplaced;

	Placement(Map<Region, Long> bases, List<Unplaced> unplaced) {
		this.bases = new IdentityHashMap<>(bases);
		this.unplaced = List.copyOf(unplaced);
	}

	/** The region's address: written, or chosen; null for an automatic region that did not fit. */
	public Long base(Region r) {
		return r.isFixed() ? Long.valueOf(r.fixedBase()) : bases.get(r);
	}

	public List<Unplaced> unplaced() {
		return unplaced;
	}
}
