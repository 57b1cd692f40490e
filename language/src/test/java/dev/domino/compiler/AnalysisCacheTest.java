package dev.domino.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.eclipse.emf.ecore.resource.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.domino.files.FileInspector;
import dev.domino.rules.CheckContext;
import dev.domino.testing.Workspace;

/** The editor's analysis is reused while nothing it read changed, and only then. */
class AnalysisCacheTest {
	@TempDir
	Path dir;

	@Test
	void aKernelChangingOnDiskMakesANewAnalysis() throws Exception {
		Workspace ws = new Workspace(dir);
		ws.qemuBoard();
		ws.write("demo.domino", EmitterTestSystems.DEMO);
		List<Resource> resources = ws.compiler().load(List.of(ws.path("demo.domino")));
		AnalysisCache cache = new AnalysisCache(new FileInspector());
		Analysis first = cache.get(resources.get(0), CheckContext.Mode.EDIT);
		assertSame(first, cache.get(resources.get(0), CheckContext.Mode.EDIT), "nothing changed: the same analysis");

		// a bigger kernel (its header says 64 MiB) is built in place
		ws.arm64Image("bin/Image", 4 << 20, 64L << 20);
		Files.setLastModifiedTime(ws.path("bin/Image"), FileTime.fromMillis(System.currentTimeMillis() + 5000));
		Analysis second = cache.get(resources.get(0), CheckContext.Mode.EDIT);
		assertNotSame(first, second);
		assertEquals(64L << 20, second.systems().get(0).model().domains().get(0).kernelModule().region().size());

		// a file that goes missing, then comes back
		Files.delete(ws.path("bin/web.cpio.gz"));
		Analysis third = cache.get(resources.get(0), CheckContext.Mode.EDIT);
		assertTrue(third.diagnostics().stream().anyMatch(d -> d.ruleId().equals(dev.domino.diagnostics.RuleId.FILE.id())),
				Workspace.format(third.diagnostics()));
		assertSame(third, cache.get(resources.get(0), CheckContext.Mode.EDIT), "still missing: the same analysis");
		ws.ramdisk("bin/web.cpio.gz", 1000);
		assertTrue(cache.get(resources.get(0), CheckContext.Mode.EDIT).diagnostics().stream()
				.noneMatch(d -> d.rule() == dev.domino.diagnostics.RuleId.FILE));
	}
}
