package dev.domino.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.xtext.AbstractRule;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.IGrammarAccess;
import org.eclipse.xtext.Keyword;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.domino.compiler.Analysis;
import dev.domino.fdt.DeviceTree;
import dev.domino.fdt.DtNode;
import dev.domino.fdt.DtProperty;
import dev.domino.model.Board;
import dev.domino.model.Device;
import dev.domino.model.Irq;
import dev.domino.rules.CheckContext;
import dev.domino.testing.Workspace;

/** Boards from device trees: addresses through bus ranges, interrupts through their parents, and the notes. */
class DtbImportTest {
	@TempDir
	Path dir;

	/** A SoC tree with the shapes vendors use: a simple-bus with 1-cell addresses, aliases, an SMMU, a GPIO controller. */
	static DeviceTree soc() {
		DtNode root = new DtNode("");
		root.set(DtProperty.cells("#address-cells", 2)).set(DtProperty.cells("#size-cells", 2));
		root.set(DtProperty.strings("model", "Test SoC")).set(DtProperty.cells("interrupt-parent", 1));
		root.add(new DtNode("aliases")).set(DtProperty.strings("serial0", "/soc/uart@10000"));
		DtNode cpus = root.add(new DtNode("cpus"));
		cpus.set(DtProperty.cells("#address-cells", 1)).set(DtProperty.cells("#size-cells", 0));
		for (long mpidr : new long[] { 0x0, 0x100 }) {
			cpus.add(new DtNode("cpu@" + Long.toHexString(mpidr))).set(DtProperty.strings("device_type", "cpu"))
					.set(DtProperty.strings("compatible", "arm,cortex-a53")).set(DtProperty.cells("reg", mpidr));
		}
		root.add(new DtNode("memory@80000000")).set(DtProperty.strings("device_type", "memory"))
				.set(DtProperty.cells("reg", 0, 0x8000_0000L, 0, 0x4000_0000L, 8, 0x8000_0000L, 0, 0x4000_0000L));
		DtNode reserved = root.add(new DtNode("reserved-memory"));
		reserved.set(DtProperty.cells("#address-cells", 2)).set(DtProperty.cells("#size-cells", 2))
				.set(DtProperty.empty("ranges"));
		reserved.add(new DtNode("optee@be000000")).set(DtProperty.cells("reg", 0, 0xbe00_0000L, 0, 0x200_0000L))
				.set(DtProperty.empty("no-map"));
		reserved.add(new DtNode("linux,cma")).set(DtProperty.cells("size", 0, 0x1000_0000L));
		root.add(new DtNode("psci")).set(DtProperty.strings("compatible", "arm,psci-1.0"))
				.set(DtProperty.strings("method", "smc"));
		root.add(new DtNode("interrupt-controller@2f000000")).set(DtProperty.strings("compatible", "arm,gic-v3"))
				.set(DtProperty.cells("reg", 0, 0x2f00_0000L, 0, 0x1_0000, 0, 0x2f10_0000L, 0, 0x10_0000))
				.set(DtProperty.cells("#interrupt-cells", 3)).set(DtProperty.empty("interrupt-controller"))
				.set(DtProperty.cells("interrupts", 1, 9, 4)).set(DtProperty.cells("phandle", 1));
		root.add(new DtNode("iommu@2b400000")).set(DtProperty.strings("compatible", "arm,smmu-v3"))
				.set(DtProperty.cells("reg", 0, 0x2b40_0000L, 0, 0x10_0000)).set(DtProperty.cells("#iommu-cells", 1))
				.set(DtProperty.cells("interrupts", 0, 60, 1)).set(DtProperty.cells("phandle", 3));
		root.add(new DtNode("timer")).set(DtProperty.strings("compatible", "arm,armv8-timer"))
				.set(DtProperty.cells("interrupts", 1, 13, 4, 1, 14, 4));
		root.add(new DtNode("clk24m")).set(DtProperty.strings("compatible", "fixed-clock"));

		DtNode soc = root.add(new DtNode("soc"));
		soc.set(DtProperty.strings("compatible", "simple-bus")).set(DtProperty.cells("#address-cells", 1))
				.set(DtProperty.cells("#size-cells", 1)).set(DtProperty.cells("ranges", 0x0, 0x0, 0x1000_0000L, 0x100_0000));
		DtNode gpio = soc.add(new DtNode("gpio@40000"));
		gpio.set(DtProperty.strings("compatible", "vendor,gpio")).set(DtProperty.cells("reg", 0x4_0000, 0x1000))
				.set(DtProperty.empty("interrupt-controller")).set(DtProperty.cells("#interrupt-cells", 2))
				.set(DtProperty.cells("phandle", 2)).set(DtProperty.cells("interrupts", 0, 40, 4));
		soc.add(new DtNode("uart@10000")).set(DtProperty.strings("compatible", "arm,pl011", "arm,primecell"))
				.set(DtProperty.cells("reg", 0x1_0000, 0x1000)).set(DtProperty.cells("interrupts", 0, 5, 4))
				.set(DtProperty.cells("iommus", 3, 0x42));
		soc.add(new DtNode("ethernet@20000")).set(DtProperty.strings("compatible", "snps,dwmac"))
				.set(DtProperty.cells("reg", 0x2_0000, 0x1_0000))
				.set(DtProperty.cells("interrupts-extended", 1, 0, 7, 4, 2, 3, 1))
				.set(DtProperty.strings("status", "disabled"));
		DtNode i2c = soc.add(new DtNode("i2c@30000"));
		i2c.set(DtProperty.strings("compatible", "vendor,i2c")).set(DtProperty.cells("reg", 0x3_0000, 0x1000))
				.set(DtProperty.cells("#address-cells", 1)).set(DtProperty.cells("#size-cells", 0));
		i2c.add(new DtNode("sensor@48")).set(DtProperty.strings("compatible", "ti,tmp102")).set(DtProperty.cells("reg", 0x48));
		soc.add(new DtNode("key")).set(DtProperty.strings("compatible", "gpio-keys-polled"))
				.set(DtProperty.cells("interrupt-parent", 2)).set(DtProperty.cells("interrupts", 5, 1));
		DtNode hidden = root.add(new DtNode("hidden-bus"));
		hidden.set(DtProperty.cells("#address-cells", 1)).set(DtProperty.cells("#size-cells", 1));
		hidden.add(new DtNode("dev@0")).set(DtProperty.strings("compatible", "vendor,dev")).set(DtProperty.cells("reg", 0, 0x100));
		root.add(new DtNode("chosen")).set(DtProperty.strings("stdout-path", "serial0"));
		DeviceTree tree = new DeviceTree(root);
		tree.reservations().add(new DeviceTree.Reservation(0x8000_0000L, 0x1_0000));
		return tree;
	}

