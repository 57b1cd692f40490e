package dev.domino.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.domino.compiler.DominoCompiler;
import dev.domino.diagnostics.Diagnostic;
import dev.domino.model.Domain;
import dev.domino.testing.Tools;
import dev.domino.testing.Workspace;

/**
 * The systems of issue 10 that Domino accepted and Xen then refused, or refused and Xen runs: each
 * case as it was measured, with the diagnostic (or the silence) it must give now.
 */
class RealSystemRulesTest {
	@TempDir
	Path dir;
	Workspace ws;

	@BeforeEach
	void board() throws Exception {
		ws = new Workspace(dir);
		ws.qemuBoard();
	}

	private List<Diagnostic> check(String body) throws Exception {
		return check("4.17", body);
	}

	private List<Diagnostic> check(String version, String body) throws Exception {
		ws.write("s.domino", """
				import "qemu-virt.domino"
				system s on qemu_virt {
				    xen %s { image "bin/xen" bootargs "console=dtuart" heap 512M }
				    boot uboot booti { load "load virtio 0" window 0x4020_0000 .. 0xB000_0000 }
				%s
				}
				""".formatted(version, body));
		return ws.analyse("s.domino").diagnostics();
	}

	private static List<Diagnostic> errors(List<Diagnostic> d) {
		return d.stream().filter(Diagnostic::isError).toList();
	}

	private static Diagnostic only(String rule, List<Diagnostic> d) {
		List<Diagnostic> e = errors(d);
		assertEquals(1, e.size(), "one error expected:\n" + Workspace.format(d));
		assertEquals(rule, e.get(0).ruleId(), Workspace.format(d));
		return e.get(0);
	}

	// ------------------------------------------------------------------ 5. the first bank

	@Test
	void aKernelThatDoesNotFitTheFirstBankIsNamedWithItsSizeAndTheBank() throws Exception {
		ws.arm64Image("bin/big", 20 << 20, 36L << 20); // the example kernel: 36 MiB once loaded
		Diagnostic e = only("memory-budget", check("    domain small { memory 32M kernel \"bin/big\" }"));
		assertEquals(5, e.where().line(), "at the domain's memory");
		for (String part : List.of("kernel bin/big", "36 MiB once loaded", "first memory bank (32 MiB")) {
			assertTrue(e.message().contains(part), part + " in: " + e.message());
		}
		assertTrue(errors(check("    domain small { memory 64M kernel \"bin/big\" }")).isEmpty(), "64 MiB holds it");
	}

	// ------------------------------------------------------------------ 4. static shared memory

	@Test
	void sharedMemoryWithoutAnOwnerGivesNoRoleSoXenOwnsIt() throws Exception {
		ws.write("s.domino", """
				import "qemu-virt.domino"
				system s on qemu_virt {
				    xen 4.17 { image "bin/xen" heap 512M }
				    boot uboot booti { load "load virtio 0" window 0x4020_0000 .. 0xB000_0000 }
				    domain a { memory 128M kernel "bin/Image" }
				    domain b { memory 128M kernel "bin/Image" }
				    shared-memory buf size 16M at 0x7000_0000 { borrower a at 0x1000_0000 borrower b at 0x1000_0000 }
				}
				""");
		Path out = dir.resolve("out");
		DominoCompiler.Outcome outcome = ws.compiler().compile(ws.path("s.domino"), out, 0);
		assertFalse(outcome.hasErrors(), Workspace.format(outcome.diagnostics()));
		String dts = dev.domino.testing.Dtc.decompile(out, "system.dtb");
		assertEquals(2, dts.split("xen,shared-mem = ", -1).length - 1, dts);
		assertFalse(dts.contains("role = "), "with no owner, no domain says a role: Xen's DOMID_IO owns it\n" + dts);
	}

