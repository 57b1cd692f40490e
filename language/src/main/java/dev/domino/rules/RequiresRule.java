package dev.domino.rules;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import dev.domino.diagnostics.Report.RuleReport;
import dev.domino.model.BuildOptions;
import dev.domino.model.Domain;
import dev.domino.model.EventChannel;
import dev.domino.model.SharedMemory;
import dev.domino.model.SourceLocation;
import dev.domino.model.SystemModel;
import dev.domino.model.U64;
import dev.domino.model.XenBuild;
import dev.domino.placement.PlacedRegion;
import dev.domino.xen.CommandLine;
import dev.domino.xen.Kconfig;
import dev.domino.xen.XenVersion;

/**
 * requires: what properties need (booting.txt, dom0less-build.c): direct-map needs static memory; on
 * an MPU board every guest is direct-mapped with static memory; llc-colors cannot be combined with
 * static memory; shared memory is shared by at least one domain, each named once (with no owner,
 * Xen owns it as DOMID_IO); xen,enhanced needs a domain that runs xenstore; a domain with a static
 * event channel needs xen,enhanced to find its interrupt; Xen booted with ACPI builds no dom0less
 * domain; the Xen image's own build configuration has what the system needs.
 */
final class RequiresRule implements Rule {
	@Override
	public void check(CheckContext context, RuleReport report) {
		SystemModel system = context.system();
		if (system.isBoardOnly()) {
			return;
		}
		boolean mpu = system.board().hasMpu();
		for (Domain d : system.domUs()) {
			if (d.directMap() && !d.isStatic()) {
				report.at(d.where(), "domain " + d.name() + " is direct-mapped, which needs static memory: write"
						+ " 'memory " + U64.sizeLiteral(Math.max(d.memory().size(), 1)) + " static'").emit();
			}
			if (mpu && !d.isStatic()) {
				report.at(d.where(), "domain " + d.name() + " runs on an MPU board: its memory must be static"
						+ " ('memory SIZE static' or 'memory SIZE at ADDRESS')").emit();
			}
			if (mpu && !d.directMap()) {
				report.at(d.where(), "domain " + d.name() + " runs on an MPU board, where guests are direct-mapped:"
						+ " add direct-map").emit();
			}
			if (d.options().llcColors() != null && d.isStatic()) {
				report.at(d.memory().where(), "domain " + d.name() + " uses llc-colors, which Xen cannot combine"
						+ " with static memory").emit();
			}
			xenstore(system, d, report);
			hardwareDomain(system, d, report);
		}
		sharedMemory(context, report);
		eventChannels(system, report);
		acpi(system, report);
		bootCommand(system, report);
		buildConfig(system, report);
	}

	/**
	 * xen,enhanced "enabled" asks for xenstore: Xen 4.17-4.20 panic without dom0 ("At the moment,
	 * Xenstore support requires dom0": RELEASE-4.17.0:xen/arch/arm/domain_build.c:3785-3788); 4.21 wants
	 * a xenstore domain, dom0 or one with the xenstore capability (dom0less-build.c:882-883).
	 */
	private static void xenstore(SystemModel system, Domain d, RuleReport report) {
		if (d.options().enhanced() != Domain.Enhanced.ENABLED || system.dom0().isPresent()) {
			return;
		}
		boolean store = system.xen().version().atLeast(4, 21) && system.domUs().stream()
				.anyMatch(o -> o.options().capabilities().contains(Domain.Capability.XENSTORE));
		if (!store) {
			report.at(d.features().getOrDefault(dev.domino.xen.XenFeature.ENHANCED, d.where()), "domain " + d.name()
					+ " asks for xenstore (enhanced), but system " + system.name() + " has no domain that runs it"
					+ (system.xen().version().atLeast(4, 21) ? " (dom0, or one with 'capabilities xenstore')"
							: " (a dom0)")
					+ ": Xen panics; write 'enhanced no-xenstore' for grant tables and event channels without xenstore")
					.emit();
		}
	}

	/**
	 * A hardware domain among the dom0less ones (Xen 4.21): one only, not beside a classic dom0, and
	 * direct-mapped unless an IOMMU isolates it (RELEASE-4.21.0:xen/common/device-tree/dom0less-bindings.c:46-48,95-97).
	 */
	private static void hardwareDomain(SystemModel system, Domain d, RuleReport report) {
		if (!d.options().capabilities().contains(Domain.Capability.HARDWARE)) {
			return;
		}
		SourceLocation where = d.features().getOrDefault(dev.domino.xen.XenFeature.CAPABILITIES, d.where());
		if (system.dom0().isPresent()) {
			report.at(where, "domain " + d.name() + " is a hardware domain, but system " + system.name()
					+ " has a classic dom0 already: there is one hardware domain").emit();
		}
		boolean iommu = system.board().devices().stream().anyMatch(dev.domino.model.Device::isIommu);
		if (!d.directMap() && !iommu) {
			report.at(where, "domain " + d.name() + " is a hardware domain that is not direct-mapped on a board"
					+ " without an IOMMU: Xen panics \"non-direct mapped hardware domain requires iommu\"; make it"
					+ " direct-mapped (memory SIZE static, direct-map)").emit();
		}
	}

