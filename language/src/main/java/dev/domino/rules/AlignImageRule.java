package dev.domino.rules;

import dev.domino.files.FileType;
import dev.domino.model.BootModule;
import dev.domino.model.Region;
import dev.domino.model.U64;

/**
 * align-image: an arm64 Image (Xen, or a domain's kernel) is loaded at a 2 MiB boundary; U-Boot's
 * booti silently moves a misaligned Image up, where it can overwrite the next file.
 */
final class AlignImageRule implements Rule {
	static final long ALIGN = 2L << 20;

	@Override
	public void check(CheckContext context, Report report) {
		if (context.system().isBoardOnly()) {
			return;
		}
		for (BootModule m : context.system().modules()) {
			Region r = m.region();
			boolean image = m.role() == BootModule.Role.XEN || m.role() == BootModule.Role.KERNEL
					&& m.file() != null && m.file().facts().type() == FileType.ARM64_IMAGE;
			if (!image || !r.isPlaced() || U64.isAligned(r.base(), ALIGN)) {
				continue;
			}
			Report.Builder b = report.error("align-image", r.where(), r.label() + " is loaded at " + U64.hex(r.base())
					+ ": an arm64 Image must be 2 MiB aligned (booti would move it to "
					+ U64.hex(U64.alignUp(r.base(), ALIGN)) + ")");
			for (Fix f : Fixes.align(r, ALIGN)) {
				b.fix(f);
			}
			b.emit();
		}
	}
}
