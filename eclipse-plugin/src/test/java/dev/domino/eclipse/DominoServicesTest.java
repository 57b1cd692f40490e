package dev.domino.eclipse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.domino.eclipse.DominoServices.Problem;

/**
 * The adapter on its own (no Eclipse): what it turns Domino's answers into. The workbench tests check the
 * same through the editor.
 */
class DominoServicesTest {
	static final Path EXAMPLES = Path.of(System.getProperty("domino.repo", "..")).resolve("examples/qemu-virt");

	@TempDir
	Path dir;

	Path board() throws Exception {
		Files.copy(EXAMPLES.resolve("qemu-virt.domino"), dir.resolve("qemu-virt.domino"));
		Files.copy(EXAMPLES.resolve("qemu-virt.dtb"), dir.resolve("qemu-virt.dtb"));
		return dir.resolve("qemu-virt.domino");
	}

	@Test
	void aRulesDiagnosticBecomesAProblemWithItsRuleIdPlaceAndFixes() throws Exception {
		board();
		Path file = dir.resolve("heap.domino");
		String text = """
				import "qemu-virt.domino"
				system mistake on qemu_virt {
				    xen 4.17 { image "bin/xen" heap 512M at 0x8000_8000 }
				    domain web { memory 128M kernel "bin/Image" }
				}
				""";
		Files.writeString(file, text);
		Problem p = DominoServices.get().check(List.of(file)).get(file).stream()
				.filter(x -> x.ruleId().equals("align-heap")).findFirst().orElseThrow();
		assertEquals(DominoServices.Severity.ERROR, p.severity());
		assertEquals(3, p.line());
		assertEquals("heap", text.substring(p.offset(), p.offset() + p.length()));
		assertTrue(p.text().endsWith("[align-heap]"), p.text());
		assertEquals(List.of("Align up to 0x8001_0000", "Align down to 0x8000_0000"),
				p.fixes().stream().map(DominoServices.QuickFix::title).toList());
		// the marker keeps the fixes as JSON; the quick fix reads them back
		assertEquals(p.fixes(), DominoServices.fixes(p.fixData()));
		DominoServices.Edit edit = p.fixes().get(0).edits().get(0);
		assertEquals("0x8001_0000", edit.newText());
		assertEquals(2, edit.at().line());
	}

	@Test
	void unsavedTextIsCheckedAndEditedInPlace() throws Exception {
		board();
		Path file = dir.resolve("s.domino");
		String text = "import \"qemu-virt.domino\"\nsystem s on qemu_virt {\n    xen 4.17 { image \"x\" }\n"
				+ "    domain web { memory 128M kernel \"k\" }\n}\n";
		DominoServices.Files files = DominoServices.get().files();
		files.text(file, text); // never saved
		assertTrue(files.problems(file).stream().noneMatch(p -> p.ruleId().equals("memory-budget")));
		int at = text.indexOf("128M");
		files.edit(file, at, 4, "4G");
		assertEquals(text.replace("128M", "4G"), files.textOf(file));
		assertTrue(files.problems(file).stream().anyMatch(p -> p.ruleId().equals("memory-budget")),
				files.problems(file).toString());
	}

	@Test
	void completionHoverDefinitionAndOutlineComeFromDominosServices() throws Exception {
		board();
		Path file = dir.resolve("s.domino");
		String text = "import \"qemu-virt.domino\"\nsystem s on qemu_virt {\n    xen 4.17 { image \"x\" }\n"
				+ "    domain web { memory 128M kernel \"k\" passthrough  }\n}\n";
		DominoServices.Files files = DominoServices.get().files();
		files.text(file, text);
		int at = text.indexOf("passthrough ") + "passthrough ".length();
		List<String> labels = files.complete(file, at).stream().map(DominoServices.Proposal::label).toList();
		assertTrue(labels.containsAll(List.of("uart0", "rtc", "gpio")), labels.toString());
		String hover = files.hover(file, text.indexOf("web"));
		assertNotNull(hover);
		assertTrue(hover.contains("domain web"), hover);
		List<DominoServices.Place> targets = files.definition(file, text.indexOf("qemu_virt {") + 1);
		assertEquals(1, targets.size());
		assertTrue(targets.get(0).uri().endsWith("qemu-virt.domino"), targets.toString());
		assertEquals("s", files.outline(file).get(0).name());
		assertEquals("web", files.outline(file).get(0).children().get(0).name());
		assertTrue(String.valueOf(files.memoryMap(file).get("svg")).contains("<svg"));
	}

	@Test
	void hoverOnAnMpuDomainShowsItsMpuUse() throws Exception {
		Path fvp = EXAMPLES.resolveSibling("fvp-baser");
		Files.copy(fvp.resolve("fvp-baser.domino"), dir.resolve("fvp-baser.domino"));
		Path file = dir.resolve("safety.domino");
		String text = Files.readString(fvp.resolve("safety.domino"));
		Files.writeString(file, text);
		DominoServices.Files files = DominoServices.get().files();
		String hover = files.hover(file, text.indexOf("domain ctrl") + "domain ".length());
		assertNotNull(hover);
		assertTrue(hover.contains("domain ctrl") && hover.contains("MPU: ctrl:"), hover);
	}

	@Test
	void compilingDoesNotTakeTheEditorServicesAway() throws Exception {
		board();
		Path file = dir.resolve("s.domino");
		String text = "import \"qemu-virt.domino\"\nsystem s on qemu_virt {\n    xen 4.17 { image \"x\" }\n"
				+ "    domain web { memory 128M kernel \"k\" passthrough  }\n}\n";
		Files.writeString(file, text);
		DominoServices.get().compile(file); // registers the language again, as the command line does
		DominoServices.Files files = DominoServices.get().files();
		files.text(file, text);
		int at = text.indexOf("passthrough ") + "passthrough ".length();
		assertTrue(files.complete(file, at).stream().anyMatch(p -> p.label().equals("uart0")));
		assertNotNull(files.hover(file, text.indexOf("web")));
	}

	@Test
	void garbageGivesSyntaxProblemsNotExceptions() {
		Path file = dir.resolve("broken.domino");
		DominoServices.Files files = DominoServices.get().files();
		files.text(file, "system {{{ oops \"unterminated\n board x on on }\n");
		List<Problem> problems = files.problems(file);
		assertTrue(problems.stream().anyMatch(p -> p.ruleId().equals("syntax")), problems.toString());
	}
}
