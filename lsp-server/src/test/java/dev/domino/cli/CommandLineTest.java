package dev.domino.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.domino.testing.Workspace;

/** The domino command as scripts see it: exit codes 0/1/2, file:line:col messages, no stack traces. */
class CommandLineTest {
	@TempDir
	Path dir;
	Workspace ws;


	static final String DEMO = """
			import "qemu-virt.domino"
			system demo on qemu_virt {
			    xen 4.17 { image "bin/xen" heap 512M }
			    boot uboot booti { load "load virtio 0" window 0x4020_0000 .. 0xB000_0000 }
			    module linux kernel "bin/Image"
			    domain web { memory 128M kernel linux ramdisk "bin/web.cpio.gz" console vpl011 }
			}
			""";

	@BeforeEach
	void setUp() throws Exception {
		ws = new Workspace(dir);
		ws.qemuBoard();
		ws.write("demo.domino", DEMO);
	}

	private static CliRun run(String... args) {
		return CliRun.of(args);
	}

	private String f(String name) {
		return dir.resolve(name).toString();
	}

	@Test
	void aCleanCompileExitsZeroAndSaysWhatItWrote() {
		CliRun r = run("compile", f("demo.domino"), "-o", f("out"));
		assertEquals(0, r.code(), r.out() + r.err());
		assertTrue(r.out().contains("compiled system demo into"), r.out());
		assertTrue(r.out().contains("boot demo from U-Boot with: load virtio 0 0x40200000 boot.scr; source 0x40200000"),
				r.out());
		assertTrue(Files.exists(dir.resolve("out/system.dtb")));
	}

	@Test
	void errorsInTheInputExitOneWithFileLineColumnAndRule() throws Exception {
		ws.write("demo.domino", DEMO.replace("module linux kernel \"bin/Image\"",
				"module linux kernel \"bin/Image\" at 0x4000_0000"));
		CliRun r = run("compile", f("demo.domino"), "-o", f("out"));
		assertEquals(1, r.code());
		assertTrue(r.out().matches("(?s).*demo\\.domino:5:12: error\\[overlap\\]: module linux \\[0x4000_0000, "
				+ "0x4201_0000\\) overlaps reserved range qemu_dtb \\[0x4000_0000, 0x4010_0000\\) by 1 MiB.*"), r.out());
		assertTrue(r.out().contains("note: reserved range qemu_dtb [0x4000_0000, 0x4010_0000) is declared here"), r.out());
		assertTrue(r.out().contains("fix: Move module linux to the next free gap at 0x"), r.out());
		assertTrue(r.out().contains("error[contain]: module linux [0x4000_0000, 0x4201_0000) is outside the boot window"), r.out());
		assertTrue(r.out().contains("nothing written"), r.out());
		assertFalse(Files.exists(dir.resolve("out")));
	}

	@Test
	void usageAndIoProblemsExitTwo() {
		assertEquals(2, run().code());
		assertEquals(2, run("frobnicate").code());
		assertEquals(2, run("compile", f("demo.domino")).code(), "no -o");
		assertEquals(2, run("check").code());
		CliRun missing = run("check", f("nope.domino"));
		assertEquals(2, missing.code());
		assertTrue(missing.err().contains("nope.domino: no such file"), missing.err());
		assertEquals(2, run("check", "--format", "xml", f("demo.domino")).code());
		assertEquals(2, run("compile", f("qemu-virt.domino"), "-o", f("out")).code(), "a board alone has nothing to compile");
	}

	@Test
	void runsUsageProblemsExitTwoAndItsInputErrorsOne() throws Exception {
		assertEquals(2, run("run").code(), "no FILE");
		assertEquals(2, run("run", f("demo.domino"), "--timeout", "0").code());
		CliRun regex = run("run", f("demo.domino"), "--expect", "web=(");
		assertEquals(2, regex.code());
		assertTrue(regex.err().contains("not a regular expression"), regex.err());
		assertEquals(2, run("run", f("qemu-virt.domino")).code(), "a board alone has nothing to boot");
		CliRun wrong = run("run", f("demo.domino"), "--expect", "web=x", "--qemu", "/nonexistent/qemu");
		assertEquals(2, wrong.code());
		assertEquals("domino: run: /nonexistent/qemu is not installed (apt-get install qemu-system-arm)\n", wrong.err());
		ws.write("bad.domino", DEMO.replace("kernel linux ramdisk", "kernel linuxx ramdisk"));
		CliRun bad = run("run", f("bad.domino"));
		assertEquals(1, bad.code(), bad.out() + bad.err());
		assertTrue(bad.out().contains(": error[") && bad.out().contains("nothing booted"), bad.out());
		assertFalse((bad.out() + bad.err()).contains("Exception"));
	}