	@Test
	void aGuestAddressFreeUnderGicv2IsAcceptedThere() throws Exception {
		String shm = """
				    domain a { memory 128M kernel "bin/Image" }
				    domain b { memory 128M kernel "bin/Image" }
				    shared-memory buf size 256M at 0x7000_0000 { borrower a at 0x400_0000 borrower b at 0x400_0000 }
				""";
		// QEMU's GICv3 machine: the guest's redistributors (0x0302_0000, 16 MiB) reach past 0x0400_0000
		assertFalse(errors(check(shm)).isEmpty(), "under GICv3 the range overlaps the vGIC");
		Files.writeString(dir.resolve("qemu-virt.domino"), Files.readString(dir.resolve("qemu-virt.domino"))
				.replace("\"arm,gic-v3\"", "\"arm,cortex-a15-gic\"").replace("reg 0x080A_0000 size 0xF6_0000",
						"reg 0x0801_0000 size 64K"));
		List<Diagnostic> d = check(shm);
		assertTrue(errors(d).isEmpty(), "Xen's CI puts it at 0x400_0000 on GICv2\n" + Workspace.format(d));
	}

	// ------------------------------------------------------------------ 7. passthrough plumbing

	@Test
	void aDmaMasterForcedIntoADomainThatIsNotDirectMappedIsRefused() throws Exception {
		Files.writeString(dir.resolve("qemu-virt.domino"), Files.readString(dir.resolve("qemu-virt.domino"))
				.replace("path \"/pl061@9030000\"", "path \"/pl061@9030000\"\n        dma"));
		Diagnostic e = only("iommu", check("    domain d { memory 128M kernel \"bin/Image\" passthrough gpio force-assign }"));
		assertTrue(e.message().contains("direct-mapped"), e.message());
		List<Diagnostic> direct = check("    domain d { memory 128M static at 0x7000_0000 direct-map kernel \"bin/Image\""
				+ " passthrough gpio force-assign }");
		assertTrue(errors(direct).isEmpty(), "1:1, the device's addresses are the guest's\n" + Workspace.format(direct));
	}

	@Test
	void aPathTheBaseDtbLacksIsReported() throws Exception {
		Files.writeString(dir.resolve("qemu-virt.domino"), Files.readString(dir.resolve("qemu-virt.domino"))
				.replace("path \"/pl061@9030000\"", "path \"/pl061@9040000\""));
		Diagnostic e = only("order", check("    domain d { memory 128M kernel \"bin/Image\" }"));
		assertTrue(e.message().contains("/pl061@9040000") && e.message().contains("has no node"), e.message());
		assertTrue(e.where().uri().endsWith("qemu-virt.domino"), "at the device");
	}

	@Test
	void aDeviceBehindAnSmmuWithoutAStreamIdIsReported() throws Exception {
		ws.write("smmu.domino", """
				board smmu_board {
				    cpus 2
				    memory ram at 0x4000_0000 size 2G
				    device gic { compatible "arm,gic-v3" reg 0x0800_0000 size 64K reg 0x080A_0000 size 0xF6_0000 }
				    device smmu { compatible "arm,smmu-v3" reg 0x0905_0000 size 128K irq spi 74 }
				    device eth { compatible "snps,dwmac" reg 0x0a00_0000 size 64K irq spi 20 iommu smmu }
				}
				""");
		List<Diagnostic> d = ws.analyse("smmu.domino").diagnostics();
		Diagnostic e = only("iommu", d);
		assertTrue(e.message().contains("stream-id"), e.message());
		ws.write("smmu.domino", Files.readString(dir.resolve("smmu.domino")).replace("iommu smmu", "iommu smmu stream-id 3"));
		assertTrue(errors(ws.analyse("smmu.domino").diagnostics()).isEmpty());
	}

	@Test
	void before417APartialDeviceTreeNeedsAnIommu() throws Exception {
		String body = "    domain d { memory 128M kernel \"bin/Image\" passthrough gpio force-assign }";
		List<Diagnostic> d = check("4.16", body); // the template's heap is refused by version too
		Diagnostic e = errors(d).stream().filter(x -> x.ruleId().equals("iommu")).findFirst()
				.orElseThrow(() -> new AssertionError(Workspace.format(d)));
		assertTrue(e.message().contains("IOMMU context") && e.message().contains("4.17"), e.message());
		assertTrue(errors(check("4.17", body)).isEmpty(), "4.17 asks for the IOMMU only when there is one");
	}

