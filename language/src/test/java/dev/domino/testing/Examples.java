package dev.domino.testing;

import java.nio.file.Files;
import java.nio.file.Path;

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

	public static Path repository() {
		return dir().getParent();
	}
}
