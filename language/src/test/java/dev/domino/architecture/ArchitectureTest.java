package dev.domino.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.domino.diagnostics.RuleId;

/**
 * The house ARCHITECTURE.md draws, checked on the compiled classes: the floors and stages in
 * order, each importing only what comes before it, no package cycle, and no rule id written as
 * a string outside the rule table.
 */
class ArchitectureTest {
	/**
	 * Lowest first. A package may use the packages of its own and of earlier rows; the Xtext glue
	 * (grammar, linking, scoping) is a floor of its own below the stages that read the AST.
	 */
	static final List<List<String>> ORDER = List.of(
			List.of("xen", "fdt", "uboot"), // facts and formats: nothing of ours
			List.of("files"), // reads file headers and DTBs
			List.of("model"), // the resolved model
			List.of("diagnostics"), // findings, rule ids
			List.of("passthrough"), // partial device trees: sized before placement
			List.of("ast", "parser", "serializer", "services", "linking", "scoping", "resource"), // Xtext
			List.of("resolve"), // stage 1: AST -> model
			List.of("placement"), // stage 2: model -> placement
			List.of("mpu"), // stage 3: placed model -> MPU plan
			List.of("devicetree"), // stage 4: the device tree Xen boots with
			List.of("rules"), // stage 5: check
			List.of("emit"), // stage 6: outputs
			List.of("compiler"), // the pipeline, its cache, the command-line entry
			List.of("imports", "validation", "formatting")); // faces: importers, the Xtext bridge

	private static final JavaClasses CLASSES = new ClassFileImporter()
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.domino");

	@Test
	void noPackageImportsALaterOne() {
		for (int i = 0; i < ORDER.size(); i++) {
			List<String> later = new ArrayList<>();
			for (int j = i + 1; j < ORDER.size(); j++) {
				ORDER.get(j).forEach(p -> later.add("dev.domino." + p + ".."));
			}
			later.add("dev.domino.ide..");
			later.add("dev.domino.cli..");
			for (String p : ORDER.get(i)) {
				noClasses().that().resideInAPackage("dev.domino." + p + "..").should().dependOnClassesThat()
						.resideInAnyPackage(later.toArray(String[]::new)).allowEmptyShould(true)
						.because(p + " comes before them in the pipeline").check(CLASSES);
			}
		}
	}

	@Test
	void packagesHaveNoCycles() {
		slices().matching("dev.domino.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void everyPackageHasItsPlace() {
		Set<String> placed = ORDER.stream().flatMap(List::stream).collect(Collectors.toSet());
		List<String> unplaced = CLASSES.stream().map(c -> c.getPackageName())
				.filter(p -> p.startsWith("dev.domino.")).map(p -> p.substring("dev.domino.".length()).split("\\.")[0])
				.filter(p -> !placed.contains(p)).distinct().sorted().toList();
		assertEquals(List.of(), unplaced, "packages ArchitectureTest.ORDER (and ARCHITECTURE.md) do not place");
	}

	/** A rule id in quotes outside RuleId: ids come from the table's rows, never from a string. */
	@Test
	void noRuleIdIsAStringOutsideTheTable() throws IOException {
		Set<String> ids = Arrays.stream(RuleId.values()).map(RuleId::id).collect(Collectors.toSet());
		Pattern literal = Pattern.compile("\"([a-z-]+)\"");
		List<String> found = new ArrayList<>();
		for (Path root : List.of(Path.of("src/main/java"), Path.of("../ide/src/main/java"),
				Path.of("../lsp-server/src/main/java"))) {
			try (Stream<Path> files = Files.walk(root)) {
				for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
					if (f.endsWith("RuleId.java")) {
						continue;
					}
					List<String> lines = Files.readAllLines(f);
					for (int n = 0; n < lines.size(); n++) {
						Matcher m = literal.matcher(lines.get(n));
						while (m.find()) {
							if (ids.contains(m.group(1)) && reportsIt(lines.get(n))) {
								found.add(f + ":" + (n + 1) + ": " + lines.get(n).trim());
							}
						}
					}
				}
			}
		}
		assertEquals(List.of(), found, "rule ids written as strings");
	}

	/** A line that hands the literal to something that reports or compares rule ids. */
	private static boolean reportsIt(String line) {
		return line.contains("report") || line.contains("ruleId") || line.contains("rule(") || line.contains(".at(")
				|| line.contains("warning(") || line.contains("error(") || line.contains("setCode");
	}
}
