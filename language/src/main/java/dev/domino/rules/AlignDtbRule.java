package dev.domino.rules;

import dev.domino.model.BootModule;
import dev.domino.model.InputFile;
import dev.domino.model.Region;
import dev.domino.model.U64;

/** align-dtb: device trees are loaded 8-byte aligned and are at most 2 MiB (arm64 booting.rst, Xen). */
final class AlignDtbRule implements Rule {
	static final long ALIGN = 8;
	static final long MAX = 2L << 20;

	@Override
	public void check(CheckContext context, Report report) {
		var system = context.system();
		InputFile base = system.board().baseDtb();
		if (base != null && base.facts().ok() && U64.gt(base.facts().size(), MAX)) {
			report.error("align-dtb", base.where(), "base-dtb \"" + base.written() + "\" is "
					+ U64.size(base.facts().size()) + "; a device tree may be at most 2 MiB (compact it with "
					+ "dtc -I dtb -O dtb)").emit();
		}
		if (system.isBoardOnly()) {
			return;
		}
		Region dtb = system.boot().deviceTree();
		if (dtb.isPlaced() && !U64.isAligned(dtb.base(), ALIGN)) {
			report.error("align-dtb", dtb.where(), "the device tree is loaded at " + U64.hex(dtb.base())
					+ ", which is not 8-byte aligned").emit();
		}
		for (BootModule m : system.modules()) {
			if (m.role() != BootModule.Role.DTB) {
				continue;
			}
			Region r = m.region();
			if (r.isPlaced() && !U64.isAligned(r.base(), ALIGN)) {
				Report.Builder b = report.error("align-dtb", r.where(), r.label() + " is loaded at "
						+ U64.hex(r.base()) + ", which is not 8-byte aligned");
				for (Fix f : Fixes.align(r, ALIGN)) {
					b.fix(f);
				}
				b.emit();
			}
			if (U64.gt(m.loadSize(), MAX)) {
				report.error("align-dtb", r.where(), r.label() + " is " + U64.size(m.loadSize())
						+ "; a device tree may be at most 2 MiB").emit();
			}
		}
	}
}
