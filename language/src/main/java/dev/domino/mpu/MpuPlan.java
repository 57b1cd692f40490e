package dev.domino.mpu;

import java.util.List;
import java.util.Map;

import dev.domino.model.Section;
import dev.domino.placement.PlacedRegion;

/**
 * The planned MPU regions of a system: Xen's fixed part, always programmed, and each domain's
 * part, programmed while that domain runs; the region budget of the board; the sections the
 * system uses (given, or computed from what was placed); and Xen's start address.
 */
public record MpuPlan(int budget, List<MpuRegion> xen, Map<String, List<MpuRegion>> domains,
		Map<Section.Kind, PlacedRegion> sections, Long xenStart) {

	public int xenCount() {
		return xen.stream().mapToInt(MpuRegion::count).sum();
	}

	public int domainCount(String domain) {
		return domains.getOrDefault(domain, List.of()).stream().mapToInt(MpuRegion::count).sum();
	}

	/** "ctrl: 3 + Xen 9 = 12 of 16" */
	public String usage(String domain) {
		int d = domainCount(domain);
		return domain + ": " + d + " + Xen " + xenCount() + " = " + (d + xenCount()) + " of " + budget;
	}
}
