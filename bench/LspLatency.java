import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * Language-server figures, against the real `domino lsp` process (the repository launcher):
 * start to first diagnostics (median of RUNS fresh starts), didChange to publishDiagnostics
 * latency (p50, p95 over EDITS edits) on a 200-domain (~2k lines) and a 2,000-domain (~20k
 * lines) workspace, and the server's resident memory; then the same over EDITS edits of the same
 * server once the JIT has compiled the edit path (after LATER_SKIP more), which is what a session
 * of typing sees after its first minute. Run with bench/lsp-latency.sh.
 */
public class LspLatency {
	static final int RUNS = 5;
	static final int EDITS = 60;
	/** Edits between the window (edits 11-70 of a fresh server) and the warm one after it. */
	static final int LATER_SKIP = 80;

	record Client(LanguageServer server, LinkedBlockingQueue<PublishDiagnosticsParams> published, Process process)
			implements AutoCloseable {
		@Override
		public void close() throws Exception {
			try {
				server.shutdown().get(10, TimeUnit.SECONDS);
				server.exit();
			} catch (Exception e) {
				// the process is stopped below either way
			}
			process.destroy();
			process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	/** Held so the setting stays: LSP4J logs every closed stream of a stopped server at INFO. */
	static final java.util.logging.Logger JSONRPC_LOG = java.util.logging.Logger.getLogger("org.eclipse.lsp4j.jsonrpc");

	public static void main(String[] args) throws Exception {
		JSONRPC_LOG.setLevel(java.util.logging.Level.WARNING);
		Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
		Path dir = Files.createTempDirectory("domino-lsp-bench");
		image(dir.resolve("Image"));
		Files.writeString(dir.resolve("board.domino"), "board big {\n    pa-bits 48\n    cpus 8\n"
				+ "    memory ram at 0x1_0000_0000 size 64G\n    device uart0 { compatible \"arm,pl011\" reg 0x900_0000 size 4K irq spi 1 }\n}\n");
		Files.writeString(dir.resolve("small.domino"), system(10));

		long[] starts = new long[RUNS];
		for (int i = 0; i < RUNS; i++) {
			long t0 = System.nanoTime();
			try (Client c = start(repo, dir)) {
				open(c, dir.resolve("small.domino"));
				c.published().poll(60, TimeUnit.SECONDS);
				starts[i] = System.nanoTime() - t0;
			}
		}
		java.util.Arrays.sort(starts);
		System.out.printf("start to first diagnostics (process start, initialize, didOpen): median %.0f ms (min %.0f, max %.0f)%n",
				starts[RUNS / 2] / 1e6, starts[0] / 1e6, starts[RUNS - 1] / 1e6);

		for (int domains : Boolean.getBoolean("startOnly") ? new int[0] : new int[] { 200, 2000 }) {
			Path file = dir.resolve("system" + domains + ".domino");
			String text = system(domains);
			Files.writeString(file, text);
			try (Client c = start(repo, dir)) {
				String uri = open(c, file);
				c.published().poll(120, TimeUnit.SECONDS);
				// an editor sends the change, not the document: retype the memory size of a domain in the middle
				String target = "    domain d" + (domains / 2) + " {\n        vcpus 1\n        memory ";
				int offset = text.indexOf(target) + target.length();
				int line = (int) text.substring(0, offset).chars().filter(ch -> ch == '\n').count();
				int column = offset - text.lastIndexOf('\n', offset - 1) - 1;
				Range size = new Range(new Position(line, column), new Position(line, column + 3));
				List<Long> latencies = new ArrayList<>();
				List<Long> later = new ArrayList<>();
				long rss = 0;
				for (int i = 0; i < EDITS + 10 + LATER_SKIP + EDITS; i++) {
					c.published().clear();
					long t0 = System.nanoTime();
					c.server().getTextDocumentService().didChange(new DidChangeTextDocumentParams(
							new VersionedTextDocumentIdentifier(uri, i + 2),
							List.of(new TextDocumentContentChangeEvent(size, i % 2 == 0 ? "32M" : "16M"))));
					while (true) {
						PublishDiagnosticsParams p = c.published().poll(120, TimeUnit.SECONDS);
						if (p == null) {
							throw new IllegalStateException("no diagnostics after an edit");
						}
						if (p.getUri().equals(uri)) {
							break;
						}
					}
					long latency = System.nanoTime() - t0;
					if (i >= 10 && i < EDITS + 10) { // the first edits warm the JIT up
						latencies.add(latency);
						rss = i == EDITS + 9 ? rss(c.process()) : rss;
					} else if (i >= EDITS + 10 + LATER_SKIP) {
						later.add(latency);
					}
				}
				long lines = text.chars().filter(ch -> ch == '\n').count();
				System.out.printf("%d domains (%d lines): didChange to publishDiagnostics %s; RSS %d MiB%n", domains, lines,
						percentiles(latencies), rss >> 20);
				System.out.printf("%d domains, edits %d-%d of the same server (JIT warm): %s; RSS %d MiB%n", domains,
						EDITS + 10 + LATER_SKIP + 1, EDITS + 10 + LATER_SKIP + EDITS, percentiles(later), rss(c.process()) >> 20);
			}
		}
		try (var files = Files.walk(dir)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		System.exit(0); // LSP4J's idle threads would keep this JVM up for another minute
	}

	static String percentiles(List<Long> latencies) {
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		return String.format("p50 %.1f ms, p95 %.1f ms, max %.1f ms", sorted.get(sorted.size() / 2) / 1e6,
				sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1) / 1e6, sorted.get(sorted.size() - 1) / 1e6);
	}

	static Client start(Path repo, Path root) throws IOException, InterruptedException, java.util.concurrent.ExecutionException, java.util.concurrent.TimeoutException {
		ProcessBuilder pb = new ProcessBuilder(repo.resolve("domino").toString(), "lsp");
		pb.environment().put("DOMINO_NO_BUILD", "1");
		pb.redirectError(ProcessBuilder.Redirect.DISCARD);
		Process process = pb.start();
		LinkedBlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
		LanguageClient client = new LanguageClient() {
			public void telemetryEvent(Object o) {
			}

			public void publishDiagnostics(PublishDiagnosticsParams p) {
				published.add(p);
			}

			public void showMessage(MessageParams m) {
			}

			public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams p) {
				return CompletableFuture.completedFuture(null);
			}

			public void logMessage(MessageParams m) {
			}
		};
		var launcher = LSPLauncher.createClientLauncher(client, process.getInputStream(), process.getOutputStream());
		launcher.startListening();
		LanguageServer server = launcher.getRemoteProxy();
		InitializeParams params = new InitializeParams();
		params.setRootUri(root.toUri().toString());
		params.setCapabilities(new ClientCapabilities());
		server.initialize(params).get(120, TimeUnit.SECONDS);
		server.initialized(new InitializedParams());
		return new Client(server, published, process);
	}

	static String open(Client c, Path file) throws IOException {
		String uri = file.toUri().toString();
		c.server().getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
				new TextDocumentItem(uri, "domino", 1, Files.readString(file))));
		return uri;
	}

	/** N domains of 10 lines each, as people write them. */
	static String system(int domains) {
		StringBuilder s = new StringBuilder("import \"board.domino\"\n\nsystem bench on big {\n"
				+ "    xen 4.19 { image \"Image\" bootargs \"console=dtuart dtuart=uart0\" }\n"
				+ "    boot uboot booti { load \"tftpb\" window 0x1_0000_0000 .. 0x1_4000_0000 }\n"
				+ "    module linux kernel \"Image\"\n");
		for (int i = 0; i < domains; i++) {
			s.append("    domain d").append(i).append(" {\n        vcpus 1\n        memory 16M static\n")
					.append("        direct-map\n        kernel linux args \"console=ttyAMA0 quiet\"\n")
					.append("        console vpl011\n        nr_spis 8\n        enhanced no-xenstore\n")
					.append(i > 0 ? "        after d" + (i - 1) + "\n" : "        // first\n").append("    }\n");
		}
		return s.append("}\n").toString();
	}

	static void image(Path p) throws IOException {
		ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
		b.putLong(16, 4096);
		b.putInt(56, 0x644d5241);
		Files.write(p, b.array());
	}

	static long rss(Process p) throws IOException {
		// the launcher execs java, so the process is the JVM itself
		for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
			}
		}
		return -1;
	}
}
