package dev.domino.rules;

import dev.domino.diagnostics.Fix;
import dev.domino.diagnostics.Report;
import dev.domino.diagnostics.Report.RuleReport;
import dev.domino.model.Device;
import dev.domino.model.Domain;
import dev.domino.model.Passthrough;
import dev.domino.model.Region;
import dev.domino.model.SharedMemory;
import dev.domino.model.SourceLocation;
import dev.domino.model.SystemModel;
import dev.domino.model.U64;
import dev.domino.placement.PlacedRegion;
import dev.domino.xen.Alignment;

/**
 * align-page: what Xen maps page by page must be 4 KiB aligned: static memory, shared memory
 * (host address, guest address and size), passthrough ranges (xen,reg) and XEN_START_ADDRESS.
 * Xen only ASSERTs this in static-memory.c, so a release build would map the wrong pages.
 */
final class AlignPageRule implements Rule {
	private static final long PAGE = Alignment.PAGE;

	@Override
	public void check(CheckContext context, RuleReport report) {
		SystemModel system = context.system();
		if (system.isBoardOnly()) {
			return;
		}
		for (Domain d : system.domains()) {
			for (Region r : d.staticBanks()) {
				region(context.at(r), report);
			}
			for (Passthrough p : d.passthroughs()) {
				passthrough(d, p, p.device(), report);
			}
		}
		for (SharedMemory s : system.sharedMemories()) {
			region(context.at(s.host()), report);
			for (SharedMemory.Peer peer : s.peers()) {
				if (peer.guestAddress() != null && !U64.isAligned(peer.guestAddress(), PAGE)) {
					report.at(peer.where(), "the guest address " + U64.hex(peer.guestAddress())
							+ " of shared memory " + s.name() + " in domain " + peer.domain().name()
							+ " is not 4 KiB aligned").emit();
				}
			}
		}
		Long start = system.xen().startAddress();
		if (start != null && !U64.isAligned(start, PAGE)) {
			long to = U64.canAlignUp(start, PAGE) ? U64.alignUp(start, PAGE) : U64.alignDown(start, PAGE);
			report.at(system.xen().startWhere(), "XEN_START_ADDRESS " + U64.hex(start) + " is not 4 KiB aligned")
					.fix(Fixes.replace((U64.gt(to, start) ? "Align up to " : "Align down to ") + U64.hex(to),
							system.xen().startWhere(), to))
					.emit();
		}
	}

	private static void region(PlacedRegion r, RuleReport report) {
		if (r == null) {
			return;
		}
		if (!U64.isAligned(r.base(), PAGE)) {
			Report.Builder b = report.at(r.where(), r.label() + " starts at " + U64.hex(r.base())
					+ ", which is not 4 KiB aligned");
			for (Fix f : Fixes.align(r, PAGE)) {
				b.fix(f);
			}
			b.emit();
		}
		if (!U64.isAligned(r.size(), PAGE) && U64.canAlignUp(r.size(), PAGE)) { // a size past that fails contain
			long up = U64.alignUp(r.size(), PAGE);
			SourceLocation sizeWhere = r.region().sizeWhere();
			report.at(sizeWhere != null ? sizeWhere : r.where(), "the size of " + r.label()
					+ ", " + U64.size(r.size()) + ", is not a multiple of 4 KiB")
					.fix(Fixes.replaceSize("Round up to " + U64.size(up), sizeWhere, up)).emit();
		}
	}

	private static void passthrough(Domain d, Passthrough p, Device dev, RuleReport report) {
		SourceLocation where = p.deviceWhere();
		for (Region r : dev.regs()) {
			if (!U64.isAligned(r.fixedBase(), PAGE) || !U64.isAligned(r.size(), PAGE)) {
				report.at(where, "device " + dev.name() + " has registers " + U64.range(r.fixedBase(), r.size())
						+ " that are not 4 KiB aligned: Xen maps passthrough ranges (xen,reg) in whole pages, so "
						+ "domain " + d.name() + " would reach past them").related(r.where(), "the register range")
						.emit();
			}
		}
		if (!dev.regs().isEmpty() && p.guestAddress() != null && !d.directMap()) {
			long guest = p.guestBase(d.directMap());
			if (!U64.isAligned(guest, PAGE)) {
				report.at(p.where(), "the guest address " + U64.hex(guest) + " of " + dev.name()
						+ " in domain " + d.name() + " is not 4 KiB aligned").emit();
			}
		}
	}
}
