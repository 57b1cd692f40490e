package dev.domino.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.domino.compiler.Analysis;
import dev.domino.compiler.DominoCompiler;
import dev.domino.diagnostics.Diagnostic;
import dev.domino.testing.Tools;
import dev.domino.testing.Workspace;

/**
 * A classic dom0 next to dom0less domUs (Xen's CI smoke test): its modules directly under /chosen,
 * its command line, dom0_mem= and dom0_max_vcpus= once in Xen's, the devices it must not see.
 */
class Dom0Test {
	@TempDir
	Path dir;
	Workspace ws;

	static final String SYSTEM = """
			import "qemu-virt.domino"
			system smoke on qemu_virt {
			    xen 4.17 { image "bin/xen" bootargs "console=dtuart" }
			    boot uboot booti { load "tftpb" window 0x4020_0000 .. 0x8000_0000 }
			    module linux kernel "bin/Image"
			    dom0 {
			        memory 512M
			        vcpus 2
			        kernel linux args "console=hvc0 root=/dev/ram0"
			        ramdisk "bin/rt.cpio.gz"
			        hide rtc
			    }
			    domain web { memory 256M kernel linux args "console=ttyAMA0" ramdisk "bin/web.cpio.gz"
			        passthrough gpio force-assign }
			}
			""";

	@BeforeEach
	void board() throws Exception {
		ws = new Workspace(dir);
		ws.qemuBoard();
	}

	private String dts(String system) throws Exception {
		ws.write("smoke.domino", system);
		Path out = dir.resolve("out");
		DominoCompiler.Outcome outcome = ws.compiler().compile(ws.path("smoke.domino"), out, 0);
		assertFalse(outcome.hasErrors(), Workspace.format(outcome.diagnostics()));
		// no -q: a warning of dtc's is a mistake in the tree
		Tools.Result r = Tools.run(out, "dtc", "-I", "dtb", "-O", "dts", "system.dtb");
		assertEquals(0, r.exitCode(), r.stderr());
		assertEquals("", r.stderr(), "dtc warns about the tree");
		return r.stdout();
	}

	@Test
	void dom0sModulesAreDirectlyUnderChosenWithItsCommandLine() throws Exception {
		String dts = dts(SYSTEM);
		String chosen = dts.substring(dts.indexOf("chosen {"));
		assertTrue(chosen.contains("xen,dom0-bootargs = \"console=hvc0 root=/dev/ram0\";"), chosen);
		assertTrue(chosen.contains("xen,xen-bootargs = \"console=dtuart dom0_mem=512M dom0_max_vcpus=2\";"), chosen);
		// dom0's kernel and ramdisk are children of /chosen, not of a xen,domain node
		int domU = chosen.indexOf("compatible = \"xen,domain\";");
		assertTrue(domU > 0, chosen);
		String dom0Part = chosen.substring(0, chosen.lastIndexOf('\n', chosen.lastIndexOf("{", domU)));
		assertTrue(dom0Part.contains("compatible = \"multiboot,kernel\\0multiboot,module\";"), dom0Part);
		assertTrue(dom0Part.contains("compatible = \"multiboot,ramdisk\\0multiboot,module\";"), dom0Part);
	}

	@Test
	void devicesDom0MustNotSeeAreMarkedForXen() throws Exception {
		String dts = dts(SYSTEM);
		for (String node : List.of("pl061@9030000", "pl031@9010000")) {
			String body = dts.substring(dts.indexOf(node + " {"));
			body = body.substring(0, body.indexOf("};"));
			assertTrue(body.contains("xen,passthrough;"), node + " is given away or hidden: " + body);
		}
		String uart = dts.substring(dts.indexOf("pl011@9000000 {"));
		assertFalse(uart.substring(0, uart.indexOf("};")).contains("xen,passthrough"), "dom0 keeps the console UART");
	}

	@Test
	void theCommandLineIsUsedAsWrittenWhenItSizesDom0() throws Exception {
		String dts = dts(SYSTEM.replace("bootargs \"console=dtuart\"", "bootargs \"console=dtuart dom0_mem=768M\"")
				.replace("        memory 512M\n", ""));
		assertTrue(dts.contains("xen,xen-bootargs = \"console=dtuart dom0_mem=768M dom0_max_vcpus=2\";"), dts);
		Analysis a = ws.analyse("smoke.domino");
		assertEquals(768L << 20, a.systems().get(0).model().dom0().orElseThrow().memory().size());
	}

