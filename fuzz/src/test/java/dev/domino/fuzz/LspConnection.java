package dev.domino.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.domino.cli.LanguageServerLauncher;

/**
 * Raw JSON-RPC to one language server in this JVM: bytes go in as a client would send them
 * (malformed ones too), replies are read off the stream by id. Server-to-client requests
 * (registerCapability, workDoneProgress/create) are answered, as a client must.
 */
final class LspConnection {
	private final OutputStream toServer;
	private final Map<String, JsonObject> replies = new ConcurrentHashMap<>();
	final List<String> errorsShown = new CopyOnWriteArrayList<>();
	private volatile boolean closed;

	LspConnection() throws IOException {
		PipedInputStream serverIn = new PipedInputStream(1 << 20);
		toServer = new PipedOutputStream(serverIn);
		PipedInputStream fromServer = new PipedInputStream(1 << 20);
		LanguageServerLauncher.serve(serverIn, new PipedOutputStream(fromServer));
		Thread reader = new Thread(() -> read(fromServer), "lsp-fuzz-reader");
		reader.setDaemon(true);
		reader.start();
	}

	synchronized void send(String json) throws IOException {
		sendBytes(json.getBytes(StandardCharsets.UTF_8));
	}

	/** One framed message whose body is whatever the caller gives. */
	synchronized void sendBytes(byte[] body) throws IOException {
		toServer.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		toServer.write(body);
		toServer.flush();
	}

	/** Bytes that need not be a frame at all: a header without a body, a wrong length. */
	synchronized void sendRaw(byte[] bytes) throws IOException {
		toServer.write(bytes);
		toServer.flush();
	}

	/** The reply to request {@code id}, or null when none came in {@code millis}. */
	JsonObject reply(String id, long millis) throws InterruptedException {
		long deadline = System.currentTimeMillis() + millis;
		while (System.currentTimeMillis() < deadline && !closed) {
			JsonObject r = replies.remove(id);
			if (r != null) {
				return r;
			}
			synchronized (replies) {
				replies.wait(5);
			}
		}
		return replies.remove(id);
	}

	boolean isClosed() {
		return closed;
	}

	private void read(InputStream in) {
		try {
			while (true) {
				int length = -1;
				String line;
				while (!(line = header(in)).isEmpty()) {
					if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
						length = Integer.parseInt(line.substring(15).trim());
					}
				}
				byte[] body = in.readNBytes(length);
				if (body.length < length) {
					break;
				}
				handle(JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject());
			}
		} catch (IOException | RuntimeException e) {
			// the server closed its side; isClosed tells the target
		} finally {
			closed = true;
		}
	}

	private void handle(JsonObject message) throws IOException {
		JsonElement id = message.get("id");
		if (message.has("method")) {
			String method = message.get("method").getAsString();
			if (id != null) { // a request from the server
				send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":null}");
			} else if ((method.equals("window/showMessage") || method.equals("window/logMessage"))
					&& message.getAsJsonObject("params").get("type").getAsInt() == 1) {
				errorsShown.add(message.getAsJsonObject("params").get("message").getAsString());
			}
			return;
		}
		if (id != null) {
			replies.put(id.toString(), message);
			synchronized (replies) {
				replies.notifyAll();
			}
		}
	}

	private static String header(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int c;
		while ((c = in.read()) != '\n') {
			if (c < 0) {
				throw new IOException("closed");
			}
			if (c != '\r') {
				line.write(c);
			}
		}
		return line.toString(StandardCharsets.US_ASCII);
	}
}
