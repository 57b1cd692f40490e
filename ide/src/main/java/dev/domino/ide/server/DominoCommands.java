package dev.domino.ide.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.xtext.ide.server.ILanguageServerAccess;
import org.eclipse.xtext.ide.server.commands.IExecutableCommandService;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import com.google.inject.Inject;

import dev.domino.compiler.Analysis;
import dev.domino.compiler.AnalysisCache;
import dev.domino.compiler.DominoCompiler;
import dev.domino.diagnostics.Diagnostic;
import dev.domino.emit.MemoryMapSvg;
import dev.domino.emit.TextMap;
import dev.domino.model.Domain;
import dev.domino.model.SystemModel;
import dev.domino.mpu.MpuPlan;
import dev.domino.rules.CheckContext;

/**
 * Commands editors run through the server: the memory map of a file as the editor has it
 * (SVG with the region ids and their source places, and text), a short summary for a status
 * line (errors, warnings, MPU use), and compiling a saved file.
 */
public class DominoCommands implements IExecutableCommandService {
	public static final String MEMORY_MAP = "domino.memoryMap";
	public static final String COMPILE = "domino.compile";
	public static final String SUMMARY = "domino.summary";
	/** The code lens command: answered like {@link #MEMORY_MAP} for clients that forward it here. */
	public static final String SHOW_MEMORY_MAP = "domino.showMemoryMap";

	@Inject
	private AnalysisCache analyses;
	@Inject
	private com.google.inject.Injector injector;
	/** One compiler for the server's life, on the server's injector (a compile builds no injector of its own). */
	private DominoCompiler compiler;

	@Override
	public List<String> initialize() {
		return List.of(MEMORY_MAP, SUMMARY, COMPILE, SHOW_MEMORY_MAP);
	}

	@Override
	public Object execute(ExecuteCommandParams params, ILanguageServerAccess access, CancelIndicator cancelIndicator) {
		List<Object> args = params.getArguments();
		String uri = args == null || args.isEmpty() ? null : text(args.get(0));
		if (uri == null) {
			return Map.of("error", params.getCommand() + " needs the URI of a .domino file");
		}
		if (params.getCommand().equals(COMPILE)) {
			String out = args.size() > 1 ? text(args.get(1)) : null;
			return compile(uri, out, access);
		}
		// the code lens names the system it belongs to: a file may declare several
		String systemName = args.size() > 1 ? text(args.get(1)) : null;
		return access.doSyncRead(uri, context -> {
			if (!(context.getResource() instanceof XtextResource resource)) {
				return Map.of("error", "not a Domino file: " + uri);
			}
			Analysis analysis = analyses.get(resource, CheckContext.Mode.EDIT);
			if (analysis.units().isEmpty()) {
				return Map.of("error", "this file declares no system or board");
			}
			Analysis.Unit unit = analysis.systems().isEmpty() ? analysis.units().get(0) : analysis.systems().get(0);
			if (systemName != null) {
				unit = analysis.systems().stream().filter(u -> systemName.equals(u.model().name())).findFirst()
						.orElse(null);
				if (unit == null) {
					return Map.of("error", "this file declares no system " + systemName);
				}
			}
			SystemModel model = unit.model();
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("name", model.isBoardOnly() ? model.board().name() : model.name());
			result.put("kind", model.isBoardOnly() ? "board" : "system");
			result.put("errors", analysis.diagnostics().stream().filter(Diagnostic::isError).count());
			result.put("warnings", analysis.diagnostics().stream().filter(d -> !d.isError()).count());
			result.put("mpu", mpuUse(model, unit.mpuPlan()));
			if (!params.getCommand().equals(SUMMARY)) {
				Path dir = resource.getURI().isFile() ? Path.of(resource.getURI().toFileString()).getParent() : null;
				result.put("svg", MemoryMapSvg.emit(unit.placed(), dir));
				result.put("text", TextMap.emit(unit.placed()));
			}
			return result;
		});
	}

	/** The fullest domain's MPU use (Xen's regions plus its own) against the budget; null without an MPU. */
	private static Map<String, Object> mpuUse(SystemModel model, MpuPlan plan) {
		if (plan == null) {
			return null;
		}
		String fullest = null;
		int most = -1;
		for (Domain d : model.domains()) {
			if (plan.domainCount(d.name()) > most) {
				most = plan.domainCount(d.name());
				fullest = d.name();
			}
		}
		Map<String, Object> use = new LinkedHashMap<>();
		use.put("budget", plan.budget());
		use.put("xen", plan.xenCount());
		use.put("used", plan.xenCount() + Math.max(most, 0));
		use.put("domain", fullest);
		use.put("usage", fullest == null ? "Xen " + plan.xenCount() + " of " + plan.budget() : plan.usage(fullest));
		return use;
	}

