package dev.domino.xen;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Xen's build options a system can need, the releases that have each, and what else a fragment
 * must set so that {@code make olddefconfig} keeps it (Kconfig drops what it cannot honour without
 * a word). Measured with Xen's own kconfig at every tag 4.17-4.22 (arm64) and read in the Kconfig
 * files; the source of each row says where.
 */
public final class Kconfig {
	private Kconfig() {
	}

	public enum Option {
		/** Unlocks the "visible if EXPERT" menus; UNSUPPORTED defaults to EXPERT. */
		EXPERT("CONFIG_EXPERT", 4, 12, Set.of(), "RELEASE-4.17.0:xen/Kconfig:47"),
		UNSUPPORTED("CONFIG_UNSUPPORTED", 4, 12, Set.of(), "RELEASE-4.17.0:xen/Kconfig:58"),
		/** The prompt is "if UNSUPPORTED"; from 4.19 it depends on DOM0LESS_BOOT (default y). */
		STATIC_MEMORY("CONFIG_STATIC_MEMORY", 4, 16, Set.of("UNSUPPORTED", "DOM0LESS_BOOT"),
				"RELEASE-4.16.0:xen/common/Kconfig:73, RELEASE-4.17.0:xen/common/Kconfig:82"),
		/** "if UNSUPPORTED", depends on STATIC_MEMORY. */
		STATIC_SHM("CONFIG_STATIC_SHM", 4, 17, Set.of("STATIC_MEMORY", "UNSUPPORTED"),
				"RELEASE-4.17.0:xen/arch/arm/Kconfig:143"),
		/** A plain prompt outside the Schedulers menu. */
		BOOT_TIME_CPUPOOLS("CONFIG_BOOT_TIME_CPUPOOLS", 4, 17, Set.of(),
				"RELEASE-4.17.0:xen/common/sched/Kconfig:68"),
		/** First in 4.19 (default y); 4.17 and 4.18 always build dom0less and drop the line. */
		DOM0LESS_BOOT("CONFIG_DOM0LESS_BOOT", 4, 19, Set.of(), "RELEASE-4.19.0:xen/arch/arm/Kconfig:92"),
		/** First in 4.19 (default y); before, static event channels are always built. */
		STATIC_EVTCHN("CONFIG_STATIC_EVTCHN", 4, 19, Set.of("DOM0LESS_BOOT"), "RELEASE-4.19.0:xen/arch/arm/Kconfig:229"),
		/** The Schedulers menu is "visible if EXPERT" at every tag: UNSUPPORTED alone is not enough. */
		SCHED_NULL("CONFIG_SCHED_NULL", 4, 12, Set.of("EXPERT", "UNSUPPORTED"),
				"RELEASE-4.17.0:xen/common/sched/Kconfig:1-2,32"),
		SCHED_RTDS("CONFIG_SCHED_RTDS", 4, 12, Set.of("EXPERT", "UNSUPPORTED"),
				"RELEASE-4.17.0:xen/common/sched/Kconfig:1-2,17"),
		SCHED_ARINC653("CONFIG_SCHED_ARINC653", 4, 12, Set.of("EXPERT", "UNSUPPORTED"),
				"RELEASE-4.17.0:xen/common/sched/Kconfig:1-2,25"),
		/** "if EXPERT"; HAS_LLC_COLORING is selected on arm64 without NUMA. */
		LLC_COLORING("CONFIG_LLC_COLORING", 4, 20, Set.of("EXPERT", "UNSUPPORTED"),
				"RELEASE-4.20.0:xen/common/Kconfig:522"),
		/** "MPU" if UNSUPPORTED in the memory-management choice; forces NR_CPUS to 1. */
		MPU("CONFIG_MPU", 4, 20, Set.of("EXPERT", "UNSUPPORTED"), "RELEASE-4.20.0:xen/arch/arm/Kconfig:86"),
		/** No prompt in 4.17 (def_bool n); "if UNSUPPORTED" from 4.18. */
		ARM64_SVE("CONFIG_ARM64_SVE", 4, 18, Set.of("UNSUPPORTED"), "RELEASE-4.18.0:xen/arch/arm/Kconfig:160"),
		/** Defaults to n on arm32 from 4.18; 4.17 has it for arm64 only. */
		GICV3("CONFIG_GICV3", 4, 12, Set.of(), "RELEASE-4.18.0:xen/arch/arm/Kconfig:83"),
		/** XSM and FLASK are on by default at every tag; a policy module needs both. */
		XSM_FLASK("CONFIG_XSM_FLASK", 4, 12, Set.of(), "RELEASE-4.17.0:xen/common/Kconfig:251"),
		/** Default y from 4.20; 4.21 makes it the default of the ARM_SCI choice. */
		SCMI_SMC("CONFIG_SCMI_SMC", 4, 20, Set.of(), "RELEASE-4.20.0:xen/arch/arm/firmware/Kconfig:3");

		private final String symbol;
		private final XenVersion since;
		private final Set<String> needs;
		private final String source;

		Option(String symbol, int major, int minor, Set<String> needs, String source) {
			this.symbol = symbol;
			this.since = new XenVersion(major, minor);
			this.needs = needs;
			this.source = source;
		}

		public String symbol() {
			return symbol;
		}

		public XenVersion since() {
			return since;
		}

		public String source() {
			return source;
		}

		public boolean existsIn(XenVersion v) {
			return v.atLeast(since);
		}

		/** What else a fragment must set for this line to survive olddefconfig. */
		public Set<Option> needs() {
			Set<Option> out = EnumSet.noneOf(Option.class);
			needs.forEach(n -> out.add(valueOf(n)));
			return out;
		}
	}

	/**
	 * The options to write for {@code wanted} on release {@code v}: each with everything it needs,
	 * transitively, leaving out what the release does not have (its feature is refused by the
	 * version rule, or always built there). In the table's order, so the fragment is stable.
	 */
	public static List<Option> closure(Set<Option> wanted, XenVersion v) {
		Set<Option> all = EnumSet.noneOf(Option.class);
		List<Option> todo = new ArrayList<>(wanted);
		while (!todo.isEmpty()) {
			Option o = todo.remove(todo.size() - 1);
			if (o.existsIn(v) && all.add(o)) {
				todo.addAll(o.needs());
			}
		}
		return new ArrayList<>(all);
	}

	/** The scheduler option of a cpupool-sched name; null for the ones that are on by default (credit, credit2). */
	public static Option scheduler(String name) {
		return switch (name) {
		case "null" -> Option.SCHED_NULL;
		case "rtds" -> Option.SCHED_RTDS;
		case "arinc653" -> Option.SCHED_ARINC653;
		default -> null;
		};
	}
}
