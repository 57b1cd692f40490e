package dev.domino.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

	@Test
	void anOutputNeverFollowsASymlinkOutOfTheFolder() throws Exception {
		Path out = dir.resolve("out");
		Path outside = Files.createDirectories(dir.resolve("outside"));
		Path victim = Files.writeString(outside.resolve("victim.txt"), "keep me");
		Files.createDirectories(out);
		// a link where an output goes is replaced, never written through
		Files.createSymbolicLink(out.resolve("a.txt"), victim);
		OutputWriter.write(out, new TreeMap<>(Map.of("a.txt", new byte[] { 1 })));
		assertFalse(Files.isSymbolicLink(out.resolve("a.txt")));
		assertArrayEquals(new byte[] { 1 }, Files.readAllBytes(out.resolve("a.txt")));
		assertEquals("keep me", Files.readString(victim));
		// a linked folder on the way is refused, and nothing is written outside
		Files.createSymbolicLink(out.resolve("sub"), outside);
		IOException refused = assertThrows(IOException.class,
				() -> OutputWriter.write(out, new TreeMap<>(Map.of("sub/b.txt", new byte[] { 2 }))));
		assertTrue(refused.getMessage().contains("symbolic link"), refused.getMessage());
		try (var files = Files.list(outside)) {
			assertEquals(1, files.count(), "only the victim is outside");
		}
		assertArrayEquals(new byte[] { 1 }, Files.readAllBytes(out.resolve("a.txt")), "the previous set is kept");
	}

	@Test
	void aManifestNamingFilesOutsideTheFolderRemovesNothingThere() throws Exception {
		Path out = dir.resolve("out");
		Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
		OutputWriter.write(out, new TreeMap<>(Map.of("a.txt", new byte[] { 1 })));
		Files.writeString(out.resolve(OutputWriter.MANIFEST), "a.txt\n../victim.txt\n" + victim + "\n");
		OutputWriter.write(out, new TreeMap<>(Map.of("b.txt", new byte[] { 2 })));
		assertTrue(Files.exists(victim));
		assertFalse(Files.exists(out.resolve("a.txt")));
	}

	@Test
	void aJournalLeftByAKilledWriterIsFinishedByTheNextOne() throws Exception {
		Path out = dir.resolve("out");
		OutputWriter.write(out, new TreeMap<>(Map.of("a.txt", new byte[] { 1 }, "old.txt", new byte[] { 9 })));
		// what a writer killed after its journal leaves: a staged file, its rename and a removal to do
		Path staged = Files.write(out.resolve(".domino-staged-1.tmp"), new byte[] { 2 });
		Files.writeString(out.resolve(OutputWriter.JOURNAL), "move\t.domino-staged-1.tmp\ta.txt\n"
				+ "delete\told.txt\nend\n", StandardCharsets.UTF_8);
		OutputWriter.recover(out);
		assertArrayEquals(new byte[] { 2 }, Files.readAllBytes(out.resolve("a.txt")));
		assertFalse(Files.exists(out.resolve("old.txt")));
		assertFalse(Files.exists(staged));
		assertFalse(Files.exists(out.resolve(OutputWriter.JOURNAL)));
		// a journal cut short was never committed: it is dropped, the files stay
		Files.write(out.resolve(".domino-staged-2.tmp"), new byte[] { 3 });
		Files.writeString(out.resolve(OutputWriter.JOURNAL), "move\t.domino-staged-2.tmp\ta.txt\n");
		OutputWriter.write(out, new TreeMap<>(Map.of("a.txt", new byte[] { 4 })));
		assertArrayEquals(new byte[] { 4 }, Files.readAllBytes(out.resolve("a.txt")));
		try (var files = Files.list(out)) {
			assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".domino-staged-")));
		}
	}
}
