package dev.domino.rules;

import java.util.ArrayList;
import java.util.List;

import dev.domino.diagnostics.Report;
import dev.domino.diagnostics.Report.RuleReport;
import dev.domino.model.Region;
import dev.domino.model.RegionKind;
import dev.domino.model.Section;
import dev.domino.model.SystemModel;
import dev.domino.model.U64;
import dev.domino.mpu.MpuPlan;
import dev.domino.mpu.MpuPlanner;
import dev.domino.placement.Gaps;
import dev.domino.placement.PlacedRegion;
import dev.domino.placement.PlacedSystem;

/**
 * overlap: two ranges that must not share an address do. Memory banks and devices form the
 * board's address decoder; everything loaded or reserved in RAM must be disjoint (and off the
 * devices); an MPU section holds only its own kind of range. Xen 4.17 does not check boot
 * modules at all: it boots, then dies in page_alloc.c.
 */
final class OverlapRule implements Rule {
	static final int PARTNERS_PER_RANGE = 8;

	@Override
	public void check(CheckContext context, RuleReport report) {
		SystemModel system = context.system();
		List<PlacedRegion> regions = new ArrayList<>(context.placed().regions());
		MpuPlan plan = context.mpuPlan();
		if (plan != null) {
			for (Section s : system.sections()) {
				if (s.region() == null && plan.sections().containsKey(s.kind())) {
					regions.add(plan.sections().get(s.kind()));
				}
			}
		}
		java.util.Map<Region, Integer> order = new java.util.IdentityHashMap<>(system.regions().size());
		for (Region r : system.regions()) {
			order.put(r, order.size());
		}
		Sweep.run(regions, OverlapRule::conflicts, PARTNERS_PER_RANGE,
				(a, b) -> report(context.placed(), order, a, b, report));
	}

	static boolean conflicts(PlacedRegion a, PlacedRegion b) {
		RegionKind ka = a.kind();
		RegionKind kb = b.kind();
		if (ka == RegionKind.RAM_BANK || kb == RegionKind.RAM_BANK) {
			RegionKind other = ka == RegionKind.RAM_BANK ? kb : ka;
			return other == RegionKind.RAM_BANK || other == RegionKind.DEVICE;
		}
		if (ka == RegionKind.SECTION || kb == RegionKind.SECTION) {
			if (ka == RegionKind.SECTION && kb == RegionKind.SECTION) {
				return true;
			}
			PlacedRegion section = ka == RegionKind.SECTION ? a : b;
			PlacedRegion other = section == a ? b : a;
			return !MpuPlanner.belongsTo(other.region(), sectionKind(section));
		}
		if (ka == RegionKind.DEVICE && kb == RegionKind.DEVICE) {
			return !a.owner().equals(b.owner());
		}
		return a.region() != b.region();
	}

	private static Section.Kind sectionKind(PlacedRegion section) {
		for (Section.Kind k : Section.Kind.values()) {
			if (section.owner().name().equals(k.keyword())) {
				return k;
			}
		}
		return Section.Kind.BOOT_MODULES;
	}

	/** How fundamental a range is: the diagnostic goes on the less fundamental one of a pair. */
	private static int rank(PlacedRegion r) {
		return switch (r.kind()) {
		case RAM_BANK, DEVICE, RESERVED -> 0;
		case SECTION -> 1;
		default -> 2;
		};
	}

	private static void report(PlacedSystem placed, java.util.Map<Region, Integer> order, PlacedRegion a,
			PlacedRegion b, RuleReport report) {
		PlacedRegion primary;
		PlacedRegion other;
		if (rank(a) != rank(b)) {
			primary = rank(a) > rank(b) ? a : b;
		} else {
			// the later declaration is the one to move
			primary = order.getOrDefault(a.region(), -1) > order.getOrDefault(b.region(), -1) ? a : b;
		}
		other = primary == a ? b : a;
		long[] common = Sweep.intersection(a, b);
		long bytes = common[1] - common[0] + 1;
		String message = primary.label() + " " + primary.describeRange() + " overlaps " + other.label() + " "
				+ other.describeRange() + " by " + (bytes == 0 ? "2^64 bytes" : U64.size(bytes)) + " at "
				+ U64.range(common[0], bytes);
		Report.Builder b2 = report.at(primary.where(), message).related(other.where(),
				other.label() + " " + other.describeRange() + " is declared here");
		if (primary.region().addressWhere() != null && primary.region().isFixed()) {
			Long gap = Gaps.nextFree(placed, primary);
			if (gap != null) {
				b2.fix(Fixes.replace("Move " + primary.label() + " to the next free gap at " + U64.hex(gap),
						primary.region().addressWhere(), gap));
			}
		}
		b2.emit();
	}
}