	private static void sharedMemory(CheckContext context, RuleReport report) {
		SystemModel system = context.system();
		for (SharedMemory s : system.sharedMemories()) {
			// without an owner domain, Xen owns the region (DOMID_IO) and every domain borrows it (booting.txt)
			if (s.owner() == null && s.borrowers().isEmpty()) {
				report.at(s.where(), "shared memory " + s.name() + " is shared by no domain: add 'owner DOMAIN' or"
						+ " 'borrower DOMAIN'").emit();
			}
			Set<String> seen = new HashSet<>();
			PlacedRegion host = context.at(s.host());
			for (SharedMemory.Peer p : s.peers()) {
				if (!seen.add(p.domain().name())) {
					report.at(p.where(), "domain " + p.domain().name() + " appears twice in shared memory " + s.name())
							.emit();
				}
				// a 1:1 domain sees shared memory at its host address from Xen 4.19 (static-shmem.c:351-356)
				if (p.domain().directMap() && p.guestAddress() != null && host != null && p.guestAddress() != host.base()
						&& system.xen().version().atLeast(4, 19)) {
					report.at(p.where(), "domain " + p.domain().name() + " is direct-mapped: it sees shared memory "
							+ s.name() + " at its host address " + U64.hex(host.base()) + ", not at "
							+ U64.hex(p.guestAddress())).emit();
				}
			}
			if (s.owner() != null && s.borrowers().isEmpty()) {
				report.warning(s.where(), "shared memory " + s.name() + " has no borrower, so nobody shares it").emit();
			}
		}
	}

	/** Both ends of a static event channel: a domain finds the channel's interrupt only with xen,enhanced. */
	private static void eventChannels(SystemModel system, RuleReport report) {
		for (EventChannel e : system.eventChannels()) {
			for (EventChannel.End end : new EventChannel.End[] { e.first(), e.second() }) {
				Domain d = end.domain();
				if (!d.isDom0() && d.options().enhanced() == Domain.Enhanced.NONE) {
					report.at(end.where(), "domain " + d.name() + " has event channel " + e.name() + " but no"
							+ " xen,enhanced: its kernel learns the event-channel interrupt from the /hypervisor node"
							+ " only; add 'enhanced no-xenstore'").emit();
				}
			}
		}
	}

	/**
	 * With ACPI in use Xen creates no dom0less domain (RELEASE-4.17.0:xen/arch/arm/setup.c:1168-1172);
	 * acpi= takes only force or a boolean false on Arm (RELEASE-4.17.0:xen/arch/arm/acpi/boot.c:193-211).
	 */
	private static void acpi(SystemModel system, RuleReport report) {
		CommandLine line = CommandLine.parse(system.xen().commandLine());
		if (line.has("acpi") && CommandLine.acpi(line.get("acpi")) == CommandLine.Acpi.FORCE
				&& !system.domUs().isEmpty() && system.xen().version().atLeast(new XenVersion(4, 15))) {
			report.at(where(system), "acpi=force makes Xen boot with ACPI, and then it creates no dom0less domain:"
					+ " system " + system.name() + "'s " + system.domUs().size() + " would not run; remove acpi=force")
					.emit();
		}
	}

	/**
	 * U-Boot's command for the board's architecture: booti boots arm64 Images, bootz arm32 zImages,
	 * bootm legacy images (Domino wraps Xen for it: xen.uimg, as ImageBuilder does).
	 */
	private static void bootCommand(SystemModel system, RuleReport report) {
		var command = system.boot().command();
		boolean arm32 = system.board().arch() == dev.domino.model.Arch.AARCH32;
		var where = system.boot().where();
		if (arm32 && command == dev.domino.model.BootConfig.Command.BOOTI) {
			report.at(where, "booti starts arm64 Images, and board " + system.board().name() + " is arm32: start Xen"
					+ " (a zImage) with bootz, or with bootm (Domino then wraps it as the uImage xen.uimg)").emit();
		} else if (!arm32 && command == dev.domino.model.BootConfig.Command.BOOTZ) {
			report.at(where, "bootz starts arm32 zImages, and board " + system.board().name() + " is arm64: start Xen"
					+ " with booti").emit();
		}
	}

	/** The .config the Xen image was built with (given, or next to the image) has every option the system needs. */
	private static void buildConfig(SystemModel system, RuleReport report) {
		XenBuild build = system.xen().build();
		if (build == null) {
			return;
		}
		for (Map.Entry<Kconfig.Option, String> need : BuildOptions.of(system).entrySet()) {
			String off = off(build, need.getKey(), system.xen().version());
			if (off != null) {
				report.at(build.where(), "the Xen image was built without " + need.getKey().symbol() + " (its .config "
						+ build.file().written() + off + "), which " + need.getValue() + " needs: that Xen would not honour it;"
						+ " build Xen with Domino's xen.config").emit();
			}
		}
	}

	/**
	 * Null when the .config may have the option; else why it does not. Kconfig writes no line at all
	 * for a symbol whose dependencies are off (CONFIG_SCHED_NULL without CONFIG_EXPERT: the Schedulers
	 * menu is "visible if EXPERT"), so a missing line whose dependency is "not set" is off too.
	 */
	private static String off(XenBuild build, Kconfig.Option option, XenVersion version) {
		Boolean set = build.set(option);
		if (set != null) {
			return set ? null : "";
		}
		for (Kconfig.Option dep : option.needs()) {
			if (dep.existsIn(version) && off(build, dep, version) != null) {
				return " has no " + option.symbol() + " line: it needs " + dep.symbol() + ", which is not set";
			}
		}
		return null;
	}

	private static SourceLocation where(SystemModel system) {
		return system.xen().bootargsWhere() != null ? system.xen().bootargsWhere() : system.xen().where();
	}
}
