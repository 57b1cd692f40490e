package dev.domino.lsp;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbolCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

import dev.domino.cli.LanguageServerLauncher;

/**
 * A language client talking JSON-RPC to a Domino server over a pair of pipes: the protocol layer
 * is the real one (LSP4J on both sides), only the process boundary is left out.
 */
final class LspSession implements AutoCloseable {
	final Path root;
	final LanguageServer server;
	final Client client = new Client();
	final InitializeResult initialized;
	private final PipedOutputStream toServer;
	private final Map<String, Integer> versions = new ConcurrentHashMap<>();

	static final class Client implements LanguageClient {
		final Map<String, List<PublishDiagnosticsParams>> diagnostics = new ConcurrentHashMap<>();
		final List<String> logged = java.util.Collections.synchronizedList(new ArrayList<>());

		@Override
		public void publishDiagnostics(PublishDiagnosticsParams params) {
			synchronized (this) {
				diagnostics.computeIfAbsent(params.getUri(), k -> new ArrayList<>()).add(params);
				notifyAll();
			}
		}

		@Override
		public void telemetryEvent(Object object) {
		}

		@Override
		public void showMessage(MessageParams params) {
			logged.add(params.getMessage());
		}

		@Override
		public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams params) {
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public void logMessage(MessageParams params) {
			logged.add(params.getMessage());
		}

		/** The latest diagnostics of a file once they satisfy {@code test}. */
		synchronized PublishDiagnosticsParams await(String uri, Predicate<PublishDiagnosticsParams> test, long millis)
				throws InterruptedException {
			long deadline = System.currentTimeMillis() + millis;
			while (true) {
				List<PublishDiagnosticsParams> all = diagnostics.get(uri);
				if (all != null && !all.isEmpty() && test.test(all.get(all.size() - 1))) {
					return all.get(all.size() - 1);
				}
				long left = deadline - System.currentTimeMillis();
				if (left <= 0) {
					throw new AssertionError("no diagnostics for " + uri + " matched in " + millis + " ms; last: "
							+ (all == null || all.isEmpty() ? "none" : all.get(all.size() - 1).getDiagnostics()));
				}
				wait(left);
			}
		}
	}

	LspSession(Path root) throws Exception {
		this(root, null);
	}

	LspSession(Path root, Object initializationOptions) throws Exception {
		this.root = root;
		PipedInputStream serverIn = new PipedInputStream(1 << 20);
		toServer = new PipedOutputStream(serverIn);
		PipedInputStream clientIn = new PipedInputStream(1 << 20);
		PipedOutputStream fromServer = new PipedOutputStream(clientIn);
		LanguageServerLauncher.serve(serverIn, fromServer);
		Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, clientIn, toServer);
		launcher.startListening();
		server = launcher.getRemoteProxy();
		InitializeParams params = new InitializeParams();
		params.setProcessId((int) ProcessHandle.current().pid());
		params.setRootUri(root.toUri().toString());
		ClientCapabilities capabilities = new ClientCapabilities();
		TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
		DocumentSymbolCapabilities symbols = new DocumentSymbolCapabilities();
		symbols.setHierarchicalDocumentSymbolSupport(true);
		text.setDocumentSymbol(symbols);
		capabilities.setTextDocument(text);
		params.setCapabilities(capabilities);
		params.setInitializationOptions(initializationOptions);
		initialized = server.initialize(params).get(60, TimeUnit.SECONDS);
		server.initialized(new InitializedParams());
	}

	String uri(String file) {
		return root.resolve(file).toUri().toString();
	}

	String open(String file) throws IOException {
		String uri = uri(file);
		String text = Files.readString(root.resolve(file), StandardCharsets.UTF_8);
		versions.put(uri, 1);
		server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "domino", 1, text)));
		return uri;
	}

	void replace(String uri, String text) {
		int version = versions.merge(uri, 1, Integer::sum);
		server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
				new VersionedTextDocumentIdentifier(uri, version), List.of(new TextDocumentContentChangeEvent(text))));
	}

	static TextDocumentIdentifier doc(String uri) {
		return new TextDocumentIdentifier(uri);
	}

	/** The position of the first occurrence of {@code needle} in a file, plus {@code shift} characters. */
	Position at(String file, String needle, int shift) throws IOException {
		String text = Files.readString(root.resolve(file), StandardCharsets.UTF_8);
		int offset = text.indexOf(needle);
		if (offset < 0) {
			throw new AssertionError(needle + " is not in " + file);
		}
		offset += shift;
		int line = 0;
		int column = 0;
		for (int i = 0; i < offset; i++) {
			if (text.charAt(i) == '\n') {
				line++;
				column = 0;
			} else {
				column++;
			}
		}
		return new Position(line, column);
	}

	@Override
	public void close() throws Exception {
		try {
			server.shutdown().get(10, TimeUnit.SECONDS);
		} finally {
			toServer.close();
		}
	}
}
