package dev.domino.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.domino.cli.Main;
import dev.domino.fdt.DeviceTree;
import dev.domino.fdt.DtNode;
import dev.domino.fdt.DtProperty;
import dev.domino.fdt.FdtReader;
import dev.domino.fdt.FdtWriter;
import dev.domino.testing.Tools;

/**
 * The proof: examples/qemu-virt/demo.domino, compiled by the domino command, boots Xen 4.17
 * dom0less under qemu-system-aarch64 and U-Boot, and each domain prints its banner under its
 * own domain id. The same boot fails when one module address in the DTB is wrong.
 */
class QemuBootTest {
	static Path example;
	static Path out;

	@BeforeAll
	static void compileTheExample() throws Exception {
		example = QemuBoot.example();
		out = Path.of("target/boot/demo").toAbsolutePath();
		ByteArrayOutputStream text = new ByteArrayOutputStream();
		int code = Main.run(new String[] { "compile", example.resolve("demo.domino").toString(), "-o", out.toString() },
				new PrintStream(text, true, StandardCharsets.UTF_8), System.err);
		assertEquals(0, code, text.toString(StandardCharsets.UTF_8));
	}

	private static Tools.Result boot(Path outputs, String name, String timeout, String... expect) throws Exception {
		return QemuBoot.boot(outputs, example, name, timeout, expect);
	}

	@Test
	void xenBootsDom0lessAndEveryDomainPrintsItsBanner() throws Exception {
		Tools.Result r = boot(out, "demo", "120", "Xen dom0less mode detected", "DOM1: DOMINO-BANNER web",
				"DOM2: DOMINO-BANNER rt");
		String console = Files.readString(out.resolveSibling("demo.log"), StandardCharsets.ISO_8859_1);
		assertEquals(0, r.exitCode(), r.stderr() + "\n" + tail(console));
		assertTrue(console.contains("Loading d1 kernel from boot module @ 0000000040400000"), tail(console));
		assertTrue(console.contains("Loading d2 kernel from boot module @ 0000000040400000"),
				"both domains use the one kernel module");
		assertFalse(console.contains("Panic"), tail(console));
	}

	@Test
	void theBootFailsWhenAModuleAddressInTheDtbIsWrong() throws Exception {
		Path bad = out.resolveSibling("wrong-address");
		Files.createDirectories(bad);
		for (String f : List.of("boot.scr", "boot.source")) {
			Files.copy(out.resolve(f), bad.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		// web's kernel now points at web's ramdisk: what a hand-written /chosen gets wrong
		DeviceTree tree = FdtReader.read(Files.readAllBytes(out.resolve("system.dtb")));
		DtNode web = tree.root().find("/chosen/web").orElseThrow();
		DtNode kernel = web.children().get(0);
		DtNode ramdisk = web.children().get(1);
		long ramdiskAddress = (ramdisk.property("reg").orElseThrow().cell(0) << 32)
				| ramdisk.property("reg").orElseThrow().cell(1);
		DtProperty reg = kernel.property("reg").orElseThrow();
		kernel.set(DtProperty.cells("reg", ramdiskAddress >>> 32, ramdiskAddress & 0xffffffffL, reg.cell(2),
				reg.cell(3)));
		Files.write(bad.resolve("system.dtb"), FdtWriter.write(tree));

		Tools.Result r = boot(bad, "wrong-address", "60", "DOM1: DOMINO-BANNER web", "DOM2: DOMINO-BANNER rt");
		String console = Files.readString(bad.resolveSibling("wrong-address.log"), StandardCharsets.ISO_8859_1);
		assertEquals(1, r.exitCode(), "the boot must fail:\n" + tail(console));
		assertFalse(console.contains("DOM1: DOMINO-BANNER web"), tail(console));
	}

	private static String tail(String console) {
		return QemuBoot.tail(console);
	}
}
