package dev.domino.emit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.domino.compiler.DominoCompiler;
import dev.domino.testing.Dtc;
import dev.domino.testing.Examples;
import dev.domino.testing.Tools;
import dev.domino.testing.Workspace;

/** Every output checked by the tool that consumes it: dtc, mkimage/dumpimage, gcc, a JSON and an XML parser. */
class EmitterTest {
	@TempDir
	Path dir;
	Workspace ws;
	Path out;

	static final String DEMO = """
			import "qemu-virt.domino"
			system demo on qemu_virt {
			    xen 4.19 { image "bin/xen" bootargs "console=dtuart dtuart=/pl011@9000000 loglvl=info" heap 512M }
			    boot uboot booti { load "load virtio 0" window 0x4020_0000 .. 0xB000_0000 }
			    module linux kernel "bin/Image"
			    domain web { vcpus 1 memory 128M kernel linux args "console=ttyAMA0 quote=\\"x\\"" ramdisk "bin/web.cpio.gz" console vpl011 }
			    domain rt { vcpus 1 memory 128M kernel linux args "console=ttyAMA0" ramdisk "bin/rt.cpio.gz" console vpl011
			        passthrough gpio force-assign at 0x0903_0000 after web }
			}
			""";

	@BeforeEach
	void compile() throws Exception {
		ws = new Workspace(dir);
		ws.qemuBoard();
		ws.write("demo.domino", DEMO);
		out = dir.resolve("out");
		DominoCompiler.Outcome outcome = ws.compiler().compile(ws.path("demo.domino"), out, 0);
		assertFalse(outcome.hasErrors(), Workspace.format(outcome.diagnostics()));
	}

