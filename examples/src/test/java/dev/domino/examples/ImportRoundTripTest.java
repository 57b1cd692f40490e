package dev.domino.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.domino.cli.Main;
import dev.domino.testing.Tools;

/**
 * Migration on real inputs: the device tree QEMU gives its virt machine, imported and compiled
 * again, describes the same hardware (compared with dtc); the ImageBuilder config of the QEMU
 * example, imported, compiled and booted, boots like demo.domino.
 */
class ImportRoundTripTest {
	static Path example;
	static Path work;

	@BeforeAll
	static void setUp() throws Exception {
		example = QemuBoot.example();
		work = Path.of("target/import").toAbsolutePath();
		Tools.run(null, "rm", "-rf", work.toString());
		Files.createDirectories(work);
		Files.createSymbolicLink(work.resolve("bin"), example.resolve("bin"));
		// QEMU's own tree for the machine the boot test starts, dumped now
		Tools.Result dump = Tools.run(work, "qemu-system-aarch64", "-machine",
				"virt,gic-version=3,virtualization=true,acpi=off,dumpdtb=" + work.resolve("virt.dtb"), "-cpu", "cortex-a57", "-smp",
				"2", "-m", "2048", "-display", "none", "-nic", "none");
		assertEquals(0, dump.exitCode(), dump.stderr());
	}

