package dev.domino.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.MethodSource;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Text to `domino map` in each format (text, svg, json; to stdout and to a file). */
class MapFuzzTest {
	private static final String[] FORMATS = { "text", "svg", "json" };

	static Stream<byte[]> seeds() throws Exception {
		return FuzzWorkspace.exampleTexts();
	}

	@MethodSource("seeds")
	@FuzzTest(maxDuration = "20s")
	void map(byte[] text) throws Exception {
		Path dir = FuzzWorkspace.dir();
		Path file = Files.write(dir.resolve("fuzz-map.domino"), text);
		String format = FORMATS[text.length % FORMATS.length];
		Cli.Run run = text.length % 2 == 0 ? Cli.run("map", file.toString(), "--format", format)
				: Cli.run("map", file.toString(), "--format", format, "-o", dir.resolve("map.out").toString());
		Cli.textDiagnosticsArePlaced(run, run.err());
		if (run.code() == 0 && format.equals("svg") && text.length % 2 == 0 && !run.out().contains("</svg>")) {
			throw Cli.fail(run, "an SVG map without its end");
		}
	}
}
