package dev.domino.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.domino.testing.Workspace;

class OutputWriterTest {
	@TempDir
	Path dir;

	@Test
	void aFailedCompileLeavesThePreviousOutputsUntouched() throws Exception {
		Workspace ws = new Workspace(dir);
		ws.qemuBoard();
		ws.write("demo.domino", EmitterTestSystems.DEMO);
		Path out = dir.resolve("out");
		assertFalse(ws.compiler().compile(ws.path("demo.domino"), out, 0).hasErrors());
		byte[] before = Files.readAllBytes(out.resolve("system.dtb"));
		long modified = Files.getLastModifiedTime(out.resolve("boot.scr")).toMillis();

		ws.write("demo.domino", EmitterTestSystems.DEMO.replace("heap 512M", "heap 512M at 0x4000_0000"));
		DominoCompiler.Outcome broken = ws.compiler().compile(ws.path("demo.domino"), out, 0);
		assertTrue(broken.hasErrors());
		assertArrayEquals(before, Files.readAllBytes(out.resolve("system.dtb")));
		assertTrue(Files.getLastModifiedTime(out.resolve("boot.scr")).toMillis() == modified);
	}

	@Test
	void filesAnEarlierCompileWroteAndThisOneDoesNotAreRemovedAndNothingElse() throws Exception {
		Path out = dir.resolve("out");
		Map<String, byte[]> first = new TreeMap<>(Map.of("a.txt", new byte[] { 1 }, "sub/b.txt", new byte[] { 2 }));
		OutputWriter.write(out, first);
		Files.writeString(out.resolve("mine.txt"), "the user's own file");
		OutputWriter.write(out, new TreeMap<>(Map.of("a.txt", new byte[] { 3 })));
		assertArrayEquals(new byte[] { 3 }, Files.readAllBytes(out.resolve("a.txt")));
		assertFalse(Files.exists(out.resolve("sub/b.txt")));
		assertTrue(Files.exists(out.resolve("mine.txt")));
		try (var files = Files.list(out)) {
			assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
		}
	}
}
