package dev.domino.eclipse.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.jface.text.IDocument;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import dev.domino.eclipse.editor.LiveCheck;

/**
 * Not part of the test suite (bench/eclipse-live.sh runs it): in the workbench, a keystroke that makes a
 * mistake in a 2,000-domain system (about 20,000 lines), and the time until the live annotation shows it,
 * the reconciler's 300 ms pause after typing included. Median and maximum of EDITS keystrokes.
 */
class LiveBench {
	static final int DOMAINS = 2000;
	static final int EDITS = 10;

	@Test
	void keystrokeToAnnotation(TestReporter report) throws Exception {
		IProject p = Ui.qemuProject("bench");
		Ui.write(p, "big.domino", """
				board big {
				    pa-bits 48
				    cpus 8
				    memory ram at 0x1_0000_0000 size 64G
				    device uart0 { compatible "arm,pl011" reg 0x900_0000 size 4K irq spi 1 }
				}
				""");
		Ui.write(p, "bin/bench-Image", Ui.arm64Image(64, 4096));
		IFile file = Ui.write(p, "system2000.domino", system(DOMAINS));
		long t0 = System.nanoTime();
		ITextEditor editor = Ui.open(file);
		Ui.waitFor("the first check", 120_000, () -> !Ui.markers(file).isEmpty() || builtOnce(file));
		report.publishEntry("open-and-first-check-ms", String.valueOf((System.nanoTime() - t0) / 1_000_000));
		IDocument doc = Ui.document(editor);
		String target = "    domain d" + (DOMAINS / 2) + " {\n        vcpus ";
		int offset = Ui.sync(() -> doc.get().indexOf(target) + target.length());
		List<Long> times = new ArrayList<>();
		for (int i = 0; i < EDITS + 2; i++) {
			long start = System.nanoTime();
			Ui.run(() -> doc.replace(offset, 1, "9")); // more vCPUs than the board's 8 CPUs: a cpus warning
			Ui.waitFor("the live annotation", 60_000, () -> Ui.annotations(editor, LiveCheck.LIVE).stream()
					.anyMatch(a -> a.contains("[cpus]")));
			long ms = (System.nanoTime() - start) / 1_000_000;
			if (i >= 2) { // the first keystrokes warm the JIT up
				times.add(ms);
			}
			Ui.run(() -> doc.replace(offset, 1, "1"));
			Ui.waitFor("the annotation to go", 60_000, () -> Ui.annotations(editor, LiveCheck.LIVE).stream()
					.noneMatch(a -> a.contains("[cpus]")));
		}
		Collections.sort(times);
		long lines = Ui.sync(() -> (long) doc.getNumberOfLines());
		report.publishEntry("domains", String.valueOf(DOMAINS));
		report.publishEntry("lines", String.valueOf(lines));
		report.publishEntry("keystroke-to-annotation-median-ms", String.valueOf(times.get(times.size() / 2)));
		report.publishEntry("keystroke-to-annotation-max-ms", String.valueOf(times.get(times.size() - 1)));
		Ui.run(() -> editor.doRevertToSaved());
		assertTrue(times.size() == EDITS);
	}

	private static boolean builtOnce(IFile file) {
		try {
			return file.getProject().hasNature("dev.domino.eclipse.nature");
		} catch (Exception e) {
			return false;
		}
	}

	/** The shape bench/LspLatency.java uses: N domains of 10 lines each, as people write them. */
	static String system(int domains) {
		StringBuilder s = new StringBuilder("import \"big.domino\"\n\nsystem bench on big {\n"
				+ "    xen 4.19 { image \"bin/bench-Image\" bootargs \"console=dtuart dtuart=uart0\" }\n"
				+ "    boot uboot booti { load \"tftpb\" window 0x1_0000_0000 .. 0x1_4000_0000 }\n"
				+ "    module linux kernel \"bin/bench-Image\"\n");
		for (int i = 0; i < domains; i++) {
			s.append("    domain d").append(i).append(" {\n        vcpus 1\n        memory 16M static\n")
					.append("        direct-map\n        kernel linux args \"console=ttyAMA0 quiet\"\n")
					.append("        console vpl011\n        nr_spis 8\n        enhanced\n")
					.append(i > 0 ? "        after d" + (i - 1) + "\n" : "        // first\n").append("    }\n");
		}
		return s.append("}\n").toString();
	}
}
