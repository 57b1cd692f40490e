package dev.domino.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.domino.cli.Main;
import dev.domino.compiler.DominoCompiler;
import dev.domino.diagnostics.Diagnostic;
import dev.domino.diagnostics.RuleId;
import dev.domino.resolve.Locations;
import dev.domino.rules.CheckContext;
import dev.domino.testing.Examples;
import dev.domino.testing.Tools;
import dev.domino.testing.Workspace;

/**
 * examples/mistakes: each file is a mistake users make, and says in "// expect: LINE:COL
 * severity[rule]" lines exactly which diagnostics it must produce: no more, no fewer.
 */
class MistakesTest {
	static DominoCompiler compiler;

	@BeforeAll
	static void binaries() throws Exception {
		Examples.withBinaries();
		compiler = new DominoCompiler(Workspace.injector(), Locations.relativeToWorkingDirectory());
	}

	static Stream<Path> mistakes() throws Exception {
		try (Stream<Path> files = Files.list(Examples.dir().resolve("mistakes"))) {
			return files.filter(p -> p.toString().endsWith(".domino")).sorted().toList().stream();
		}
	}

	static List<String> expected(Path file) throws Exception {
		List<String> out = new ArrayList<>();
		for (String line : Files.readAllLines(file)) {
			if (line.startsWith("// expect: ")) {
				out.add(line.substring("// expect: ".length()).trim());
			}
		}
		return out;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("mistakes")
	void eachMistakeGivesExactlyItsExpectedDiagnostics(Path file) throws Exception {
		List<String> expected = expected(file);
		assertFalse(expected.isEmpty(), file + " has no // expect: lines");
		List<String> actual = new ArrayList<>();
		for (Diagnostic d : compiler.check(List.of(file), CheckContext.Mode.COMPILE).diagnostics()) {
			assertTrue(d.where().uri().endsWith(file.getFileName().toString()),
					"a mistake file must not cause diagnostics elsewhere: " + d.format());
			actual.add(d.where().line() + ":" + d.where().column() + " " + d.severity().label() + "[" + d.ruleId()
					+ "]");
		}
		assertEquals(expected.stream().sorted().toList(), actual.stream().sorted().toList(), file.toString());
	}

	@Test
	void theCorpusIsBigAndCoversTheRules() throws Exception {
		List<Path> files = mistakes().toList();
		assertTrue(files.size() >= 25, "at least 25 mistakes, found " + files.size());
		Set<String> covered = new TreeSet<>();
		for (Path f : files) {
			for (String e : expected(f)) {
				covered.add(e.replaceFirst(".*\\[(.*)\\]$", "$1"));
			}
		}
		Set<String> all = new TreeSet<>();
		for (RuleId r : RuleId.values()) {
			all.add(r.id());
		}
		all.remove("syntax"); // a syntax error is no layout mistake; LanguageTest covers it
		all.remove(RuleId.BOOT.id()); // found by booting, not by checking; RunCommandTest covers it
		all.removeAll(covered);
		assertEquals(Set.of(), all, "rules no mistake shows");
	}

	@Test
	void sarifHasOneResultPerExpectedDiagnosticAndIsValid() throws Exception {
		List<String> args = new ArrayList<>(List.of("check", "--format", "sarif"));
		int expectedResults = 0;
		for (Path f : mistakes().toList()) {
			args.add(f.toString());
			expectedResults += expected(f).size();
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int code = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
		assertEquals(1, code, "the corpus has errors");
		String sarif = out.toString(StandardCharsets.UTF_8);
		JsonObject log = JsonParser.parseString(sarif).getAsJsonObject();
		assertEquals("2.1.0", log.get("version").getAsString());
		JsonObject run = log.getAsJsonArray("runs").get(0).getAsJsonObject();
		JsonArray results = run.getAsJsonArray("results");
		assertEquals(expectedResults, results.size());
		JsonArray rules = run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules");
		for (var r : results) {
			JsonObject result = r.getAsJsonObject();
			int index = result.get("ruleIndex").getAsInt();
			assertEquals(rules.get(index).getAsJsonObject().get("id").getAsString(), result.get("ruleId").getAsString());
			String uri = result.getAsJsonArray("locations").get(0).getAsJsonObject().getAsJsonObject("physicalLocation")
					.getAsJsonObject("artifactLocation").get("uri").getAsString();
			assertTrue(uri.contains("mistakes/") && uri.endsWith(".domino"), uri);
		}
		Path file = Path.of("target/mistakes.sarif");
		Files.writeString(file, sarif);
		Path validator = Examples.repository().resolve("tools/sarif-validate/validate.mjs");
		Tools.Result valid = Tools.run(null, "node", validator.toString(), file.toString());
		assertEquals(0, valid.exitCode(), valid.stdout() + valid.stderr());
		assertTrue(valid.stdout().contains("valid SARIF 2.1.0, " + expectedResults + " results"), valid.stdout());
	}

	@Test
	void theValidatorRejectsAnInvalidLog() throws Exception {
		Path file = Path.of("target/broken.sarif");
		Files.writeString(file, "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {}}, \"results\": "
				+ "[{\"level\": \"fatal\", \"message\": {\"text\": \"x\"}}]}]}");
		Path validator = Examples.repository().resolve("tools/sarif-validate/validate.mjs");
		Tools.Result r = Tools.run(null, Map.of(), null, "node", validator.toString(), file.toString());
		assertEquals(1, r.exitCode(), r.stdout());
	}
}
