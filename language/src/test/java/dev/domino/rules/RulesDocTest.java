package dev.domino.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.domino.diagnostics.Diagnostic;
import dev.domino.testing.Examples;
import dev.domino.testing.Workspace;

/**
 * docs/rules.md is executable: for every rule id its "wrong" example must give that rule and its
 * "right" example must not. So every rule is shown firing and not firing, and the docs stay true.
 */
class RulesDocTest {
	@TempDir
	Path dir;

	record Example(String rule, String wrong, String right) {
	}

	static Map<String, Example> examples() throws Exception {
		Path doc = Examples.repository().resolve("docs/rules.md");
		Map<String, Example> out = new LinkedHashMap<>();
		String rule = null;
		String wrong = null;
		StringBuilder block = null;
		String kind = null;
		for (String line : Files.readAllLines(doc)) {
			if (line.startsWith("## ")) {
				rule = line.substring(3).trim();
			} else if (line.startsWith("```domino ")) {
				kind = line.substring("```domino ".length()).trim();
				block = new StringBuilder();
			} else if (line.equals("```") && block != null) {
				if (kind.equals("wrong")) {
					wrong = block.toString();
				} else {
					out.put(rule, new Example(rule, wrong, block.toString()));
				}
				block = null;
			} else if (block != null) {
				block.append(line).append('\n');
			}
		}
		return out;
	}

	static Stream<Arguments> cases() throws Exception {
		return examples().values().stream().map(e -> Arguments.of(e.rule(), e));
	}

	private List<Diagnostic> check(String text) throws Exception {
		Workspace ws = new Workspace(dir);
		ws.qemuBoard();
		ws.write("example.domino", text);
		return ws.analyse("example.domino").diagnostics();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void theWrongExampleFiresAndTheRightOneDoesNot(String rule, Example e) throws Exception {
		List<Diagnostic> wrong = check(e.wrong());
		assertTrue(wrong.stream().anyMatch(d -> d.ruleId().equals(rule)),
				"the wrong example of " + rule + " must give it:\n" + Workspace.format(wrong));
		List<Diagnostic> right = check(e.right());
		assertFalse(right.stream().anyMatch(d -> d.ruleId().equals(rule)),
				"the right example of " + rule + " must not give it:\n" + Workspace.format(right));
		assertFalse(right.stream().anyMatch(Diagnostic::isError),
				"the right example of " + rule + " must be free of errors:\n" + Workspace.format(right));
	}

	@Test
	void everyRuleOfTheTableIsDocumented() throws Exception {
		List<String> documented = new ArrayList<>(examples().keySet());
		// boot is found by booting (domino run), never by checking: its section has no examples
		assertTrue(Files.readString(Examples.repository().resolve("docs/rules.md")).contains("\n## boot\n"));
		documented.add(dev.domino.diagnostics.RuleId.BOOT.id());
		List<String> table = java.util.Arrays.stream(dev.domino.diagnostics.RuleId.values()).map(dev.domino.diagnostics.RuleId::id).toList();
		assertEquals(table.stream().sorted().toList(), documented.stream().sorted().toList());
	}
}
