package dev.domino.compiler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes outputs so that nothing is ever half written: each file goes to a temporary file in
 * the same folder, then is renamed over the old one. A manifest lists what the last compile
 * wrote, so files a system no longer produces (a passthrough tree) are removed, and only those.
 */
public final class OutputWriter {
	static final String MANIFEST = ".domino-outputs";

	private OutputWriter() {
	}

	/** One file, written the same way (for imports, which write a single .domino file). */
	public static void writeFile(Path file, String text) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		Files.createDirectories(parent);
		Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
		try {
			Files.writeString(tmp, text, StandardCharsets.UTF_8);
			readableByAll(tmp);
			move(tmp, file);
		} finally {
			Files.deleteIfExists(tmp);
		}
	}

	public static void write(Path dir, Map<String, byte[]> outputs) throws IOException {
		Files.createDirectories(dir);
		List<Path> staged = new ArrayList<>();
		try {
			for (Map.Entry<String, byte[]> e : outputs.entrySet()) {
				Path target = dir.resolve(e.getKey());
				Files.createDirectories(target.getParent());
				Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
				staged.add(tmp);
				Files.write(tmp, e.getValue());
				readableByAll(tmp);
			}
		} catch (IOException e) {
			for (Path tmp : staged) {
				Files.deleteIfExists(tmp);
			}
			throw e;
		}
		Set<String> previous = readManifest(dir);
		int i = 0;
		for (String name : outputs.keySet()) {
			move(staged.get(i++), dir.resolve(name));
		}
		for (String old : previous) {
			if (!outputs.containsKey(old) && !old.contains("..")) {
				Files.deleteIfExists(dir.resolve(old));
			}
		}
		Path manifest = Files.createTempFile(dir, MANIFEST, ".tmp");
		Files.writeString(manifest, String.join("\n", new TreeSet<>(outputs.keySet())) + "\n", StandardCharsets.UTF_8);
		readableByAll(manifest);
		move(manifest, dir.resolve(MANIFEST));
	}

	/** Temporary files are created private; outputs are ordinary files (rw-r--r--). */
	private static void readableByAll(Path file) throws IOException {
		try {
			Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
		} catch (UnsupportedOperationException e) {
			// not a POSIX file system: keep its defaults
		}
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		} catch (AtomicMoveNotSupportedException e) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static Set<String> readManifest(Path dir) throws IOException {
		Path manifest = dir.resolve(MANIFEST);
		Set<String> names = new TreeSet<>();
		if (Files.isRegularFile(manifest)) {
			for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
				if (!line.isBlank()) {
					names.add(line.trim());
				}
			}
		}
		return names;
	}
}