	private synchronized DominoCompiler compiler() {
		if (compiler == null) {
			compiler = new DominoCompiler(injector, dev.domino.resolve.Locations.relativeToWorkingDirectory());
		}
		return compiler;
	}

	/**
	 * The analysis the server already holds of a file, in compile mode, when it is what a compile of
	 * the files on disk would analyse: the file and every file it imports are loaded with the text
	 * they have on disk and without syntax or linking errors. Otherwise null: the compile then
	 * reads the files from disk itself. Either way the analysis is of the same text.
	 */
	private Analysis warm(URI uri, ILanguageServerAccess access) {
		try {
			return access.doSyncRead(uri.toString(), context -> {
				if (!(context.getResource() instanceof XtextResource resource) || resource.getResourceSet() == null) {
					return null;
				}
				java.util.Set<org.eclipse.emf.ecore.resource.Resource> seen = new java.util.HashSet<>();
				java.util.ArrayDeque<org.eclipse.emf.ecore.resource.Resource> todo = new java.util.ArrayDeque<>();
				todo.add(resource);
				while (!todo.isEmpty()) {
					org.eclipse.emf.ecore.resource.Resource r = todo.poll();
					if (!seen.add(r)) {
						continue;
					}
					if (!(r instanceof XtextResource x) || x.getParseResult() == null || !r.getErrors().isEmpty()
							|| !r.getURI().isFile() || !sameAsOnDisk(x)) {
						return null;
					}
					for (org.eclipse.emf.ecore.EObject root : r.getContents()) {
						if (root instanceof dev.domino.ast.Model model) {
							for (dev.domino.ast.Import i : model.getImports()) {
								if (i.getImportURI() == null) {
									return null;
								}
								URI target = URI.createURI(i.getImportURI()).resolve(r.getURI());
								org.eclipse.emf.ecore.resource.Resource imported = r.getResourceSet().getResource(target, false);
								if (imported == null) {
									return null;
								}
								todo.add(imported);
							}
						}
					}
				}
				return analyses.get(resource, CheckContext.Mode.COMPILE);
			});
		} catch (RuntimeException e) {
			return null; // not in the workspace: read from disk
		}
	}

	private static boolean sameAsOnDisk(XtextResource resource) {
		try {
			String disk = java.nio.file.Files.readString(Path.of(resource.getURI().toFileString()),
					java.nio.charset.Charset.forName(resource.getEncoding()));
			return disk.equals(resource.getParseResult().getRootNode().getText());
		} catch (java.io.IOException | RuntimeException e) {
			return false;
		}
	}

	private Map<String, Object> compile(String uri, String out, ILanguageServerAccess access) {
		URI u = URI.createURI(uri);
		if (!u.isFile()) {
			return Map.of("error", "only files on disk can be compiled: " + uri);
		}
		Path file = Path.of(u.toFileString());
		Path dir = out != null ? Path.of(out) : file.getParent().resolve("out").resolve(file.getFileName().toString()
				.replaceFirst("\\.domino$", ""));
		Map<String, Object> result = new LinkedHashMap<>();
		try {
			Analysis held = access == null ? null : warm(u, access);
			DominoCompiler.Outcome o = held != null ? DominoCompiler.write(held, file, dir, 0)
					: compiler().compile(file, dir, 0);
			List<String> messages = new ArrayList<>();
			for (Diagnostic d : o.diagnostics()) {
				messages.add(d.format());
			}
			result.put("ok", !o.hasErrors());
			result.put("output", dir.toString());
			result.put("analysis", held != null ? "warm" : "read from disk"); // which path served it
			result.put("diagnostics", messages);
		} catch (DominoCompiler.InputException | java.io.IOException e) {
			result.put("ok", false);
			result.put("error", e.getMessage());
		}
		return result;
	}

	private static String text(Object arg) {
		if (arg instanceof JsonPrimitive p) {
			return p.getAsString();
		}
		if (arg instanceof JsonElement e && e.isJsonObject() && e.getAsJsonObject().has("uri")) {
			return e.getAsJsonObject().get("uri").getAsString();
		}
		return arg == null ? null : arg.toString();
	}
}
