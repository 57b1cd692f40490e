package dev.domino.ide.server;

import java.nio.file.Path;
import java.util.ArrayList;
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
import dev.domino.emit.MemoryMapSvg;
import dev.domino.emit.TextMap;
import dev.domino.rules.CheckContext;
import dev.domino.rules.Diagnostic;

/**
 * Commands editors run through the server: the memory map of a file as the editor has it
 * (SVG, text, and the region ids with their source places), and compiling a saved file.
 */
public class DominoCommands implements IExecutableCommandService {
	public static final String MEMORY_MAP = "domino.memoryMap";
	public static final String COMPILE = "domino.compile";
	/** The code lens command: answered like {@link #MEMORY_MAP} for clients that forward it here. */
	public static final String SHOW_MEMORY_MAP = "domino.showMemoryMap";

	@Inject
	private AnalysisCache analyses;

	@Override
	public List<String> initialize() {
		return List.of(MEMORY_MAP, COMPILE, SHOW_MEMORY_MAP);
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
			return compile(uri, out);
		}
		return access.doSyncRead(uri, context -> {
			if (!(context.getResource() instanceof XtextResource resource)) {
				return Map.of("error", "not a Domino file: " + uri);
			}
			Analysis analysis = analyses.get(resource, CheckContext.Mode.EDIT);
			if (analysis.units().isEmpty()) {
				return Map.of("error", "this file declares no system or board");
			}
			Analysis.Unit unit = analysis.systems().isEmpty() ? analysis.units().get(0) : analysis.systems().get(0);
			Path dir = resource.getURI().isFile() ? Path.of(resource.getURI().toFileString()).getParent() : null;
			Map<String, Object> result = new java.util.LinkedHashMap<>();
			result.put("name", unit.model().isBoardOnly() ? unit.model().board().name() : unit.model().name());
			result.put("svg", MemoryMapSvg.emit(unit.model(), dir));
			result.put("text", TextMap.emit(unit.model()));
			result.put("errors", analysis.diagnostics().stream().filter(Diagnostic::isError).count());
			return result;
		});
	}

	private static Map<String, Object> compile(String uri, String out) {
		URI u = URI.createURI(uri);
		if (!u.isFile()) {
			return Map.of("error", "only files on disk can be compiled: " + uri);
		}
		Path file = Path.of(u.toFileString());
		Path dir = out != null ? Path.of(out) : file.getParent().resolve("out").resolve(file.getFileName().toString()
				.replaceFirst("\\.domino$", ""));
		Map<String, Object> result = new java.util.LinkedHashMap<>();
		try {
			DominoCompiler.Outcome o = new DominoCompiler().compile(file, dir, 0);
			List<String> messages = new ArrayList<>();
			for (Diagnostic d : o.diagnostics()) {
				messages.add(d.format());
			}
			result.put("ok", !o.hasErrors());
			result.put("output", dir.toString());
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
