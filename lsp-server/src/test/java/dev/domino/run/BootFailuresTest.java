package dev.domino.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.domino.run.BootFailures.Blame;

/**
 * One test per row of BootFailures, fed with console lines of real boots under QEMU (Xen 4.17 from
 * Debian and built from source, U-Boot 2023.01, Linux 6.1; docs/boot-recipes.md and forced builds of
 * the demo). The static-memory rows quote Xen 4.17's arch/arm/domain_build.c (no boot here reached them).
 */
class BootFailuresTest {
	private static BootFailures.Match classify(String... lines) {
		return BootFailures.classify(List.of(lines), 1).orElseThrow(() -> new AssertionError("no row matches"));
	}

	private static void fatal(String line) {
		assertTrue(BootFailures.isFatal(line), line + " ends the boot");
	}

	@Test
	void notEnoughMemoryInTheFirstBankBlamesTheDomainBeingBuilt() {
		BootFailures.Match m = classify("(XEN) *** LOADING DOMU cpus=1 memory=4000KB ***",
				"(XEN) Loading d1 kernel from boot module @ 0000000040400000",
				"(XEN) Allocating mappings totalling 16MB for d1:", "(XEN) d1 BANK[0] 0x00000040000000-0x00000041000000 (16MB)",
				"(XEN) ", "(XEN) ****************************************", "(XEN) Panic on CPU 0:",
				"(XEN) Not enough memory in the first bank for the kernel+dtb+initrd",
				"(XEN) ****************************************", "(XEN) ", "(XEN) Reboot in five seconds...");
		assertEquals(Blame.BUILDING_DOMAIN, m.failure().blame());
		assertEquals(8, m.lineNumber());
		fatal("(XEN) Panic on CPU 0:");
		assertTrue(BootFailures.isEnd("(XEN) Reboot in five seconds..."));
	}

	@Test
	void failedToAllocateDomainMemoryBlamesItsMemory() {
		BootFailures.Match m = classify("(XEN) Allocating mappings totalling 4096MB for d1:", "(XEN) ",
				"(XEN) Panic on CPU 0:",
				"(XEN) Failed to allocate requested domain memory. 4194304KB unallocated. Fix the VMs configurations.");
		assertEquals(Blame.DOMAIN_MEMORY, m.failure().blame());
		assertEquals(null, m.group("dom"), "the domain being built is meant");
	}

	@Test
	void failedToAllocateDom0MemoryBlamesDom0() {
		// boot-recipes.md b: dom0_mem=512M from a 512 MiB static heap
		BootFailures.Match m = classify("(XEN) Panic on CPU 0:",
				"(XEN) Failed to allocate requested dom0 memory. 32MB unallocated");
		assertEquals(Blame.DOM0_MEMORY, m.failure().blame());
	}

	@Test
	void staticMemoryFailuresNameTheirDomain() {
		assertEquals("d2", classify("(XEN) d2: failed to acquire static memory: -22.").group("dom"));
		BootFailures.Match m = classify("(XEN) Panic on CPU 0:",
				"(XEN) Failed to allocate requested static memory for domain d1.");
		assertEquals(Blame.DOMAIN_MEMORY, m.failure().blame());
		assertEquals("d1", m.group("dom"));
		assertEquals("d3", classify("(XEN) Failed to assign requested static memory for direct-map domain d3.")
				.group("dom"));
	}

	@Test
	void aPageAllocBugIsModulesOverlapping() {
		BootFailures.Match m = classify("(XEN) Loading d2 DTB to 0x0000000047c00000-0x0000000047c004a1",
				"(XEN) pg MFN 42601 c=0x180000000000000 o=0 v=0 t=0", "(XEN) Xen BUG at common/page_alloc.c:1423",
				"(XEN) ----[ Xen-4.17.5  arm64  debug=n  Tainted: U      ]----", "(XEN) Panic on CPU 0:",
				"(XEN) Xen BUG at common/page_alloc.c:1423");
		assertEquals(Blame.SYSTEM, m.failure().blame());
		assertTrue(m.failure().meaning().contains("overlap"));
		assertEquals(3, m.lineNumber());
		fatal("(XEN) Xen BUG at common/page_alloc.c:1423");
	}

