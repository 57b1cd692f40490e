package dev.domino.rules;

import dev.domino.diagnostics.Report;
import dev.domino.diagnostics.Report.RuleReport;
import dev.domino.model.Domain;
import dev.domino.model.Region;
import dev.domino.model.SystemModel;
import dev.domino.model.U64;
import dev.domino.placement.PlacedRegion;

/**
 * memory-budget: what the system needs fits the RAM it has. Dynamic domains are allocated
 * from the static heap when there is one (Xen 4.17 panics with "Failed to allocate requested
 * domain memory"), else from the RAM nobody else uses. Xen allocates its own structures from the
 * same pool; the estimate below is documented and measured (QEMU virt, 2 GiB, Xen 4.17: two
 * 128 MiB domains need a heap between 288 MiB, which fails, and 296 MiB, which boots).
 * A non-direct-mapped domain's static memory must fit the two guest RAM banks.
 */
final class MemoryBudgetRule implements Rule {
	/** sizeof(struct page_info) rounded up: the frame table covers every RAM page. */
	static final long FRAME_TABLE_BYTES_PER_PAGE = 64;
	static final long XEN_FIXED = 4L << 20;
	static final long PER_DOMAIN = 1L << 20;

	@Override
	public void check(CheckContext context, RuleReport report) {
		SystemModel system = context.system();
		if (system.isBoardOnly()) {
			return;
		}
		long ram = 0;
		for (Region bank : system.board().banks()) {
			ram = saturatingAdd(ram, bank.size());
		}
		long dynamic = 0;
		long overhead = XEN_FIXED + frameTable(ram);
		boolean tooBig = false;
		for (Domain d : system.domains()) {
			if (U64.gt(d.memory().size(), ram)) {
				report.at(d.memory().where(), "domain " + d.name() + " asks for " + U64.approx(d.memory().size())
						+ " of memory; board " + system.board().name() + " has " + U64.approx(ram) + " of RAM").emit();
				tooBig = true;
			}
			if (!d.isStatic()) {
				dynamic = saturatingAdd(dynamic, d.memory().size());
				overhead = saturatingAdd(overhead, PER_DOMAIN + d.memory().size() / 512);
			}
			staticGuestBanks(d, report);
			firstBank(context, d, report);
		}
		long used = 0;
		for (PlacedRegion r : context.placed().regions()) {
			if (r.kind().isRam()) {
				used = saturatingAdd(used, r.size());
			}
		}
		long needed = saturatingAdd(used, dynamic);
		if (tooBig) {
			return;
		}
		if (U64.gt(needed, ram)) {
			report.at(system.where(), "system " + system.name() + " needs "
					+ U64.approx(needed) + " (domains, heap, boot files, reserved ranges) but board "
					+ system.board().name() + " has " + U64.approx(ram) + " of RAM").emit();
			return;
		}
		if (dynamic == 0 || system.board().hasMpu()) {
			return; // an MPU board has no dynamic domains: the requires rule says so
		}
		Region heap = system.xen().heap();
		long pool = heap != null ? heap.size() : ram - used;
		String poolName = heap != null ? "the static heap of " + U64.size(heap.size())
				: "the " + U64.size(pool) + " of RAM left for Xen's heap";
		long want = saturatingAdd(dynamic, overhead);
		if (U64.gt(want, pool)) {
			Report.Builder b = report.at(heap != null ? heap.where() : system.where(),
					"domains with dynamic memory need " + U64.size(dynamic) + " from " + poolName + ", and Xen"
							+ " allocates about " + mib(overhead) + " MiB of its own from it (frame table "
							+ mib(frameTable(ram)) + " MiB, P2M tables and per-domain structures): short by about "
							+ mib(want - pool) + " MiB");
			if (heap != null && heap.sizeWhere() != null) {
				long suggested = U64.alignUp(want, 2L << 20);
				b.fix(Fixes.replaceSize("Raise the heap to " + U64.size(suggested), heap.sizeWhere(), suggested));
			}
			b.emit();
		}
	}

	/** The kernel, the DTB and the ramdisk fit the domain's first bank as Xen lays them out ({@link FirstBank}). */
	private static void firstBank(CheckContext context, Domain d, RuleReport report) {
		FirstBank.Misfit misfit = FirstBank.check(context.placed(), d);
		if (misfit == null) {
			return;
		}
		long bank = FirstBank.size(context.placed(), d);
		var kernel = d.kernelModule().file().facts().kernel();
		String what = (d.isDom0() ? "dom0" : "domain " + d.name());
		String bankText = d.isDom0() ? "the " + U64.size(bank) + " Xen surely gives dom0 first"
				: "its first memory bank (" + U64.approx(bank) + (d.isStatic() && d.directMap() ? ", its first static bank"
						: ", at guest address 0x4000_0000") + ")";
		String ramdisk = d.ramdisk() == null ? "" : ", ramdisk " + d.ramdisk().bootName() + " ("
				+ U64.approx(d.ramdisk().loadSize()) + ")";
		Report.Builder b = report.at(d.memory().where(), what + ": " + bankText + " cannot hold kernel "
				+ d.kernelModule().bootName() + " (" + U64.approx(kernel.size()) + (kernel.imageSize() > kernel.size()
						? ", " + U64.approx(kernel.imageSize()) + " once loaded" : "")
				+ "), its device tree (a 2 MiB slot)" + ramdisk + ": " + misfit.why() + "; give it at least "
				+ U64.size(FirstBank.roundUp(misfit.needed())) + " of memory")
				.related(d.kernelModule().where(), "the kernel");
		if (!d.isStatic() && d.memory().where() != null && !d.isDom0()) {
			long at = FirstBank.roundUp(misfit.needed());
			b.fix(Fixes.replaceSize("Give domain " + d.name() + " " + U64.size(at), d.memory().where(), at));
		}
		b.emit();
	}

	private static void staticGuestBanks(Domain d, RuleReport report) {
		if (!d.isStatic() || d.directMap()) {
			return;
		}
		long total = 0;
		for (Region r : d.staticBanks()) {
			total = saturatingAdd(total, r.size());
		}
		long capacity = dev.domino.xen.GuestLayout.RAM0.size() + dev.domino.xen.GuestLayout.RAM1.size();
		if (U64.gt(total, capacity)) {
			report.at(d.memory().where(), "domain " + d.name() + " has " + U64.size(total)
					+ " of static memory; a guest that is not direct-mapped has two RAM banks holding "
					+ U64.size(capacity) + " (Xen: \"Exhausted all possible guest banks\")").emit();
		}
	}

	static long frameTable(long ram) {
		return U64.alignUp(saturatingMul(ram / 4096, FRAME_TABLE_BYTES_PER_PAGE), 2L << 20);
	}

	private static String mib(long bytes) {
		return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1048576.0).replace(".0", "");
	}

	private static long saturatingAdd(long a, long b) {
		long r = a + b;
		return U64.lt(r, a) ? -1L : r;
	}

	private static long saturatingMul(long a, long b) {
		try {
			return U64.mul(a, b);
		} catch (ArithmeticException e) {
			return -1L;
		}
	}

}
