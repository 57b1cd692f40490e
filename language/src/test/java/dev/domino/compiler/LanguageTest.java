package dev.domino.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.domino.diagnostics.Diagnostic;
import dev.domino.model.Domain;
import dev.domino.model.SystemModel;
import dev.domino.testing.Workspace;

/** Parsing, linking across files, and the diagnostics bad input gets: each with its location and rule id. */
class LanguageTest {
	@TempDir
	Path dir;
	Workspace ws;

	@BeforeEach
	void setUp() throws Exception {
		ws = new Workspace(dir);
		ws.qemuBoard();
	}

	private static final String SYSTEM = """
			import "qemu-virt.domino"
			system demo on qemu_virt {
			    xen 4.17 { image "bin/xen" bootargs "console=dtuart" heap 512M }
			    boot uboot booti { load "load virtio 0" window 0x4020_0000 .. 0xB000_0000 }
			    module linux kernel "bin/Image"
			    domain web { vcpus 1 memory 128M kernel linux args "console=ttyAMA0" ramdisk "bin/web.cpio.gz" console vpl011 }
			    domain rt { vcpus 1 memory 128M kernel linux ramdisk "bin/rt.cpio.gz" console vpl011 after web }
			}
			""";

	@Test
	void theExampleSystemIsCleanAndLinkedAcrossFiles() throws Exception {
		ws.write("demo.domino", SYSTEM);
		Analysis a = ws.analyse("demo.domino");
		assertEquals("", Workspace.format(a.diagnostics()));
		SystemModel m = a.systems().get(0).model();
		assertEquals("qemu_virt", m.board().name());
		assertEquals(List.of("web", "rt"), m.domains().stream().map(Domain::name).toList());
		// one module for both domains, loaded once
		assertTrue(m.domains().get(0).kernelModule() == m.domains().get(1).kernelModule());
		assertEquals(List.of("web", "rt"), m.domains().get(0).kernelModule().users());
	}

	@Test
	void afterDecidesTheCreationOrder() throws Exception {
		ws.write("demo.domino", SYSTEM.replace("console vpl011 }\n    domain rt", "console vpl011 after rt }\n    domain rt")
				.replace("after web", ""));
		SystemModel m = ws.analyse("demo.domino").systems().get(0).model();
		assertEquals(List.of("rt", "web"), m.domains().stream().map(Domain::name).toList());
	}

	/** Five domains: a domain waits for all it names; among the ready ones the first declared goes first. */
	private static String afterSystem(String a, String b, String c, String d, String e) {
		StringBuilder s = new StringBuilder(SYSTEM.substring(0, SYSTEM.indexOf("    domain web")));
		String[][] domains = { { "a", a }, { "b", b }, { "c", c }, { "d", d }, { "e", e } };
		for (String[] dom : domains) {
			s.append("    domain ").append(dom[0]).append(" { vcpus 1 memory 64M kernel linux ")
					.append(dom[1].isEmpty() ? "" : "after " + dom[1]).append(" }\n");
		}
		return s.append("}\n").toString();
	}

	/** The domains of the first system, in creation order. */
	private static List<String> domainNames(Analysis analysis) {
		return analysis.systems().get(0).model().domains().stream().map(Domain::name).toList();
	}

	@Test
	void afterOrdersByWhatEachDomainWaitsForThenByDeclaration() throws Exception {
		// a waits for d and e (named twice, counted once); c waits for b; b, d and e wait for nobody
		ws.write("demo.domino", afterSystem("d, e, d", "", "b", "", ""));
		Analysis analysis = ws.analyse("demo.domino");
		assertEquals("", Workspace.format(analysis.diagnostics()));
		assertEquals(List.of("b", "c", "d", "e", "a"),
				domainNames(analysis));
	}

