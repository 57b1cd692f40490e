package dev.domino.xen;

/**
 * The version table: which Xen release first understands each dom0less property
 * (Xen docs/misc/arm/device-tree/booting.txt history). The {@code version} rule reads it.
 */
public enum XenFeature {
	STATIC_MEMORY("static memory (xen,static-mem)", 4, 16),
	DIRECT_MAP("direct-map", 4, 16),
	ENHANCED("xen,enhanced", 4, 16),
	STATIC_HEAP("static heap (xen,static-heap)", 4, 17),
	CPUPOOLS("boot-time cpupools", 4, 17),
	SHARED_MEMORY("static shared memory (xen,shared-mem)", 4, 17),
	NR_SPIS("nr_spis", 4, 18),
	PASSTHROUGH("device passthrough", 4, 19),
	LLC_COLORS("llc-colors", 4, 20),
	CAPABILITIES("capabilities", 4, 21),
	MPU_GUESTS("guests on an MPU (Armv8-R) board", 4, 22);

	private final String description;
	private final XenVersion since;

	XenFeature(String description, int major, int minor) {
		this.description = description;
		this.since = new XenVersion(major, minor);
	}

	public String description() {
		return description;
	}

	public XenVersion since() {
		return since;
	}
}