	@Test
	void acpiForceMeansNoDom0lessDomain() throws Exception {
		ws.write("s.domino", """
				import "qemu-virt.domino"
				system s on qemu_virt {
				    xen 4.17 { image "bin/xen" bootargs "console=dtuart acpi=force" }
				    domain d { memory 128M kernel "bin/Image" }
				}
				""");
		Diagnostic e = only("requires", ws.analyse("s.domino").diagnostics());
		assertEquals(3, e.where().line(), "at Xen's bootargs");
		assertTrue(e.message().contains("acpi=force"), e.message());
	}

	// ------------------------------------------------------------------ 8. memory SIZE static at ADDR

	@Test
	void staticAtIsTheSameAsAt() throws Exception {
		List<Diagnostic> d = check("    domain d { memory 64M static at 0x6000_0000 kernel \"bin/Image\" }");
		assertTrue(errors(d).isEmpty(), Workspace.format(d));
		Domain with = ws.analyse("s.domino").systems().get(0).model().domains().get(0);
		check("    domain d { memory 64M at 0x6000_0000 kernel \"bin/Image\" }");
		Domain without = ws.analyse("s.domino").systems().get(0).model().domains().get(0);
		assertTrue(with.isStatic() && without.isStatic());
		assertEquals(without.staticBanks().get(0).fixedBase(), with.staticBanks().get(0).fixedBase());
		assertEquals(0x6000_0000L, with.staticBanks().get(0).fixedBase());
	}

	// ------------------------------------------------------------------ static event channels

	@Test
	void anEventChannelNeedsBothDomainsToKnowTheirInterrupt() throws Exception {
		String body = """
				    domain a { memory 128M kernel "bin/Image" %s }
				    domain b { memory 128M kernel "bin/Image" enhanced no-xenstore }
				    event-channel ping { a port 10 b port 11 }
				""";
		Diagnostic e = only("requires", check(body.formatted("")));
		assertTrue(e.message().contains("domain a") && e.message().contains("no-xenstore"), e.message());
		List<Diagnostic> d = check(body.formatted("enhanced no-xenstore"));
		assertTrue(errors(d).isEmpty(), Workspace.format(d));
	}

	@Test
	void aPortTakenTwiceInADomainIsRefused() throws Exception {
		List<Diagnostic> d = check("""
				    domain a { memory 128M kernel "bin/Image" enhanced no-xenstore }
				    domain b { memory 128M kernel "bin/Image" enhanced no-xenstore }
				    event-channel one { a port 10 b port 11 }
				    event-channel two { a port 10 b port 12 }
				""");
		assertEquals("exclusive", only("exclusive", d).ruleId());
	}

	// ------------------------------------------------------------------ random systems: the null scheduler

	/** Found by examples' RandomSystems and booted: the second domain of a one-CPU null pool never ran. */
	@Test
	void aNullSchedulerPoolHasACpuForEveryVcpuOfItsDomains() throws Exception {
		String body = """
				    domain a { vcpus 1 memory 128M kernel "bin/Image" cpupool p1 }
				    domain b { vcpus %s memory 128M kernel "bin/Image" %s }
				    cpupool p1 { cpus %s scheduler %s }
				""";
		Diagnostic e = only("cpus", check(body.formatted("1", "cpupool p1", "1", "null")));
		assertEquals(7, e.where().line(), "at the pool");
		for (String part : List.of("cpupool p1 has 1 CPU", "null scheduler", "2 vCPUs", "a (1), b (1)")) {
			assertTrue(e.message().contains(part), part + " in: " + e.message());
		}
		assertEquals("cpus", only("cpus", check(body.formatted("2", "cpupool p1", "1", "null"))).ruleId(),
				"3 vCPUs, 1 CPU");
		assertTrue(errors(check(body.formatted("1", "", "1", "null"))).isEmpty(), "b in Pool-0");
		assertTrue(errors(check(body.formatted("1", "cpupool p1", "1", "credit2"))).isEmpty(), "credit2 shares CPUs");
		Diagnostic zero = only("cpus", check(body.formatted("1", "", "0", "null")));
		assertTrue(zero.message().contains("it holds the boot CPU, so it is Pool-0"), zero.message());
	}
}
