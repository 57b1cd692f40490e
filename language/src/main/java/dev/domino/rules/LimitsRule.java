package dev.domino.rules;

import dev.domino.diagnostics.Report.RuleReport;
import dev.domino.model.Domain;
import dev.domino.model.Region;
import dev.domino.model.SystemModel;
import dev.domino.model.U64;
import dev.domino.xen.XenLimits;

/**
 * limits: Xen's fixed limits (bootinfo.h, booting.txt): at most 32 boot modules (Xen and the
 * DTB count), command lines of at most 1023 characters, {@code memory} written in KiB in the
 * device tree and equal to the sum of the static banks.
 */
final class LimitsRule implements Rule {
	private static final int MAX_MODULES = XenLimits.MAX_MODULES;
	private static final int MAX_COMMAND_LINE = XenLimits.MAX_COMMAND_LINE;

	@Override
	public void check(CheckContext context, RuleReport report) {
		SystemModel system = context.system();
		if (system.isBoardOnly()) {
			return;
		}
		int modules = system.modules().size() + 1; // the DTB is a boot module too
		if (modules > MAX_MODULES) {
			report.at(system.where(), "system " + system.name() + " loads " + modules
					+ " boot modules (Xen and the device tree included); Xen accepts at most " + MAX_MODULES).emit();
		}
		String bootargs = system.xen().bootargs();
		if (bootargs != null && bootargs.length() > MAX_COMMAND_LINE) {
			report.at(system.xen().bootargsWhere(), "Xen's command line is " + bootargs.length()
					+ " characters; Xen keeps at most " + MAX_COMMAND_LINE).emit();
		}
		for (Domain d : system.domains()) {
			if (d.kernel().args() != null && d.kernel().args().length() > MAX_COMMAND_LINE) {
				report.at(d.kernel().where(), "the command line of domain " + d.name() + " is "
						+ d.kernel().args().length() + " characters; Xen keeps at most " + MAX_COMMAND_LINE).emit();
			}
			if (d.memory().size() != 0 && !U64.isAligned(d.memory().size(), 1024)) {
				report.at(d.memory().where(), "the memory of domain " + d.name() + " (" + U64.size(d.memory().size())
						+ ") is not a whole number of KiB: the device tree gives it in KiB").emit();
			} else if (d.memory().size() != 0 && !U64.isAligned(d.memory().size(), 4096)) {
				report.warning(d.memory().where(), "the memory of domain " + d.name() + " ("
						+ U64.size(d.memory().size()) + ") is not a whole number of 4 KiB pages").emit();
			}
			if (d.isStatic()) {
				long sum = 0;
				for (Region r : d.staticBanks()) {
					sum += r.size();
				}
				if (sum != d.memory().size()) {
					report.at(d.memory().where(), "domain " + d.name() + " has memory " + U64.size(d.memory().size())
							+ " but its static banks add up to " + U64.size(sum)
							+ " (Xen: \"Size of memory property doesn't match up with the sum-up of xen,static-mem\")")
							.fix(Fixes.replaceSize("Set memory to " + U64.size(sum), d.memory().where(), sum)).emit();
				}
			}
		}
	}

}
