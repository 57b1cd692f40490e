package dev.domino.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.domino.cli.Main;
import dev.domino.testing.Tools;

/**
 * Hostile text cannot reach U-Boot's shell: file names with ';', '$(...)', '${...}', backticks
 * and '&&' are loaded as one file each by the generated boot.scr, run in QEMU's U-Boot with
 * those names on the FAT disk; names no script can quote are refused before anything is written.
 */
class HostileNamesBootTest {
	/** Each would print a line starting with INJECTED if U-Boot's hush ran it as a command. */
	private static final Map<String, String> RENAMES = Map.of(
			"bin/Image", "bin/Image&&echo INJECTED-1",
			"bin/web.cpio.gz", "bin/web;echo INJECTED-2;.cpio.gz",
			"bin/rt.cpio.gz", "bin/rt $(echo INJECTED-3) ${bootcmd} `echo INJECTED-4`.cpio.gz");

	@TempDir
	Path dir;

	@Test
	void namesWithShellSyntaxAreLoadedAsFilesAndNothingElseRuns() throws Exception {
		Path example = QemuBoot.example();
		Files.createDirectories(dir.resolve("bin"));
		Files.copy(example.resolve("qemu-virt.domino"), dir.resolve("qemu-virt.domino"));
		Files.copy(example.resolve("qemu-virt.dtb"), dir.resolve("qemu-virt.dtb"));
		Files.copy(example.resolve("bin/xen"), dir.resolve("bin/xen"));
		String system = Files.readString(example.resolve("demo.domino"));
		for (Map.Entry<String, String> r : RENAMES.entrySet()) {
			Files.copy(example.resolve(r.getKey()), dir.resolve(r.getValue()));
			system = system.replace("\"" + r.getKey() + "\"", "\"" + r.getValue() + "\"");
		}
		Files.writeString(dir.resolve("demo.domino"), system);
		Path out = dir.resolve("out");
		assertEquals(0, compile(out), "compiles");
		String script = Files.readString(out.resolve("boot.source"));
		for (String name : RENAMES.values()) {
			assertTrue(script.contains("'" + name + "'"), "loaded as one quoted word: " + name + "\n" + script);
		}

		Tools.Result r = QemuBoot.boot(out, dir, "hostile", "120", "DOM1: DOMINO-BANNER web", "DOM2: DOMINO-BANNER rt");
		String console = Files.readString(QemuBoot.log(out, "hostile"), StandardCharsets.ISO_8859_1);
		assertEquals(0, r.exitCode(), r.stderr() + "\n" + QemuBoot.tail(console));
		assertTrue(console.lines().noneMatch(l -> l.strip().startsWith("INJECTED")), QemuBoot.tail(console));
	}

	@Test
	void namesNoScriptCanQuoteAreValueErrorsAndNothingIsWritten() throws Exception {
		Path example = QemuBoot.example();
		Files.copy(example.resolve("qemu-virt.domino"), dir.resolve("qemu-virt.domino"));
		String system = Files.readString(example.resolve("demo.domino"));
		for (String hostile : new String[] { "bin/it's.cpio.gz", "bin/two\\nlines.cpio.gz" }) {
			Files.writeString(dir.resolve("demo.domino"), system.replace("\"bin/rt.cpio.gz\"", "\"" + hostile + "\""));
			ByteArrayOutputStream err = new ByteArrayOutputStream();
			PrintStream both = new PrintStream(err, true, StandardCharsets.UTF_8);
			int code = Main.run(new String[] { "compile", dir.resolve("demo.domino").toString(), "-o",
					dir.resolve("refused").toString() }, both, both);
			String text = err.toString(StandardCharsets.UTF_8);
			assertEquals(1, code, text);
			assertTrue(text.contains("error[value]") || text.contains("error[file]"), text);
			assertTrue(!Files.exists(dir.resolve("refused")), "nothing written for " + hostile);
		}
	}

	private int compile(Path out) {
		ByteArrayOutputStream text = new ByteArrayOutputStream();
		return Main.run(new String[] { "compile", dir.resolve("demo.domino").toString(), "-o", out.toString() },
				new PrintStream(text, true, StandardCharsets.UTF_8), new PrintStream(text, true, StandardCharsets.UTF_8));
	}
}
