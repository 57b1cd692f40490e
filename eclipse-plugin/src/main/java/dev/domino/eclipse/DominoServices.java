package dev.domino.eclipse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.IGrammarAccess;
import org.eclipse.xtext.findReferences.IReferenceFinder;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.ILanguageServerAccess;
import org.eclipse.xtext.ide.server.contentassist.ContentAssistService;
import org.eclipse.xtext.ide.server.hover.IHoverService;
import org.eclipse.xtext.ide.server.symbol.DocumentSymbolService;
import org.eclipse.xtext.ide.server.symbol.HierarchicalDocumentSymbolService;
import org.eclipse.xtext.ide.server.symbol.IDocumentSymbolService;
import org.eclipse.xtext.resource.IResourceFactory;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.concurrent.IUnitOfWork;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;

import com.google.gson.Gson;
import com.google.inject.Injector;

import dev.domino.diagnostics.DiagnosticJson;
import dev.domino.ide.DominoIdeSetup;
import dev.domino.ide.server.DominoCommands;

/**
 * The one place the plug-in calls Domino: the language and ide bundles, in this JVM. Everything an editor
 * shows comes from their services (validation with the rules' diagnostics, completion, hover, definitions,
 * document symbols, the compile and memory-map commands); this class only loads text into their resources
 * and turns their answers into the plain records below, so that nothing else in the plug-in sees a Domino,
 * Xtext or LSP type.
 *
 * <p>Places are 0-based lines and characters, as Domino's editor services give them; offsets are character
 * offsets into the text that was passed in.
 */
public final class DominoServices {
	/** One finding of a rule (or a syntax error) in one file. */
	public record Problem(String ruleId, Severity severity, String message, int offset, int length, int line,
			List<Place> related, List<QuickFix> fixes, String fixData) {
		/** The text a marker or an annotation shows: {@code message [rule-id]}, then the other places involved. */
		public String text() {
			StringBuilder out = new StringBuilder(message).append(" [").append(ruleId).append(']');
			for (Place p : related) {
				out.append(" (").append(p.message().isEmpty() ? "see" : p.message()).append(": ").append(p.fileName())
						.append(':').append(p.line() + 1).append(')');
			}
			return out.toString();
		}
	}

	public enum Severity {
		ERROR, WARNING, INFO
	}

	/** A range in a file, with what it has to do with the problem. */
	public record Place(String uri, int line, int character, int endLine, int endCharacter, String message) {
		public String fileName() {
			return uri.substring(uri.lastIndexOf('/') + 1);
		}
	}

	/** A quick fix a rule offers: a title and the edits that make it. */
	public record QuickFix(String title, List<Edit> edits) {
	}

	public record Edit(Place at, String newText) {
	}

	/** A completion: replace {@code length} characters at {@code offset} with {@code text}. */
	public record Proposal(String text, String label, String detail, int offset, int length) {
	}

	/** An outline entry: its whole range, the range of its name, and what it contains. */
	public record Symbol(String name, String kind, Place range, Place selection, List<Symbol> children) {
	}

	private static final String EXTENSION = "domino";
	/** A marker keeps its fixes as this JSON, in DiagnosticJson's shape. */
	private static final Gson FIX_JSON = new Gson();

	private static volatile DominoServices instance;

	private final Injector injector;

	private DominoServices(Injector injector) {
		this.injector = injector;
	}

	/** The language with its editor services, set up once (about a second) on first use. */
	public static DominoServices get() {
		DominoServices s = instance;
		if (s == null) {
			synchronized (DominoServices.class) {
				if (instance == null) {
					instance = new DominoServices(new DominoIdeSetup().createInjectorAndDoEMFRegistration());
				}
				s = instance;
			}
		}
		return s;
	}

	// ------------------------------------------------------------------------------------------ loading

	/**
	 * Files loaded together, as Domino loads them: imports resolve to files on disk unless their text was
	 * given (an unsaved editor).
	 */
	public final class Files {
		private final XtextResourceSet set = injector.getInstance(XtextResourceSet.class);

		Files() {
			set.getLoadOptions().put(XtextResource.OPTION_ENCODING, "UTF-8");
			// resources of this set come from this injector (with the editor services), whatever was registered
			// globally since: compiling (DominoCompiler) registers the language again, without them
			set.getResourceFactoryRegistry().getExtensionToFactoryMap().put(EXTENSION,
					injector.getInstance(IResourceFactory.class));
		}

