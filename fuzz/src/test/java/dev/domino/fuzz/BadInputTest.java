package dev.domino.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.domino.testing.Examples;
import dev.domino.testing.Tools;
import dev.domino.testing.Workspace;

/**
 * The contract for bad input, one test per kind: every input gives results or diagnostics
 * placed at a file, line and column with a rule id (exit 1), or one line for a usage or I/O
 * problem (exit 2); never exit 3, a stack trace or a hang (each runs under the build's timeout).
 */
class BadInputTest {
	private static final String SYSTEM_HEAD = "import \"qemu-virt.domino\"\nsystem s on qemu_virt {\n"
			+ "    xen 4.17 { image \"bin/xen\" heap ";
	private static final String SYSTEM_TAIL = " }\n    domain d { memory 128M kernel \"bin/Image\" }\n}\n";

	@TempDir
	Path dir;
	Workspace ws;

	@BeforeEach
	void board() throws IOException {
		ws = new Workspace(dir);
		ws.qemuBoard();
	}

	private Cli.Run check(String file) {
		Cli.Run run = Cli.run("check", dir.resolve(file).toString(), "--format", "json");
		Cli.jsonDiagnosticsArePlaced(run);
		return run;
	}

	private static void reports(Cli.Run run, int code, String rule, String text) {
		assertEquals(code, run.code(), run.out() + run.err());
		if (rule != null) {
			assertTrue(run.out().contains("\"rule\": \"" + rule + "\""), run.out());
		}
		assertTrue((run.out() + run.err()).contains(text), run.out() + run.err());
	}

	@Test
	void parenthesesNestedAHundredThousandDeepAreASyntaxError() throws IOException {
		ws.write("deep.domino", SYSTEM_HEAD + "(".repeat(100_000) + "16M" + ")".repeat(100_000) + SYSTEM_TAIL);
		reports(check("deep.domino"), 1, "syntax", "at most 64 parentheses deep");
	}

	@Test
	void aSumOfAHundredThousandTermsIsASyntaxError() throws IOException {
		ws.write("long.domino", SYSTEM_HEAD + "16M" + " + 0".repeat(100_000) + SYSTEM_TAIL);
		reports(check("long.domino"), 1, "syntax", "at most 1000 operators");
	}

	@Test
	void aNumberOfTenThousandDigitsIsAValueError() throws IOException {
		ws.write("digits.domino", SYSTEM_HEAD + "9".repeat(10_000) + SYSTEM_TAIL);
		reports(check("digits.domino"), 1, "value", "does not fit in 64 bits");
	}

	@Test
	void aHundredMegabyteFileIsRefusedAsTooLarge() throws IOException {
		byte[] line = "// a comment line, many times\n".getBytes(StandardCharsets.US_ASCII);
		try (var out = Files.newOutputStream(dir.resolve("huge.domino"))) {
			for (int i = 0; i < (100 << 20) / line.length; i++) {
				out.write(line);
			}
		}
		reports(check("huge.domino"), 2, null, "larger than 16 MiB");
		ws.write("imports-huge.domino", "import \"huge.domino\"\n" + SYSTEM_HEAD + "16M" + SYSTEM_TAIL);
		reports(check("imports-huge.domino"), 1, "order", "larger than 16 MiB");
	}

	@Test
	void aFileOfRandomBytesGivesSyntaxErrors() throws IOException {
		byte[] noise = new byte[1 << 20];
		new Random(14).nextBytes(noise);
		ws.bytes("noise.domino", noise);
		reports(check("noise.domino"), 1, "syntax", "");
	}

	@Test
	void aDtbGivenAsADominoFileIsASyntaxError() throws IOException {
		Files.copy(Examples.dir().resolve("qemu-virt/qemu-virt.dtb"), dir.resolve("board.domino"));
		Cli.Run run = check("board.domino");
		reports(run, 1, "syntax", "\"line\": 1");
	}

	@Test
	void anImportCycleIsReadOnce() throws IOException {
		ws.write("a.domino", "import \"b.domino\"\nimport \"qemu-virt.domino\"\n" + "module k kernel \"bin/Image\"\n");
		ws.write("b.domino", "import \"a.domino\"\n" + SYSTEM_HEAD + "16M" + SYSTEM_TAIL);
		Cli.Run run = check("b.domino");
		assertTrue(run.code() <= 1, run.out());
		check("a.domino");
	}

	@Test
	void importsOfAFolderAFifoAndASymlinkLoopAreErrorsAtTheImport() throws Exception {
		Files.createDirectories(dir.resolve("folder.domino"));
		Tools.run(dir, "mkfifo", "fifo.domino");
		Files.createSymbolicLink(dir.resolve("loop.domino"), dir.resolve("loop.domino"));
		for (String target : new String[] { "folder.domino", "fifo.domino", "loop.domino" }) {
			ws.write("uses.domino", "import \"" + target + "\"\n" + SYSTEM_HEAD + "16M" + SYSTEM_TAIL);
			reports(check("uses.domino"), 1, "order", "cannot import \\\"" + target + "\\\": " + target
					+ " is not a regular file");
			reports(Cli.run("check", dir.resolve(target).toString()), 2, null, "not a regular file");
		}
	}

