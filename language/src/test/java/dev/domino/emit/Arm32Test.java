package dev.domino.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.domino.compiler.DominoCompiler;
import dev.domino.diagnostics.Diagnostic;
import dev.domino.testing.Tools;
import dev.domino.testing.Workspace;

/**
 * arm32 (QEMU's virt machine with -cpu cortex-a15): U-Boot starts zImages with bootz, and legacy
 * images with bootm, for which Xen is wrapped by mkimage as ImageBuilder does; booti is arm64 only.
 */
class Arm32Test {
	@TempDir
	Path dir;
	Workspace ws;

	static final String BOARD = """
			board virt32 {
			    arch aarch32
			    profile armv8a
			    cpus 2
			    memory ram at 0x4000_0000 size 2G
			    device gic { compatible "arm,cortex-a15-gic" reg 0x0800_0000 size 64K reg 0x0801_0000 size 64K }
			    device uart0 { compatible "arm,pl011" reg 0x0900_0000 size 4K irq spi 1 }
			}
			""";

	static String system(String command) {
		return """
				import "virt32.domino"
				system arm32 on virt32 {
				    xen 4.17 { image "bin/xen" bootargs "console=dtuart" }
				    boot uboot %s { load "load virtio 0" window 0x4020_0000 .. 0x8000_0000 }
				    domain domu { memory 128M kernel "bin/zImage" args "console=ttyAMA0" console vpl011 }
				}
				""".formatted(command);
	}

	/** A zImage: its magic at 0x24, then where it starts and ends (the footprint, more than the file). */
	private void zImage(String name, int fileSize, int end) throws Exception {
		ByteBuffer b = ByteBuffer.allocate(fileSize).order(ByteOrder.LITTLE_ENDIAN);
		b.putInt(0x24, 0x016f2818);
		b.putInt(0x28, 0);
		b.putInt(0x2c, end);
		ws.bytes(name, b.array());
	}

	@BeforeEach
	void board() throws Exception {
		ws = new Workspace(dir);
		ws.write("virt32.domino", BOARD);
		zImage("bin/xen", 864 << 10, 0x116290);
		zImage("bin/zImage", 5 << 20, 0x532200);
	}

	private Path compile(String command) throws Exception {
		ws.write("arm32.domino", system(command));
		Path out = dir.resolve("out-" + command);
		DominoCompiler.Outcome outcome = ws.compiler().compile(ws.path("arm32.domino"), out, 0);
		assertFalse(outcome.hasErrors(), Workspace.format(outcome.diagnostics()));
		return out;
	}

	private static List<String> commands(Path out) throws Exception {
		return Files.readString(out.resolve("boot.source")).lines().filter(l -> !l.startsWith("#")).toList();
	}

	@Test
	void bootiOnAnArm32BoardIsRefused() throws Exception {
		ws.write("arm32.domino", system("booti"));
		List<Diagnostic> d = ws.analyse("arm32.domino").diagnostics();
		Diagnostic e = d.stream().filter(Diagnostic::isError).findFirst().orElseThrow(() -> new AssertionError(
				"booti of an arm32 Xen must be refused: " + Workspace.format(d)));
		assertEquals("requires", e.ruleId());
		assertEquals(4, e.where().line());
		assertTrue(e.message().contains("bootz"), e.message());
	}

	@Test
	void bootzStartsTheZImageWithTheDtbPastItsFootprint() throws Exception {
		Path out = compile("bootz");
		List<String> script = commands(out);
		String boot = script.get(script.size() - 1);
		assertTrue(boot.startsWith("bootz "), script.toString());
		String[] words = boot.split(" ");
		long xen = Long.decode(words[1]);
		long dtb = Long.decode(words[3]);
		assertTrue(dtb >= xen + 0x116290, "the DTB is above Xen's footprint (its end word, not its file size): " + script);
		assertTrue(script.contains("setenv fdt_high 0xffffffff"), "arm32 keeps the DTB where it was loaded: " + script);
		Tools.Result list = Tools.run(out, "dumpimage", "-l", "boot.scr");
		assertTrue(list.stdout().contains("ARM Linux Script"), "an arm32 script image: " + list.stdout());
	}

	@Test
	void bootmLoadsXenWrappedByMkimage() throws Exception {
		Path out = compile("bootm");
		List<String> script = commands(out);
		assertTrue(script.stream().anyMatch(l -> l.endsWith(" 'xen.uimg'")), script.toString());
		assertTrue(script.get(script.size() - 1).startsWith("bootm "), script.toString());
		Tools.Result list = Tools.run(out, "dumpimage", "-l", "xen.uimg");
		assertEquals(0, list.exitCode(), list.stderr());
		assertTrue(list.stdout().contains("ARM Linux Kernel Image (uncompressed)"), list.stdout());
		String load = script.stream().filter(l -> l.endsWith(" 'xen.uimg'")).findFirst().orElseThrow().split(" ")[3];
		assertTrue(list.stdout().contains("Load Address: " + Long.toHexString(Long.decode(load))), "U-Boot moves the"
				+ " payload onto its load address, where the script loaded it: " + list.stdout() + script);
		assertEquals(Files.size(dir.resolve("bin/xen")) + 64, Files.size(out.resolve("xen.uimg")), "a 64-byte header");
	}

	@Test
	void bootzOnAnArm64BoardIsRefused() throws Exception {
		ws.qemuBoard();
		ws.write("arm64.domino", """
				import "qemu-virt.domino"
				system s on qemu_virt {
				    xen 4.17 { image "bin/xen" }
				    boot uboot bootz { load "load virtio 0" }
				    domain d { memory 128M kernel "bin/Image" }
				}
				""");
		List<Diagnostic> d = ws.analyse("arm64.domino").diagnostics();
		assertTrue(d.stream().anyMatch(x -> x.isError() && x.ruleId().equals("requires") && x.where().line() == 4),
				Workspace.format(d));
	}
}
