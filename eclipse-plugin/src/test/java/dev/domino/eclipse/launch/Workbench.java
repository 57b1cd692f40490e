package dev.domino.eclipse.launch;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts an Eclipse assembled by the build (or installed by the p2 director) as a separate process, under
 * Xvfb when there is no display, and returns what it printed.
 */
final class Workbench {
	static final Path ECLIPSE = Path.of(System.getProperty("domino.eclipse.dir", "target/eclipse")).toAbsolutePath();
	static final Path REPO = Path.of(System.getProperty("domino.repo", "..")).toAbsolutePath().normalize();

	record Run(int exitCode, String output, long millis) {
	}

	private Workbench() {
	}

	static Path launcher(Path plugins) throws IOException {
		try (Stream<Path> s = Files.list(plugins)) {
			return s.filter(p -> p.getFileName().toString().startsWith("org.eclipse.equinox.launcher_")).findFirst()
					.orElseThrow(() -> new AssertionError("no launcher in " + plugins));
		}
	}

	/** {@code java -jar launcher ARGS} in {@code home}; with a display (Xvfb's if need be) when {@code gui}. */
	static Run start(Path home, boolean gui, List<String> jvmArgs, List<String> args, Path log, long timeoutMinutes)
			throws IOException, InterruptedException {
		List<String> cmd = new ArrayList<>();
		if (gui && System.getenv("DISPLAY") == null) {
			if (!onPath("xvfb-run")) {
				fail("the workbench test needs a display: install xvfb and xauth (tools/setup-test-env.sh does)");
			}
			cmd.addAll(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x900x24"));
		}
		cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		cmd.add("-Xmx1g");
		cmd.addAll(jvmArgs);
		cmd.addAll(List.of("-jar", launcher(home.resolve("plugins")).toString()));
		cmd.addAll(args);
		ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true)
				.redirectOutput(log.toFile());
		pb.environment().put("DOMINO_NO_BUILD", "1"); // the repository's ./domino must not start a Maven build
		pb.environment().put("GTK_THEME", "Adwaita");
		long t0 = System.nanoTime();
		Process p = pb.start();
		if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
			p.descendants().forEach(ProcessHandle::destroyForcibly);
			p.destroyForcibly();
			fail("Eclipse did not finish in " + timeoutMinutes + " minutes:\n" + Files.readString(log));
		}
		return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8), (System.nanoTime() - t0) / 1_000_000);
	}

	static boolean onPath(String command) {
		String path = System.getenv("PATH");
		for (String dir : path == null ? new String[0] : path.split(java.io.File.pathSeparator)) {
			if (Files.isExecutable(Path.of(dir, command))) {
				return true;
			}
		}
		return false;
	}

	static Path fresh(Path dir) throws IOException {
		if (Files.exists(dir)) {
			try (Stream<Path> s = Files.walk(dir)) {
				for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(p);
				}
			}
		}
		Files.createDirectories(dir);
		return dir;
	}

	static void assertContains(String text, String expected) {
		assertTrue(text.contains(expected), "expected '" + expected + "' in:\n" + text);
	}
}
