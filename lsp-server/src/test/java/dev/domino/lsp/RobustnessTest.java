package dev.domino.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.domino.cli.LanguageServerLauncher;
import dev.domino.testing.Workspace;

/** The server never dies: not on broken text, unknown requests, malformed JSON-RPC, or thousands of edits. */
class RobustnessTest {
	@TempDir
	Path dir;

	static final String DEMO = LanguageServerTest.DEMO;

	@Test
	void halfTypedAndGarbageTextGetDiagnosticsNotErrors() throws Exception {
		new Workspace(dir).qemuBoard();
		new Workspace(dir).write("demo.domino", DEMO);
		try (LspSession lsp = new LspSession(dir)) {
			String uri = lsp.open("demo.domino");
			Random random = new Random(7);
			String[] fragments = { "", "{", "}", "domain", "memory 0x", "at", "..", "\"", "0x1_0000_0000_0000_0000",
					"passthrough ", "after", "import \"", "\u0000", "\uffff", "board b {", "system s on b {", "9G", "*" };
			for (int round = 0; round < 200; round++) {
				int cut = random.nextInt(DEMO.length());
				String text = DEMO.substring(0, cut) + fragments[random.nextInt(fragments.length)]
						+ DEMO.substring(Math.min(DEMO.length(), cut + random.nextInt(30)));
				lsp.replace(uri, text);
				if (round % 20 == 0) {
					allFeaturesAnswer(lsp, uri, text);
				}
			}
			lsp.replace(uri, DEMO);
			lsp.client.await(uri, p -> LanguageServerTest.noErrors(p.getDiagnostics()), 60_000);
		}
	}

	/** Completion runs its own parser: a value nested 20,000 deep must not overflow its stack either. */
	@Test
	void completionInADeeplyNestedValueAnswers() throws Exception {
		new Workspace(dir).qemuBoard();
		String deep = DEMO.replace("memory 128M", "memory " + "(".repeat(20_000) + "128M" + ")".repeat(20_000));
		new Workspace(dir).write("demo.domino", deep);
		try (LspSession lsp = new LspSession(dir)) {
			String uri = lsp.open("demo.domino");
			var docs = lsp.server.getTextDocumentService();
			int line = 0;
			String[] lines = deep.split("\n", -1);
			while (!lines[line].contains("((")) {
				line++;
			}
			// Xtext catches what its completion parser throws and logs it: read the log
			java.util.List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
			org.apache.log4j.AppenderSkeleton appender = new org.apache.log4j.AppenderSkeleton() {
				@Override
				protected void append(org.apache.log4j.spi.LoggingEvent event) {
					String[] trace = event.getThrowableStrRep();
					logged.add(event.getRenderedMessage() + (trace == null ? "" : String.join("\n", trace)));
				}

				@Override
				public void close() {
				}

				@Override
				public boolean requiresLayout() {
					return false;
				}
			};
			org.apache.log4j.Logger.getRootLogger().addAppender(appender);
			try {
				for (int column : new int[] { lines[line].indexOf('(') + 10_000, lines[line].length() - 2 }) {
					docs.completion(new CompletionParams(LspSession.doc(uri), new Position(line, column))).get(60,
							TimeUnit.SECONDS);
				}
			} finally {
				org.apache.log4j.Logger.getRootLogger().removeAppender(appender);
			}
			assertTrue(logged.stream().noneMatch(l -> l.contains("StackOverflowError")), String.join("\n", logged));
			allFeaturesAnswer(lsp, uri, deep);
			lsp.replace(uri, DEMO);
			lsp.client.await(uri, p -> LanguageServerTest.noErrors(p.getDiagnostics()), 60_000);
		}
	}

	/** Every read request on a broken document answers (possibly empty), never with an error. */
	static void allFeaturesAnswer(LspSession lsp, String uri, String text) throws Exception {
		var docs = lsp.server.getTextDocumentService();
		int lines = (int) text.chars().filter(c -> c == '\n').count();
		Position p = new Position(Math.min(5, lines), 4);
		docs.hover(new HoverParams(LspSession.doc(uri), p)).get(30, TimeUnit.SECONDS);
		docs.completion(new CompletionParams(LspSession.doc(uri), p)).get(30, TimeUnit.SECONDS);
		docs.documentSymbol(new DocumentSymbolParams(LspSession.doc(uri))).get(30, TimeUnit.SECONDS);
		docs.semanticTokensFull(new SemanticTokensParams(LspSession.doc(uri))).get(30, TimeUnit.SECONDS);
		docs.inlayHint(new InlayHintParams(LspSession.doc(uri), new Range(new Position(0, 0), new Position(lines + 1, 0))))
				.get(30, TimeUnit.SECONDS);
		docs.codeLens(new CodeLensParams(LspSession.doc(uri))).get(30, TimeUnit.SECONDS);
	}

