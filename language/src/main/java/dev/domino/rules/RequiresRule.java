package dev.domino.rules;

import java.util.HashSet;
import java.util.Set;

import dev.domino.diagnostics.Report.RuleReport;
import dev.domino.model.Domain;
import dev.domino.model.SharedMemory;
import dev.domino.model.SystemModel;

/**
 * requires: properties that need others (booting.txt, dom0less-build.c): direct-map needs static
 * memory; on an MPU board every guest is direct-mapped with static memory; llc-colors cannot be
 * combined with static memory; shared memory is shared by at least one domain, each named once (with no
 * owner, Xen owns it as DOMID_IO).
 */
final class RequiresRule implements Rule {
	@Override
	public void check(CheckContext context, RuleReport report) {
		SystemModel system = context.system();
		if (system.isBoardOnly()) {
			return;
		}
		boolean mpu = system.board().hasMpu();
		for (Domain d : system.domains()) {
			if (d.directMap() && !d.isStatic()) {
				report.at(d.where(), "domain " + d.name() + " is direct-mapped, which needs static"
						+ " memory: write 'memory " + dev.domino.model.U64.sizeLiteral(Math.max(d.memory().size(), 1)) + " static'")
						.emit();
			}
			if (mpu && !d.isStatic()) {
				report.at(d.where(), "domain " + d.name() + " runs on an MPU board: its memory must be"
						+ " static ('memory SIZE static' or 'memory SIZE at ADDRESS')").emit();
			}
			if (mpu && !d.directMap()) {
				report.at(d.where(), "domain " + d.name() + " runs on an MPU board, where guests are"
						+ " direct-mapped: add direct-map").emit();
			}
			if (d.options().llcColors() != null && d.isStatic()) {
				report.at(d.memory().where(), "domain " + d.name() + " uses llc-colors, which Xen cannot"
						+ " combine with static memory").emit();
			}
		}
		for (SharedMemory s : system.sharedMemories()) {
			// without an owner domain, Xen owns the region (DOMID_IO) and every domain borrows it (booting.txt)
			if (s.owner() == null && s.borrowers().isEmpty()) {
				report.at(s.where(), "shared memory " + s.name() + " is shared by no domain: add"
						+ " 'owner DOMAIN' or 'borrower DOMAIN'").emit();
			}
			Set<String> seen = new HashSet<>();
			for (SharedMemory.Peer p : s.peers()) {
				if (!seen.add(p.domain().name())) {
					report.at(p.where(), "domain " + p.domain().name() + " appears twice in shared memory "
							+ s.name()).emit();
				}
			}
			if (s.owner() != null && s.borrowers().isEmpty()) {
				report.warning(s.where(), "shared memory " + s.name() + " has no borrower, so nobody"
						+ " shares it").emit();
			}
		}
	}
}
