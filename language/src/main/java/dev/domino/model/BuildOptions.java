package dev.domino.model;

import java.util.EnumMap;
import java.util.Map;

import dev.domino.xen.Kconfig;
import dev.domino.xen.XenVersion;

/**
 * The Xen build options a system needs (before what they in turn need: {@link Kconfig#closure}),
 * each with the part of the system that needs it. xen.config writes them; the requires rule checks
 * them against the .config the Xen image was built with.
 */
public final class BuildOptions {
	private BuildOptions() {
	}

	public static Map<Kconfig.Option, String> of(SystemModel system) {
		Map<Kconfig.Option, String> why = new EnumMap<>(Kconfig.Option.class);
		XenVersion v = system.xen().version();
		for (Domain d : system.domains()) {
			if (d.isStatic()) {
				why.putIfAbsent(Kconfig.Option.STATIC_MEMORY, "static memory (domain " + d.name() + ")");
			}
			if (d.options().llcColors() != null) {
				why.putIfAbsent(Kconfig.Option.LLC_COLORING, "llc-colors (domain " + d.name() + ")");
			}
			if (d.options().sve() != null) {
				why.putIfAbsent(Kconfig.Option.ARM64_SVE, "sve (domain " + d.name() + ")");
			}
			if (d.options().sci() != null && d.options().sci().value().equals("scmi_smc")) {
				why.putIfAbsent(Kconfig.Option.SCMI_SMC, "sci scmi-smc (domain " + d.name() + ")");
			}
		}
		if (!system.domUs().isEmpty()) {
			why.put(Kconfig.Option.DOM0LESS_BOOT, "dom0less domains");
		}
		if (!system.sharedMemories().isEmpty()) {
			why.put(Kconfig.Option.STATIC_SHM, "shared memory " + system.sharedMemories().get(0).name());
		}
		if (!system.eventChannels().isEmpty()) {
			why.put(Kconfig.Option.STATIC_EVTCHN, "event channel " + system.eventChannels().get(0).name());
		}
		if (!system.cpupools().isEmpty()) {
			why.put(Kconfig.Option.BOOT_TIME_CPUPOOLS, "cpupool " + system.cpupools().get(0).name());
			system.cpupools().forEach(p -> {
				Kconfig.Option sched = p.schedulerName() == null ? null : Kconfig.scheduler(p.schedulerName());
				if (sched != null) {
					why.putIfAbsent(sched, "the " + p.schedulerName() + " scheduler of cpupool " + p.name());
				}
			});
		}
		if (system.xen().policy() != null) {
			why.put(Kconfig.Option.XSM_FLASK, "the XSM policy");
		}
		if (system.board().arch() == Arch.AARCH32 && system.board().gicVersion() == 3) {
			why.put(Kconfig.Option.GICV3, "the GICv3 of board " + system.board().name() + " (off by default on arm32)");
		}
		if (system.board().hasMpu()) {
			why.put(Kconfig.Option.MPU, "the MPU of board " + system.board().name());
		}
		why.keySet().removeIf(o -> !o.existsIn(v));
		return why;
	}
}