	@Test
	void aMissingSchedulerBlamesTheCpupool() {
		BootFailures.Match m = classify("(XEN) Panic on CPU 0:", "(XEN) Scheduler null does not exists!");
		assertEquals(Blame.CPUPOOL_SCHEDULER, m.failure().blame());
		assertEquals("null", m.group("name"));
	}

	@Test
	void couldNotSetUpDomainNamesIt() {
		// the demo with web's static memory over the boot modules, on a Xen with STATIC_MEMORY
		BootFailures.Match m = classify("(XEN) Loading ramdisk from boot module @ 0000000042800000", "(XEN) ",
				"(XEN) ****************************************", "(XEN) Panic on CPU 0:", "(XEN) Could not set up domain rt",
				"(XEN) ****************************************");
		assertEquals(Blame.NAMED_DOMAIN, m.failure().blame());
		assertEquals("rt", m.group("name"));
	}

	@Test
	void ubootRefusingXensImageBlamesTheImage() {
		assertEquals(Blame.XEN_IMAGE, classify("Bad Linux ARM64 Image magic!").failure().blame());
		// booti given a gzip file (a ramdisk as bin/xen)
		assertEquals(Blame.XEN_IMAGE, classify("kernel_comp_addr_r or kernel_comp_size is not provided!").failure().blame());
		BootFailures.Match m = classify("Wrong Image Format for bootm command", "ERROR: can't get kernel image!");
		assertEquals(Blame.XEN_IMAGE, m.failure().blame());
		fatal("Bad Linux ARM64 Image magic!");
		fatal("kernel_comp_addr_r or kernel_comp_size is not provided!");
		fatal("Wrong Image Format for bootm command");
	}

	@Test
	void aFileUBootCannotReadBlamesItsModule() {
		// U-Boot 2023.01 (Debian's) says "Failed to load"; older releases "** Unable to read file ... **"
		BootFailures.Match m = classify("** Unable to read file bin/rt.cpio.gz **", "Failed to load 'bin/rt.cpio.gz'");
		assertEquals(Blame.MODULE_FILE, m.failure().blame());
		assertEquals("bin/rt.cpio.gz", m.group("name"));
		assertEquals("bin/xen", classify("Failed to load 'bin/xen'").group("name"));
		fatal("** Unable to read file bin/rt.cpio.gz **");
	}

	@Test
	void theFirstFailureIsTheCauseNotWhatFollows() {
		// a missing Xen: U-Boot then starts whatever is in memory
		BootFailures.Match m = classify("Failed to load 'bin/xen'", "Bad Linux ARM64 Image magic!");
		assertEquals(Blame.MODULE_FILE, m.failure().blame());
	}

	@Test
	void ubootOverlapsAndAbortsBlameTheBootBlock() {
		assertEquals(Blame.BOOT_BLOCK,
				classify("ERROR: FDT image overlaps OS image (OS=0x42b00000..0x42c16290)").failure().blame());
		assertEquals(Blame.BOOT_BLOCK, classify("\"Synchronous Abort\" handler, esr 0x97830010").failure().blame());
	}

	@Test
	void aGuestKernelPanicBlamesThatDomain() {
		BootFailures.Match m = classify("(XEN) DOM1: [    3.735702] No filesystem could mount root, tried: ",
				"(XEN) DOM1: [    3.738273] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)");
		assertEquals(Blame.PRINTING_DOMAIN, m.failure().blame());
		fatal("(XEN) DOM1: [    3.738273] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)");
	}

	@Test
	void anyOtherXenPanicBlamesTheSystemWithItsReason() {
		List<String> lines = List.of("(XEN) ****************************************", "(XEN) Panic on CPU 0:",
				"(XEN) Unable to find Xen bootargs", "(XEN) ****************************************");
		BootFailures.Match m = BootFailures.classify(lines, 1).orElseThrow();
		assertEquals(Blame.SYSTEM, m.failure().blame());
		assertEquals("Unable to find Xen bootargs", BootFailures.panicReason(lines));
	}

	@Test
	void aBootThatGoesWellIsNoFailure() {
		for (String line : List.of("(XEN) Xen dom0less mode detected", "(XEN) DOM1: DOMINO-BANNER web: hello",
				"(XEN) d2v0: vGICD: unhandled word write 0x000000ffffffff to ICACTIVER4", "## Executing script at 40200000")) {
			assertFalse(BootFailures.isFatal(line), line);
			assertTrue(BootFailures.classify(List.of(line), 1).isEmpty(), line);
		}
	}
}
