package dev.domino.eclipse.tests;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.ui.IStartup;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.engine.JupiterTestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Runs JUnit 5 inside the running workbench, once it is up: started with
 * {@code -Ddomino.eclipse.junit=RESULT_FILE} (and optionally {@code -Ddomino.eclipse.tests=Class,Class}), it
 * runs the tests, writes one line per test and a summary to the result file, closes every editor without
 * saving (a dirty editor would stop shutdown at a Save dialog) and closes the workbench. The IDE application
 * always exits 0, so the launching side reads the result file.
 */
public class WorkbenchTestRunner implements IStartup {
	@Override
	public void earlyStartup() {
		String result = System.getProperty("domino.eclipse.junit");
		if (result == null) {
			return;
		}
		long started = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
		List<String> lines = new ArrayList<>();
		lines.add("STARTED workbench-ms=" + started);
		try {
			run(lines);
		} catch (Throwable e) {
			lines.add("FAIL runner: " + stack(e));
			lines.add("JUNIT tests=0 succeeded=0 failed=1");
		}
		try {
			Files.write(Path.of(result), lines, StandardCharsets.UTF_8);
		} catch (Exception e) {
			e.printStackTrace();
		}
		PlatformUI.getWorkbench().getDisplay().syncExec(() -> {
			for (IWorkbenchWindow w : PlatformUI.getWorkbench().getWorkbenchWindows()) {
				for (IWorkbenchPage p : w.getPages()) {
					p.closeAllEditors(false);
				}
			}
			PlatformUI.getWorkbench().close();
		});
	}

	private static void run(List<String> lines) throws ClassNotFoundException {
		String names = System.getProperty("domino.eclipse.tests", EditorTest.class.getName());
		List<ClassSelector> selectors = new ArrayList<>();
		for (String name : names.split(",")) {
			selectors.add(selectClass(Class.forName(name.trim(), true, WorkbenchTestRunner.class.getClassLoader())));
		}
		// ServiceLoader does not see other bundles' META-INF/services: the engine is registered by hand
		Launcher launcher = LauncherFactory.create(LauncherConfig.builder().enableTestEngineAutoRegistration(false)
				.enableTestExecutionListenerAutoRegistration(false).enableLauncherSessionListenerAutoRegistration(false)
				.enableLauncherDiscoveryListenerAutoRegistration(false).enablePostDiscoveryFilterAutoRegistration(false)
				.addTestEngines(new JupiterTestEngine()).build());
		SummaryGeneratingListener summary = new SummaryGeneratingListener();
		TestExecutionListener perTest = new TestExecutionListener() {
			private final java.util.Map<String, Long> start = new java.util.HashMap<>();

			@Override
			public void executionStarted(TestIdentifier id) {
				start.put(id.getUniqueId(), System.nanoTime());
			}

			@Override
			public void executionFinished(TestIdentifier id, TestExecutionResult r) {
				if (!id.isTest() && r.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
					return;
				}
				long ms = (System.nanoTime() - start.getOrDefault(id.getUniqueId(), System.nanoTime())) / 1_000_000;
				String name = id.getDisplayName();
				if (r.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
					lines.add("PASS " + name + " (" + ms + " ms)");
				} else {
					lines.add("FAIL " + name + " (" + ms + " ms): " + r.getThrowable().map(WorkbenchTestRunner::stack).orElse("?"));
				}
			}

			@Override
			public void reportingEntryPublished(TestIdentifier id, org.junit.platform.engine.reporting.ReportEntry entry) {
				entry.getKeyValuePairs().forEach((k, v) -> lines.add("REPORT " + k + "=" + v));
			}
		};
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(WorkbenchTestRunner.class.getClassLoader());
		try {
			launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors).build(), summary, perTest);
		} finally {
			thread.setContextClassLoader(previous);
		}
		var s = summary.getSummary();
		lines.add("JUNIT tests=" + s.getTestsFoundCount() + " succeeded=" + s.getTestsSucceededCount() + " failed="
				+ (s.getTestsFailedCount() + s.getContainersFailedCount()) + " skipped=" + s.getTestsSkippedCount());
	}

	/** The failure and where in the tests it happened (the workbench's own frames below that are left out). */
	static String stack(Throwable e) {
		StringWriter w = new StringWriter();
		e.printStackTrace(new PrintWriter(w));
		StringBuilder out = new StringBuilder();
		int frames = 0;
		for (String line : w.toString().split("\n")) {
			boolean frame = line.trim().startsWith("at ");
			if (frame && (++frames > 14 || line.contains("org.eclipse.ui.internal.PendingSyncExec"))) {
				continue;
			}
			if (!frame) {
				frames = line.startsWith("Caused by") ? 0 : frames;
			}
			out.append(line).append('\n');
		}
		return out.toString();
	}
}