	@Test
	void writesEveryOutput() throws Exception {
		try (Stream<Path> files = Files.walk(out)) {
			List<String> names = files.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).sorted().toList();
			// the manifest, and the lock two compiles into one folder take turns on (kept: deleting it races)
			assertEquals(List.of(".domino-outputs", ".domino-outputs.lock", "boot.scr", "boot.source", "domino-layout.h", "layout.json",
					"memory-map.svg", "passthrough/rt.dtb", "passthrough/rt.dts", "system.dtb", "system.dts",
					"xen.config"), names);
		}
	}

	@Test
	void theDtbIsWhatDtcMakesOfTheDts() throws Exception {
		Tools.Result r = Tools.run(out, "dtc", "-I", "dts", "-O", "dtb", "-o", "dtc.dtb", "system.dts");
		assertEquals(0, r.exitCode(), r.stderr());
		Dtc.assertClean(out.resolve("system.dts"));
		Dtc.assertClean(out.resolve("system.dtb"));
		assertArrayEquals(Files.readAllBytes(out.resolve("dtc.dtb")), Files.readAllBytes(out.resolve("system.dtb")));
		String fromDtb = Dtc.decompile(out, "system.dtb");
		String fromDts = Dtc.decompile(out, "system.dts");
		assertEquals(fromDtb, Dtc.withoutLabels(fromDts));
		assertTrue(fromDtb.contains("xen,passthrough;"), "the passed-through gpio is marked for Xen");
	}

	@Test
	void theDomainNodesCarryXensBindings() throws Exception {
		String dts = Dtc.decompile(out, "system.dtb");
		assertTrue(dts.contains("xen,static-heap = <0x00 0xa0000000 0x00 0x20000000>;"), dts);
		assertTrue(dts.contains("memory = <0x00 0x20000>;"), "128 MiB in KiB: " + dts);
		assertTrue(dts.indexOf("\t\tweb {") < dts.indexOf("\t\trt {"), "domain id order");
		assertTrue(dts.contains("compatible = \"multiboot,kernel\\0multiboot,module\";"), dts);
		assertTrue(dts.contains("bootargs = \"console=ttyAMA0 quote=\\\"x\\\"\";"), dts);
		assertTrue(dts.contains("compatible = \"multiboot,device-tree\\0multiboot,module\";"), dts);
	}

	@Test
	void theScriptImageIsWhatMkimageMakes() throws Exception {
		Tools.Result mk = Tools.run(out, Map.of("SOURCE_DATE_EPOCH", "0"), null, "mkimage", "-A", "arm64", "-O",
				"linux", "-T", "script", "-C", "none", "-a", "0x40200000", "-e", "0x40200000", "-d", "boot.source",
				"mkimage.scr");
		assertEquals(0, mk.exitCode(), mk.stderr());
		assertArrayEquals(Files.readAllBytes(out.resolve("mkimage.scr")), Files.readAllBytes(out.resolve("boot.scr")));
		Tools.Result list = Tools.run(out, "dumpimage", "-l", "boot.scr");
		assertEquals(0, list.exitCode(), list.stderr());
		assertTrue(list.stdout().contains("AArch64 Linux Script (uncompressed)"), list.stdout());
		assertTrue(list.stdout().contains("Load Address: 40200000"), list.stdout());
	}

	@Test
	void theScriptLoadsEveryFileAtItsAddressAndBootsXen() throws Exception {
		String script = Files.readString(out.resolve("boot.source"));
		assertEquals(List.of(
				"load virtio 0 0x40400000 'bin/Image'",
				"load virtio 0 0x42600000 'bin/web.cpio.gz'",
				"load virtio 0 0x42800000 'bin/rt.cpio.gz'",
				"load virtio 0 0x42a00000 'passthrough/rt.dtb'",
				"load virtio 0 0x42c00000 'bin/xen'",
				"load virtio 0 0x42e00000 'system.dtb'",
				"setenv fdt_high 0xffffffffffffffff",
				"booti 0x42c00000 - 0x42e00000"),
				script.lines().filter(l -> !l.startsWith("#")).toList());
	}

	@Test
	void thePassthroughTreeFollowsPassthroughTxt() throws Exception {
		String dts = Dtc.decompile(out, "passthrough/rt.dtb");
		assertTrue(dts.contains("passthrough {"), dts);
		assertTrue(dts.contains("compatible = \"simple-bus\";"), dts);
		assertTrue(dts.contains("pl061@9030000 {"), dts);
		assertTrue(dts.contains("xen,reg = <0x00 0x9030000 0x00 0x1000 0x00 0x9030000>;"), dts);
		assertTrue(dts.contains("xen,path = \"/pl061@9030000\";"), dts);
		assertTrue(dts.contains("interrupts = <0x00 0x07 0x04>;"), dts);
		assertTrue(dts.contains("interrupt-parent = <0xfde8>;"), dts);
		assertTrue(dts.contains("xen,force-assign-without-iommu;"), dts);
		String fromSource = Dtc.decompile(out, "passthrough/rt.dts");
		assertEquals(dts, Dtc.withoutLabels(fromSource));
	}

	@Test
	void theHeaderCompilesAndHoldsTheAddresses() throws Exception {
		Files.writeString(dir.resolve("t.c"), """
				#include <stdio.h>
				#include "domino-layout.h"
				int main(void) {
				    printf("%s %llx %llx %llx\\n", DOMINO_SYSTEM, DOMINO_MODULE_LINUX_BASE,
				           DOMINO_XEN_HEAP_BASE + DOMINO_XEN_HEAP_SIZE, DOMINO_BOOT_SCRIPT_END);
				    return 0;
				}
				""");
		Tools.Result cc = Tools.run(dir, "gcc", "-Wall", "-Werror", "-I", out.toString(), "-o", "t", "t.c");
		assertEquals(0, cc.exitCode(), cc.stderr());
		assertEquals("demo 40400000 c0000000 40400000\n", Tools.run(dir, dir.resolve("t").toString()).stdout());
	}

	@Test
	void theJsonLayoutMatchesTheScript() throws Exception {
		JsonObject json = JsonParser.parseString(Files.readString(out.resolve("layout.json"))).getAsJsonObject();
		assertEquals("demo", json.get("system").getAsString());
		assertEquals("0x40200000", json.getAsJsonObject("boot").get("script").getAsString());
		JsonArray modules = json.getAsJsonArray("modules");
		assertEquals("bin/Image", modules.get(0).getAsJsonObject().get("file").getAsString());
		assertEquals("0x40400000", modules.get(0).getAsJsonObject().get("address").getAsString());
		assertEquals(2, modules.get(0).getAsJsonObject().getAsJsonArray("users").size());
		JsonObject web = json.getAsJsonArray("domains").get(0).getAsJsonObject();
		assertEquals("web", web.get("name").getAsString());
		assertEquals(1, web.get("domid").getAsInt());
		assertEquals("demo.domino", web.get("file").getAsString());
	}

	@Test
	void theSvgIsWellFormedAndLinksRegionsToTheirSource() throws Exception {
		var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.resolve("memory-map.svg").toFile());
		var groups = doc.getElementsByTagName("g");
		boolean found = false;
		for (int i = 0; i < groups.getLength(); i++) {
			var g = (org.w3c.dom.Element) groups.item(i);
			if (g.getAttribute("data-id").equals("module.linux")) {
				found = true;
				assertEquals("demo.domino", g.getAttribute("data-file"));
				assertEquals("5", g.getAttribute("data-line"));
			}
		}
		assertTrue(found);
	}

	@Test
	void theKconfigFragmentAsksOnlyForWhatIsUsed() throws Exception {
		String config = Files.readString(out.resolve("xen.config"));
		assertFalse(config.contains("CONFIG_STATIC_MEMORY"), config);
		assertFalse(config.contains("CONFIG_MPU"), config);
		assertTrue(config.contains("CONFIG_DOM0LESS_BOOT=y"), "4.18 and later: " + config);
	}

	@Test
	void theSameInputGivesByteIdenticalOutputs() throws Exception {
		Path again = dir.resolve("again");
		ws.compiler().compile(ws.path("demo.domino"), again, 0);
		try (Stream<Path> files = Files.walk(out)) {
			for (Path p : files.filter(Files::isRegularFile).toList()) {
				assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(again.resolve(out.relativize(p))),
						p.toString());
			}
		}
	}

	@Test
	void editModeBuildsTheTreeWithFdtCommandsInDomainOrder() throws Exception {
		ws.write("edit.domino", DEMO.replace("system demo", "system edit").replace("window 0x4020_0000 .. 0xB000_0000",
				"window 0x4020_0000 .. 0xB000_0000 device-tree edit"));
		Path editOut = dir.resolve("edit");
		ws.compiler().compile(ws.path("edit.domino"), editOut, 0);
		String script = Files.readString(editOut.resolve("boot.source"), StandardCharsets.UTF_8);
		assertTrue(script.contains("'qemu-virt.dtb'"), "edit mode loads the base DTB: " + script);
		assertTrue(script.contains("fdt addr 0x42e00000\nfdt resize 8192\n"), script);
		// libfdt inserts new nodes first: rt is created before web so web ends up first
		assertTrue(script.indexOf("fdt mknod /chosen rt") < script.indexOf("fdt mknod /chosen web"), script);
		assertTrue(script.contains("fdt set /chosen/web memory <0x0 0x20000>"), script);
		// no module directly under /chosen and a 2/2 root: /chosen needs no cells of its own (XenBindings)
		assertFalse(script.contains("fdt set /chosen \\#address-cells"), script);
		assertTrue(script.contains("fdt set /chosen/web \\#address-cells <0x2>"), script);
		assertTrue(script.contains("fdt set /pl061@9030000 xen,passthrough\n"), script);
		assertTrue(script.contains("fdt set /chosen/web/module@40400000 bootargs 'console=ttyAMA0 quote=\"x\"'"), script);
	}

	@Test
	void aFileNameThatCannotBeQuotedIsRefused() throws Exception {
		ws.ramdisk("bin/it's.cpio.gz", 100);
		ws.write("q.domino", DEMO.replace("system demo", "system q").replace("bin/rt.cpio.gz", "bin/it's.cpio.gz"));
		DominoCompiler.Outcome o = ws.compiler().compile(ws.path("q.domino"), dir.resolve("q"), 0);
		assertTrue(Workspace.format(o.diagnostics()).contains(
				"error[value]: the file name \"bin/it's.cpio.gz\" contains a single quote, which a U-Boot script cannot quote safely"),
				Workspace.format(o.diagnostics()));
		assertFalse(Files.exists(dir.resolve("q")));
	}

	@Test
	void theExampleDtbIsQemusOwn() throws Exception {
		// QEMU's own DTB, not one Domino writes: its warnings are QEMU's (-q)
		String dts = Tools.run(null, "dtc", "-q", "-I", "dtb", "-O", "dts",
				Examples.dir().resolve("qemu-virt/qemu-virt.dtb").toString()).stdout();
		assertTrue(dts.contains("compatible = \"linux,dummy-virt\";"), dts.substring(0, 200));
	}
}
