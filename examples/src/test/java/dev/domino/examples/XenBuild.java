package dev.domino.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.domino.testing.Examples;

/**
 * Xen built from a system's own xen.config with tools/xen-build.sh (Debian's 4.17.5 source,
 * cached per configuration under ~/.cache/domino/xen), and the check that Kconfig kept every line
 * of the fragment: a line olddefconfig drops or changes fails the test.
 */
final class XenBuild {
	private XenBuild() {
	}

	/** What tools/xen-build.sh answered: 0 built, 3 a fragment line lost, and its messages. */
	record Result(int exitCode, String stdout, String stderr) {
		Path xen() {
			String[] lines = stdout.trim().split("\n");
			return Path.of(lines[lines.length - 1].trim());
		}
	}

	/** Runs tools/xen-build.sh VERSION FRAGMENT (a build takes 30-200 s on a loaded machine). */
	static Result run(String version, Path fragment, Map<String, String> env) throws IOException, InterruptedException {
		Path script = Examples.repository().resolve("tools/xen-build.sh");
		Path out = Files.createTempFile("xen-build", ".out");
		Path err = Files.createTempFile("xen-build", ".err");
		try {
			ProcessBuilder pb = new ProcessBuilder(script.toString(), version, fragment.toString())
					.redirectOutput(out.toFile()).redirectError(err.toFile());
			pb.environment().putAll(env);
			Process p = pb.start();
			if (!p.waitFor(900, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				throw new IOException("xen-build.sh did not finish in 900 s");
			}
			return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
		} finally {
			Files.deleteIfExists(out);
			Files.deleteIfExists(err);
		}
	}

	/**
	 * Xen VERSION built from FRAGMENT; fails when the build fails or when the resulting .config
	 * lacks any assignment of the fragment (compared here again, line by line).
	 */
	static Path build(String version, Path fragment) throws Exception {
		long start = System.nanoTime();
		Result r = run(version, fragment, Map.of());
		assertEquals(0, r.exitCode(), (r.exitCode() == 3 ? "olddefconfig dropped or changed lines of " + fragment + ":\n"
				: "xen-build.sh failed for " + fragment + ":\n") + r.stderr());
		Path xen = r.xen();
		assertEquals(List.of(), lost(fragment, xen.resolveSibling(".config")),
				"lines of " + fragment + " that Xen's .config does not have");
		System.out.printf("xen-build: %s for %s in %.1f s%n", xen, fragment, (System.nanoTime() - start) / 1e9);
		return xen;
	}

	/** The fragment's assignments (CONFIG_X=v, "# CONFIG_X is not set"), symbol to line. */
	static Map<String, String> assignments(List<String> lines) {
		Map<String, String> out = new LinkedHashMap<>();
		for (String raw : lines) {
			String line = raw.trim();
			if (line.startsWith("CONFIG_") && line.contains("=")) {
				out.put(line.substring(0, line.indexOf('=')), line);
			} else if (line.matches("# CONFIG_[A-Za-z0-9_]+ is not set.*")) {
				String sym = line.substring(2, line.indexOf(' ', 2));
				out.put(sym, "# " + sym + " is not set");
			}
		}
		return out;
	}

	/** Each assignment of FRAGMENT that CONFIG (a full .config) does not hold, with what it holds. */
	static List<String> lost(Path fragment, Path config) throws IOException {
		Map<String, String> want = assignments(Files.readAllLines(fragment, StandardCharsets.UTF_8));
		Map<String, String> got = assignments(Files.readAllLines(config, StandardCharsets.UTF_8));
		List<String> lost = new ArrayList<>();
		for (Map.Entry<String, String> e : want.entrySet()) {
			String have = got.get(e.getKey());
			boolean unset = e.getValue().startsWith("# ");
			if (unset ? have != null && !have.startsWith("# ") : !e.getValue().equals(have)) {
				lost.add(e.getValue() + " (the .config has: " + (have == null ? "nothing" : have) + ")");
			}
		}
		return lost;
	}

	/** Puts XEN where the compiled boot script loads the Xen image from (OUT/NAME), over the system's own. */
	static void install(Path xen, Path out, String name) throws IOException {
		Path target = out.resolve(name);
		Files.createDirectories(target.getParent());
		Files.copy(xen, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}
}
