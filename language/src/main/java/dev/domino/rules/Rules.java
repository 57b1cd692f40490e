package dev.domino.rules;

import static dev.domino.rules.Severity.ERROR;
import static dev.domino.rules.Severity.WARNING;

import java.util.List;
import java.util.Optional;

/**
 * The rule table, in the spirit of dtc's checks.c: one row per diagnostic id with its default
 * severity, summary, source and prerequisites. Ids produced while parsing or building the model
 * ({@code syntax}, {@code value}, and parts of {@code order}) have no rule object here.
 */
public final class Rules {
	private Rules() {
	}

	private static RuleSpec rule(String id, Severity severity, String summary, String source, Rule rule,
			String... prerequisites) {
		return new RuleSpec(id, severity, summary, source, List.of(prerequisites), rule);
	}

	public static final List<RuleSpec> TABLE = List.of(
			rule("syntax", ERROR, "the text does not follow the Domino grammar", "Domino grammar", null),
			rule("value", ERROR, "a number that does not fit 64 bits, arithmetic that wraps, a zero size, a string"
					+ " the boot script cannot carry", "Domino language; U-Boot hush quoting", new ValueRule()),
			rule("overlap", ERROR, "two placed ranges of different owners overlap",
					"Xen check_reserved_regions_overlap; Xen 4.17 crashes instead", new OverlapRule()),
			rule("overlap-guest", ERROR,
					"a passthrough or shared-memory guest address collides with the guest memory layout",
					"Xen public/arch-arm.h", new OverlapGuestRule()),
			rule("align-page", ERROR, "static memory, shared memory, passthrough xen,reg, XEN_START_ADDRESS: 4 KiB",
					"Xen static-memory.c (only an ASSERT in Xen)", new AlignPageRule()),
			rule("align-heap", ERROR, "the static heap: 64 KiB at least", "Xen booting.txt", new AlignHeapRule()),
			rule("align-image", ERROR, "arm64 kernel and Xen Image load addresses: 2 MiB",
					"Linux arm64 booting.rst; U-Boot booti silently relocates otherwise", new AlignImageRule()),
			rule("align-dtb", ERROR, "device trees: 8-byte aligned, at most 2 MiB", "Linux arm64 booting.rst, Xen",
					new AlignDtbRule()),
			rule("align-mpu", ERROR, "MPU regions: 64-byte granularity; 4 KiB for what Xen maps",
					"PMSAv8-64 PRBAR/PRLAR; Xen asm/mpu.h, mpu/mm.c", new AlignMpuRule()),
			rule("contain", ERROR,
					"RAM ranges inside a memory bank, boot files inside the boot window, ranges inside their"
							+ " MPU section and below 2^pa-bits",
					"Xen Armv8-R64 porting proposal; Lopper memory-within-physical", new ContainRule()),
			rule("mpu-budget", ERROR, "Xen's fixed MPU regions plus each domain's must fit the MPU",
					"Xen arm64/mpu/head.S, mpu/mm.c; Armv8-R porting proposal", new MpuBudgetRule(), "align-mpu"),
			rule("memory-budget", ERROR, "domain memory, heap, modules and reserved ranges must fit RAM",
					"Xen \"Exhausted all possible guest banks\"", new MemoryBudgetRule()),
			rule("limits", ERROR, "at most 32 boot modules, 1024-character command lines, memory in KiB",
					"Xen bootinfo.h, booting.txt", new LimitsRule()),
			rule("cpus", WARNING, "vCPUs and cpupools must fit the physical CPUs",
					"Xen cpupools.txt, ImageBuilder, ACRN", new CpusRule()),
			rule("exclusive", ERROR, "a device or SPI belongs to one domain; vpl011 and nr_spis agree",
					"Xen booting.txt; Lopper device-exclusive", new ExclusiveRule()),
			rule("iommu", ERROR, "passthrough without an IOMMU needs force-assign",
					"Xen passthrough.txt", new IommuRule()),
			rule("requires", ERROR, "direct-map, MPU guests, llc-colors and shared memory have prerequisites",
					"Xen booting.txt, dom0less-build.c", new RequiresRule()),
			rule("version", ERROR, "a property the selected Xen version does not support",
					"Xen booting.txt history", new VersionRule()),
			rule("order", ERROR, "'after' cycles, duplicate names, unresolved references", "Domino language",
					null),
			rule("file", ERROR, "a module file is missing, empty, unreadable or of the wrong type",
					"ImageBuilder checks", new FileRule()));

	public static Optional<RuleSpec> byId(String id) {
		return TABLE.stream().filter(r -> r.id().equals(id)).findFirst();
	}
}
