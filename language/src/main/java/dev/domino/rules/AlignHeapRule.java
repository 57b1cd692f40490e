package dev.domino.rules;

import dev.domino.model.Region;
import dev.domino.model.U64;

/** align-heap: the static heap (xen,static-heap) is at least 64 KiB aligned in base and size (booting.txt). */
final class AlignHeapRule implements Rule {
	static final long ALIGN = 64 * 1024;

	@Override
	public void check(CheckContext context, Report report) {
		if (context.system().isBoardOnly() || context.system().xen().heap() == null) {
			return;
		}
		Region heap = context.system().xen().heap();
		if (!heap.isPlaced()) {
			return;
		}
		if (!U64.isAligned(heap.base(), ALIGN)) {
			Report.Builder b = report.error("align-heap", heap.where(), "the static heap starts at "
					+ U64.hex(heap.base()) + ", which is not 64 KiB aligned");
			for (Fix f : Fixes.align(heap, ALIGN)) {
				b.fix(f);
			}
			b.emit();
		}
		if (!U64.isAligned(heap.size(), ALIGN)) {
			long up = U64.alignUp(heap.size(), ALIGN);
			report.error("align-heap", heap.sizeWhere() != null ? heap.sizeWhere() : heap.where(),
					"the static heap is " + U64.size(heap.size()) + ", not a multiple of 64 KiB")
					.fix(Fixes.replaceSize("Round up to " + U64.size(up), heap.sizeWhere(), up)).emit();
		}
	}
}
