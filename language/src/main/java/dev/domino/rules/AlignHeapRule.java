package dev.domino.rules;

import dev.domino.diagnostics.Fix;
import dev.domino.diagnostics.Report;
import dev.domino.diagnostics.Report.RuleReport;
import dev.domino.model.Region;
import dev.domino.model.U64;
import dev.domino.placement.PlacedRegion;
import dev.domino.xen.Alignment;

/** align-heap: the static heap (xen,static-heap) is at least 64 KiB aligned in base and size (booting.txt). */
final class AlignHeapRule implements Rule {
	@Override
	public void check(CheckContext context, RuleReport report) {
		if (context.system().isBoardOnly() || context.system().xen().heap() == null) {
			return;
		}
		Region heap = context.system().xen().heap();
		PlacedRegion placed = context.at(heap);
		if (placed == null) {
			return;
		}
		if (!U64.isAligned(placed.base(), Alignment.HEAP)) {
			Report.Builder b = report.at(heap.where(), "the static heap starts at " + U64.hex(placed.base())
					+ ", which is not 64 KiB aligned");
			for (Fix f : Fixes.align(placed, Alignment.HEAP)) {
				b.fix(f);
			}
			b.emit();
		}
		if (!U64.isAligned(heap.size(), Alignment.HEAP) && U64.canAlignUp(heap.size(), Alignment.HEAP)) {
			long up = U64.alignUp(heap.size(), Alignment.HEAP);
			report.at(heap.sizeWhere() != null ? heap.sizeWhere() : heap.where(),
					"the static heap is " + U64.size(heap.size()) + ", not a multiple of 64 KiB")
					.fix(Fixes.replaceSize("Round up to " + U64.size(up), heap.sizeWhere(), up)).emit();
		}
	}
}
