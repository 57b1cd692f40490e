package dev.domino.rules;

import dev.domino.diagnostics.Fix;
import dev.domino.diagnostics.Report;
import dev.domino.diagnostics.Report.RuleReport;
import dev.domino.files.FileType;
import dev.domino.model.Arch;
import dev.domino.model.BootModule;
import dev.domino.model.Domain;
import dev.domino.model.U64;
import dev.domino.placement.PlacedRegion;
import dev.domino.xen.Alignment;

/**
 * align-image: an arm64 Image (Xen, or a domain's kernel) is loaded at a 2 MiB boundary; U-Boot's
 * booti silently moves a misaligned Image up, where it can overwrite the next file.
 */
final class AlignImageRule implements Rule {
	@Override
	public void check(CheckContext context, RuleReport report) {
		if (context.system().isBoardOnly()) {
			return;
		}
		for (BootModule m : context.system().modules()) {
			PlacedRegion r = context.at(m.region());
			boolean image = m.role() == BootModule.Role.XEN && context.system().board().arch() == Arch.AARCH64
					|| m.role() == BootModule.Role.KERNEL && m.file() != null
							&& m.file().facts().type() == FileType.ARM64_IMAGE;
			if (!image || r == null || U64.isAligned(r.base(), Alignment.IMAGE)) {
				continue;
			}
			Report.Builder b = report.at(r.where(), r.label() + " is loaded at " + U64.hex(r.base())
					+ ": an arm64 Image must be 2 MiB aligned" + (U64.canAlignUp(r.base(), Alignment.IMAGE)
							? " (booti would move it to " + U64.hex(U64.alignUp(r.base(), Alignment.IMAGE)) + ")" : ""));
			for (Fix f : Fixes.align(r, Alignment.IMAGE)) {
				b.fix(f);
			}
			b.emit();
		}
		for (Domain d : context.system().domUs()) {
			// a 1:1 domain's kernel runs from its first static bank: Linux needs that at 2 MiB
			PlacedRegion first = d.isStatic() && d.directMap() ? context.at(d.staticBanks().get(0)) : null;
			if (first != null && !U64.isAligned(first.base(), Alignment.IMAGE)) {
				Report.Builder b = report.at(first.where(), "domain " + d.name() + " is direct-mapped: its kernel runs"
						+ " from its first static bank at " + U64.hex(first.base()) + ", and an arm64 kernel needs a"
						+ " 2 MiB-aligned base");
				for (Fix f : Fixes.align(first, Alignment.IMAGE)) {
					b.fix(f);
				}
				b.emit();
			}
		}
	}
}
