package dev.domino.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.MethodSource;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Mutated device tree blobs to `domino import-dtb`: the reader is bounds-checked, the importer
 * writes a board file the checker then reads; either a board or a clear error.
 */
class ImportDtbFuzzTest {
	/** The QEMU virt DTB and the device trees Domino writes for the examples. */
	static Stream<byte[]> seeds() throws Exception {
		List<byte[]> blobs = new ArrayList<>();
		blobs.add(FuzzWorkspace.example("qemu-virt/qemu-virt.dtb"));
		Path dir = FuzzWorkspace.dir();
		for (String example : List.of("qemu-virt/demo.domino", "fvp-baser/safety.domino")) {
			Path file = Files.write(dir.resolve("seed.domino"), FuzzWorkspace.example(example));
			Path out = dir.resolve("seed-out");
			if (Cli.run("compile", file.toString(), "-o", out.toString()).code() == 0) {
				blobs.add(Files.readAllBytes(out.resolve("system.dtb")));
			}
		}
		return blobs.stream();
	}

	@MethodSource("seeds")
	@FuzzTest(maxDuration = "20s")
	void importDtb(byte[] blob) throws Exception {
		Path dir = FuzzWorkspace.dir();
		Path dtb = Files.write(dir.resolve("fuzz.dtb"), blob);
		Path board = dir.resolve("imported-board.domino");
		Cli.Run run = blob.length % 2 == 0 ? Cli.run("import-dtb", dtb.toString(), "-o", board.toString())
				: Cli.run("import-dtb", dtb.toString(), "-o", board.toString(), "--no-base-dtb", "--name", "fuzzed");
		Cli.textDiagnosticsArePlaced(run, run.err());
	}
}
