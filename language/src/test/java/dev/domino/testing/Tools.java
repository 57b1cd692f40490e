package dev.domino.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real tools Domino's outputs are checked with (dtc, mkimage, dumpimage, gcc). A missing
 * tool fails the test with the command that installs it: these tests never pass by skipping.
 */
public final class Tools {
	public record Result(int exitCode, String stdout, String stderr, byte[] stdoutBytes) {
	}

	private Tools() {
	}

	public static Result run(Path dir, String... command) throws IOException, InterruptedException {
		return run(dir, Map.of(), null, command);
	}

	public static Result run(Path dir, Map<String, String> env, byte[] stdin, String... command)
			throws IOException, InterruptedException {
		require(command[0]);
		ProcessBuilder pb = new ProcessBuilder(command).directory(dir == null ? null : dir.toFile());
		pb.environment().putAll(env);
		Process p = pb.start();
		if (stdin != null) {
			p.getOutputStream().write(stdin);
		}
		p.getOutputStream().close();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		Thread t1 = pump(p.getInputStream(), out);
		Thread t2 = pump(p.getErrorStream(), err);
		// 120 s, or longer for what says it may take longer (a boot's BOOT_TIMEOUT, a Xen build's XEN_BUILD_TIMEOUT)
		long limit = 120;
		for (String key : new String[] { "BOOT_TIMEOUT", "XEN_BUILD_TIMEOUT" }) {
			if (env.containsKey(key)) {
				limit = Math.max(limit, Long.parseLong(env.get(key)) + 30);
			}
		}
		if (!p.waitFor(limit, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new IOException(String.join(" ", command) + " did not finish in " + limit + " s");
		}
		t1.join();
		t2.join();
		return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
				out.toByteArray());
	}

	private static Thread pump(InputStream in, ByteArrayOutputStream out) {
		Thread t = new Thread(() -> {
			try {
				in.transferTo(out);
			} catch (IOException e) {
				// the process went away; what was read is kept
			}
		});
		t.start();
		return t;
	}

	public static void require(String tool) {
		if (tool.contains("/")) {
			return;
		}
		for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
			if (java.nio.file.Files.isExecutable(Path.of(dir, tool))) {
				return;
			}
		}
		throw new AssertionError(tool + " is not installed; run tools/setup-test-env.sh (it installs "
				+ "device-tree-compiler, u-boot-tools, qemu-system-arm, u-boot-qemu, mtools, neovim)");
	}

	public static List<String> lines(String s) {
		List<String> out = new ArrayList<>();
		for (String line : s.split("\n")) {
			if (!line.isBlank()) {
				out.add(line);
			}
		}
		return out;
	}
}