	private static String[] run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new String[] { String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8) };
	}

	private static void compileOn(String boardFile, String boardName, Path out) throws Exception {
		Files.writeString(work.resolve("on-" + boardName + ".domino"), """
				import "%s"
				system roundtrip on %s {
				    xen 4.17 { image "bin/xen" bootargs "console=dtuart dtuart=/pl011@9000000" }
				    boot uboot booti { load "load virtio 0" window 0x4020_0000 .. 0xB000_0000 }
				    domain web { memory 128M kernel "bin/Image" ramdisk "bin/web.cpio.gz" console vpl011 }
				}
				""".formatted(boardFile, boardName));
		String[] r = run("compile", work.resolve("on-" + boardName + ".domino").toString(), "-o", out.toString());
		assertEquals("0", r[0], r[1] + r[2]);
	}

	@Test
	void qemusTreeImportedAndCompiledAgainIsTheSameTree() throws Exception {
		String[] imported = run("import-dtb", work.resolve("virt.dtb").toString(), "-o", work.resolve("virt.domino").toString());
		assertEquals("0", imported[0], imported[1] + imported[2]);
		assertTrue(imported[1].contains(": 2 CPUs, 1 memory bank, 0 reserved ranges, "), imported[1]);
		compileOn("virt.domino", "virt", work.resolve("out-base"));
		Map<String, Map<String, String>> original = dts(work.resolve("virt.dtb"));
		Map<String, Map<String, String>> compiled = dts(work.resolve("out-base/system.dtb"));
		assertTrue(original.size() > 40 && original.get("/pl011@9000000").containsKey("reg"), original.keySet().toString());
		original.keySet().removeIf(path -> path.startsWith("/chosen"));
		compiled.keySet().removeIf(path -> path.startsWith("/chosen"));
		assertEquals(original, compiled, "with its base-dtb, the board's tree is QEMU's, node for node");
	}

	@Test
	void aBoardWithoutItsBlobDescribesTheSameDevices() throws Exception {
		String[] imported = run("import-dtb", work.resolve("virt.dtb").toString(), "--no-base-dtb", "--name", "bare", "-o",
				work.resolve("bare.domino").toString());
		assertEquals("0", imported[0], imported[1] + imported[2]);
		compileOn("bare.domino", "bare", work.resolve("out-bare"));
		Map<String, Map<String, String>> original = dts(work.resolve("virt.dtb"));
		Map<String, Map<String, String>> generated = dts(work.resolve("out-bare/system.dtb"));
		List<String> compared = new ArrayList<>();
		for (String line : Files.readAllLines(work.resolve("bare.domino"))) {
			if (!line.trim().startsWith("path \"")) {
				continue;
			}
			String path = line.trim().substring(6, line.trim().length() - 1);
			Map<String, String> want = original.get(path);
			Map<String, String> got = generated.get(path);
			assertTrue(got != null, path + " is in the generated tree");
			assertEquals(want.get("compatible"), got.get("compatible"), path);
			if (want.containsKey("reg")) {
				assertEquals(want.get("reg"), got.get("reg"), path);
			}
			if (want.containsKey("interrupts")) {
				// type and number of each interrupt; Domino does not model the trigger flags
				assertEquals(typeAndNumber(want.get("interrupts")), typeAndNumber(got.get("interrupts")), path);
			}
			compared.add(path);
		}
		assertTrue(compared.size() >= 40, "every imported device was compared: " + compared);
		assertTrue(compared.contains("/pl011@9000000") && compared.contains("/intc@8000000/its@8080000"), compared.toString());
		assertEquals(original.get("/memory@40000000").get("reg"), generated.get("/memory@40000000").get("reg"));
		assertEquals(original.get("/cpus/cpu@1").get("reg"), generated.get("/cpus/cpu@1").get("reg"));
	}

	@Test
	void theQemuExamplesImageBuilderConfigImportedCompilesAndBoots() throws Exception {
		Path dir = work.resolve("imagebuilder");
		Files.createDirectories(dir);
		for (String f : List.of("qemu-virt.domino", "qemu-virt.dtb", "imagebuilder.config")) {
			Files.copy(example.resolve(f), dir.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		if (!Files.exists(dir.resolve("bin"))) {
			Files.createSymbolicLink(dir.resolve("bin"), example.resolve("bin"));
		}
		String[] imported = run("import-imagebuilder", dir.resolve("imagebuilder.config").toString(), "--board",
				dir.resolve("qemu-virt.domino").toString(), "-o", dir.resolve("imported.domino").toString());
		assertEquals("0", imported[0], imported[1] + imported[2]);
		assertTrue(imported[2].contains("UBOOT_SCRIPT: not needed"), imported[2]);
		Path out = dir.resolve("out");
		String[] compiled = run("compile", dir.resolve("imported.domino").toString(), "-o", out.toString());
		assertEquals("0", compiled[0], compiled[1] + compiled[2]);

		Tools.Result boot = QemuBoot.boot(out, dir, "imagebuilder", "120", "Xen dom0less mode detected",
				"DOM1: DOMINO-BANNER web", "DOM2: DOMINO-BANNER rt");
		String console = Files.readString(QemuBoot.log(out, "imagebuilder"), StandardCharsets.ISO_8859_1);
		assertEquals(0, boot.exitCode(), boot.stderr() + "\n" + QemuBoot.tail(console));
		assertFalse(console.contains("Panic"), QemuBoot.tail(console));
	}

	/** A blob as dtc decompiles it, sorted: node path to property to value text. */
	private static Map<String, Map<String, String>> dts(Path blob) throws Exception {
		Tools.Result r = Tools.run(null, "dtc", "-q", "-s", "-I", "dtb", "-O", "dts", blob.toString());
		assertEquals(0, r.exitCode(), r.stderr());
		Map<String, Map<String, String>> nodes = new TreeMap<>();
		List<String> stack = new ArrayList<>();
		for (String raw : r.stdout().split("\n")) {
			String line = raw.trim();
			if (line.endsWith("{")) {
				String name = line.substring(0, line.length() - 1).trim();
				name = name.contains(":") ? name.substring(name.indexOf(':') + 1).trim() : name;
				stack.add(name);
				nodes.put(path(stack), new LinkedHashMap<>());
			} else if (line.equals("};")) {
				if (!stack.isEmpty()) {
					stack.remove(stack.size() - 1);
				}
			} else if (line.endsWith(";") && !stack.isEmpty() && !line.startsWith("/")) {
				int eq = line.indexOf(" = ");
				String name = eq < 0 ? line.substring(0, line.length() - 1) : line.substring(0, eq);
				String value = eq < 0 ? "" : line.substring(eq + 3, line.length() - 1);
				if (!name.equals("phandle") && !name.equals("interrupt-parent")) { // numbering differs, meaning does not
					nodes.get(path(stack)).put(name, value);
				}
			}
		}
		return nodes;
	}

	private static String path(List<String> stack) {
		return stack.size() == 1 ? "/" : "/" + String.join("/", stack.subList(1, stack.size()));
	}

	/** "<0x00 0x01 0x04 0x01 0x0e 0x04>" as [0 1, 1 14]: type and number of each 3-cell interrupt. */
	private static List<String> typeAndNumber(String cells) {
		String[] v = cells.replaceAll("[<>]", " ").trim().split("\\s+");
		List<String> out = new ArrayList<>();
		for (int i = 0; i + 2 < v.length; i += 3) {
			out.add(Long.decode(v[i]) + " " + Long.decode(v[i + 1]));
		}
		return out;
	}
}