	@Test
	void checkWithoutProblemsExitsZero() {
		CliRun r = run("check", f("demo.domino"));
		assertEquals(0, r.code(), r.out());
		assertTrue(r.out().contains("checked 1 file: 0 errors, 0 warnings"), r.out());
	}

	@Test
	void jsonReportsAreParseable() throws Exception {
		ws.write("demo.domino", DEMO.replace("kernel linux ramdisk", "kernel linuxx ramdisk"));
		CliRun r = run("check", "--format", "json", f("demo.domino"));
		assertEquals(1, r.code());
		JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
		JsonObject first = json.getAsJsonArray("diagnostics").get(1).getAsJsonObject();
		assertEquals("order", first.get("rule").getAsString());
		assertEquals("unknown module 'linuxx': declare it in the system or import a module library",
				first.get("message").getAsString());
		assertEquals(6, first.getAsJsonObject("location").get("line").getAsInt());
	}

	@Test
	void garbageInputIsReportedNotThrown() throws Exception {
		ws.write("demo.domino", "system { { } } board ]]] \u0000 \"unterminated\n domain x { memory 99999999999999999999999 }");
		CliRun r = run("check", f("demo.domino"));
		assertEquals(1, r.code());
		assertTrue(r.out().contains("error[syntax]"), r.out());
	}

	@Test
	void mapPrintsTheLayout() {
		CliRun r = run("map", f("demo.domino"));
		assertEquals(0, r.code(), r.err());
		assertTrue(r.out().matches("(?s).*0x4040_0000 +0x4241_0000 +32832 KiB  module linux  \\(auto\\).*"), r.out());
		assertTrue(r.out().contains("memory bank ram0 [0x4000_0000, 0xC000_0000) 2 GiB"), r.out());
	}

	@Test
	void aFileWithTwoSystemsGetsValidMapsOfTheOneAskedFor() throws Exception {
		ws.write("two.domino", DEMO + DEMO.replace("import \"qemu-virt.domino\"", "").replace("system demo", "system other"));
		CliRun text = run("map", f("two.domino"));
		assertEquals(0, text.code(), text.err());
		assertTrue(text.out().contains("system demo on board") && text.out().contains("system other on board"), text.out());

		CliRun ambiguous = run("map", f("two.domino"), "--format", "json");
		assertEquals(2, ambiguous.code());
		assertTrue(ambiguous.err().contains("declares systems demo, other: choose the one to map with --system NAME"),
				ambiguous.err());

		CliRun json = run("map", f("two.domino"), "--format", "json", "--system", "other");
		assertEquals(0, json.code(), json.err());
		assertEquals("other", JsonParser.parseString(json.out()).getAsJsonObject().get("system").getAsString());

		CliRun svg = run("map", f("two.domino"), "--format", "svg", "--system", "demo");
		assertEquals(0, svg.code(), svg.err());
		javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
				.parse(new java.io.ByteArrayInputStream(svg.out().getBytes(StandardCharsets.UTF_8))); // well-formed
		assertEquals(1, svg.out().split("<svg ", -1).length - 1, "one picture");

		CliRun unknown = run("map", f("two.domino"), "--system", "third");
		assertEquals(2, unknown.code());
		assertTrue(unknown.err().contains("declares no system third"), unknown.err());
	}

	@Test
	void everyCommandHasItsHelpAndTheShellCompletes() {
		CliRun help = run("help", "compile");
		assertEquals(0, help.code());
		assertTrue(help.out().contains("Usage: domino compile") && help.out().contains("--output=DIR"), help.out());
		CliRun option = run("check", "--help");
		assertTrue(option.out().contains("Usage: domino check"), option.out());
		CliRun completion = run("generate-completion");
		assertEquals(0, completion.code());
		assertTrue(completion.out().contains("complete -F") && completion.out().contains("import-imagebuilder"),
				completion.out().lines().limit(5).toList().toString());
		CliRun unknown = run("frobnicate");
		assertEquals(2, unknown.code());
		assertTrue(unknown.err().contains("unknown command 'frobnicate'"), unknown.err());
	}
}