	/** As root every file is readable, so this runs the command line as nobody. */
	@Test
	void anImportOfAFileWithoutReadPermissionIsAnError() throws Exception {
		ws.write("secret.domino", "module k kernel \"bin/Image\"\n");
		ws.write("uses.domino", "import \"secret.domino\"\n" + SYSTEM_HEAD + "16M" + SYSTEM_TAIL);
		Files.setPosixFilePermissions(dir.resolve("secret.domino"), java.util.Set.of());
		Path jar = Examples.repository().resolve("lsp-server/target/domino.jar");
		Path copy = Files.copy(jar, Files.createTempDirectory("domino-jar").resolve("domino.jar"));
		for (Path p = copy; p != null && !p.equals(p.getRoot()); p = p.getParent()) {
			p.toFile().setReadable(true, false);
			p.toFile().setExecutable(true, false);
		}
		for (Path p = dir; p != null && !p.equals(p.getRoot()); p = p.getParent()) {
			p.toFile().setExecutable(true, false);
			p.toFile().setReadable(true, false);
		}
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String[] asNobody = { "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", java, "-jar",
				copy.toString() };
		Tools.Result uses = Tools.run(dir, concat(asNobody, "check", "uses.domino"));
		assertEquals(1, uses.exitCode(), uses.stdout() + uses.stderr());
		assertTrue(uses.stdout().contains("uses.domino:1:8: error[order]: cannot import \"secret.domino\"")
				&& uses.stdout().contains("cannot be read (permission denied)")
				&& !uses.stdout().contains("secret.domino:1:1"), uses.stdout());
		Tools.Result direct = Tools.run(dir, concat(asNobody, "check", "secret.domino"));
		assertEquals(2, direct.exitCode(), direct.stdout() + direct.stderr());
		assertTrue(direct.stderr().contains("secret.domino: cannot be read"), direct.stderr());
	}

	private static String[] concat(String[] a, String... b) {
		String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}

	@Test
	void nulAndControlCharactersInStringsAreValueOrFileErrors() throws IOException {
		ws.write("nul.domino", SYSTEM_HEAD.replace("bin/xen", "bin/x\\u0000en") + "16M" + SYSTEM_TAIL);
		reports(check("nul.domino"), 1, "file", "bin/x");
		ws.write("raw-nul.domino", SYSTEM_HEAD.replace("bin/xen", "bin/x\u0000en") + "16M" + SYSTEM_TAIL);
		check("raw-nul.domino");
		ws.write("bell.domino", SYSTEM_HEAD.replace("xen 4.17 {", "boot uboot booti { load \"load virtio 0\u0007\" }\n"
				+ "    xen 4.17 {") + "16M" + SYSTEM_TAIL);
		reports(check("bell.domino"), 1, "value", "the load command may not contain");
		ws.write("import-nul.domino", "import \"qemu\\u0000virt.domino\"\n" + SYSTEM_HEAD + "16M" + SYSTEM_TAIL);
		reports(check("import-nul.domino"), 1, "order", "");
	}

	/** Found by CompileFuzzTest in CI: a half-typed shared memory without a name was an internal error. */
	@Test
	void aSharedMemoryWithoutANameIsASyntaxError() throws IOException {
		ws.write("shm.domino", SYSTEM_HEAD + "16M" + SYSTEM_TAIL.replace("\n}\n", "\n    shared-memory size 2M { owner d }\n}\n"));
		reports(check("shm.domino"), 1, "syntax", "");
		Cli.Run compile = Cli.run("compile", dir.resolve("shm.domino").toString(), "-o", dir.resolve("out").toString());
		assertEquals(1, compile.code(), compile.out() + compile.err());
	}

	/** Found by ImportImageBuilderFuzzTest: an error message echoing "Exception in thread" is no stack trace. */
	@Test
	void aMessageThatEchoesCrashWordsIsNotACrash() {
		Cli.holdsContract(new Cli.Run("x", 2, "", "domino: line 3: 'Exception in thread main' is a command\n"));
		org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> Cli.holdsContract(
				new Cli.Run("x", 2, "", "domino: x\nException in thread \"main\" java.lang.Error\n\tat a.b.C(C.java:1)\n")));
	}

	/** Found by ImportImageBuilderFuzzTest: a NUL in a file name of the config was an internal error. */
	@Test
	void aNulInAnImageBuilderFileNameIsAnErrorOfTheImportedSystem() throws IOException {
		ws.write("nul.config", "MEMORY_START=0x40000000\nMEMORY_END=0xc0000000\nXEN=bin/xen\nNUM_DOMUS=1\n"
				+ "DOMU_KERNEL[0]=\"bin/Ima\u0000ge\"\nDOMU_MEM[0]=128\nUBOOT_SOURCE=boot.source\n");
		Cli.Run run = Cli.run("import-imagebuilder", dir.resolve("nul.config").toString(), "--board",
				dir.resolve("qemu-virt.domino").toString(), "-o", dir.resolve("nul.domino").toString());
		assertEquals(1, run.code(), run.out() + run.err());
		assertTrue(run.err().contains("error[file]") || run.err().contains("error[value]"), run.err());
		ws.write("nul-dt.config", "DEVICE_TREE=\"qemu\u0000.dtb\"\nXEN=bin/xen\nNUM_DOMUS=0\n");
		Cli.Run dt = Cli.run("import-imagebuilder", dir.resolve("nul-dt.config").toString());
		assertEquals(2, dt.code(), dt.out() + dt.err());
		assertTrue(dt.err().contains("is not a file name"), dt.err());
	}
}
