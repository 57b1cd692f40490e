package dev.domino.placement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.domino.model.Region;
import dev.domino.model.SystemModel;

/**
 * The placed model: the resolved model and the placement made for it. Rules, the MPU planner and
 * the emitters read addresses only through here, so every placed address has one visible path from
 * the placer to the outputs.
 */
public final class PlacedSystem {
	private final SystemModel model;
	private final Placement placement;
	private List<PlacedRegion> regions;

	public PlacedSystem(SystemModel model, Placement placement) {
		this.model = model;
		this.placement = placement;
	}

	public SystemModel model() {
		return model;
	}

	public Placement placement() {
		return placement;
	}

	/** The region with its address, or null when it is automatic and did not fit (or is absent). */
	public PlacedRegion at(Region r) {
		if (r == null) {
			return null;
		}
		Long base = placement.base(r);
		return base == null ? null : new PlacedRegion(r, base);
	}

	public boolean isPlaced(Region r) {
		return r != null && placement.base(r) != null;
	}

	/** The address of a region known to be placed. */
	public long base(Region r) {
		Long base = placement.base(r);
		if (base == null) {
			throw new IllegalStateException(r.id() + " is not placed");
		}
		return base;
	}

	/** Every placed range of the system, board ranges first, in the model's stable order. */
	public List<PlacedRegion> regions() {
		if (regions == null) {
			List<PlacedRegion> all = new ArrayList<>();
			for (Region r : model.regions()) {
				PlacedRegion p = at(r);
				if (p != null) {
					all.add(p);
				}
			}
			regions = Collections.unmodifiableList(all);
		}
		return regions;
	}
}