	@Test
	void dom0SizedTwiceIsAClashNotADuplicate() throws Exception {
		ws.write("smoke.domino", SYSTEM.replace("bootargs \"console=dtuart\"", "bootargs \"console=dtuart dom0_mem=1G\""));
		List<Diagnostic> d = ws.analyse("smoke.domino").diagnostics();
		assertEquals(1, d.stream().filter(Diagnostic::isError).count(), Workspace.format(d));
		Diagnostic clash = d.stream().filter(Diagnostic::isError).findFirst().orElseThrow();
		assertEquals("order", clash.ruleId());
		assertEquals(7, clash.where().line(), "at dom0's memory line");
		assertTrue(clash.message().contains("dom0_mem=1G"), clash.message());
	}

	@Test
	void dom0CountsInTheMemoryBudget() throws Exception {
		ws.write("smoke.domino", SYSTEM.replace("memory 512M", "memory 1800M"));
		List<Diagnostic> d = ws.analyse("smoke.domino").diagnostics();
		assertTrue(d.stream().anyMatch(x -> x.isError() && x.ruleId().equals("memory-budget")), Workspace.format(d));
	}

	@Test
	void hidingADeviceADomUIsGivenIsSaidToBeNeedless() throws Exception {
		ws.write("smoke.domino", SYSTEM.replace("hide rtc", "hide gpio"));
		List<Diagnostic> d = ws.analyse("smoke.domino").diagnostics();
		assertTrue(d.stream().noneMatch(Diagnostic::isError), Workspace.format(d));
		assertTrue(d.stream().anyMatch(x -> x.ruleId().equals("exclusive") && x.where().line() == 11
				&& x.message().contains("given to domain web")), Workspace.format(d));
	}

	@Test
	void hidingXensConsoleFromDom0IsAnError() throws Exception {
		ws.write("smoke.domino", SYSTEM.replace("hide rtc", "hide uart0").replace("\"console=dtuart\"",
				"\"console=dtuart dtuart=/pl011@9000000\""));
		List<Diagnostic> d = ws.analyse("smoke.domino").diagnostics();
		assertTrue(d.stream().anyMatch(x -> x.isError() && x.ruleId().equals("exclusive") && x.where().line() == 11),
				Workspace.format(d));
	}

	@Test
	void aDom0OnlySystemIsAcceptedOn417() throws Exception {
		String dts = dts("""
				import "qemu-virt.domino"
				system alone on qemu_virt {
				    xen 4.17 { image "bin/xen" bootargs "console=dtuart dom0_mem=1024M" }
				    dom0 { kernel "bin/Image" args "console=hvc0" ramdisk "bin/rt.cpio.gz" }
				}
				""");
		assertFalse(dts.contains("xen,domain"), dts);
		assertTrue(Files.exists(dir.resolve("out/boot.scr")));
	}

	@Test
	void anEventChannelWithDom0HasItsEndDirectlyUnderChosen() throws Exception {
		String dts = dts(SYSTEM.replace("passthrough gpio force-assign }", "passthrough gpio force-assign enhanced }\n"
				+ "    event-channel ping { dom0 port 10 web port 11 }"));
		String chosen = dts.substring(dts.indexOf("chosen {"));
		int web = chosen.indexOf("compatible = \"xen,domain\";");
		String dom0Part = chosen.substring(0, web);
		String webPart = chosen.substring(web);
		assertTrue(dom0Part.contains("compatible = \"xen,evtchn-v1\";"), "dom0's end is a child of /chosen\n" + chosen);
		assertTrue(webPart.contains("compatible = \"xen,evtchn-v1\";"), "web's end is in its domain node\n" + chosen);
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("xen,evtchn = <0x0?([0-9a-f]+) 0x([0-9a-f]+)>;")
				.matcher(chosen);
		List<String> ends = new java.util.ArrayList<>();
		while (m.find()) {
			ends.add(Long.parseLong(m.group(1), 16) + "->" + Long.parseLong(m.group(2), 16));
		}
		assertEquals(2, ends.size(), chosen);
		assertTrue(ends.get(0).startsWith("10->") && ends.get(1).startsWith("11->"), ends.toString());
	}
}
