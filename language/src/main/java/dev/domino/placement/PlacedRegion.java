package dev.domino.placement;

import dev.domino.model.Owner;
import dev.domino.model.Region;
import dev.domino.model.RegionKind;
import dev.domino.model.SourceLocation;
import dev.domino.model.Span;

/** A region with its address: written in the source, or chosen by placement. */
public record PlacedRegion(Region region, long base) {

	public Span span() {
		return new Span(base, region.size());
	}

	public long size() {
		return region.size();
	}

	public long last() {
		return base + region.size() - 1;
	}

	public long end() {
		return base + region.size();
	}

	public boolean wraps() {
		return span().wraps();
	}

	public boolean contains(long address) {
		return span().contains(address);
	}

	public boolean contains(PlacedRegion other) {
		return span().contains(other.span());
	}

	public boolean overlaps(PlacedRegion other) {
		return span().overlaps(other.span());
	}

	public String describeRange() {
		return span().describe();
	}

	public String id() {
		return region.id();
	}

	public RegionKind kind() {
		return region.kind();
	}

	public Owner owner() {
		return region.owner();
	}

	public String label() {
		return region.label();
	}

	public SourceLocation where() {
		return region.where();
	}

	@Override
	public String toString() {
		return region.label() + " " + describeRange();
	}
}
