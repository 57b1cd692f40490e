package dev.domino.eclipse.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The plug-in's tests inside a real Eclipse 4.38 workbench (the one the build assembled), under Xvfb: the
 * test fragment's runner runs {@code EditorTest} with JUnit 5 in the workbench and writes a result file, which
 * decides (the IDE application exits 0 whatever happens). Screenshots go to target/screenshots/.
 */
class EclipseWorkbenchIT {
	@Test
	void theEditorTestsPassInTheWorkbench() throws Exception {
		Path home = Workbench.ECLIPSE.resolve("workbench");
		Path run = Workbench.fresh(Workbench.ECLIPSE.resolve("runs/editor-test"));
		Path config = Files.createDirectories(run.resolve("configuration"));
		Files.copy(home.resolve("configuration/config.ini"), config.resolve("config.ini"));
		Path result = run.resolve("result.txt");
		Path screenshots = Workbench.ECLIPSE.getParent().resolve("screenshots");
		Workbench.Run r = Workbench.start(home, true, List.of("-Ddomino.eclipse.junit=" + result,
				"-Ddomino.repo=" + Workbench.REPO, "-Ddomino.eclipse.screenshots=" + screenshots,
				"-Ddomino.launcher=" + Workbench.REPO.resolve("domino")),
				List.of("-configuration", config.toString(), "-data", run.resolve("workspace").toString(), "-nosplash",
						"-consoleLog"),
				run.resolve("eclipse.log"), 8);
		if (!Files.exists(result)) {
			fail("the workbench wrote no result (exit " + r.exitCode() + "):\n" + r.output());
		}
		String lines = Files.readString(result);
		System.out.println(lines);
		System.out.println("workbench run took " + r.millis() + " ms");
		Matcher summary = Pattern.compile("JUNIT tests=(\\d+) succeeded=(\\d+) failed=(\\d+)").matcher(lines);
		assertTrue(summary.find(), lines);
		assertEquals("0", summary.group(3), "failures in the workbench:\n" + lines + "\n" + r.output());
		assertTrue(Integer.parseInt(summary.group(1)) >= 12, lines);
		assertTrue(Files.size(screenshots.resolve("eclipse-markers.png")) > 10_000);
	}
}
