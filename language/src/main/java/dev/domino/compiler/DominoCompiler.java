package dev.domino.compiler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;

import com.google.inject.Injector;

import dev.domino.DominoStandaloneSetup;
import dev.domino.diagnostics.Diagnostic;
import dev.domino.emit.Outputs;
import dev.domino.files.FileInspector;
import dev.domino.model.SystemModel;
import dev.domino.resolve.Locations;
import dev.domino.rules.CheckContext;

/**
 * The command-line face of the pipeline: load files (with their imports), analyse, and compile a
 * system to its output folder. Outputs are written only when there is no error, so a failed
 * compile leaves the previous outputs as they were.
 */
public final class DominoCompiler {
	/** Thrown for input that cannot even be read (a missing file): exit code 2, not 1. */
	public static final class InputException extends Exception {
		private static final long serialVersionUID = 1L;

		public InputException(String message) {
			super(message);
		}
	}

	/** What a compile did: the analysis, and per system the folder written (none when there were errors). */
	public record Outcome(Analysis analysis, Map<String, Path> written) {
		public List<Diagnostic> diagnostics() {
			return analysis.diagnostics();
		}

		public boolean hasErrors() {
			return analysis.hasErrors();
		}
	}

	private final Injector injector;
	private final Analyzer analyzer;

	public DominoCompiler() {
		this(new DominoStandaloneSetup().createInjectorAndDoEMFRegistration(), Locations.relativeToWorkingDirectory());
	}

	public DominoCompiler(Injector injector, Locations locations) {
		this.injector = injector;
		this.analyzer = new Analyzer(injector.getInstance(FileInspector.class), locations);
	}

	/** Loads files into one resource set; their imports are loaded as they are resolved. */
	public List<Resource> load(List<Path> files) throws InputException {
		XtextResourceSet set = injector.getInstance(XtextResourceSet.class);
		set.getLoadOptions().put(XtextResource.OPTION_ENCODING, "UTF-8");
		List<Resource> out = new ArrayList<>();
		for (Path file : files) {
			if (!Files.isRegularFile(file)) {
				throw new InputException(file + (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
						? ": not a regular file (a folder, a device or a symlink loop)" : ": no such file"));
			}
			if (!Files.isReadable(file)) {
				throw new InputException(file + ": cannot be read");
			}
			URI uri = URI.createFileURI(file.toAbsolutePath().normalize().toString());
			try {
				out.add(set.getResource(uri, true));
			} catch (RuntimeException e) {
				throw new InputException(file + ": cannot be read: " + rootMessage(e));
			}
		}
		return out;
	}

	public Analysis check(List<Path> files, CheckContext.Mode mode) throws InputException {
		return analyzer.analyse(load(files), mode);
	}

