package dev.domino.rules;

import java.util.ArrayList;
import java.util.List;

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
import dev.domino.xen.GuestLayout;

/**
 * overlap-guest: in a domain that is not direct-mapped, what Domino maps at guest addresses
 * (passthrough registers, shared memory) must avoid the layout Xen gives every guest and each
 * other.
 */
final class OverlapGuestRule implements Rule {
	private record GuestRange(String what, long base, long size, SourceLocation where) {
		long last() {
			return base + size - 1;
		}
	}

	@Override
	public void check(CheckContext context, RuleReport report) {
		SystemModel system = context.system();
		if (system.isBoardOnly()) {
			return;
		}
		for (Domain d : system.domains()) {
			if (d.directMap()) {
				continue;
			}
			List<GuestRange> mapped = new ArrayList<>();
			for (Passthrough p : d.passthroughs()) {
				Device dev = p.device();
				if (dev.regs().isEmpty()) {
					continue;
				}
				long guestFirst = p.guestBase(false);
				long hostFirst = dev.regs().get(0).fixedBase();
				for (Region r : dev.regs()) {
					mapped.add(new GuestRange("the registers of " + dev.name(), guestFirst + (r.fixedBase() - hostFirst),
							r.size(), p.where()));
				}
			}
			for (SharedMemory s : system.sharedMemories()) {
				for (SharedMemory.Peer peer : s.peers()) {
					PlacedRegion host = context.at(s.host());
					if (peer.domain().name().equals(d.name()) && host != null) {
						mapped.add(new GuestRange("shared memory " + s.name(), SharedMemory.guestAddress(peer, host.base()),
								s.host().size(),
								peer.where()));
					}
				}
			}
			for (int i = 0; i < mapped.size(); i++) {
				GuestRange g = mapped.get(i);
				for (GuestLayout.Area area : GuestLayout.areas(system.board().gicVersion(), d.vpl011(),
						d.memory().size(), d.options().enhanced() != Domain.Enhanced.NONE)) {
					if (U64.le(g.base(), area.last()) && U64.le(area.base(), g.last())) {
						report.at(g.where(), g.what() + " at guest address "
								+ U64.range(g.base(), g.size()) + " in domain " + d.name() + " collides with the "
								+ area.name() + " " + U64.range(area.base(), area.size())
								+ "; choose a guest address outside Xen's guest layout, e.g. in [0x0402_0000, 0x1000_0000)")
								.emit();
					}
				}
				for (int j = 0; j < i; j++) {
					GuestRange o = mapped.get(j);
					if (U64.le(g.base(), o.last()) && U64.le(o.base(), g.last())) {
						report.at(g.where(), g.what() + " at guest address "
								+ U64.range(g.base(), g.size()) + " overlaps " + o.what() + " at "
								+ U64.range(o.base(), o.size()) + " in domain " + d.name()).related(o.where(), o.what())
								.emit();
					}
				}
			}
		}
	}
}
