package dev.domino.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.domino.files.FileInspector;
import dev.domino.resolve.Locations;
import dev.domino.rules.CheckContext;
import dev.domino.testing.RandomEdits;
import dev.domino.testing.Workspace;

/**
 * The editor's path (a partial parse of the edit, the linker relinking only what it touched, the
 * analysis cache) must give exactly the diagnostics of the same text parsed, linked and analysed
 * from scratch, whatever the edit. Deterministic: a fixed seed.
 */
class IncrementalAnalysisTest {
	@TempDir
	Path dir;

	private static String system(int domains) {
		StringBuilder s = new StringBuilder("""
				import "qemu-virt.domino"
				system s on qemu_virt {
				    xen 4.19 { bootargs "console=dtuart dtuart=uart0" }
				    boot uboot booti { load "tftpb" window 0x4020_0000 .. 0x8000_0000 }
				    module linux kernel "Image"
				""");
		for (int i = 0; i < domains; i++) {
			s.append("    domain d").append(i).append(" {\n        vcpus 1\n        memory 16M\n        kernel linux\n")
					.append(i > 0 ? "        after d" + (i - 1) + "\n" : "").append("    }\n");
		}
		return s.append("}\n").toString();
	}

	@Test
	void editsAnalysedIncrementallyGiveTheDiagnosticsOfAFullAnalysis() throws Exception {
		Workspace ws = new Workspace(dir);
		ws.qemuBoard();
		ws.arm64Image("Image", 4096, 2 << 20);
		AnalysisCache cache = Workspace.injector().getInstance(AnalysisCache.class);
		XtextResourceSet set = Workspace.injector().getInstance(XtextResourceSet.class);
		String text = system(10);
		XtextResource edited = load(set, text);
		Random random = new Random(15);
		int withProblems = 0;
		Analysis previous = null;
		for (int step = 0; step < 150; step++) {
			int[] edit;
			String replacement;
			switch (random.nextInt(5)) {
			case 0 -> { // a size: too large for the board, or fine
				edit = RandomEdits.occurrence(text, "[0-9]+M", random);
				replacement = List.of("16M", "32M", "3000M", "1M", "17M").get(random.nextInt(5));
			}
			case 1 -> { // whom an 'after' names (a cycle, itself, no one)
				edit = RandomEdits.occurrence(text, "after d[0-9]+", random);
				replacement = "after d" + random.nextInt(12);
			}
			case 2 -> { // vcpus beyond the board's cpus
				edit = RandomEdits.occurrence(text, "vcpus [0-9]+", random);
				replacement = "vcpus " + (1 + random.nextInt(6));
			}
			case 3 -> { // a kernel that does not exist
				edit = RandomEdits.occurrence(text, "kernel (linux|nosuch)\n", random);
				replacement = random.nextBoolean() ? "kernel linux\n" : "kernel nosuch\n";
			}
			default -> { // a domain renamed
				edit = RandomEdits.occurrence(text, "domain d[0-9]+", random);
				replacement = "domain d" + random.nextInt(12);
			}
			}
			if (edit == null || text.substring(edit[0], edit[0] + edit[1]).equals(replacement)) {
				continue;
			}
			edited.update(edit[0], edit[1], replacement);
			text = text.substring(0, edit[0]) + replacement + text.substring(edit[0] + edit[1]);
			EcoreUtil2.resolveLazyCrossReferences(edited, () -> false);
			Analysis incremental = cache.get(edited, CheckContext.Mode.EDIT);
			if (previous != null) {
				assertNotSame(previous, incremental, "an edit analyses again");
			}
			previous = incremental;
			String expected = Workspace.format(fresh(text).diagnostics());
			assertEquals(expected, Workspace.format(incremental.diagnostics()), "after edit " + step + " of\n" + text);
			if (!expected.isEmpty()) {
				withProblems++;
			}
		}
		assertFalse(withProblems < 20, "the edits make problems often enough to compare: " + withProblems);
	}

	/** The same text in a resource set of its own, analysed as the editor's cache analyses. */
	private Analysis fresh(String text) throws Exception {
		XtextResourceSet set = Workspace.injector().getInstance(XtextResourceSet.class);
		XtextResource resource = load(set, text);
		EcoreUtil2.resolveLazyCrossReferences(resource, () -> false);
		Analyzer analyzer = new Analyzer(Workspace.injector().getInstance(FileInspector.class),
				new Locations(uri -> uri.isFile() ? uri.toFileString() : uri.toString()), false);
		return analyzer.analyse(List.of(resource), CheckContext.Mode.EDIT);
	}

	private XtextResource load(XtextResourceSet set, String text) throws Exception {
		XtextResource r = (XtextResource) set.createResource(URI.createFileURI(dir.resolve("system.domino").toString()));
		r.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
		return r;
	}

}
