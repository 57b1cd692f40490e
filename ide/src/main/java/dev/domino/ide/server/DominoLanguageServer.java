package dev.domino.ide.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.Issue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.domino.ast.Import;
import dev.domino.ide.hints.InlayHints;

/**
 * Xtext's language server with what Domino adds: every diagnostic carries its rule id, the other
 * ranges involved as related information and its fixes as data, which code actions turn into
 * edits; inlay hints with the addresses Domino chose; go to definition on an import.
 */
public class DominoLanguageServer extends LanguageServerImpl {
	static final String SOURCE = "domino";
	static final String SYNTAX_CODE = "org.eclipse.xtext.diagnostics.Diagnostic.Syntax";

	/**
	 * A client that names no workspace (no root, no folders it declares support for) gets the
	 * server's working directory as its workspace, and one that describes no capabilities gets
	 * the commands all the same, instead of internal errors.
	 */
	@Override
	public CompletableFuture<org.eclipse.lsp4j.InitializeResult> initialize(InitializeParams params) {
		// Xtext registers commands only for clients that describe their workspace capabilities
		if (params.getCapabilities() == null) {
			params.setCapabilities(new org.eclipse.lsp4j.ClientCapabilities());
		}
		if (params.getCapabilities().getWorkspace() == null) {
			params.getCapabilities().setWorkspace(new org.eclipse.lsp4j.WorkspaceClientCapabilities());
		}
		if (params.getCapabilities().getWorkspace().getExecuteCommand() == null) {
			params.getCapabilities().getWorkspace().setExecuteCommand(new org.eclipse.lsp4j.ExecuteCommandCapabilities(false));
		}
		boolean folders = params.getWorkspaceFolders() != null && !params.getWorkspaceFolders().isEmpty()
				&& params.getCapabilities() != null && params.getCapabilities().getWorkspace() != null
				&& Boolean.TRUE.equals(params.getCapabilities().getWorkspace().getWorkspaceFolders());
		if (params.getRootUri() == null && !folders) {
			if (params.getWorkspaceFolders() != null && !params.getWorkspaceFolders().isEmpty()) {
				params.setRootUri(params.getWorkspaceFolders().get(0).getUri());
			} else {
				params.setRootUri(java.nio.file.Path.of("").toAbsolutePath().toUri().toString());
			}
		}
		return super.initialize(params);
	}

	// Positions a client sends may be stale (the text changed meanwhile): each request clamps its
	// position into the text it runs on, instead of failing.

	@Override
	protected org.eclipse.lsp4j.Hover hover(org.eclipse.lsp4j.HoverParams params, CancelIndicator cancelIndicator) {
		params.setPosition(clamp(params.getTextDocument().getUri(), params.getPosition()));
		return super.hover(params, cancelIndicator);
	}

	@Override
	protected Either<List<org.eclipse.lsp4j.CompletionItem>, org.eclipse.lsp4j.CompletionList> completion(
			CancelIndicator cancelIndicator, org.eclipse.lsp4j.CompletionParams params) {
		params.setPosition(clamp(params.getTextDocument().getUri(), params.getPosition()));
		return super.completion(cancelIndicator, params);
	}

	@Override
	protected List<? extends Location> references(org.eclipse.lsp4j.ReferenceParams params,
			CancelIndicator cancelIndicator) {
		params.setPosition(clamp(params.getTextDocument().getUri(), params.getPosition()));
		return super.references(params, cancelIndicator);
	}

	@Override
	protected List<? extends org.eclipse.lsp4j.DocumentHighlight> documentHighlight(
			org.eclipse.lsp4j.DocumentHighlightParams params, CancelIndicator cancelIndicator) {
		params.setPosition(clamp(params.getTextDocument().getUri(), params.getPosition()));
		return super.documentHighlight(params, cancelIndicator);
	}

	@Override
	protected org.eclipse.lsp4j.WorkspaceEdit rename(org.eclipse.lsp4j.RenameParams params,
			CancelIndicator cancelIndicator) {
		params.setPosition(clamp(params.getTextDocument().getUri(), params.getPosition()));
		return super.rename(params, cancelIndicator);
	}

	@Override
	protected org.eclipse.lsp4j.jsonrpc.messages.Either3<Range, org.eclipse.lsp4j.PrepareRenameResult, org.eclipse.lsp4j.PrepareRenameDefaultBehavior> prepareRename(
			org.eclipse.lsp4j.PrepareRenameParams params, CancelIndicator cancelIndicator) {
		params.setPosition(clamp(params.getTextDocument().getUri(), params.getPosition()));
		return super.prepareRename(params, cancelIndicator);
	}

