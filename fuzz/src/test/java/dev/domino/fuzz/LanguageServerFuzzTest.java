package dev.domino.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;


import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The language server under random didChange edits (ranges out of the text included), read
 * requests at random places, commands, requests with random params and malformed JSON-RPC
 * bodies: every request gets an answer (an error response only for a malformed request), read
 * requests on well-formed params never fail, no error is shown, and the server keeps serving.
 */
class LanguageServerFuzzTest {
	private static final String[] READS = { "textDocument/hover", "textDocument/completion", "textDocument/definition",
			"textDocument/references", "textDocument/documentHighlight", "textDocument/signatureHelp",
			"textDocument/prepareRename", "textDocument/rename", "textDocument/documentSymbol",
			"textDocument/semanticTokens/full", "textDocument/inlayHint", "textDocument/codeLens",
			"textDocument/codeAction", "textDocument/formatting", "textDocument/foldingRange" };
	private static final String[] ANY = { "initialize", "textDocument/hover", "textDocument/didOpen",
			"textDocument/didChange", "workspace/executeCommand", "workspace/symbol",
			"textDocument/completion", "completionItem/resolve", "codeLens/resolve", "$/cancelRequest",
			"domino/noSuchMethod", "textDocument/semanticTokens/range" };
	private static final String[] WORDS = { "{", "}", "domain d {", "memory ", "0x", "at ", "..", "\"", "'", "\n",
			"import \"", "passthrough ", "after ", "system s on qemu_virt {", "board b {", "0xFFFF_FFFF_FFFF_FFFF",
			"(((", "+ 1", "\\u0000", "module m kernel \"", "kernel ", "heap ", "shared-memory ", "cpupool ", "bank size ",
			"device ", "reg ", "sections {", "\u0000", "\uD800", "mpu regions " };
	private static final String[] FILES = { "fuzz-a.domino", "fuzz-b.domino" };

	private static LspConnection lsp;
	private static List<String> seeds;
	private static int nextId;
	private static final Map<String, Integer> VERSIONS = new ConcurrentHashMap<>();

	private static synchronized LspConnection lsp() throws Exception {
		if (lsp == null || lsp.isClosed()) {
			seeds = FuzzWorkspace.exampleTexts().map(FuzzWorkspace::text).toList();
			lsp = new LspConnection();
			JsonObject params = new JsonObject();
			params.add("processId", null);
			params.addProperty("rootUri", FuzzWorkspace.dir().toUri().toString());
			params.add("capabilities", new JsonObject());
			String id = request(lsp, "initialize", params);
			if (lsp.reply(id, 120_000) == null) {
				throw new AssertionError("the server did not initialize");
			}
			lsp.send(notification("initialized", new JsonObject()));
			for (String f : FILES) {
				JsonObject doc = new JsonObject();
				doc.addProperty("uri", uri(f));
				doc.addProperty("languageId", "domino");
				doc.addProperty("version", 1);
				doc.addProperty("text", seeds.get(0));
				VERSIONS.put(uri(f), 1);
				JsonObject open = new JsonObject();
				open.add("textDocument", doc);
				lsp.send(notification("textDocument/didOpen", open));
			}
		}
		return lsp;
	}

	@FuzzTest(maxDuration = "20s")
	void edits(FuzzedDataProvider data) throws Exception {
		LspConnection lsp = lsp();
		String uri = uri(FILES[data.consumeInt(0, FILES.length - 1)]);
		change(lsp, uri, null, seeds.get(data.consumeInt(0, seeds.size() - 1)));
		List<String> mustSucceed = new ArrayList<>();
		List<String> mustAnswer = new ArrayList<>();
		int steps = data.consumeInt(1, 8);
		for (int i = 0; i < steps && data.remainingBytes() > 0; i++) {
			switch (data.consumeInt(0, 6)) {
			case 0 -> change(lsp, uri, range(data), data.consumeBoolean() ? data.pickValue(WORDS) : data.consumeString(40));
			case 1 -> change(lsp, uri, null, data.consumeString(2000));
			case 2 -> lsp.sendBytes(data.consumeBytes(300));
			case 3 -> mustSucceed.add(read(lsp, data, uri));
			case 4 -> mustAnswer.add(request(lsp, data.pickValue(ANY), params(data, uri)));
			case 5 -> mustSucceed.add(command(lsp, data, uri));
			default -> lsp.send(new String(data.consumeBytes(200), StandardCharsets.UTF_8)); // maybe not JSON
			}
		}
		JsonObject symbols = new JsonObject();
		symbols.add("textDocument", doc(uri));
		mustSucceed.add(request(lsp, "textDocument/documentSymbol", symbols));
		for (String id : mustSucceed) {
			JsonObject reply = lsp.reply(id, 60_000);
			if (reply == null || reply.has("error") && !refusedCleanly(reply)) {
				throw new AssertionError("request " + id + ": " + (reply == null ? "no answer in 60 s" : reply));
			}
		}
		for (String id : mustAnswer) {
			if (lsp.reply(id, 60_000) == null) {
				throw new AssertionError("request " + id + " got no answer in 60 s");
			}
		}
		if (!lsp.errorsShown.isEmpty()) {
			throw new AssertionError("the server showed errors: " + lsp.errorsShown);
		}
	}