	@Test
	void aCycleBehindAWaitingDomainNamesOnlyTheDomainsInIt() throws Exception {
		// a waits for c, which is in the cycle c -> d -> e -> c; b is free
		ws.write("demo.domino", afterSystem("c", "", "d", "e", "c"));
		Analysis analysis = ws.analyse("demo.domino");
		String out = Workspace.format(analysis.diagnostics());
		assertTrue(out.contains("error[order]: 'after' makes a cycle: c after d after e after c; domains keep their"
				+ " declared order"), out);
		assertEquals(1, analysis.diagnostics().size(), out);
		assertEquals(List.of("a", "b", "c", "d", "e"),
				domainNames(analysis));
	}

	@Test
	void aDomainAfterItselfIsAnErrorAndTheOthersStillOrder() throws Exception {
		ws.write("demo.domino", afterSystem("b", "b", "", "", "a"));
		Analysis analysis = ws.analyse("demo.domino");
		String out = Workspace.format(analysis.diagnostics());
		assertTrue(out.contains("error[order]: domain b cannot come after itself"), out);
		assertEquals(List.of("b", "a", "c", "d", "e"),
				domainNames(analysis));
	}

	@Test
	void anItemGivenTwiceIsAnErrorButAfterMayRepeat() throws Exception {
		ws.write("demo.domino", SYSTEM.replace("domain rt { vcpus 1 memory 128M", "domain rt { vcpus 1 vcpus 2 memory 128M")
				.replace("after web", "after web after web"));
		Analysis analysis = ws.analyse("demo.domino");
		String out = Workspace.format(analysis.diagnostics());
		assertTrue(out.contains("demo.domino:7:25: error[order]: 'vcpus' is given twice in domain rt"), out);
		assertEquals(1, analysis.diagnostics().size(), out);
		assertEquals(1, analysis.systems().get(0).model().domains().get(1).vcpus(), "the first one counts");
	}

	@Test
	void aDomainWithoutMemoryOrKernelIsToldWhatToWrite() throws Exception {
		ws.write("demo.domino", SYSTEM.replace("domain rt { vcpus 1 memory 128M kernel linux ramdisk \"bin/rt.cpio.gz\"",
				"domain rt { vcpus 1"));
		String out = Workspace.format(ws.analyse("demo.domino").diagnostics());
		assertTrue(out.contains("error[requires]: domain rt needs its memory: memory 256M"), out);
		assertTrue(out.contains("error[requires]: domain rt needs a kernel: kernel \"path/to/Image\""), out);
	}

	@Test
	void aCpupoolWhoseNameCannotBeReadIsLeftOutWithTheSyntaxError() throws Exception {
		ws.write("demo.domino", SYSTEM.replace("    domain web", "    cpupool \u0001 pool_rt { cpus 1 scheduler null }\n    domain web")
				.replace("after web", "after web cpupool pool_rt"));
		Analysis analysis = ws.analyse("demo.domino");
		String out = Workspace.format(analysis.diagnostics());
		assertTrue(out.contains("error[syntax]: cannot read '\\x01'"), out);
		assertTrue(out.contains("error[order]: unknown cpupool 'pool_rt'"), out);
		assertEquals(List.of(), analysis.systems().get(0).model().cpupools());
	}

	@Test
	void anEventChannelWhoseNameCannotBeReadIsLeftOutWithTheSyntaxError() throws Exception {
		ws.write("demo.domino", SYSTEM.replace("    domain web", "    event-channel \u0001 e1 { web port 5 rt port 6 }\n    domain web")
				.replace("console vpl011 }", "console vpl011 enhanced no-xenstore }"));
		Analysis analysis = ws.analyse("demo.domino");
		String out = Workspace.format(analysis.diagnostics());
		assertTrue(out.contains("error[syntax]: cannot read '\\x01'"), out);
		assertTrue(!out.contains("null"), "no diagnostic about a channel without a name: " + out);
		assertEquals(List.of(), analysis.systems().get(0).model().eventChannels());
	}

	@Test
	void anAfterCycleIsReportedWithTheDomainsInvolved() throws Exception {
		ws.write("demo.domino", SYSTEM.replace("console vpl011 }\n    domain rt", "console vpl011 after rt }\n    domain rt"));
		String out = Workspace.format(ws.analyse("demo.domino").diagnostics());
		assertTrue(out.contains("demo.domino:6:12: error[order]: 'after' makes a cycle: web after rt after web"), out);
	}

