package dev.domino.rules;

import dev.domino.diagnostics.Fix;
import dev.domino.diagnostics.Report;
import dev.domino.diagnostics.Report.RuleReport;
import dev.domino.model.BootModule;
import dev.domino.model.InputFile;
import dev.domino.model.U64;
import dev.domino.placement.PlacedRegion;
import dev.domino.xen.Alignment;

/**
 * align-dtb: device trees are loaded 8-byte aligned and are at most 2 MiB (arm64 booting.rst, Xen):
 * the base DTB, partial device trees, and the device tree Xen boots with as Domino builds it.
 */
final class AlignDtbRule implements Rule {
	@Override
	public void check(CheckContext context, RuleReport report) {
		var system = context.system();
		InputFile base = system.board().baseDtb();
		if (base != null && base.facts().ok() && U64.gt(base.facts().size(), Alignment.DTB_MAX)) {
			report.at(base.where(), "base-dtb \"" + base.written() + "\" is " + U64.size(base.facts().size())
					+ "; a device tree may be at most 2 MiB (compact it with dtc -I dtb -O dtb)").emit();
		}
		if (system.isBoardOnly()) {
			return;
		}
		if (U64.gt(context.hostTreeSize(), Alignment.DTB_MAX)) {
			report.at(system.where(), "the device tree of system " + system.name() + " is "
					+ U64.size(context.hostTreeSize()) + "; Xen and Linux accept at most 2 MiB").emit();
		}
		PlacedRegion dtb = context.at(system.boot().deviceTree());
		if (dtb != null && !U64.isAligned(dtb.base(), Alignment.DTB)) {
			report.at(dtb.where(), "the device tree is loaded at " + U64.hex(dtb.base())
					+ ", which is not 8-byte aligned").emit();
		}
		for (BootModule m : system.modules()) {
			if (m.role() != BootModule.Role.DTB) {
				continue;
			}
			PlacedRegion r = context.at(m.region());
			if (r != null && !U64.isAligned(r.base(), Alignment.DTB)) {
				Report.Builder b = report.at(r.where(), r.label() + " is loaded at " + U64.hex(r.base())
						+ ", which is not 8-byte aligned");
				for (Fix f : Fixes.align(r, Alignment.DTB)) {
					b.fix(f);
				}
				b.emit();
			}
			if (U64.gt(m.loadSize(), Alignment.DTB_MAX)) {
				report.at(m.region().where(), m.region().label() + " is " + U64.size(m.loadSize())
						+ "; a device tree may be at most 2 MiB").emit();
			}
		}
	}
}