	@Override
	protected org.eclipse.lsp4j.SignatureHelp signatureHelp(org.eclipse.lsp4j.SignatureHelpParams params,
			CancelIndicator cancelIndicator) {
		params.setPosition(clamp(params.getTextDocument().getUri(), params.getPosition()));
		return super.signatureHelp(params, cancelIndicator);
	}

	private Position clamp(String uri, Position p) {
		if (p == null) {
			return new Position(0, 0);
		}
		try {
			String text = getLanguageServerAccess().doSyncRead(uri, context -> context.getDocument().getContents());
			return clampTo(text, p);
		} catch (RuntimeException e) {
			return p; // a document the server does not know: Xtext answers that itself
		}
	}

	static Position clampTo(String text, Position p) {
		String[] lines = text.split("\n", -1);
		int line = Math.max(0, Math.min(p.getLine(), lines.length - 1));
		int character = Math.max(0, Math.min(p.getCharacter(), lines[line].replace("\r", "").length()));
		return new Position(line, character);
	}

	/** An unknown request is answered with MethodNotFound (Xtext answers InternalError). */
	@Override
	public CompletableFuture<?> request(String method, Object parameter) {
		try {
			return super.request(method, parameter);
		} catch (UnsupportedOperationException e) {
			CompletableFuture<Object> failed = new CompletableFuture<>();
			failed.completeExceptionally(new org.eclipse.lsp4j.jsonrpc.ResponseErrorException(
					new org.eclipse.lsp4j.jsonrpc.messages.ResponseError(
							org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode.MethodNotFound,
							"Domino has no request " + method, null)));
			return failed;
		}
	}

	/** An unknown notification is ignored, as the protocol says; Xtext would log an error. */
	@Override
	public void notify(String method, Object parameter) {
		try {
			super.notify(method, parameter);
		} catch (UnsupportedOperationException e) {
			// nothing to do
		}
	}

	// A document notification without its document is dropped: Xtext would fail on it inside a
	// build and log a stack trace for it and for the next request.
	@Override
	public void didOpen(DidOpenTextDocumentParams params) {
		if (params != null && params.getTextDocument() != null && params.getTextDocument().getUri() != null) {
			super.didOpen(params);
		}
	}

	@Override
	public void didChange(DidChangeTextDocumentParams params) {
		if (params != null && params.getTextDocument() != null && params.getTextDocument().getUri() != null
				&& params.getContentChanges() != null) {
			super.didChange(params);
		}
	}

	@Override
	public void didClose(DidCloseTextDocumentParams params) {
		if (params != null && params.getTextDocument() != null && params.getTextDocument().getUri() != null) {
			super.didClose(params);
		}
	}

	@Override
	public void didSave(DidSaveTextDocumentParams params) {
		if (params != null && params.getTextDocument() != null && params.getTextDocument().getUri() != null) {
			super.didSave(params);
		}
	}

	@Override
	protected ServerCapabilities createServerCapabilities(InitializeParams params) {
		ServerCapabilities capabilities = super.createServerCapabilities(params);
		capabilities.setInlayHintProvider(true);
		capabilities.setFoldingRangeProvider(true); // Xtext serves folding ranges but does not announce them
		// a client that implements a command itself (VS Code shows the memory map in a webview) lists it
		// in initializationOptions.clientCommands; announcing it too would make the client register it twice
		List<String> clientCommands = clientCommands(params.getInitializationOptions());
		if (capabilities.getExecuteCommandProvider() != null && !clientCommands.isEmpty()) {
			List<String> commands = new ArrayList<>(capabilities.getExecuteCommandProvider().getCommands());
			commands.removeAll(clientCommands);
			capabilities.getExecuteCommandProvider().setCommands(commands);
		}
		return capabilities;
	}

	private static List<String> clientCommands(Object options) {
		List<String> commands = new ArrayList<>();
		if (options instanceof JsonObject o && o.get("clientCommands") instanceof JsonArray array) {
			for (JsonElement e : array) {
				if (e.isJsonPrimitive()) {
					commands.add(e.getAsString());
				}
			}
		}
		return commands;
	}