	@Test
	void syntaxErrorsHaveAPlace() throws Exception {
		ws.write("demo.domino", SYSTEM.replace("vcpus 1 memory 128M kernel linux args", "vcpus 1 memory 128M kernal linux args"));
		List<Diagnostic> d = ws.analyse("demo.domino").diagnostics();
		assertTrue(d.stream().anyMatch(x -> x.ruleId().equals("syntax") && x.where().line() == 6
				&& x.where().displayPath().equals("demo.domino")), Workspace.format(d));
	}

	@Test
	void unknownNamesAreOrderErrorsAtTheName() throws Exception {
		ws.write("demo.domino", SYSTEM.replace("kernel linux ramdisk", "kernel linuxx ramdisk").replace("after web",
				"after nobody passthrough uart9 force-assign"));
		String out = Workspace.format(ws.analyse("demo.domino").diagnostics());
		assertTrue(out.contains("demo.domino:7:44: error[order]: unknown module 'linuxx'"), out);
		assertTrue(out.contains("error[order]: unknown domain 'nobody'"), out);
		assertTrue(out.contains("error[order]: unknown device 'uart9': it is not a device of the system's board"), out);
	}

	@Test
	void aMissingImportAndAnUnknownBoardAreReported() throws Exception {
		ws.write("demo.domino", SYSTEM.replace("import \"qemu-virt.domino\"", "import \"boards/missing.domino\""));
		String out = Workspace.format(ws.analyse("demo.domino").diagnostics());
		assertTrue(out.contains("demo.domino:1:8: error[order]: cannot import \"boards/missing.domino\": no such Domino file"), out);
		assertTrue(out.contains("demo.domino:2:16: error[order]: unknown board 'qemu_virt': import the file that declares it"), out);
	}

	@Test
	void duplicateNamesPointAtBothDeclarations() throws Exception {
		ws.write("demo.domino", SYSTEM.replace("domain rt {", "domain web {"));
		List<Diagnostic> d = ws.analyse("demo.domino").diagnostics();
		Diagnostic dup = d.stream().filter(x -> x.message().startsWith("duplicate name 'web'")).findFirst().orElseThrow();
		assertEquals("order", dup.ruleId());
		assertEquals(7, dup.where().line());
		assertEquals(6, dup.related().get(0).where().line());
	}

	@Test
	void overflowingAddressesAreValueErrors() throws Exception {
		ws.write("demo.domino", SYSTEM.replace("window 0x4020_0000 .. 0xB000_0000",
				"window 0x4020_0000 .. 0x1_0000_0000_0000_0000").replace("heap 512M", "heap 0xFFFF_FFFF_FFFF_FFFF + 1"));
		String out = Workspace.format(ws.analyse("demo.domino").diagnostics());
		assertTrue(out.contains("error[value]: '0x1_0000_0000_0000_0000' does not fit in 64 bits"), out);
		assertTrue(out.contains("error[value]: 0xFFFF_FFFF_FFFF_FFFF + 0x1 does not fit in 64 bits"), out);
	}

	@Test
	void aRangeThatWrapsPastTwoToTheSixtyFourIsAContainError() throws Exception {
		ws.write("demo.domino", SYSTEM.replace("module linux kernel \"bin/Image\"",
				"module linux kernel \"bin/Image\" at 0xFFFF_FFFF_FFE0_0000"));
		String out = Workspace.format(ws.analyse("demo.domino").diagnostics());
		assertTrue(out.contains("error[contain]: module linux at 0xFFFF_FFFF_FFE0_0000 with size 32832 KiB runs past the end of the 64-bit address space"), out);
	}

