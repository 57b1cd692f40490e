import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * Compile of one system with 2, 16 and 64 domUs, three ways: the whole process (`domino compile`),
 * the language server's domino.compile on the open file (the server's warm analysis), and the
 * domino:compile goal's mojo run again in one JVM (as a second module of a Maven build finds it).
 * Median of RUNS, min, max. Run with bench/warm-compile.sh.
 */
public class WarmCompile {
	static final int RUNS = Integer.getInteger("runs", 5);
	static final java.util.logging.Logger JSONRPC_LOG = java.util.logging.Logger.getLogger("org.eclipse.lsp4j.jsonrpc");

	public static void main(String[] args) throws Exception {
		JSONRPC_LOG.setLevel(java.util.logging.Level.WARNING);
		Path repo = Path.of(args[0]).toAbsolutePath();
		for (int domus : new int[] { 2, 16, 64 }) {
			Path dir = Files.createTempDirectory("domino-compile-bench");
			run(repo.resolve("bench/Fleet.java"), dir.toString(), "1", String.valueOf(domus));
			Path file = dir.resolve("system0.domino");

			long[] cli = new long[RUNS];
			for (int i = 0; i < RUNS; i++) {
				long t0 = System.nanoTime();
				ProcessBuilder pb = new ProcessBuilder(repo.resolve("domino").toString(), "compile", file.toString(), "-o",
						dir.resolve("cli").toString());
				pb.environment().put("DOMINO_NO_BUILD", "1");
				pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
				if (pb.start().waitFor() != 0) {
					throw new IllegalStateException("domino compile failed");
				}
				cli[i] = System.nanoTime() - t0;
			}

			long[] server = new long[RUNS];
			String how;
			Process process = new ProcessBuilder(repo.resolve("domino").toString(), "lsp")
					.redirectError(ProcessBuilder.Redirect.DISCARD).start();
			try {
				LinkedBlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
				var launcher = LSPLauncher.createClientLauncher(client(published), process.getInputStream(),
						process.getOutputStream());
				launcher.startListening();
				LanguageServer s = launcher.getRemoteProxy();
				InitializeParams params = new InitializeParams();
				params.setRootUri(dir.toUri().toString());
				params.setCapabilities(new ClientCapabilities());
				s.initialize(params).get(120, TimeUnit.SECONDS);
				s.initialized(new InitializedParams());
				String uri = file.toUri().toString();
				s.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
						new TextDocumentItem(uri, "domino", 1, Files.readString(file))));
				published.poll(120, TimeUnit.SECONDS);
				Object r = null;
				for (int i = 0; i < RUNS + 3; i++) { // the first compiles warm the JIT up
					long t0 = System.nanoTime();
					r = s.getWorkspaceService().executeCommand(new ExecuteCommandParams("domino.compile",
							List.of(uri, dir.resolve("server").toString()))).get(120, TimeUnit.SECONDS);
					if (i >= 3) {
						server[i - 3] = System.nanoTime() - t0;
					}
				}
				how = String.valueOf(((java.util.Map<?, ?>) r).get("analysis"));
				s.shutdown().get(10, TimeUnit.SECONDS);
				s.exit();
			} finally {
				process.destroy();
				process.waitFor(10, TimeUnit.SECONDS);
			}

			// the mojo, in a JVM of its own as Maven runs it: the first execution, then warm ones
			List<String> mojo = new ArrayList<>();
			Process m = new ProcessBuilder("java", "-Xss8m", "-cp", System.getProperty("mojo.classpath"), "WarmCompile$Mojo",
					file.toString(), dir.resolve("mojo").toString(), String.valueOf(RUNS)).redirectErrorStream(true).start();
			String out = new String(m.getInputStream().readAllBytes());
			if (m.waitFor() != 0) {
				mojo.add("n/a (" + out.lines().filter(l -> l.contains("Exception")).findFirst().orElse("failed") + ")");
			}
			for (String line : out.split("\n")) {
				if (line.startsWith("mojo ")) {
					mojo.add(line.substring(5));
				}
			}
			System.out.printf("compile, %2d domUs: whole process %s; server domino.compile (%s) %s; domino:compile goal %s%n",
					domus, stats(cli), how, stats(server), mojo.isEmpty() ? "n/a" : mojo.get(0));
		}
		System.exit(0);
	}

	/** Runs the goal's mojo RUNS + 3 times in this JVM: prints the first and the median of the last RUNS. */
	public static class Mojo {
		public static void main(String[] a) throws Exception {
			int runs = Integer.parseInt(a[2]);
			Class<?> type = Class.forName("dev.domino.maven.CompileMojo");
			long first = 0;
			long[] warm = new long[runs];
			for (int i = 0; i < runs + 3; i++) {
				Object mojo = type.getDeclaredConstructor().newInstance();
				set(mojo, "files", List.of(new File(a[0])));
				set(mojo, "outputDirectory", new File(a[1]));
				set(mojo, "outputTimestamp", "0");
				long t0 = System.nanoTime();
				type.getMethod("execute").invoke(mojo);
				long t = System.nanoTime() - t0;
				if (i == 0) {
					first = t;
				} else if (i >= 3) {
					warm[i - 3] = t;
				}
			}
			System.out.println("mojo first " + String.format("%.0f ms", first / 1e6) + ", warm " + stats(warm));
		}

		static void set(Object o, String field, Object value) throws Exception {
			var f = o.getClass().getDeclaredField(field);
			f.setAccessible(true);
			f.set(o, value);
		}
	}

	static String stats(long[] t) {
		long[] s = t.clone();
		Arrays.sort(s);
		return String.format("median %.1f ms (min %.1f, max %.1f)", s[s.length / 2] / 1e6, s[0] / 1e6, s[s.length - 1] / 1e6);
	}

	static void run(Path source, String... args) throws Exception {
		List<String> cmd = new ArrayList<>(List.of("java", source.toString()));
		cmd.addAll(List.of(args));
		if (new ProcessBuilder(cmd).inheritIO().start().waitFor() != 0) {
			throw new IllegalStateException("cannot write the fleet");
		}
	}

	static LanguageClient client(LinkedBlockingQueue<PublishDiagnosticsParams> published) {
		return new LanguageClient() {
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
	}
}
