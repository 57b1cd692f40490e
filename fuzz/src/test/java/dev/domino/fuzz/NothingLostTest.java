package dev.domino.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.domino.compiler.OutputWriter;
import dev.domino.testing.Workspace;

/**
 * Nothing lost: `domino compile` runs as its own JVM and is killed with SIGKILL at chosen and at
 * random moments of its write; afterwards the folder holds one complete set of outputs, the
 * previous or (once the journal is finished) the new, byte for byte. Two compiles into one folder
 * at once end with one complete set.
 */
class NothingLostTest {
	private static final String SYSTEM = """
			import "qemu-virt.domino"
			system demo on qemu_virt {
			    xen 4.17 { image "bin/xen" bootargs "console=dtuart dtuart=/pl011@9000000" heap 512M }
			    boot uboot booti { load "load virtio 0" window 0x4020_0000 .. 0xB000_0000 }
			    module linux kernel "bin/Image"
			    domain web { memory MEM kernel linux ramdisk "bin/web.cpio.gz" console vpl011 }
			    domain rt { memory 128M kernel linux ramdisk "bin/rt.cpio.gz" console vpl011 after web }
			}
			""";
	/** Each step of the commit waits this long, so a kill lands inside it. */
	private static final long STEP_PAUSE_MS = 40;

	@TempDir
	Path dir;
	Workspace ws;
	Map<String, byte[]> previous;
	Map<String, byte[]> next;

	@BeforeEach
	void twoCompiledSets() throws Exception {
		ws = new Workspace(dir);
		ws.qemuBoard();
		ws.write("a.domino", SYSTEM.replace("MEM", "128M"));
		ws.write("b.domino", SYSTEM.replace("MEM", "256M"));
		compile("a.domino", "set-a", 0);
		compile("b.domino", "set-b", 0);
		previous = outputs(dir.resolve("set-a"));
		next = outputs(dir.resolve("set-b"));
		assertFalse(Arrays.equals(previous.get("system.dtb"), next.get("system.dtb")), "the two sets differ");
	}

	@Test
	void aCompileKilledAtAnyMomentLeavesOneCompleteSet() throws Exception {
		Random random = new Random(11);
		int killedInCommit = 0;
		for (int round = 0; round < 9; round++) {
			Path out = dir.resolve("out-" + round);
			copy(dir.resolve("set-a"), out);
			Process p = start("b.domino", out, STEP_PAUSE_MS);
			if (round % 3 == 0) {
				waitFor(out.resolve(".domino-outputs.journal"), p); // in the middle of the renames
				Thread.sleep(random.nextInt((int) STEP_PAUSE_MS * 6));
			} else if (round % 3 == 1) {
				waitForStaged(out, p); // before or just at the journal
			} else {
				Thread.sleep(300 + random.nextInt(2500)); // anywhere, start-up included
			}
			p.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL
			if (Files.exists(out.resolve(".domino-outputs.journal"))) {
				killedInCommit++;
				OutputWriter.recover(out);
				assertSet(next, out, "killed after its journal, finished by recovery (round " + round + ")");
			} else {
				Map<String, byte[]> found = outputs(out);
				assertTrue(same(previous, found) || same(next, found),
						"round " + round + ": neither the previous nor the new set: " + found.keySet());
			}
			// the next compile sweeps what the killed one staged and writes a complete set
			assertEquals(0, compile("b.domino", out.getFileName().toString(), 0).exitValue());
			assertSet(next, out, "after the next compile (round " + round + ")");
			try (Stream<Path> files = Files.walk(out)) {
				assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".domino-staged-")),
						"no staged file is left behind");
			}
		}
		assertTrue(killedInCommit >= 3, "the kills that waited for the journal landed in the commit: " + killedInCommit);
	}

	@Test
	void twoCompilesIntoOneFolderAtOnceEndWithOneCompleteSet() throws Exception {
		for (int round = 0; round < 3; round++) {
			Path out = dir.resolve("shared-" + round);
			Process a = start("a.domino", out, 5);
			Process b = start("b.domino", out, 5);
			assertTrue(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS));
			assertEquals(0, a.exitValue(), new String(a.getErrorStream().readAllBytes()));
			assertEquals(0, b.exitValue(), new String(b.getErrorStream().readAllBytes()));
			Map<String, byte[]> found = outputs(out);
			assertTrue(same(previous, found) || same(next, found), "one complete set: " + found.keySet());
			assertFalse(Files.exists(out.resolve(".domino-outputs.journal")));
		}
	}

	private Process compile(String file, String outName, long pause) throws Exception {
		Process p = start(file, dir.resolve(outName), pause);
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "compile ends");
		assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes()));
		return p;
	}

	/** `domino compile` in a JVM of its own, as a user or a build runs it. */
	private Process start(String file, Path out, long pause) throws IOException {
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), "-Xshare:auto",
				"-Ddev.domino.outputs.stepPauseMillis=" + pause, "dev.domino.cli.Main", "compile",
				dir.resolve(file).toString(), "-o", out.toString());
		return new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
	}

	private static void waitFor(Path file, Process p) throws InterruptedException {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!Files.exists(file) && p.isAlive() && System.nanoTime() < end) {
			Thread.sleep(2);
		}
	}

	private static void waitForStaged(Path out, Process p) throws Exception {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (p.isAlive() && System.nanoTime() < end) {
			try (Stream<Path> files = Files.list(out)) {
				if (files.anyMatch(f -> f.getFileName().toString().startsWith(".domino-staged-"))) {
					return;
				}
			} catch (IOException e) {
				// the folder is not there yet
			}
			Thread.sleep(2);
		}
	}

	/** The outputs the folder's manifest lists, with their bytes (the manifest included). */
	private static Map<String, byte[]> outputs(Path out) throws IOException {
		Map<String, byte[]> files = new TreeMap<>();
		Path manifest = out.resolve(".domino-outputs");
		files.put(".domino-outputs", Files.readAllBytes(manifest));
		for (String name : Files.readAllLines(manifest)) {
			if (!name.isBlank()) {
				Path f = out.resolve(name);
				files.put(name, Files.exists(f) ? Files.readAllBytes(f) : null);
			}
		}
		return files;
	}

	private static boolean same(Map<String, byte[]> expected, Map<String, byte[]> found) {
		if (!expected.keySet().equals(found.keySet())) {
			return false;
		}
		return expected.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), found.get(e.getKey())));
	}

	private static void assertSet(Map<String, byte[]> expected, Path out, String when) throws IOException {
		assertTrue(same(expected, outputs(out)), when + ": the new set, complete");
	}

	private static void copy(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path f : (Iterable<Path>) files::iterator) {
				Path target = to.resolve(from.relativize(f).toString());
				if (Files.isDirectory(f)) {
					Files.createDirectories(target);
				} else {
					Files.copy(f, target);
				}
			}
		}
	}
}
