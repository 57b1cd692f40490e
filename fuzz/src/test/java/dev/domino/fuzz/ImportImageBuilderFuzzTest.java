package dev.domino.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.MethodSource;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Mutated ImageBuilder configs to `domino import-imagebuilder`, with the board given and with
 * the board imported from the config's DEVICE_TREE. The config is read as bash, never run.
 */
class ImportImageBuilderFuzzTest {
	static Stream<byte[]> seeds() {
		return Stream.of(FuzzWorkspace.example("qemu-virt/imagebuilder.config"));
	}

	@MethodSource("seeds")
	@FuzzTest(maxDuration = "20s")
	void importImageBuilder(byte[] config) throws Exception {
		Path dir = FuzzWorkspace.dir();
		Path file = Files.write(dir.resolve("fuzz.config"), config);
		Path system = dir.resolve("imported-system.domino");
		Cli.Run run = config.length % 2 == 0
				? Cli.run("import-imagebuilder", file.toString(), "-o", system.toString(), "--board",
						dir.resolve("qemu-virt.domino").toString())
				: Cli.run("import-imagebuilder", file.toString(), "-o", system.toString());
		Cli.textDiagnosticsArePlaced(run, run.err());
	}
}
