package dev.domino.resolve;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;

import dev.domino.ast.DominoSystem;
import dev.domino.diagnostics.Report;
import dev.domino.files.FileFacts;
import dev.domino.files.FileInspector;
import dev.domino.model.InputFile;
import dev.domino.model.SourceLocation;

/**
 * What every builder of the resolve stage shares: where files are read, how AST objects become
 * source locations, the report, value evaluation, and the map from AST objects to the model
 * objects built from them (for editor services: hover, inlay hints, code lenses).
 */
final class BuildContext {
	final FileInspector files;
	final Locations locations;
	final Report report;
	final Values values;
	final Map<EObject, Object> origins = new IdentityHashMap<>();

	BuildContext(FileInspector files, Locations locations, Report report) {
		this.files = files;
		this.locations = locations;
		this.report = report;
		this.values = new Values(locations, report);
	}

	/** Records what {@code element} became; returns it. */
	<T> T origin(EObject element, T built) {
		if (element != null && built != null) {
			origins.putIfAbsent(element, built);
		}
		return built;
	}

	/**
	 * A file named in {@code context}'s file, resolved against that file's folder; its boot name is
	 * relative to the system file's folder (where the boot script is run from).
	 */
	InputFile inputFile(EObject context, String written, SourceLocation where, DominoSystem system) {
		URI uri = context.eResource() == null ? null : context.eResource().getURI();
		Path path = null;
		String bootName = written == null ? "" : written; // none: half-typed, the parser said so
		if (uri != null && uri.isFile() && written != null) {
			try {
				Path dir = Path.of(uri.toFileString()).toAbsolutePath().getParent();
				path = dir.resolve(written).normalize();
				URI systemUri = system == null || system.eResource() == null ? uri : system.eResource().getURI();
				if (systemUri.isFile()) {
					Path systemDir = Path.of(systemUri.toFileString()).toAbsolutePath().getParent();
					bootName = systemDir.relativize(path).toString().replace('\\', '/');
				}
			} catch (java.nio.file.InvalidPathException e) {
				path = null; // a name no file system can hold (a NUL character): reported as missing
			}
		}
		FileFacts facts = path == null ? FileFacts.problem(Path.of(""), FileFacts.Status.MISSING,
				"cannot be found (the file that names it is not on disk, or the name is not a valid path)")
				: files.inspect(path);
		return new InputFile(written == null ? "" : written, path == null ? Path.of("") : path, bootName, facts, where);
	}
}
