package dev.domino.rules;

import dev.domino.diagnostics.Fix;
import dev.domino.diagnostics.Report;
import dev.domino.diagnostics.Report.RuleReport;
import dev.domino.files.FileType;
import dev.domino.model.BootModule;
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
			boolean image = m.role() == BootModule.Role.XEN || m.role() == BootModule.Role.KERNEL
					&& m.file() != null && m.file().facts().type() == FileType.ARM64_IMAGE;
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
	}
}
