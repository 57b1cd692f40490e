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
import dev.domino.diagnostics.Diagnostic;
import dev.domino.fdt.DeviceTree;
import dev.domino.fdt.DtNode;
import dev.domino.fdt.DtProperty;
import dev.domino.fdt.FdtReader;
import dev.domino.fdt.FdtWriter;
import dev.domino.model.SystemModel;
import dev.domino.run.BootRun;
import dev.domino.run.RunOptions;

/**
 * {@code domino run}: the README's one command boots the demo and every domain prints, marked with
 * its id and name; a build forced past Domino's checks (a domain smaller than its kernel, written by
 * this test, not by the command line) fails the way Xen says, reported as error[boot] at that domain.
 */
class RunCommandTest {
	static Path example;

	@BeforeAll
	static void binaries() throws Exception {
		example = QemuBoot.example();
	}

	private static String[] run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new String[] { String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8) };
	}

	@Test
	void theDemoBootsAndEveryDomainPrints() throws Exception {
		long start = System.nanoTime();
		String[] r = run("run", example.resolve("demo.domino").toString(), "--expect", "web=DOMINO-BANNER web",
				"--expect", "rt=DOMINO-BANNER rt", "--timeout", "180");
		String out = r[1];
		assertEquals("0", r[0], QemuBoot.tail(out) + r[2]);
		assertTrue(out.contains("[d1 web] DOMINO-BANNER web: hello from a dom0less domain"), QemuBoot.tail(out));
		assertTrue(out.contains("[d2 rt] DOMINO-BANNER rt: hello from a dom0less domain"), QemuBoot.tail(out));
		assertTrue(out.contains("(XEN) Xen dom0less mode detected"), "Xen's own lines stay as they are");
		assertFalse(out.contains("(XEN) DOM1:"), "domain lines are marked instead");
		assertTrue(out.contains("domino: run: demo booted in "), out);
		System.out.printf("domino run demo.domino: booted, %.1f s in all%n", (System.nanoTime() - start) / 1e9);
	}

	@Test
	void byDefaultEveryDomainPrintsSomething() throws Exception {
		String[] r = run("run", example.resolve("demo.domino").toString(), "--timeout", "180");
		assertEquals("0", r[0], QemuBoot.tail(r[1]) + r[2]);
		assertTrue(r[1].contains("[d1 web] ") && r[1].contains("[d2 rt] "), QemuBoot.tail(r[1]));
	}

	@Test
	void aDomainSmallerThanItsKernelIsReportedAtThatDomain() throws Exception {
		Path out = Path.of("target/run/too-small").toAbsolutePath();
		String[] compiled = run("compile", example.resolve("demo.domino").toString(), "-o", out.toString());
		assertEquals("0", compiled[0], compiled[1] + compiled[2]);
		// forced past the memory-budget rule: web gets 16 MiB, less than its 32 MiB kernel
		DeviceTree tree = FdtReader.read(Files.readAllBytes(out.resolve("system.dtb")));
		DtNode web = tree.root().find("/chosen/web").orElseThrow();
		web.set(DtProperty.cells("memory", 0, 16 * 1024));
		Files.write(out.resolve("system.dtb"), FdtWriter.write(tree));

		SystemModel demo = QemuBoot.model(out, example);
		StringBuilder console = new StringBuilder();
		BootRun.Result r = BootRun.run(demo, out, example, new RunOptions().timeoutSeconds(120),
				line -> console.append(line).append('\n'));
		assertEquals(BootRun.Outcome.FAILED, r.outcome(), QemuBoot.tail(console.toString()));
		assertEquals(1, r.diagnostics().size(), r.diagnostics().toString());
		Diagnostic d = r.diagnostics().get(0);
		List<String> source = Files.readAllLines(example.resolve("demo.domino"));
		int line = source.indexOf("    domain web {") + 1;
		assertEquals("boot", d.ruleId());
		assertTrue(d.isError());
		assertEquals("demo.domino", Path.of(d.where().displayPath()).getFileName().toString());
		assertEquals(line, d.where().line(), d.format());
		assertTrue(d.message().contains("Not enough memory in the first bank for the kernel+dtb+initrd")
				&& d.message().contains("d1 web"), d.format());
		assertTrue(d.format().contains("demo.domino:" + line + ":12: error[boot]: "), d.format()); // at its name
	}

	@Test
	void aMissingQemuIsSaidPlainly() throws Exception {
		String[] r = run("run", example.resolve("demo.domino").toString(), "--qemu", "/nonexistent/qemu-system-aarch64");
		assertEquals("2", r[0], r[1] + r[2]);
		assertEquals("domino: run: /nonexistent/qemu-system-aarch64 is not installed (apt-get install qemu-system-arm)\n",
				r[2]);
		String[] u = run("run", example.resolve("demo.domino").toString(), "--uboot", "/nonexistent/u-boot.bin");
		assertEquals("2", u[0]);
		assertTrue(u[2].contains("apt-get install u-boot-qemu") && !u[2].contains("Exception"), u[2]);
	}

	@Test
	void aBadExpectIsAUsageError() throws Exception {
		String[] r = run("run", example.resolve("demo.domino").toString(), "--expect", "nobody=x");
		assertEquals("2", r[0], r[1] + r[2]);
		assertTrue(r[2].contains("--expect names no domain 'nobody' (the domains are: web, rt)"), r[2]);
		String[] s = run("run", example.resolve("demo.domino").toString(), "--expect", "web");
		assertEquals("2", s[0]);
		assertTrue(s[2].contains("write DOMAIN=REGEX"), s[2]);
	}

	/** A stand-in for QEMU that prints these console lines, then waits to be stopped. */
	private static Path fakeQemu(String name, String... console) throws Exception {
		Path script = Path.of("target/run").toAbsolutePath().resolve(name);
		Files.createDirectories(script.getParent());
		StringBuilder text = new StringBuilder("#!/bin/sh\ncat <<'EOF'\n");
		for (String line : console) {
			text.append(line).append('\n');
		}
		text.append("EOF\nexec sleep 60\n");
		Files.writeString(script, text.toString());
		script.toFile().setExecutable(true);
		return script;
	}

	private static int line(String text) throws Exception {
		return Files.readAllLines(example.resolve("demo.domino")).indexOf(text) + 1;
	}

	@Test
	void aDomainThatStaysSilentIsReportedWhenTheTimeIsUp() throws Exception {
		Path qemu = fakeQemu("silent-rt", "(XEN) Xen version 4.17.5 (Debian 4.17.5+72-g01140da4e8-1)",
				"(XEN) Xen dom0less mode detected", "(XEN) *** LOADING DOMU cpus=1 memory=20000KB ***",
				"(XEN) *** LOADING DOMU cpus=1 memory=20000KB ***", "(XEN) DOM1: DOMINO-BANNER web: hello from a dom0less domain");
		String[] r = run("run", example.resolve("demo.domino").toString(), "--qemu", qemu.toString(), "--timeout", "3");
		assertEquals("1", r[0], r[1] + r[2]);
		assertTrue(r[1].contains("[d1 web] DOMINO-BANNER web: hello from a dom0less domain"), r[1]);
		assertTrue(r[1].contains("demo.domino:" + line("    domain rt {") + ":12: error[boot]: the boot failed: d2 rt printed"
				+ " nothing in 3 s"), r[1]);
		assertFalse(r[1].contains("d1 web printed"), "web did print: " + r[1]);
	}

	@Test
	void aGuestKernelPanicIsReportedAtThatDomain() throws Exception {
		Path qemu = fakeQemu("panic-web", "(XEN) Xen version 4.17.5 (Debian 4.17.5+72-g01140da4e8-1)",
				"(XEN) DOM1: [    3.735702] No filesystem could mount root, tried: ",
				"(XEN) DOM1: [    3.738273] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)",
				"(XEN) DOM1: [    3.769216] ---[ end Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0) ]---");
		String[] r = run("run", example.resolve("demo.domino").toString(), "--qemu", qemu.toString(), "--timeout", "30");
		assertEquals("1", r[0], r[1] + r[2]);
		assertTrue(r[1].contains("demo.domino:" + line("    domain web {") + ":12: error[boot]: the boot failed: guest says"
				+ " \"[    3.738273] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)\" in d1"
				+ " web"), r[1]);
	}
}
