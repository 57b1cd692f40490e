package dev.domino.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.domino.compiler.DominoCompiler;
import dev.domino.diagnostics.Diagnostic;
import dev.domino.resolve.Locations;
import dev.domino.rules.CheckContext;
import dev.domino.testing.Examples;
import dev.domino.testing.Tools;
import dev.domino.testing.Workspace;

/** The valid examples: no errors (no false positives), and outputs that are byte-identical run to run. */
class ExamplesTest {
	static DominoCompiler compiler;

	@BeforeAll
	static void binaries() throws Exception {
		Examples.withBinaries();
		compiler = new DominoCompiler(Workspace.injector(), Locations.relativeToWorkingDirectory());
	}

	static Stream<Path> validExamples() throws Exception {
		try (Stream<Path> files = Files.walk(Examples.dir())) {
			return files.filter(p -> p.toString().endsWith(".domino") && !p.toString().contains("/mistakes/")
					&& !p.toString().contains("/target/")).sorted().toList().stream();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("validExamples")
	void validExamplesHaveNoErrors(Path file) throws Exception {
		List<Diagnostic> errors = compiler.check(List.of(file), CheckContext.Mode.COMPILE).diagnostics().stream()
				.filter(Diagnostic::isError).toList();
		assertEquals("", Workspace.format(errors));
	}

	static Stream<Path> everyExample() throws Exception {
		try (Stream<Path> files = Files.walk(Examples.dir())) {
			return files.filter(p -> p.toString().endsWith(".domino") && !p.toString().contains("/target/")).sorted()
					.toList().stream();
		}
	}

	/** Every device tree Domino writes for an example, or for a mistake that still compiles, passes dtc. */
	@ParameterizedTest(name = "{0}")
	@MethodSource("everyExample")
	void everyDeviceTreeWrittenPassesDtcWithoutWarnings(Path file) throws Exception {
		Path out = Path.of("target/dtc").resolve(Examples.dir().relativize(file).toString().replace('/', '_'));
		DominoCompiler.Outcome o;
		try {
			o = compiler.compile(file, out, 0);
		} catch (DominoCompiler.InputException boardOnly) {
			return; // a board alone: nothing to compile
		}
		if (o.hasErrors()) {
			return; // nothing written
		}
		List<Path> trees;
		try (Stream<Path> files = Files.walk(out)) {
			trees = files.filter(p -> p.toString().endsWith(".dts") || p.toString().endsWith(".dtb")).sorted().toList();
		}
		assertFalse(trees.isEmpty(), "a compiled system has a device tree");
		for (Path t : trees) {
			dev.domino.testing.Dtc.assertClean(t);
		}
	}

	/** The system the README shows is checked next to the QEMU board it imports. */
	@Test
	void theReadmeExampleHasNoProblems() throws Exception {
		String readme = Files.readString(Examples.dir().resolveSibling("README.md"));
		int start = readme.indexOf("```domino\n");
		assertTrue(start >= 0, "the README shows a system");
		String system = readme.substring(start + "```domino\n".length(), readme.indexOf("```", start + 10));
		Path qemu = Examples.dir().resolve("qemu-virt");
		Path dir = Files.createDirectories(Path.of("target/readme-example"));
		for (String f : List.of("qemu-virt.domino", "qemu-virt.dtb")) {
			Files.copy(qemu.resolve(f), dir.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		if (!Files.exists(dir.resolve("bin"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			Files.createSymbolicLink(dir.resolve("bin"), qemu.resolve("bin").toAbsolutePath());
		}
		Path file = Files.writeString(dir.resolve("readme.domino"), system);
		List<Diagnostic> problems = compiler.check(List.of(file), CheckContext.Mode.COMPILE).diagnostics();
		assertEquals("", Workspace.format(problems));
	}

	@Test
	void theMpuExampleCompilesToAPlanWithinBudget() throws Exception {
		Path out = Path.of("target/examples/safety");
		DominoCompiler.Outcome o = compiler.compile(Examples.dir().resolve("fvp-baser/safety.domino"), out, 0);
		assertFalse(o.hasErrors(), Workspace.format(o.diagnostics()));
		String plan = Files.readString(out.resolve("mpu-plan.txt"));
		assertTrue(plan.contains("ctrl: 3 + Xen 11 = 14 of 32"), plan);
		assertTrue(plan.contains("rtos: shared memory mailbox + static memory"), "adjacent regions of one owner merge: " + plan);
		String config = Files.readString(out.resolve("xen.config"));
		assertTrue(config.contains("CONFIG_MPU=y"), config);
		assertTrue(config.matches("(?s).*CONFIG_XEN_START_ADDRESS=0x[0-9a-f]+\n.*"), config);
		String dts = dev.domino.testing.Dtc.decompile(out, "system.dtb");
		assertTrue(dts.contains("mpu,guest-memory-section = <"), dts);
		assertTrue(dts.contains("direct-map;"), dts);
		assertTrue(dts.contains("xen,static-mem = <0x00 0x30000000 0x00 0x4000000>;"), dts);
		assertTrue(dts.contains("compatible = \"xen,domain-shared-memory-v1\";"), dts);
	}

	@Test
	void compilingTwiceGivesByteIdenticalOutputs() throws Exception {
		for (String example : List.of("qemu-virt/demo.domino", "fvp-baser/safety.domino")) {
			Path a = Path.of("target/determinism/a");
			Path b = Path.of("target/determinism/b");
			compiler.compile(Examples.dir().resolve(example), a, 0);
			compiler.compile(Examples.dir().resolve(example), b, 0);
			try (Stream<Path> files = Files.walk(a)) {
				for (Path p : files.filter(Files::isRegularFile).toList()) {
					assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(b.resolve(a.relativize(p))), p.toString());
				}
			}
		}
	}
}
