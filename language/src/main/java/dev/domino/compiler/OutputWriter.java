package dev.domino.compiler;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes a set of outputs so that a folder never holds half a compile, even if the process is
 * killed: every file is staged complete in a temporary file next to its target, then a journal
 * listing the renames is written atomically, then the renames run and the journal goes. Killed
 * before the journal, the folder holds the previous set (the staged files are swept next time);
 * killed after it, the next writer (or {@link #recover}) finishes the renames, giving the new set.
 * A lock file makes two compiles into one folder take turns; outputs never leave the folder
 * through a symlink. A manifest lists what the last compile wrote, so files a system no longer
 * produces are removed, and only those.
 */
public final class OutputWriter {
	static final String MANIFEST = ".domino-outputs";
	static final String JOURNAL = ".domino-outputs.journal";
	static final String LOCK = ".domino-outputs.lock";
	private static final String STAGED = ".domino-staged-";
	/** A test slows the commit down to kill it in the middle (milliseconds between steps). */
	private static final long STEP_PAUSE = Long.getLong("dev.domino.outputs.stepPauseMillis", 0);

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

	/** Replaces the outputs in {@code dir} by {@code outputs} (name relative to dir → bytes). */
	public static void write(Path dir, Map<String, byte[]> outputs) throws IOException {
		Files.createDirectories(dir);
		try (FileChannel lockFile = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
			recover(dir);
			sweepStaged(dir);
			Map<Path, Path> renames = new LinkedHashMap<>(); // staged → target
			try {
				for (Map.Entry<String, byte[]> e : outputs.entrySet()) {
					Path target = inside(dir, e.getKey());
					Files.createDirectories(target.getParent());
					inside(dir, e.getKey()); // a folder made above is checked too
					Path tmp = Files.createTempFile(target.getParent(), STAGED, ".tmp");
					renames.put(tmp, target);
					Files.write(tmp, e.getValue());
					readableByAll(tmp);
				}
				Path manifest = Files.createTempFile(dir, STAGED, ".tmp");
				renames.put(manifest, dir.resolve(MANIFEST));
				Files.writeString(manifest, String.join("\n", new TreeSet<>(outputs.keySet())) + "\n",
						StandardCharsets.UTF_8);
				readableByAll(manifest);
			} catch (IOException | RuntimeException e) {
				for (Path tmp : renames.keySet()) {
					Files.deleteIfExists(tmp);
				}
				throw e;
			}
			List<String> removed = new ArrayList<>();
			for (String old : readManifest(dir)) {
				if (!outputs.containsKey(old) && isPlainName(old)) {
					removed.add(old);
				}
			}
			commit(dir, renames, removed);
		}
	}

	/** Finishes a commit a killed writer left in {@code dir}; nothing to do without a journal. */
	public static void recover(Path dir) throws IOException {
		Path journal = dir.resolve(JOURNAL);
		if (!Files.isRegularFile(journal, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
		if (lines.isEmpty() || !lines.get(lines.size() - 1).equals("end")) {
			Files.delete(journal); // written by a writer of another kind: never applied
			return;
		}
		for (String line : lines) {
			String[] parts = line.split("\t");
			if (parts[0].equals("move") && parts.length == 3 && isPlainName(parts[1]) && isPlainName(parts[2])) {
				Path from = dir.resolve(parts[1]);
				if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
					move(from, inside(dir, parts[2]));
				}
			} else if (parts[0].equals("delete") && parts.length == 2 && isPlainName(parts[1])) {
				Files.deleteIfExists(dir.resolve(parts[1]));
			}
		}
		Files.delete(journal);
	}

	private static void commit(Path dir, Map<Path, Path> renames, List<String> removed) throws IOException {
		StringBuilder journal = new StringBuilder();
		for (Map.Entry<Path, Path> r : renames.entrySet()) {
			journal.append("move\t").append(relative(dir, r.getKey())).append('\t').append(relative(dir, r.getValue()))
					.append('\n');
		}
		for (String old : removed) {
			journal.append("delete\t").append(old).append('\n');
		}
		journal.append("end\n");
		pause();
		Path staged = Files.createTempFile(dir, STAGED, ".tmp");
		Files.writeString(staged, journal.toString(), StandardCharsets.UTF_8);
		move(staged, dir.resolve(JOURNAL)); // from here on the new set wins
		for (Map.Entry<Path, Path> r : renames.entrySet()) {
			pause();
			move(r.getKey(), r.getValue());
		}
		for (String old : removed) {
			Files.deleteIfExists(dir.resolve(old));
		}
		pause();
		Files.delete(dir.resolve(JOURNAL));
	}

	private static void pause() {
		if (STEP_PAUSE > 0) {
			try {
				Thread.sleep(STEP_PAUSE);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Staged files of a writer that was killed before its journal. */
	private static void sweepStaged(Path dir) throws IOException {
		try (var files = Files.walk(dir, 4)) {
			for (Path p : (Iterable<Path>) files::iterator) {
				if (p.getFileName().toString().startsWith(STAGED)
						&& Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
					Files.deleteIfExists(p);
				}
			}
		}
	}

	/**
	 * The target of output {@code name}: below {@code dir}, with no symlink on the way (a link
	 * planted in the output folder could otherwise send a write anywhere).
	 */
	static Path inside(Path dir, String name) throws IOException {
		if (!isPlainName(name)) {
			throw new IOException("output name " + name + " leaves the output folder");
		}
		Path target = dir.resolve(name);
		Path real = dir.toRealPath();
		for (Path p = target.getParent(); p != null && !p.equals(dir); p = p.getParent()) {
			if (Files.isSymbolicLink(p)) {
				throw new IOException(p + " is a symbolic link: Domino writes its outputs only into real folders"
						+ " below " + dir);
			}
		}
		if (Files.exists(target.getParent()) && !target.getParent().toRealPath().startsWith(real)) {
			throw new IOException(target + " is outside the output folder " + dir);
		}
		return target;
	}

	private static boolean isPlainName(String name) {
		if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.contains("\0")) {
			return false;
		}
		for (String part : name.split("/")) {
			if (part.isEmpty() || part.equals(".") || part.equals("..")) {
				return false;
			}
		}
		return true;
	}

	private static String relative(Path dir, Path p) {
		return dir.toAbsolutePath().relativize(p.toAbsolutePath()).toString();
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
		if (Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
			for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
				if (!line.isBlank()) {
					names.add(line.trim());
				}
			}
		}
		return names;
	}
}