	@Test
	void anUnknownRequestIsAnErrorResponseAndTheServerGoesOn() throws Exception {
		new Workspace(dir).qemuBoard();
		try (LspSession lsp = new LspSession(dir)) {
			CompletableFuture<?> unknown = rawRequest(lsp, "domino/noSuchMethod");
			try {
				unknown.get(10, TimeUnit.SECONDS);
				throw new AssertionError("an unknown method must be an error response");
			} catch (java.util.concurrent.ExecutionException e) {
				assertTrue(e.getCause() instanceof ResponseErrorException, e.toString());
				assertEquals(-32601, ((ResponseErrorException) e.getCause()).getResponseError().getCode());
			}
			String uri = lsp.open("qemu-virt.domino");
			assertNotNull(lsp.server.getTextDocumentService().documentSymbol(new DocumentSymbolParams(LspSession.doc(uri)))
					.get(30, TimeUnit.SECONDS));
		}
	}

	private static CompletableFuture<?> rawRequest(LspSession lsp, String method) throws Exception {
		var handler = java.lang.reflect.Proxy.getInvocationHandler(lsp.server);
		var field = handler.getClass().getDeclaredField("delegate");
		field.setAccessible(true);
		var endpoint = (org.eclipse.lsp4j.jsonrpc.Endpoint) field.get(handler);
		return endpoint.request(method, null);
	}

	@Test
	void malformedJsonRpcDoesNotStopTheServer() throws Exception {
		new Workspace(dir).qemuBoard();
		PipedInputStream serverIn = new PipedInputStream(1 << 20);
		PipedOutputStream toServer = new PipedOutputStream(serverIn);
		PipedInputStream fromServer = new PipedInputStream(1 << 20);
		LanguageServerLauncher.serve(serverIn, new PipedOutputStream(fromServer));
		send(toServer, "{this is not json");
		send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":42}}");
		send(toServer, "[1,2,3]");
		send(toServer, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":null}");
		toServer.write("Content-Length: 5\r\n\r\n{\"a\":".getBytes(StandardCharsets.UTF_8)); // a truncated body
		send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":{\"processId\":null,\"rootUri\":\""
				+ dir.toUri() + "\",\"capabilities\":{}}}");
		String reply = readUntil(fromServer, "\"id\":2", 60_000);
		assertTrue(reply.contains("\"capabilities\""), reply);
		send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"shutdown\"}");
		assertTrue(readUntil(fromServer, "\"id\":3", 30_000).contains("\"result\""));
		toServer.close();
	}

	private static void send(OutputStream out, String json) throws Exception {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		out.write(body);
		out.flush();
	}

	private static String readUntil(InputStream in, String marker, long millis) throws Exception {
		ByteArrayOutputStream seen = new ByteArrayOutputStream();
		long deadline = System.currentTimeMillis() + millis;
		while (System.currentTimeMillis() < deadline) {
			while (in.available() > 0) {
				seen.write(in.read());
			}
			String text = seen.toString(StandardCharsets.UTF_8);
			int at = text.indexOf(marker);
			if (at >= 0) {
				return text.substring(at);
			}
			Thread.sleep(20);
		}
		throw new AssertionError("no " + marker + " in " + millis + " ms: " + seen.toString(StandardCharsets.UTF_8));
	}

	@Test
	void aSoakOfThousandsOfEditsGivesNoErrorResponsesAndStableMemory() throws Exception {
		new Workspace(dir).qemuBoard();
		new Workspace(dir).write("demo.domino", DEMO);
		try (LspSession lsp = new LspSession(dir)) {
			String uri = lsp.open("demo.domino");
			Random random = new Random(42);
			List<CompletableFuture<?>> pending = new ArrayList<>();
			long before = 0;
			String text = DEMO;
			for (int round = 0; round < 3000; round++) {
				int at = random.nextInt(text.length() + 1);
				if (random.nextBoolean() && text.length() > 10) {
					text = text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(5)));
				} else {
					text = text.substring(0, at) + "ab{}\" 0x19M\n".charAt(random.nextInt(11)) + text.substring(at);
				}
				if (round % 250 == 0) {
					text = DEMO; // come back to a valid file now and then, as people do
				}
				lsp.replace(uri, text);
				if (round % 10 == 0) {
					pending.add(lsp.server.getTextDocumentService().hover(new HoverParams(LspSession.doc(uri),
							new Position(random.nextInt(20), random.nextInt(30)))));
					pending.add(lsp.server.getTextDocumentService().inlayHint(new InlayHintParams(LspSession.doc(uri),
							new Range(new Position(0, 0), new Position(40, 0)))));
				}
				if (round == 500) {
					drain(pending);
					before = usedAfterGc();
				}
			}
			drain(pending);
			lsp.replace(uri, DEMO);
			lsp.client.await(uri, p -> LanguageServerTest.noErrors(p.getDiagnostics()), 60_000);
			long after = usedAfterGc();
			assertTrue(after < before + (64L << 20), "heap grew from " + (before >> 20) + " MiB to " + (after >> 20)
					+ " MiB over 2500 edits");
			assertFalse(lsp.client.logged.stream().anyMatch(m -> m.contains("Exception")), lsp.client.logged.toString());
		}
	}

	private static void drain(List<CompletableFuture<?>> pending) throws Exception {
		for (CompletableFuture<?> f : pending) {
			f.get(60, TimeUnit.SECONDS); // an error response would throw here
		}
		pending.clear();
	}

	private static long usedAfterGc() throws InterruptedException {
		Runtime rt = Runtime.getRuntime();
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return rt.totalMemory() - rt.freeMemory();
	}
}