		/** Gives a file's text (an unsaved editor); call before loading files that import it. */
		public void text(Path file, String text) {
			URI uri = uri(file);
			Resource r = set.getResource(uri, false);
			if (r != null) {
				r.unload();
				set.getResources().remove(r);
			}
			r = set.createResource(uri);
			try {
				r.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), set.getLoadOptions());
			} catch (IOException e) {
				throw new IllegalStateException("cannot happen: reading a string", e);
			}
		}

		/**
		 * Applies one edit of a file already given by {@link #text}: Xtext reparses only the part that changed
		 * (and Domino relinks only that part), as the language server does for each change an editor sends.
		 */
		public void edit(Path file, int offset, int length, String newText) {
			Resource r = set.getResource(uri(file), false);
			if (r instanceof XtextResource x && x.getParseResult() != null) {
				x.update(offset, length, newText);
			}
		}

		/** The text of a loaded file as Domino has it (after edits); null if it is not loaded. */
		public String textOf(Path file) {
			Resource r = set.getResource(uri(file), false);
			return r instanceof XtextResource x && x.getParseResult() != null ? x.getParseResult().getRootNode().getText()
					: null;
		}

		XtextResource resource(Path file) {
			return (XtextResource) set.getResource(uri(file), true);
		}

		/** The problems Domino reports in {@code file}, as the language server reports them. */
		public List<Problem> problems(Path file) {
			XtextResource resource = resource(file);
			IResourceValidator validator = resource.getResourceServiceProvider().getResourceValidator();
			List<Problem> out = new ArrayList<>();
			for (Issue issue : validator.validate(resource, CheckMode.ALL, CancelIndicator.NullImpl)) {
				problem(issue).ifPresent(out::add);
			}
			return out;
		}

		/** Completion at {@code offset} of {@code file}'s text: keywords, names in scope (a board's devices), sizes. */
		public List<Proposal> complete(Path file, int offset) {
			XtextResource resource = resource(file);
			Document doc = document(resource);
			CompletionParams params = new CompletionParams(new TextDocumentIdentifier(resource.getURI().toString()),
					doc.getPosition(Math.min(offset, doc.getContents().length())));
			ContentAssistService service = resource.getResourceServiceProvider().get(ContentAssistService.class);
			List<Proposal> out = new ArrayList<>();
			for (CompletionItem item : service.createCompletionList(doc, resource, params, CancelIndicator.NullImpl)
					.getItems()) {
				String text = item.getInsertText() != null ? item.getInsertText() : item.getLabel();
				int start = offset;
				int end = offset;
				if (item.getTextEdit() != null && item.getTextEdit().isLeft()) {
					text = item.getTextEdit().getLeft().getNewText();
					start = doc.getOffSet(item.getTextEdit().getLeft().getRange().getStart());
					end = doc.getOffSet(item.getTextEdit().getLeft().getRange().getEnd());
				}
				out.add(new Proposal(text, item.getLabel(), item.getDetail(), start, end - start));
			}
			return out;
		}

		/** What Domino resolved for the element at {@code offset} (Markdown): range, size, owner, MPU use; null if nothing. */
		public String hover(Path file, int offset) {
			XtextResource resource = resource(file);
			Document doc = document(resource);
			HoverParams params = new HoverParams(new TextDocumentIdentifier(resource.getURI().toString()),
					doc.getPosition(Math.min(offset, doc.getContents().length())));
			IHoverService service = resource.getResourceServiceProvider().get(IHoverService.class);
			var hover = service.hover(doc, resource, params, CancelIndicator.NullImpl);
			if (hover == null || hover.getContents() == null) {
				return null;
			}
			if (hover.getContents().isRight()) {
				return hover.getContents().getRight().getValue();
			}
			StringBuilder out = new StringBuilder();
			for (var part : hover.getContents().getLeft()) {
				out.append(part.isLeft() ? part.getLeft() : part.getRight().getValue()).append('\n');
			}
			return out.toString().isBlank() ? null : out.toString();
		}

		/** Where the name at {@code offset} is declared, in this file or another; an import goes to its file. */
		public List<Place> definition(Path file, int offset) {
			XtextResource resource = resource(file);
			List<Place> out = new ArrayList<>();
			// an import's file name: the file itself (as the language server answers)
			Import imported = importAt(resource, offset);
			if (imported != null) {
				out.add(new Place(imported.target(), 0, 0, 0, 0, ""));
				return out;
			}
			DocumentSymbolService symbols = resource.getResourceServiceProvider().get(DocumentSymbolService.class);
			IReferenceFinder.IResourceAccess access = new IReferenceFinder.IResourceAccess() {
				@Override
				public <R> R readOnly(URI uri, IUnitOfWork<R, ResourceSet> work) {
					try {
						return work.exec(set);
					} catch (Exception e) {
						throw new IllegalStateException(e);
					}
				}
			};
			List<? extends Location> found;
			try {
				found = symbols.getDefinitions(resource, offset, access, CancelIndicator.NullImpl);
			} catch (NullPointerException e) {
				// Xtext 2.42's EObjectAtOffsetHelper.getElementWithNameAt fails on some offsets of text that does
				// not parse there (a name resolver given no object): no declaration to go to
				return out;
			}
			for (Location l : found) {
				out.add(place(l.getUri(), l.getRange(), ""));
			}
			return out;
		}

		/** The outline: boards, systems, domains, modules, devices, as the language server's document symbols. */
		public List<Symbol> outline(Path file) {
			XtextResource resource = resource(file);
			IDocumentSymbolService service = resource.getResourceServiceProvider().get(IDocumentSymbolService.class);
			if (!(service instanceof HierarchicalDocumentSymbolService hierarchical)) {
				return List.of();
			}
			String uri = resource.getURI().toString();
			List<Symbol> out = new ArrayList<>();
			for (DocumentSymbol s : hierarchical.getSymbols(resource, CancelIndicator.NullImpl)) {
				out.add(symbol(uri, s));
			}
			return out;
		}

		/**
		 * The memory map of the file's first system (or board) as the editor has it, from the server's
		 * {@code domino.memoryMap} command: the keys {@code svg}, {@code text}, {@code name}, {@code errors}, or
		 * {@code error}.
		 */
		public Map<String, Object> memoryMap(Path file) {
			XtextResource resource = resource(file);
			return command(DominoCommands.MEMORY_MAP, resource, resource.getURI().toString());
		}
	}

	public Files files() {
		return new Files();
	}

	/** The problems of several saved files, loaded together (a build). */
	public Map<Path, List<Problem>> check(List<Path> files) {
		Files loaded = files();
		Map<Path, List<Problem>> out = new LinkedHashMap<>();
		for (Path f : files) {
			out.put(f, loaded.problems(f));
		}
		return out;
	}

	/**
	 * Compiles the saved file with the server's {@code domino.compile} command: the keys {@code ok},
	 * {@code output} (the folder), {@code diagnostics} (messages as the command line prints them) or {@code error}.
	 */
	public Map<String, Object> compile(Path file) {
		return command(DominoCommands.COMPILE, null, uri(file).toString());
	}

	/** The language's keywords, for colouring (from the grammar, so they never drift). */
	public List<String> keywords() {
		IGrammarAccess grammar = injector.getInstance(IGrammarAccess.class);
		return new ArrayList<>(GrammarUtil.getAllKeywords(grammar.getGrammar()));
	}

	// ------------------------------------------------------------------------------------------ conversions

	private static URI uri(Path file) {
		return URI.createFileURI(file.toAbsolutePath().normalize().toString());
	}

	private static Document document(XtextResource resource) {
		String text = resource.getParseResult() == null ? "" : resource.getParseResult().getRootNode().getText();
		return new Document(1, text);
	}

	private record Import(String target) {
	}

	private static Import importAt(XtextResource resource, int offset) {
		if (resource.getParseResult() == null) {
			return null;
		}
		var leaf = org.eclipse.xtext.nodemodel.util.NodeModelUtils
				.findLeafNodeAtOffset(resource.getParseResult().getRootNode(), offset);
		var element = leaf == null ? null : org.eclipse.xtext.nodemodel.util.NodeModelUtils.findActualSemanticObjectFor(leaf);
		var i = org.eclipse.xtext.EcoreUtil2.getContainerOfType(element, dev.domino.ast.Import.class);
		if (i == null || i.getImportURI() == null) {
			return null;
		}
		return new Import(URI.createURI(i.getImportURI()).resolve(resource.getURI()).toString());
	}

	private static Symbol symbol(String uri, DocumentSymbol s) {
		List<Symbol> children = new ArrayList<>();
		if (s.getChildren() != null) {
			for (DocumentSymbol c : s.getChildren()) {
				children.add(symbol(uri, c));
			}
		}
		return new Symbol(s.getName(), s.getKind() == null ? "" : s.getKind().name(), place(uri, s.getRange(), ""),
				place(uri, s.getSelectionRange(), ""), children);
	}

	private static Place place(String uri, Range r, String message) {
		return new Place(uri, r.getStart().getLine(), r.getStart().getCharacter(), r.getEnd().getLine(),
				r.getEnd().getCharacter(), message);
	}

	/**
	 * An Xtext issue as a problem. Codes and data are those the language server reads: the rule id, or for
	 * Xtext's own syntax and linking issues {@code syntax} and {@code order} (as DominoLanguageServer names
	 * them); related places and fixes travel as JSON in the issue data (Domino's DiagnosticJson).
	 */
	private static java.util.Optional<Problem> problem(Issue issue) {
		Severity severity = switch (issue.getSeverity()) {
		case ERROR -> Severity.ERROR;
		case WARNING -> Severity.WARNING;
		case INFO -> Severity.INFO;
		default -> null;
		};
		if (severity == null) {
			return java.util.Optional.empty();
		}
		String code = issue.getCode();
		if (code == null || code.startsWith("org.eclipse.xtext")) {
			code = code != null && code.endsWith("Diagnostic.Syntax") ? "syntax" : "order";
		}
		List<Place> related = new ArrayList<>();
		List<QuickFix> fixes = new ArrayList<>();
		String fixData = null;
		String[] data = issue.getData();
		if (data != null && data.length == 1 && data[0].startsWith("{")) {
			DiagnosticJson.Entry entry = DiagnosticJson.read(data[0]);
			if (entry.related() != null) {
				for (DiagnosticJson.RelatedPlace r : entry.related()) {
					related.add(place(r.location(), r.message()));
				}
			}
			if (entry.fixes() != null && !entry.fixes().isEmpty()) {
				fixes.addAll(quickFixes(entry.fixes()));
				fixData = FIX_JSON.toJson(entry.fixes());
			}
		}
		int offset = issue.getOffset() == null ? 0 : issue.getOffset();
		int length = issue.getLength() == null ? 0 : issue.getLength();
		int line = issue.getLineNumber() == null ? 1 : issue.getLineNumber();
		return java.util.Optional.of(new Problem(code, severity, issue.getMessage(), offset, length, line, related, fixes,
				fixData));
	}

	/** A place of Domino's JSON (1-based lines and columns) as Eclipse counts (0-based). */
	private static Place place(DiagnosticJson.Location l, String message) {
		return new Place(l.uri(), l.line() - 1, l.column() - 1, l.endLine() - 1, l.endColumn() - 1,
				message == null ? "" : message);
	}

	private static List<QuickFix> quickFixes(List<DiagnosticJson.QuickFix> fixes) {
		List<QuickFix> out = new ArrayList<>();
		for (DiagnosticJson.QuickFix f : fixes) {
			List<Edit> edits = new ArrayList<>();
			for (DiagnosticJson.Edit e : f.edits()) {
				edits.add(new Edit(place(e.location(), ""), e.newText()));
			}
			out.add(new QuickFix(f.title(), edits));
		}
		return out;
	}

	/** Quick fixes back from a marker's {@code fixes} attribute (the JSON {@link Problem#fixData()} wrote). */
	public static List<QuickFix> fixes(String fixData) {
		if (fixData == null || fixData.isBlank()) {
			return new ArrayList<>();
		}
		return quickFixes(List.of(FIX_JSON.fromJson(fixData, DiagnosticJson.QuickFix[].class)));
	}

	// ------------------------------------------------------------------------------------------ server commands

	/**
	 * Runs one of the server's commands ({@link DominoCommands}) in this JVM, with the resource it reads given
	 * directly instead of through a language server's workspace.
	 */
	@SuppressWarnings("unchecked")
	private Map<String, Object> command(String command, XtextResource resource, String uri) {
		DominoCommands commands = injector.getInstance(DominoCommands.class);
		ILanguageServerAccess access = new ILanguageServerAccess() {
			@Override
			public <T> T doSyncRead(String u, Function<Context, T> work) {
				return work.apply(new Context(resource, document(resource), true, CancelIndicator.NullImpl));
			}

			@Override
			public <T> CompletableFuture<T> doRead(String u, Function<Context, T> work) {
				return CompletableFuture.completedFuture(doSyncRead(u, work));
			}

			@Override
			public <T> CompletableFuture<T> doReadIndex(Function<? super IndexContext, ? extends T> work) {
				throw new UnsupportedOperationException("no index in Eclipse");
			}

			@Override
			public void addBuildListener(IBuildListener listener) {
			}

			@Override
			public LanguageClient getLanguageClient() {
				return null;
			}

			@Override
			public ResourceSet newLiveScopeResourceSet(URI u) {
				return resource == null ? null : resource.getResourceSet();
			}

			@Override
			public InitializeParams getInitializeParams() {
				return new InitializeParams();
			}

			@Override
			public InitializeResult getInitializeResult() {
				return new InitializeResult();
			}
		};
		Object result = commands.execute(new ExecuteCommandParams(command, List.of(uri)), access, CancelIndicator.NullImpl);
		if (result instanceof Map<?, ?> map) {
			return new LinkedHashMap<>((Map<String, Object>) map);
		}
		return Map.of("error", String.valueOf(new Gson().toJson(result)));
	}
}
