package dev.domino.rules;

import java.util.ArrayList;
import java.util.List;

import dev.domino.diagnostics.Report.RuleReport;
import dev.domino.model.U64;
import dev.domino.mpu.MpuPlan;
import dev.domino.mpu.MpuRegion;
import dev.domino.xen.XenMpu;

/**
 * align-mpu: an MPU region's base and end are multiples of 64 bytes (PRBAR/PRLAR keep bits
 * [47:6]); Xen maps everything with 4 KiB granularity, so every planned region must be
 * 4 KiB aligned to be mapped as written.
 */
final class AlignMpuRule implements Rule {
	@Override
	public void check(CheckContext context, RuleReport report) {
		MpuPlan plan = context.mpuPlan();
		if (plan == null) {
			return;
		}
		for (dev.domino.placement.PlacedRegion section : plan.sections().values()) {
			if (!U64.isAligned(section.base(), XenMpu.XEN_GRANULE)
					|| !U64.isAligned(section.size(), XenMpu.XEN_GRANULE)) {
				report.at(section.where(), section.label() + " " + section.describeRange()
						+ " is not 4 KiB aligned: Xen maps sections with 4 KiB granularity").emit();
			}
		}
		List<MpuRegion> all = new ArrayList<>(plan.xen());
		plan.domains().values().forEach(all::addAll);
		for (MpuRegion r : all) {
			if (!r.hasRange()) {
				continue;
			}
			long end = r.limit() + 1;
			String range = U64.range(r.base(), r.size());
			if (!U64.isAligned(r.base(), XenMpu.HARDWARE_GRANULE)
					|| !U64.isAligned(end, XenMpu.HARDWARE_GRANULE)) {
				report.at(r.where(), "MPU region for " + r.owner() + " (" + r.what() + ") " + range
						+ " is not on 64-byte boundaries: the MPU cannot describe it").emit();
			} else if (!U64.isAligned(r.base(), XenMpu.XEN_GRANULE)
					|| !U64.isAligned(end, XenMpu.XEN_GRANULE)) {
				report.at(r.where(), "MPU region for " + r.owner() + " (" + r.what() + ") " + range
						+ " is not 4 KiB aligned: Xen maps it with 4 KiB granularity").emit();
			}
		}
	}
}
