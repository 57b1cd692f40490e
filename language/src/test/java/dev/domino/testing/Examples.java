package dev.domino.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the repository's examples/ folder from a module's working directory. */
public final class Examples {
	private Examples() {
	}

	public static Path dir() {
		Path p = Path.of("").toAbsolutePath();
		while (p != null) {
			if (Files.isDirectory(p.resolve("examples/qemu-virt"))) {
				return p.resolve("examples");
			}
			p = p.getParent();
		}
		throw new IllegalStateException("examples/ not found above " + Path.of("").toAbsolutePath());
	}

	/** examples/ with the binaries its systems load (not committed: fetch-binaries.sh brings them). */
	public static Path withBinaries() throws Exception {
		Tools.Result fetch = Tools.run(null, dir().resolve("fetch-binaries.sh").toString());
		if (fetch.exitCode() != 0) {
			throw new AssertionError("examples/fetch-binaries.sh failed: " + fetch.stdout() + fetch.stderr());
		}
		return dir();
	}

	/** Every .domino file of examples/ (boards, systems, mistakes), sorted; not the copies a build leaves in target/. */
	public static List<Path> sources() throws IOException {
		Path dir = dir();
		try (Stream<Path> files = Files.walk(dir)) {
			return files.filter(p -> p.toString().endsWith(".domino") && Files.isRegularFile(p)
					&& !dir.relativize(p).toString().matches("(.*/)?target/.*")).sorted().toList();
		}
	}

	public static Path repository() {
		return dir().getParent();
	}
}
