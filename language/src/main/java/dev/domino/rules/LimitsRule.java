package dev.domino.rules;

import dev.domino.diagnostics.Report.RuleReport;
import dev.domino.model.Domain;
import dev.domino.model.EventChannel;
import dev.domino.model.Region;
import dev.domino.model.SharedMemory;
import dev.domino.model.SystemModel;
import dev.domino.model.U64;
import dev.domino.placement.PlacedRegion;
import dev.domino.xen.XenLimits;
import dev.domino.xen.XenVersion;

/**
 * limits: Xen's fixed limits: at most 32 boot modules (Xen and the DTB count), command lines of at
 * most 1023 characters and options of at most 127, {@code memory} in whole 4 KiB pages (Xen hangs
 * otherwise) and equal to the sum of the static banks, the device tree Xen writes for a domain
 * within its buffer, names and shared-memory ids within Xen's buffers, event-channel ports below 1024.
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
		commandLine(system, report);
		for (Domain d : system.domains()) {
			if (d.kernel().args() != null && d.kernel().args().length() > MAX_COMMAND_LINE) {
				report.at(d.kernel().where(), "the command line of domain " + d.name() + " is "
						+ d.kernel().args().length() + " characters; Xen keeps at most " + MAX_COMMAND_LINE
						+ " (a longer one panics: \"command line too long\")").emit();
			}
			memory(d, report);
			if (!d.isDom0()) {
				names(context, d, report);
				deviceTreeSize(system, d, report);
			}
		}
		for (SharedMemory s : system.sharedMemories()) {
			if (s.name().length() > XenLimits.MAX_SHM_ID) {
				report.at(s.where(), "shared memory " + s.name() + " is its xen,shm-id, which holds at most "
						+ XenLimits.MAX_SHM_ID + " characters (MAX_SHM_ID_LENGTH 16 with the NUL)").emit();
			}
		}
		for (EventChannel e : system.eventChannels()) {
			for (EventChannel.End end : new EventChannel.End[] { e.first(), e.second() }) {
				if (Long.compareUnsigned(end.port(), XenLimits.MAX_EVTCHN_PORT) > 0) {
					report.at(end.where(), "port " + Long.toUnsignedString(end.port()) + " of event channel " + e.name()
							+ " is above " + XenLimits.MAX_EVTCHN_PORT + ", the last port of a dom0less domain").emit();
				}
			}
		}
	}

	/** The line Xen gets (with dom0's options); each option is cut at 127 characters by Xen's parser. */
	private static void commandLine(SystemModel system, RuleReport report) {
		String line = system.xen().commandLine();
		var where = system.xen().bootargsWhere() != null ? system.xen().bootargsWhere() : system.xen().where();
		if (line != null && line.length() > MAX_COMMAND_LINE) {
			report.at(where, "Xen's command line is " + line.length() + " characters; Xen keeps at most "
					+ MAX_COMMAND_LINE).emit();
		}
		if (line != null) {
			for (String option : line.trim().split("\\s+")) {
				if (option.length() > XenLimits.MAX_OPTION) {
					report.at(where, "Xen's option " + option.substring(0, 24) + "... is " + option.length()
							+ " characters; Xen reads at most " + XenLimits.MAX_OPTION + " of each (MAX_PARAM_SIZE)")
							.emit();
				}
			}
		}
	}

	/**
	 * Xen reads memory in KiB and allocates it in 4 KiB pages: a size that is not a whole number of
	 * pages makes allocate_memory loop forever (RELEASE-4.17.0:xen/arch/arm/domain_build.c:97-107,415-449).
	 */
	private static void memory(Domain d, RuleReport report) {
		long size = d.memory().size();
		if (size != 0 && !U64.isAligned(size, 4096)) {
			String what = d.isDom0() ? "dom0" : "domain " + d.name();
			long up = U64.alignUp(size, 4096);
			report.at(d.memory().where(), "the memory of " + what + " (" + U64.size(size) + ") is not a whole number"
					+ " of 4 KiB pages: Xen hangs allocating it").fix(Fixes.replaceSize("Round up to " + U64.size(up),
							d.memory().where(), up)).emit();
		}
		if (d.isStatic()) {
			long sum = 0;
			for (Region r : d.staticBanks()) {
				sum += r.size();
			}
			if (sum != size) {
				report.at(d.memory().where(), "domain " + d.name() + " has memory " + U64.size(size)
						+ " but its static banks add up to " + U64.size(sum)
						+ " (Xen: \"Size of memory property doesn't match up with the sum-up of xen,static-mem\")")
						.fix(Fixes.replaceSize("Set memory to " + U64.size(sum), d.memory().where(), sum)).emit();
			}
		}
	}

	/**
	 * A domain's node name is where Xen files its kernel's command line: at most 40 characters
	 * (DT_MAX_NAME), and a module's path (/chosen/name/module@addr) under 92, or Xen ignores the module.
	 */
	private static void names(CheckContext context, Domain d, RuleReport report) {
		if (d.name().length() > XenLimits.MAX_NODE_NAME) {
			report.at(d.where(), "domain " + d.name() + " has a name of " + d.name().length() + " characters; Xen"
					+ " keeps " + XenLimits.MAX_NODE_NAME + " of a domain node's name and then loses its kernel's"
					+ " command line").emit();
			return;
		}
		PlacedRegion kernel = d.kernelModule() == null ? null : context.at(d.kernelModule().region());
		if (kernel != null) {
			int path = ("/chosen/" + d.name() + "/module@" + Long.toHexString(kernel.base())).length();
			if (path > XenLimits.MAX_MODULE_PATH) {
				report.at(d.where(), "the module nodes of domain " + d.name() + " get paths of " + path
						+ " characters; Xen silently ignores a module whose path is longer than "
						+ XenLimits.MAX_MODULE_PATH).emit();
			}
		}
	}

	/**
	 * The device tree Xen writes for a domain goes into a fixed buffer: 4 KiB in 4.17 (passthrough
	 * nodes included), 4 KiB plus the partial DTB in 4.18-4.21, 2 KiB + 16 KiB in 4.22
	 * (RELEASE-4.17.0:xen/arch/arm/domain_build.c:3201-3222; sizes measured on Xen 4.17.5).
	 */
	private static void deviceTreeSize(SystemModel system, Domain d, RuleReport report) {
		XenVersion v = system.xen().version();
		long estimate = 1031 + (d.vpl011() ? 154 : 0) + 96 * (d.vcpus() - 1)
				+ (d.options().enhanced() != Domain.Enhanced.NONE ? 156 : 0)
				+ (d.kernel().args() == null ? 0 : (d.kernel().args().length() + 4) & ~3L);
		long shm = system.sharedMemories().stream().filter(s -> s.peerOf(d) != null).count();
		estimate += shm == 0 ? 0 : 225 + 132 * (shm - 1);
		// a partial DTB Domino writes holds /passthrough only; of one given as a file, Xen takes /passthrough
		// too, which Domino cannot see: counted when known
		long partial = d.dtb() == null || !d.dtb().isGenerated() ? 0 : d.dtb().loadSize();
		long buffer = v.atLeast(4, 22) ? 2048 + 128 * 128 : v.atLeast(4, 18) ? 4096 + partial : 4096;
		estimate += partial; // Xen copies the partial DTB's nodes into the same buffer
		if (estimate > buffer - 128) {
			report.at(d.where(), "the device tree Xen writes for domain " + d.name() + " would be about " + estimate
					+ " bytes (" + d.vcpus() + " vCPUs" + (d.vpl011() ? ", vpl011" : "") + (partial > 0 ? ", passthrough"
							: "") + "), more than Xen " + v + "'s " + buffer + "-byte buffer: Xen panics \"Device tree"
					+ " generation failed\"; give it fewer vCPUs").emit();
		}
	}
}
