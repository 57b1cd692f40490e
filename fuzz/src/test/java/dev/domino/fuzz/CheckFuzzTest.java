package dev.domino.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.MethodSource;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Text to `domino check` (every rule) in each output format: diagnostics or results, never an internal error. */
class CheckFuzzTest {
	private static final String[] FORMATS = { "json", "text", "sarif" };

	static Stream<byte[]> seeds() throws Exception {
		return FuzzWorkspace.exampleTexts();
	}

	@MethodSource("seeds")
	@FuzzTest(maxDuration = "20s")
	void check(byte[] text) throws Exception {
		Path file = Files.write(FuzzWorkspace.dir().resolve("fuzz.domino"), text);
		String format = FORMATS[text.length % FORMATS.length];
		Cli.Run run = Cli.run("check", file.toString(), "--format", format);
		switch (format) {
		case "json" -> Cli.jsonDiagnosticsArePlaced(run);
		case "text" -> Cli.textDiagnosticsArePlaced(run, run.out());
		default -> Sarif.resultsArePlaced(run);
		}
	}
}
