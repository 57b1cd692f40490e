package dev.domino.xen;

/**
 * The version table: the first Xen release whose C code reads each dom0less property, with where
 * that was verified (release tag, file, line). The {@code version} rule reads it. A feature no
 * release has yet ({@link #since} beyond {@link XenVersion#NEWEST}) is refused for every release.
 */
public enum XenFeature {
	DOM0("a classic dom0 (multiboot modules directly under /chosen)", 4, 12,
			"RELEASE-4.12.0:xen/arch/arm/bootfdt.c:184-241"),
	DEVICE_PASSTHROUGH("device passthrough (a multiboot,device-tree partial DTB with xen,reg and xen,path)", 4, 13,
			"RELEASE-4.13.0:xen/arch/arm/bootfdt.c:245, domain_build.c:1771-1848"),
	NR_SPIS("nr_spis", 4, 13, "RELEASE-4.13.0:xen/arch/arm/domain_build.c:2480"),
	DOM0LESS_ONLY("a system without dom0 (\"Xen dom0less mode\")", 4, 16,
			"RELEASE-4.16.0:xen/arch/arm/setup.c:1026-1029; 4.12-4.15 always build dom0"),
	STATIC_MEMORY("static memory (xen,static-mem)", 4, 16, "RELEASE-4.16.0:xen/arch/arm/bootfdt.c:352-363"),
	DIRECT_MAP("direct-map", 4, 17, "RELEASE-4.17.0:xen/arch/arm/domain_build.c:3881-3888"),
	ENHANCED("xen,enhanced", 4, 17, "RELEASE-4.17.0:xen/arch/arm/domain_build.c:3780-3791"),
	STATIC_HEAP("static heap (xen,static-heap)", 4, 17, "RELEASE-4.17.0:xen/arch/arm/bootfdt.c:305-319"),
	CPUPOOLS("boot-time cpupools", 4, 17, "RELEASE-4.17.0:xen/common/sched/boot-cpupool.c:93-145"),
	SHARED_MEMORY("static shared memory (xen,shared-mem)", 4, 17, "RELEASE-4.17.0:xen/arch/arm/bootfdt.c:568"),
	STATIC_EVTCHN("static event channels (xen,evtchn)", 4, 17, "RELEASE-4.17.0:xen/arch/arm/domain_build.c:3456-3598"),
	P2M_MEMORY("xen,domain-p2m-mem-mb", 4, 17, "RELEASE-4.17.0:xen/arch/arm/domain_build.c:3764-3768"),
	GRANT_LIMITS("max_grant_frames, max_maptrack_frames and max_grant_version", 4, 18,
			"RELEASE-4.18.0:xen/arch/arm/domain_build.c:3742-3757"),
	SVE("sve", 4, 18, "RELEASE-4.18.0:xen/arch/arm/domain_build.c:3759-3785 (CONFIG_ARM64_SVE has no prompt in 4.17)"),
	PASSTHROUGH_PROPERTY("the domain property passthrough", 4, 19,
			"RELEASE-4.19.0:xen/arch/arm/dom0less-build.c:900-907"),
	LLC_COLORS("llc-colors", 4, 20, "RELEASE-4.20.0:xen/arch/arm/dom0less-build.c:969-986"),
	CAPABILITIES("capabilities", 4, 21, "RELEASE-4.21.0:xen/common/device-tree/dom0less-bindings.c:36-63"),
	TRAP_UNMAPPED("trap-unmapped-accesses", 4, 21, "RELEASE-4.21.0:xen/arch/arm/dom0less-build.c:388-396"),
	VCPU_AFFINITY("vCPU hard affinity (xen,vcpu nodes)", 4, 21,
			"RELEASE-4.21.0:xen/common/device-tree/dom0less-build.c:648-689"),
	SCI("xen,sci_type", 4, 21, "RELEASE-4.21.0:xen/arch/arm/dom0less-build.c:282-310"),
	MPU_GUESTS("guests on an MPU (Armv8-R) board", 4, 23,
			"not in any release: RELEASE-4.22.0:xen/arch/arm/mpu/p2m.c:12-17 is BUG_ON(\"unimplemented\")");

	private final String description;
	private final XenVersion since;
	private final String source;

	XenFeature(String description, int major, int minor, String source) {
		this.description = description;
		this.since = new XenVersion(major, minor);
		this.source = source;
	}

	public String description() {
		return description;
	}

	public XenVersion since() {
		return since;
	}

	/** Where it was verified: release tag and file. */
	public String source() {
		return source;
	}

	/** True when no release Domino knows has it yet. */
	public boolean unreleased() {
		return since.compareTo(XenVersion.NEWEST) > 0;
	}
}
