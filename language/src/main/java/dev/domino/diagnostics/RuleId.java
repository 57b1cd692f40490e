package dev.domino.diagnostics;

import static dev.domino.diagnostics.Severity.ERROR;

/**
 * The rule table, in the spirit of dtc's checks.c: one row per diagnostic id users see, with its
 * default severity (SARIF's default level), a one-line summary and the source the rule comes from.
 * Every diagnostic is made through its row ({@link Report#at}), so an id is never a bare string
 * and its severity cannot drift from the table; a finding of lower severity says so explicitly.
 * Which class checks a row, and after which rows, is in {@code dev.domino.rules.Rules}.
 */
public enum RuleId {
	SYNTAX("syntax", ERROR, "the text does not follow the Domino grammar", "Domino grammar"),
	VALUE("value", ERROR, "a number that does not fit 64 bits, arithmetic that wraps, a zero size, a string"
			+ " the boot script cannot carry", "Domino language; U-Boot hush quoting"),
	OVERLAP("overlap", ERROR, "two placed ranges of different owners overlap",
			"Xen check_reserved_regions_overlap; Xen 4.17 crashes instead"),
	OVERLAP_GUEST("overlap-guest", ERROR,
			"a passthrough or shared-memory guest address collides with the guest memory layout",
			"Xen public/arch-arm.h"),
	ALIGN_PAGE("align-page", ERROR, "static memory, shared memory, passthrough xen,reg, XEN_START_ADDRESS: 4 KiB",
			"Xen static-memory.c (only an ASSERT in Xen)"),
	ALIGN_HEAP("align-heap", ERROR, "the static heap: 64 KiB at least", "Xen booting.txt"),
	ALIGN_IMAGE("align-image", ERROR, "arm64 kernel and Xen Image load addresses: 2 MiB",
			"Linux arm64 booting.rst; U-Boot booti silently relocates otherwise"),
	ALIGN_DTB("align-dtb", ERROR, "device trees: 8-byte aligned, at most 2 MiB", "Linux arm64 booting.rst, Xen"),
	ALIGN_MPU("align-mpu", ERROR, "MPU regions: 64-byte granularity; 4 KiB for what Xen maps",
			"PMSAv8-64 PRBAR/PRLAR; Xen asm/mpu.h, mpu/mm.c"),
	CONTAIN("contain", ERROR, "RAM ranges inside a memory bank, boot files inside the boot window, ranges inside"
			+ " their MPU section and below 2^pa-bits", "Xen Armv8-R64 porting proposal; Lopper memory-within-physical"),
	MPU_BUDGET("mpu-budget", ERROR, "Xen's fixed MPU regions plus each domain's must fit the MPU",
			"Xen arm64/mpu/head.S, mpu/mm.c; Armv8-R porting proposal"),
	MEMORY_BUDGET("memory-budget", ERROR, "domain memory, heap, modules and reserved ranges must fit RAM; kernel,"
			+ " DTB and ramdisk fit a domain's first bank", "Xen \"Exhausted all possible guest banks\", kernel.c"),
	LIMITS("limits", ERROR, "at most 32 boot modules, 1024-character command lines, memory in pages, domU DTBs"
			+ " within Xen's buffer, name and id lengths",
			"Xen bootinfo.h, booting.txt"),
	CPUS("cpus", ERROR, "vCPUs, affinities and cpupools must fit the physical CPUs and the vGIC (more vCPUs than"
			+ " CPUs is a warning)",
			"Xen cpupools.txt, ImageBuilder, ACRN"),
	EXCLUSIVE("exclusive", ERROR, "a device, SPI or event-channel port belongs to one domain; vpl011 and nr_spis"
			+ " agree",
			"Xen booting.txt; Lopper device-exclusive"),
	IOMMU("iommu", ERROR, "passthrough without an IOMMU needs force-assign (then a warning), DMA without one a"
			+ " direct-mapped domain; stream ids and paths are given",
			"Xen passthrough.txt"),
	REQUIRES("requires", ERROR, "direct-map, enhanced, event channels, MPU guests, llc-colors, shared memory, the"
			+ " boot command and Xen's build have prerequisites",
			"Xen booting.txt, dom0less-build.c"),
	VERSION("version", ERROR, "a property the selected Xen version does not support",
			"each release's C code (XenFeature)"),
	ORDER("order", ERROR, "'after' cycles, duplicate names, unresolved references, dom0 sized twice, paths the base"
			+ " DTB lacks", "Domino language"),
	FILE("file", ERROR, "a module file is missing, empty, unreadable or of the wrong type (a missing file is a"
			+ " warning while editing)", "ImageBuilder checks"),
	BOOT("boot", ERROR, "the system did not boot under QEMU (domino run): Xen, U-Boot or a guest failed, or a domain stayed"
			+ " silent; mapped back to the declaration that caused it", "Xen, U-Boot and Linux console messages (BootFailures)");

	private final String id;
	private final Severity severity;
	private final String summary;
	private final String source;

	RuleId(String id, Severity severity, String summary, String source) {
		this.id = id;
		this.severity = severity;
		this.summary = summary;
		this.source = source;
	}

	/** The stable id in every message: overlap, align-page, ... */
	public String id() {
		return id;
	}

	/** The default severity; a rule may report a finding of this rule as less severe, never more. */
	public Severity severity() {
		return severity;
	}

	public String summary() {
		return summary;
	}

	public String source() {
		return source;
	}

	/** The row of an id as users write it (in SARIF, a turned-off rule, a test); null if there is none. */
	public static RuleId byId(String id) {
		for (RuleId r : values()) {
			if (r.id.equals(id)) {
				return r;
			}
		}
		return null;
	}

	@Override
	public String toString() {
		return id;
	}
}