	@Test
	void translatesRegistersThroughRangesAndReadsInterruptsThroughTheirParents() throws Exception {
		DtbImport.Result r = DtbImport.run(soc(), "test-soc", "soc.dtb", "soc.dtb");
		String t = r.text();
		assertTrue(t.contains("board test-soc {"), t);
		assertTrue(t.contains("cpu cpu0 mpidr 0x0\n") && t.contains("cpu cpu100 mpidr 0x100\n"), t);
		assertTrue(t.contains("memory ram0 at 0x8000_0000 size 1G") && t.contains("memory ram1 at 0x8_8000_0000 size 1G"), t);
		assertTrue(t.contains("reserved optee at 0xBE00_0000 size 32M"), t);
		assertTrue(t.contains("reserved memreserve0 at 0x8000_0000 size 64K"), t);
		assertTrue(t.contains("psci smc") && t.contains("base-dtb \"soc.dtb\""), t);
		// the alias names it; its registers are 0x1000_0000 + 0x10000 in CPU addresses
		assertTrue(t.contains("""
				device serial0 {
				    compatible "arm,pl011", "arm,primecell"
				    reg 0x1001_0000 size 4K
				    irq spi 5
				    path "/soc/uart@10000"
				    iommu iommu_ stream-id 0x42
				}""".indent(4)), t);
		assertTrue(t.contains("irq spi 7\n        path \"/soc/ethernet@20000\"\n        // status \"disabled\""), t);
		assertTrue(t.contains("irq ppi 13\n        irq ppi 14\n"), t);

		List<String> notes = r.notes().stream().map(ImportNote::toString).toList();
		assertTrue(notes.stream().anyMatch(n -> n.startsWith("/reserved-memory/linux,cma: reserved memory placed at boot")), notes.toString());
		assertTrue(notes.stream().anyMatch(n -> n.startsWith("/soc/ethernet@20000: an interrupt routed through /soc/gpio@40000")), notes.toString());
		assertTrue(notes.stream().anyMatch(n -> n.startsWith("/soc/key: an interrupt routed through /soc/gpio@40000")), notes.toString());
		assertTrue(notes.stream().anyMatch(n -> n.startsWith("/hidden-bus/dev@0: register 0x0 is not mapped")), notes.toString());
		assertTrue(notes.stream().anyMatch(n -> n.contains("/clk24m") && n.contains("/soc/i2c@30000/sensor@48")
				&& n.contains("no registers and no interrupts")), notes.toString());

		// and Domino reads it back as the same board, without a complaint
		new Workspace(dir).write("board.domino", t.replace("    base-dtb \"soc.dtb\"\n", ""));
		Analysis a = new Workspace(dir).analyse(CheckContext.Mode.COMPILE, "board.domino");
		assertTrue(a.diagnostics().stream().noneMatch(d -> d.isError()), Workspace.format(a.diagnostics()));
		Board board = a.units().get(0).model().board();
		Device uart = board.device("serial0").orElseThrow();
		assertEquals(0x1001_0000L, uart.regs().get(0).fixedBase());
		assertEquals(Irq.Type.SPI, uart.irqs().get(0).type());
		assertEquals("iommu_", uart.iommu().smmu(), "iommu is a keyword");
		assertEquals(0x100, board.cpus().get(1).mpidr());
	}