	private static void change(LspConnection lsp, String uri, JsonObject range, String text) throws Exception {
		JsonObject change = new JsonObject();
		if (range != null) {
			change.add("range", range);
		}
		change.addProperty("text", text);
		JsonArray changes = new JsonArray();
		changes.add(change);
		JsonObject id = doc(uri);
		id.addProperty("version", VERSIONS.merge(uri, 1, Integer::sum));
		JsonObject params = new JsonObject();
		params.add("textDocument", id);
		params.add("contentChanges", changes);
		lsp.send(notification("textDocument/didChange", params));
	}

	/** A well-formed read request at a place that may lie outside the text. */
	/** LSP's answer to a request that cannot be done here (a rename without a name): RequestFailed, no stack trace. */
	private static boolean refusedCleanly(JsonObject reply) {
		JsonObject error = reply.getAsJsonObject("error");
		return error.get("code").getAsInt() == -32803 && !error.has("data")
				&& !error.get("message").getAsString().contains("\tat ");
	}

	private static String read(LspConnection lsp, FuzzedDataProvider data, String uri) throws Exception {
		String method = data.pickValue(READS);
		JsonObject params = new JsonObject();
		params.add("textDocument", doc(uri));
		JsonObject range = range(data);
		params.add("position", range.get("start"));
		params.add("range", range);
		if (method.endsWith("references")) {
			JsonObject context = new JsonObject();
			context.addProperty("includeDeclaration", data.consumeBoolean());
			params.add("context", context);
		} else if (method.endsWith("codeAction")) {
			JsonObject context = new JsonObject();
			context.add("diagnostics", new JsonArray());
			params.add("context", context);
		} else if (method.endsWith("formatting")) {
			JsonObject options = new JsonObject();
			options.addProperty("tabSize", 4);
			options.addProperty("insertSpaces", true);
			params.add("options", options);
		} else if (method.endsWith("rename")) {
			params.addProperty("newName", data.consumeString(20));
		}
		return request(lsp, method, params);
	}

	private static String command(LspConnection lsp, FuzzedDataProvider data, String uri) throws Exception {
		JsonObject params = new JsonObject();
		JsonArray args = new JsonArray();
		args.add(uri);
		switch (data.consumeInt(0, 2)) {
		case 0 -> params.addProperty("command", "domino.memoryMap");
		case 1 -> params.addProperty("command", "domino.summary");
		default -> {
			params.addProperty("command", "domino.compile");
			args.add(FuzzWorkspace.dir().resolve("lsp-out").toUri().toString());
		}
		}
		params.add("arguments", args);
		return request(lsp, "workspace/executeCommand", params);
	}

	/** Params of any shape: the document and a place, random JSON values, or nothing. */
	private static JsonObject params(FuzzedDataProvider data, String uri) {
		JsonObject params = new JsonObject();
		switch (data.consumeInt(0, 3)) {
		case 0 -> {
			params.add("textDocument", doc(uri));
			params.add("position", range(data).get("start"));
		}
		case 1 -> params.addProperty("textDocument", data.consumeString(30));
		case 2 -> params.addProperty(data.consumeString(10), data.consumeLong());
		default -> {
			return null;
		}
		}
		return params;
	}

	private static JsonObject range(FuzzedDataProvider data) {
		JsonObject range = new JsonObject();
		range.add("start", position(data));
		range.add("end", position(data));
		return range;
	}

	private static JsonObject position(FuzzedDataProvider data) {
		JsonObject p = new JsonObject();
		p.addProperty("line", data.consumeInt(-2, 80));
		p.addProperty("character", data.consumeInt(-2, 200));
		return p;
	}

	private static synchronized String request(LspConnection lsp, String method, JsonObject params) throws Exception {
		String id = String.valueOf(++nextId);
		JsonObject m = new JsonObject();
		m.addProperty("jsonrpc", "2.0");
		m.addProperty("id", nextId);
		m.addProperty("method", method);
		if (params != null) {
			m.add("params", params);
		}
		lsp.send(m.toString());
		return id;
	}

	private static String notification(String method, JsonObject params) {
		JsonObject m = new JsonObject();
		m.addProperty("jsonrpc", "2.0");
		m.addProperty("method", method);
		m.add("params", params);
		return m.toString();
	}

	private static JsonObject doc(String uri) {
		JsonObject d = new JsonObject();
		d.addProperty("uri", uri);
		return d;
	}

	private static String uri(String file) {
		return FuzzWorkspace.dir().resolve(file).toUri().toString();
	}
}