	@Override
	protected Diagnostic toDiagnostic(Issue issue) {
		Diagnostic d = super.toDiagnostic(issue);
		d.setSource(SOURCE);
		String code = issue.getCode();
		if (code == null || code.startsWith("org.eclipse.xtext")) {
			code = code != null && code.equals(SYNTAX_CODE) ? "syntax" : "order";
		}
		d.setCode(code);
		if (issue.getData() != null && issue.getData().length == 1 && issue.getData()[0].startsWith("{")) {
			JsonObject data = JsonParser.parseString(issue.getData()[0]).getAsJsonObject();
			List<DiagnosticRelatedInformation> related = new ArrayList<>();
			for (JsonElement r : data.getAsJsonArray("related")) {
				JsonObject o = r.getAsJsonObject();
				related.add(new DiagnosticRelatedInformation(new Location(o.get("uri").getAsString(), range(o)),
						o.get("message").getAsString()));
			}
			if (!related.isEmpty()) {
				d.setRelatedInformation(related);
			}
			JsonArray fixes = data.getAsJsonArray("fixes");
			if (!fixes.isEmpty()) {
				JsonObject payload = new JsonObject();
				payload.add("fixes", fixes);
				d.setData(payload);
			}
		}
		return d;
	}

	private static Range range(JsonObject o) {
		return new Range(new Position(o.get("line").getAsInt(), o.get("character").getAsInt()),
				new Position(o.get("endLine").getAsInt(), o.get("endCharacter").getAsInt()));
	}

	/** Quick fixes: each fix a diagnostic carries becomes a code action with its edits. */
	@Override
	protected List<Either<Command, CodeAction>> codeAction(CodeActionParams params, CancelIndicator cancelIndicator) {
		List<Either<Command, CodeAction>> actions = new ArrayList<>(super.codeAction(params, cancelIndicator));
		for (Diagnostic d : params.getContext().getDiagnostics()) {
			JsonArray fixes = fixesOf(d.getData());
			boolean first = true;
			for (JsonElement f : fixes) {
				JsonObject fix = f.getAsJsonObject();
				Map<String, List<TextEdit>> changes = new java.util.LinkedHashMap<>();
				for (JsonElement e : fix.getAsJsonArray("edits")) {
					JsonObject edit = e.getAsJsonObject();
					changes.computeIfAbsent(edit.get("uri").getAsString(), k -> new ArrayList<>())
							.add(new TextEdit(range(edit), edit.get("newText").getAsString()));
				}
				CodeAction action = new CodeAction(fix.get("title").getAsString());
				action.setKind(CodeActionKind.QuickFix);
				action.setDiagnostics(List.of(d));
				action.setEdit(new WorkspaceEdit(changes));
				action.setIsPreferred(first);
				first = false;
				actions.add(Either.forRight(action));
			}
		}
		return actions;
	}

	private static JsonArray fixesOf(Object data) {
		try {
			JsonElement json = data instanceof JsonElement e ? e
					: data == null ? null : JsonParser.parseString(new com.google.gson.Gson().toJson(data));
			if (json != null && json.isJsonObject() && json.getAsJsonObject().has("fixes")) {
				return json.getAsJsonObject().getAsJsonArray("fixes");
			}
		} catch (RuntimeException e) {
			// data from another server, or mangled by a client: no fixes
		}
		return new JsonArray();
	}

	@Override
	public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams params) {
		String uri = params.getTextDocument().getUri();
		return getRequestManager().runRead(cancelIndicator -> getLanguageServerAccess().doSyncRead(uri, context -> {
			if (!(context.getResource() instanceof XtextResource resource)) {
				return List.<InlayHint>of();
			}
			InlayHints hints = resource.getResourceServiceProvider().get(InlayHints.class);
			return hints == null ? List.<InlayHint>of() : hints.compute(resource, context.getDocument(), params.getRange());
		}));
	}

	/** On an import's file name, go to the file; elsewhere, Xtext's definition of the name. */
	@Override
	protected List<? extends Location> definition(CancelIndicator cancelIndicator, DefinitionParams params) {
		String uri = params.getTextDocument().getUri();
		params.setPosition(clamp(uri, params.getPosition()));
		List<Location> imported = getLanguageServerAccess().doSyncRead(uri, context -> {
			if (!(context.getResource() instanceof XtextResource resource)) {
				return List.<Location>of();
			}
			IParseResult parse = resource.getParseResult();
			if (parse == null) {
				return List.<Location>of();
			}
			int offset = context.getDocument().getOffSet(params.getPosition());
			var leaf = NodeModelUtils.findLeafNodeAtOffset(parse.getRootNode(), offset);
			EObject element = leaf == null ? null : NodeModelUtils.findActualSemanticObjectFor(leaf);
			Import i = EcoreUtil2.getContainerOfType(element, Import.class);
			if (i == null || i.getImportURI() == null) {
				return List.<Location>of();
			}
			URI target = URI.createURI(i.getImportURI()).resolve(resource.getURI());
			return List.of(new Location(target.toString(), new Range(new Position(0, 0), new Position(0, 0))));
		});
		return imported.isEmpty() ? super.definition(cancelIndicator, params) : imported;
	}

}