	/**
	 * Checks {@code files} in {@code jobs} groups at once, each in a resource set of its own (a
	 * resource set is not thread-safe; the injector, the analyzer and the file facts are shared).
	 * A file a group imports is parsed once per group. With one job, or one file, this is
	 * {@link #check(List, CheckContext.Mode)}.
	 */
	public Analysis check(List<Path> files, CheckContext.Mode mode, int jobs) throws InputException {
		int n = Math.min(Math.max(1, jobs), files.size());
		if (n <= 1) {
			return check(files, mode);
		}
		List<List<Path>> groups = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			groups.add(new ArrayList<>());
		}
		for (int i = 0; i < files.size(); i++) {
			groups.get(i * n / files.size()).add(files.get(i)); // neighbours together: they share imports
		}
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n, r -> {
			Thread t = new Thread(null, r, "domino-check", 8L << 20); // the launcher's -Xss8m
			t.setDaemon(true);
			return t;
		});
		try {
			List<java.util.concurrent.Future<Analysis>> futures = new ArrayList<>();
			for (List<Path> group : groups) {
				futures.add(pool.submit(() -> check(group, mode)));
			}
			List<Analysis> parts = new ArrayList<>();
			for (java.util.concurrent.Future<Analysis> f : futures) {
				try {
					parts.add(f.get());
				} catch (java.util.concurrent.ExecutionException e) {
					if (e.getCause() instanceof InputException input) {
						throw input;
					}
					throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(e);
				}
			}
			return Analysis.merge(parts);
		} finally {
			pool.shutdownNow();
		}
	}

	/**
	 * Compiles every system of {@code file} into {@code outDir} (one system), or into one
	 * sub-folder per system when the file declares several.
	 */
	public Outcome compile(Path file, Path outDir, long timestamp) throws InputException, IOException {
		return write(check(List.of(file), CheckContext.Mode.COMPILE), file, outDir, timestamp);
	}

	/**
	 * Writes the outputs of an analysis of {@code file} (in compile mode) into {@code outDir}, or
	 * one sub-folder per system; nothing when it has errors. The language server passes the
	 * analysis it already holds of a saved file.
	 */
	public static Outcome write(Analysis analysis, Path file, Path outDir, long timestamp) throws InputException,
			IOException {
		List<Analysis.Unit> systems = analysis.systems();
		Map<String, Path> written = new java.util.TreeMap<>();
		if (analysis.hasErrors()) { // a half-typed system may parse as none: its errors say why
			return new Outcome(analysis, written);
		}
		if (systems.isEmpty()) {
			throw new InputException(file + ": declares no system to compile (a board alone can be checked with"
					+ " 'domino check')");
		}
		Map<Path, Map<String, byte[]>> pending = new java.util.LinkedHashMap<>();
		for (Analysis.Unit unit : systems) {
			SystemModel system = unit.model();
			Path dir = systems.size() == 1 ? outDir : outDir.resolve(system.name());
			pending.put(dir, Outputs.of(unit.placed(), unit.mpuPlan(), unit.baseTree(), unit.systemTree(), file,
					timestamp, java.nio.file.Files::readAllBytes));
			written.put(system.name(), dir);
		}
		for (Map.Entry<Path, Map<String, byte[]>> e : pending.entrySet()) {
			OutputWriter.write(e.getKey(), e.getValue());
		}
		return new Outcome(analysis, written);
	}

	/**
	 * Compiles the systems of many files in one resource set and one analysis, so that a board or
	 * module library they all import is parsed and linked once: each system goes to
	 * {@code outDir/<system name>}. Nothing is written when any of them has an error. Files that
	 * declare only boards are checked, not compiled.
	 */
	public Outcome compileAll(List<Path> files, Path outDir, long timestamp) throws InputException, IOException {
		List<Resource> resources = load(files);
		Analysis analysis = analyzer.analyse(resources, CheckContext.Mode.COMPILE);
		Map<String, Path> written = new java.util.TreeMap<>();
		if (analysis.hasErrors()) {
			return new Outcome(analysis, written);
		}
		Map<Path, Map<String, byte[]>> pending = new java.util.LinkedHashMap<>();
		for (Analysis.Unit unit : analysis.systems()) {
			SystemModel system = unit.model();
			Path dir = outDir.resolve(system.name());
			if (pending.containsKey(dir)) {
				throw new InputException("two systems are named " + system.name() + ": their outputs would share "
						+ dir);
			}
			Path source = sourceOf(unit, files);
			pending.put(dir, Outputs.of(unit.placed(), unit.mpuPlan(), unit.baseTree(), unit.systemTree(), source,
					timestamp, java.nio.file.Files::readAllBytes));
			written.put(system.name(), dir);
		}
		for (Map.Entry<Path, Map<String, byte[]>> e : pending.entrySet()) {
			OutputWriter.write(e.getKey(), e.getValue());
		}
		return new Outcome(analysis, written);
	}

	/** The file that declares a unit's system (its outputs name it), among {@code files}. */
	private static Path sourceOf(Analysis.Unit unit, List<Path> files) {
		String uri = unit.model().where() == null ? null : unit.model().where().uri();
		for (Path f : files) {
			if (uri != null && uri.equals(URI.createFileURI(f.toAbsolutePath().normalize().toString()).toString())) {
				return f;
			}
		}
		return files.get(0);
	}

	public Analyzer analyzer() {
		return analyzer;
	}

	private static String rootMessage(Throwable e) {
		Throwable t = e;
		while (t.getCause() != null && t.getCause() != t) {
			t = t.getCause();
		}
		return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
	}
}
