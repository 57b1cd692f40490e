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
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
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

import dev.domino.ast.Import;
import dev.domino.diagnostics.DiagnosticJson;
import dev.domino.diagnostics.RuleId;
import dev.domino.ide.hints.InlayHints;

/**
 * Xtext's language server with what Domino adds: every diagnostic carries its rule id, the other
 * ranges involved as related information and its fixes as data, which code actions turn into
 * edits; inlay hints with the addresses Domino chose; go to definition on an import.
 */
public class DominoLanguageServer extends LanguageServerImpl {
	static final String SOURCE = "domino";
	static final String SYNTAX_CODE = "org.eclipse.xtext.diagnostics.Diagnostic.Syntax";
	private static final com.google.gson.Gson GSON = new com.google.gson.Gson();
	@com.google.inject.Inject
	private org.eclipse.xtext.ide.server.UriExtensions uris;
	/** The URIs of the documents the client has open (as the client spells them). */
	private final java.util.Set<String> openDocuments = java.util.concurrent.ConcurrentHashMap.newKeySet();

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
			openDocuments.add(params.getTextDocument().getUri());
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
			openDocuments.remove(params.getTextDocument().getUri());
			super.didClose(params);
		}
	}

	/**
	 * A file that is not Domino text (a kernel, a ramdisk, a base DTB) changed on disk: every open
	 * document is checked again, so that its diagnostics follow the files it loads (the analysis
	 * cache notices which did change and keeps the rest).
	 */
	@Override
	protected org.eclipse.xtext.ide.server.BuildManager.Buildable toBuildable(
			org.eclipse.lsp4j.DidChangeWatchedFilesParams params) {
		if (params == null || params.getChanges() == null) {
			return org.eclipse.xtext.ide.server.BuildManager.Buildable.NO_BUILD;
		}
		List<org.eclipse.lsp4j.FileEvent> domino = new ArrayList<>();
		boolean binaries = false;
		for (org.eclipse.lsp4j.FileEvent e : params.getChanges()) {
			if (e == null || e.getUri() == null) {
				continue;
			}
			if (e.getUri().endsWith(".domino")) {
				domino.add(e);
			} else {
				binaries = true;
			}
		}
		if (binaries) {
			for (String uri : openDocuments) {
				domino.add(new org.eclipse.lsp4j.FileEvent(uri, org.eclipse.lsp4j.FileChangeType.Changed));
			}
		}
		return binaries || !domino.isEmpty() ? rebuild(domino) : org.eclipse.xtext.ide.server.BuildManager.Buildable.NO_BUILD;
	}

	/** Xtext's build for changed files; open documents are built from their text. */
	private org.eclipse.xtext.ide.server.BuildManager.Buildable rebuild(List<org.eclipse.lsp4j.FileEvent> changes) {
		List<URI> dirty = new ArrayList<>();
		List<URI> deleted = new ArrayList<>();
		for (org.eclipse.lsp4j.FileEvent e : changes) {
			URI uri = uris.toUri(e.getUri());
			(e.getType() == org.eclipse.lsp4j.FileChangeType.Deleted && !openDocuments.contains(e.getUri()) ? deleted
					: dirty).add(uri);
		}
		return getWorkspaceManager().didChangeFiles(dirty, deleted);
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
			code = (code != null && code.equals(SYNTAX_CODE) ? RuleId.SYNTAX : RuleId.ORDER).id();
		}
		d.setCode(code);
		if (issue.getData() != null && issue.getData().length == 1 && issue.getData()[0].startsWith("{")) {
			DiagnosticJson.Entry entry = DiagnosticJson.read(issue.getData()[0]);
			List<DiagnosticRelatedInformation> related = new ArrayList<>();
			for (DiagnosticJson.RelatedPlace r : entry.related()) {
				related.add(new DiagnosticRelatedInformation(new Location(r.location().uri(), range(r.location())),
						r.message()));
			}
			if (!related.isEmpty()) {
				d.setRelatedInformation(related);
			}
			if (!entry.fixes().isEmpty()) {
				JsonObject payload = new JsonObject();
				payload.add("fixes", GSON.toJsonTree(entry.fixes()));
				d.setData(payload);
			}
		}
		return d;
	}

	/** A range in the protocol's terms: 0-based lines and columns. */
	private static Range range(DiagnosticJson.Location l) {
		return new Range(new Position(l.line() - 1, l.column() - 1), new Position(l.endLine() - 1, l.endColumn() - 1));
	}

	/** Quick fixes: each fix a diagnostic carries becomes a code action with its edits. */
	@Override
	protected List<Either<Command, CodeAction>> codeAction(CodeActionParams params, CancelIndicator cancelIndicator) {
		List<Either<Command, CodeAction>> actions = new ArrayList<>(super.codeAction(params, cancelIndicator));
		for (Diagnostic d : params.getContext().getDiagnostics()) {
			boolean first = true;
			for (DiagnosticJson.QuickFix fix : fixesOf(d.getData())) {
				Map<String, List<TextEdit>> changes = new java.util.LinkedHashMap<>();
				for (DiagnosticJson.Edit edit : fix.edits()) {
					changes.computeIfAbsent(edit.location().uri(), k -> new ArrayList<>())
							.add(new TextEdit(range(edit.location()), edit.newText()));
				}
				CodeAction action = new CodeAction(fix.title());
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

	/** The fixes a diagnostic's data carries; none for data from another server, or mangled by a client. */
	private static List<DiagnosticJson.QuickFix> fixesOf(Object data) {
		try {
			JsonElement json = data instanceof JsonElement e ? e : data == null ? null : GSON.toJsonTree(data);
			if (json != null && json.isJsonObject() && json.getAsJsonObject().get("fixes") instanceof JsonArray a) {
				List<DiagnosticJson.QuickFix> fixes = new ArrayList<>();
				for (JsonElement f : a) {
					DiagnosticJson.QuickFix fix = GSON.fromJson(f, DiagnosticJson.QuickFix.class);
					if (fix != null && fix.title() != null && fix.edits() != null
							&& fix.edits().stream().allMatch(x -> x != null && x.location() != null && x.newText() != null)) {
						fixes.add(fix);
					}
				}
				return fixes;
			}
		} catch (RuntimeException e) {
			// not Domino's data: no fixes
		}
		return List.of();
	}

	/**
	 * A rename Xtext refuses (no name here, or a new name that is not one) is the error LSP
	 * defines for it, with Xtext's reason; not an internal error carrying a stack trace.
	 */
	@Override
	public CompletableFuture<WorkspaceEdit> rename(org.eclipse.lsp4j.RenameParams params) {
		return super.rename(params).handle((edit, failure) -> {
			if (failure == null) {
				return edit;
			}
			Throwable cause = failure;
			while (cause.getCause() != null && !(cause instanceof org.eclipse.lsp4j.jsonrpc.ResponseErrorException)) {
				cause = cause.getCause();
			}
			if (cause instanceof java.util.concurrent.CancellationException) {
				throw (java.util.concurrent.CancellationException) cause;
			}
			String reason = cause instanceof org.eclipse.lsp4j.jsonrpc.ResponseErrorException r
					? r.getResponseError().getMessage() : String.valueOf(cause.getMessage());
			throw new org.eclipse.lsp4j.jsonrpc.ResponseErrorException(new org.eclipse.lsp4j.jsonrpc.messages.ResponseError(
					org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode.RequestFailed, "cannot rename here: " + reason, null));
		});
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