	@Test
	void namesAreIdentifiersAndNeverKeywords() {
		Set<String> taken = new java.util.HashSet<>();
		assertEquals("linux_cma", Identifiers.of("linux,cma", taken));
		assertEquals("memory_", Identifiers.of("memory", taken));
		assertEquals("_2d-engine", Identifiers.of("2d-engine", taken));
		assertEquals("linux_cma_2", Identifiers.of("linux,cma", taken));
		assertEquals("\"a \\\"b\\\" c\\\\d\"", Identifiers.string("a \"b\" c\\d"));
	}

	/** Identifiers.RESERVED is the grammar's keywords that the Name rule does not accept. */
	@Test
	void theReservedWordsAreTheGrammarsKeywordsThatCannotBeNames() {
		IGrammarAccess grammar = Workspace.injector().getInstance(IGrammarAccess.class);
		Set<String> keywords = new TreeSet<>(GrammarUtil.getAllKeywords(grammar.getGrammar()));
		keywords.removeIf(k -> !k.matches("[a-z][a-z0-9_-]*"));
		AbstractRule name = GrammarUtil.findRuleForName(grammar.getGrammar(), "Name");
		for (Keyword k : GrammarUtil.containedKeywords(name)) {
			keywords.remove(k.getValue());
		}
		assertEquals(keywords, new TreeSet<>(Identifiers.RESERVED));
		assertFalse(Identifiers.RESERVED.contains("kernel"), "kernel is a keyword the Name rule accepts");
	}
}