	@Test
	void aMissingFileIsAWarningWhileEditingAndAnErrorWhenCompiling() throws Exception {
		ws.write("demo.domino", SYSTEM.replace("bin/rt.cpio.gz", "bin/missing.cpio.gz"));
		String compiling = Workspace.format(ws.analyse("demo.domino").diagnostics());
		assertTrue(compiling.contains("demo.domino:7:58: error[file]: the ramdisk \"bin/missing.cpio.gz\" does not exist"), compiling);
		String editing = Workspace.format(ws.analyse(dev.domino.rules.CheckContext.Mode.EDIT, "demo.domino").diagnostics());
		assertTrue(editing.contains("warning[file]: the ramdisk \"bin/missing.cpio.gz\" does not exist"), editing);
	}

	@Test
	void everyConceptOfTheLanguageParses() throws Exception {
		ws.write("full.domino", """
				board b {
				    arch aarch64 profile armv8a pa-bits 44 psci smc
				    cpu c0 mpidr 0x0  cpu c1 { mpidr 0x1 }  cpu c2 mpidr 0x100
				    memory dram0 at 0x8000_0000 size 2G
				    memory dram1 at 0x8_8000_0000 size 2G
				    reserved tfa at 0x8000_0000 size 2M
				    device gic { compatible "arm,gic-v3" reg 0x2f00_0000 size 64K reg 0x2f10_0000 size 1M irq ppi 9 }
				    device smmu { compatible "arm,smmu-v3" reg 0x2b40_0000 size 1M irq 106 }
				    device uart0 { compatible "arm,pl011", "arm,primecell" reg 0x1c09_0000 size 4K irq spi 5 used-by-xen }
				    device eth { compatible "snps,dwmac" reg 0x1c0a_0000 size 64K irq 100 iommu smmu stream-id 0x10 }
				    device uart1 { compatible "arm,pl011" reg 0x1c0b_0000 size 4K irq spi 6 iommu none path "/soc/uart@1c0b0000" }
				}
				module shared_kernel kernel "k/Image"
				system s on b {
				    xen 4.21 { image "x/xen" at 0x8020_0000 bootargs "console=dtuart dtuart=uart0" heap 64M at 0x8_F000_0000 }
				    boot uboot booti { load "tftpb" window 0x8040_0000 .. 0x9000_0000 script at auto device-tree edit }
				    module rd ramdisk "k/rd.cpio.gz" at auto
				    cpupool pool0 { cpus c1, c2 scheduler null }
				    domain a {
				        vcpus 2 memory 96M static bank at 0x8_8000_0000 size 64M bank size 32M
				        direct-map kernel shared_kernel args "console=ttyAMA0" ramdisk rd dtb "k/a.dtb"
				        console vpl011 passthrough eth at 0x1c0a_0000 cpupool pool0 nr_spis 100 enhanced no-xenstore
				        capabilities control xenstore
				    }
				    domain b2 { memory (2 * 64M) + 0 kernel "k/zephyr.bin" at 0x8100_0000 passthrough uart1 force-assign
				        llc-colors "0-3" nr-spis 64 console none after a }
				    shared-memory shm0 size 4K at 0x8_8800_0000 { owner a borrower b2 at 0x0100_0000 }
				}
				""");
		List<Diagnostic> d = ws.analyse(dev.domino.rules.CheckContext.Mode.EDIT, "full.domino").diagnostics();
		assertTrue(d.stream().noneMatch(x -> x.ruleId().equals("syntax") || x.ruleId().equals("order")),
				Workspace.format(d));
		SystemModel m = ws.analyse(dev.domino.rules.CheckContext.Mode.EDIT, "full.domino").systems().get(0).model();
		assertEquals(3, m.board().cpus().size());
		assertEquals(0x100, m.board().cpus().get(2).mpidr());
		assertEquals(128L << 20, m.domains().get(1).memory().size());
		assertEquals(2, m.domains().get(0).staticBanks().size());
		assertEquals("eth", m.domains().get(0).passthroughs().get(0).device().name());
		assertEquals(0x1c0a_0000L, m.domains().get(0).passthroughs().get(0).guestAddress());
		assertEquals(68, m.board().device("eth").orElseThrow().irqs().get(0).number()); // INTID 100 is SPI 68
	}
}
