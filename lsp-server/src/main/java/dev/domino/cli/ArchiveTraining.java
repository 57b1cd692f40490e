package dev.domino.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * domino train-archive cli|lsp: one representative run of the command line or of the language
 * server on a small generated system, so that the launcher can record which classes they load
 * and build a class-data-sharing archive from that list. Not a user command: the launcher runs
 * it once after each build. The list must come from a whole run because a dynamic archive
 * cannot hold EMF's Java 5 class files, while a static archive built from a list can.
 */
@Command(name = "train-archive", hidden = true, description = "The launcher's training run (cli or lsp).")
final class ArchiveTraining implements Callable<Integer> {
	@Parameters(paramLabel = "KIND", description = "cli or lsp")
	private String kind;

	private static final String BOARD = """
			board training_board {
			    cpus 2
			    memory ram at 0x4000_0000 size 2G
			    device gic { compatible "arm,gic-v3" reg 0x800_0000 size 64K reg 0x80a_0000 size 1M irq ppi 9 }
			    device uart0 { compatible "arm,pl011" reg 0x900_0000 size 4K irq spi 1 }
			    device uart1 { compatible "arm,pl011" reg 0x904_0000 size 4K irq spi 9 }
			}
			""";
	private static final String SYSTEM = """
			import "board.domino"
			system training on training_board {
			    xen 4.19 { image "xen" bootargs "console=dtuart dtuart=uart0" heap 256M }
			    boot uboot booti { load "tftpb" window 0x4020_0000 .. 0x8000_0000 }
			    module linux kernel "Image"
			    domain web { vcpus 1 memory 128M kernel linux args "console=ttyAMA0" ramdisk "rd.cpio.gz" console vpl011 }
			    domain rt { vcpus 1 memory 64M static kernel linux console vpl011 passthrough uart1 force-assign after web }
			}
			""";

	@Override
	public Integer call() throws UsageException, IOException {
		if (!List.of("cli", "lsp").contains(kind)) {
			throw new UsageException("train-archive takes cli or lsp");
		}
		Path dir = Files.createTempDirectory("domino-training");
		try {
			Files.writeString(dir.resolve("board.domino"), BOARD);
			Files.writeString(dir.resolve("system.domino"), SYSTEM);
			Files.write(dir.resolve("Image"), arm64Image(2 << 20));
			Files.write(dir.resolve("xen"), arm64Image(1 << 20));
			Files.write(dir.resolve("rd.cpio.gz"), new byte[] { 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 });
			if (kind.equals("cli")) {
				trainCommandLine(dir);
			} else {
				trainLanguageServer(dir);
			}
		} finally {
			try (Stream<Path> files = Files.walk(dir)) {
				files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
		return Main.OK;
	}

	private static void trainCommandLine(Path dir) {
		PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
		String system = dir.resolve("system.domino").toString();
		Main.run(new String[] { "compile", system, "-o", dir.resolve("out").toString() }, sink, sink);
		Main.run(new String[] { "check", system, "--format", "sarif" }, sink, sink);
		Main.run(new String[] { "map", system, "--format", "svg" }, sink, sink);
	}

	/** A client's first minute: initialize, open, a few reads, an edit, shutdown. */
	private static void trainLanguageServer(Path dir) throws IOException {
		String uri = dir.resolve("system.domino").toUri().toString();
		String text = SYSTEM.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
		String position = "\"position\":{\"line\":5,\"character\":12}";
		String document = "\"textDocument\":{\"uri\":\"" + uri + "\"}";
		String[] messages = {
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"rootUri\":\"" + dir.toUri()
						+ "\",\"capabilities\":{}}}",
				"{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}",
				"{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"" + uri
						+ "\",\"languageId\":\"domino\",\"version\":1,\"text\":\"" + text + "\"}}}",
				"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/hover\",\"params\":{" + document + "," + position + "}}",
				"{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"textDocument/completion\",\"params\":{" + document + "," + position + "}}",
				"{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"textDocument/codeLens\",\"params\":{" + document + "}}",
				"{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"textDocument/documentSymbol\",\"params\":{" + document + "}}",
				"{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"textDocument/semanticTokens/full\",\"params\":{" + document + "}}",
				"{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"textDocument/inlayHint\",\"params\":{" + document
						+ ",\"range\":{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":9,\"character\":0}}}}",
				"{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"" + uri
						+ "\",\"version\":2},\"contentChanges\":[{\"range\":{\"start\":{\"line\":5,\"character\":32},"
						+ "\"end\":{\"line\":5,\"character\":36}},\"text\":\"96M\"}]}}",
				"{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"textDocument/hover\",\"params\":{" + document + "," + position + "}}",
				"{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"shutdown\"}" };
		PipedOutputStream toServer = new PipedOutputStream();
		PipedInputStream serverIn = new PipedInputStream(toServer, 1 << 16);
		Replies replies = new Replies();
		Future<Void> server = LanguageServerLauncher.serve(serverIn, replies);
		for (String m : messages) {
			byte[] body = m.getBytes(StandardCharsets.UTF_8);
			toServer.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			toServer.write(body);
			toServer.flush();
			int id = m.indexOf("\"id\":");
			if (id >= 0) { // like a client, wait for the reply before going on
				replies.await(m.substring(id, m.indexOf(',', id)) + ",", 60_000);
			}
		}
		toServer.close();
		try {
			server.get(10, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} catch (ExecutionException | TimeoutException e) {
			// the classes are loaded by now; how the session ends does not matter
		}
	}

	/** What the server wrote, so training can wait for the last reply. */
	private static final class Replies extends OutputStream {
		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		@Override
		public synchronized void write(int b) {
			bytes.write(b);
			notifyAll();
		}

		@Override
		public synchronized void write(byte[] b, int off, int len) {
			bytes.write(b, off, len);
			notifyAll();
		}

		synchronized void await(String text, long millis) {
			long end = System.currentTimeMillis() + millis;
			while (!bytes.toString(StandardCharsets.UTF_8).contains(text) && System.currentTimeMillis() < end) {
				try {
					wait(100);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private static byte[] arm64Image(long size) {
		ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
		b.putLong(16, size);
		b.putInt(56, 0x644d5241); // "ARM\x64"
		return b.array();
	}
}
