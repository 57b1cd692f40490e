package dev.domino.rules;

import dev.domino.model.Domain;
import dev.domino.model.Region;
import dev.domino.model.SystemModel;
import dev.domino.model.U64;

/**
 * limits: Xen's fixed limits (bootinfo.h, booting.txt): at most 32 boot modules (Xen and the
 * DTB count), command lines of at most 1023 characters, {@code memory} written in KiB in the
 * device tree and equal to the sum of the static banks.
 */
final class LimitsRule implements Rule {
	static final int MAX_MODULES = 32;
	static final int MAX_COMMAND_LINE = 1023;

	@Override
	public void check(CheckContext context, Report report) {
		SystemModel system = context.system();
		if (system.isBoardOnly()) {
			return;
		}
		int modules = system.modules().size() + 1; // the DTB is a boot module too
		if (modules > MAX_MODULES) {
			report.error("limits", system.where(), "system " + system.name() + " loads " + modules
					+ " boot modules (Xen and the device tree included); Xen accepts at most " + MAX_MODULES).emit();
		}
		String bootargs = system.xen().bootargs();
		if (bootargs != null && bootargs.length() > MAX_COMMAND_LINE) {
			report.error("limits", system.xen().bootargsWhere(), "Xen's command line is " + bootargs.length()
					+ " characters; Xen keeps at most " + MAX_COMMAND_LINE).emit();
		}
		for (Domain d : system.domains()) {
			if (d.kernelArgs() != null && d.kernelArgs().length() > MAX_COMMAND_LINE) {
				report.error("limits", d.kernelWhere(), "the command line of domain " + d.name() + " is "
						+ d.kernelArgs().length() + " characters; Xen keeps at most " + MAX_COMMAND_LINE).emit();
			}
			if (d.memory() != 0 && !U64.isAligned(d.memory(), 1024)) {
				report.error("limits", d.memoryWhere(), "the memory of domain " + d.name() + " (" + U64.size(d.memory())
						+ ") is not a whole number of KiB: the device tree gives it in KiB").emit();
			} else if (d.memory() != 0 && !U64.isAligned(d.memory(), 4096)) {
				report.warning("limits", d.memoryWhere(), "the memory of domain " + d.name() + " ("
						+ U64.size(d.memory()) + ") is not a whole number of 4 KiB pages").emit();
			}
			if (d.isStatic()) {
				long sum = 0;
				for (Region r : d.staticBanks()) {
					sum += r.size();
				}
				if (sum != d.memory()) {
					report.error("limits", d.memoryWhere(), "domain " + d.name() + " has memory " + U64.size(d.memory())
							+ " but its static banks add up to " + U64.size(sum)
							+ " (Xen: \"Size of memory property doesn't match up with the sum-up of xen,static-mem\")")
							.fix(Fixes.replaceSize("Set memory to " + U64.size(sum), d.memoryWhere(), sum)).emit();
				}
			}
		}
	}

}
