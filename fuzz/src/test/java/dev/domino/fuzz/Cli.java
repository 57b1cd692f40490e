package dev.domino.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.domino.cli.Main;
import dev.domino.compiler.DominoCompiler;
import dev.domino.diagnostics.RuleId;
import dev.domino.resolve.Locations;
import dev.domino.testing.Workspace;

/**
 * Runs the domino command line in this JVM (one compiler for every run, as a long fuzzing run
 * needs) and holds each run to the contract for bad input: exit 0, 1 (input) or 2 (usage, I/O),
 * never 3; no stack trace; every diagnostic with a file, a line, a column and a rule id.
 */
final class Cli {
	record Run(String command, int code, String out, String err) {
	}

	/** file:line:col: severity[rule]: message, as Diagnostic.format writes it. */
	private static final Pattern DIAGNOSTIC = Pattern.compile("^(.+):([0-9]+):([0-9]+): (error|warning|info)\\[([a-z-]+)\\]: .*$");
	private static final Pattern CRASH = Pattern.compile("(?m)^(domino: internal error|\\s+at [\\w.$]+\\(|Exception in thread)");
	private static final Pattern SEVERITY = Pattern.compile("(^|\\s)(error|warning|info)\\[");

	private static DominoCompiler compiler;

	private Cli() {
	}

	static synchronized DominoCompiler compiler() {
		if (compiler == null) {
			compiler = new DominoCompiler(Workspace.injector(), Locations.relativeToWorkingDirectory());
		}
		return compiler;
	}

	/** Runs one command and checks the contract; returns the run for target-specific checks. */
	static Run run(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), compiler());
		Run run = new Run(String.join(" ", args), code, out.toString(StandardCharsets.UTF_8),
				err.toString(StandardCharsets.UTF_8));
		holdsContract(run);
		return run;
	}

	static void holdsContract(Run run) {
		if (run.code < 0 || run.code > 2) {
			throw fail(run, "exit code " + run.code);
		}
		for (String stream : new String[] { run.out, run.err }) {
			// at a line's start: a message may echo the input, and the input may hold these words
			if (CRASH.matcher(stream).find()) {
				throw fail(run, "an internal error or a stack trace");
			}
		}
		if (run.code == 2 && !run.err.startsWith("domino: ")) {
			throw fail(run, "exit 2 without a 'domino: ' message on stderr");
		}
	}

	/** Each text line that reports a diagnostic starts with file:line:col and names a rule of the table. */
	static void textDiagnosticsArePlaced(Run run, String text) {
		for (String line : text.split("\n")) {
			if (line.startsWith(" ") || !SEVERITY.matcher(line).find()) {
				continue;
			}
			Matcher m = DIAGNOSTIC.matcher(line);
			if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(3)) < 1
					|| RuleId.byId(m.group(5)) == null) {
				throw fail(run, "a diagnostic without file, line, column or rule id: " + line);
			}
		}
	}

	/** The same for a --format json listing; an exit code of 1 needs at least one error. */
	static void jsonDiagnosticsArePlaced(Run run) {
		if (run.code == 2) {
			return; // a usage or I/O problem: one line on stderr, no listing
		}
		JsonObject listing;
		try {
			listing = JsonParser.parseString(run.out).getAsJsonObject();
		} catch (RuntimeException e) {
			throw fail(run, "stdout is not a JSON listing: " + e.getMessage());
		}
		int errors = 0;
		for (JsonElement e : listing.getAsJsonArray("diagnostics")) {
			JsonObject d = e.getAsJsonObject();
			JsonObject at = d.getAsJsonObject("location");
			if (RuleId.byId(d.get("rule").getAsString()) == null || at == null || at.get("file").getAsString().isEmpty()
					|| at.get("line").getAsInt() < 1 || at.get("column").getAsInt() < 1) {
				throw fail(run, "a diagnostic without file, line, column or rule id: " + d);
			}
			errors += d.get("severity").getAsString().equals("error") ? 1 : 0;
		}
		if ((run.code == 1) != (errors > 0)) {
			throw fail(run, "exit " + run.code + " with " + errors + " errors");
		}
	}

	static AssertionError fail(Run run, String what) {
		return new AssertionError("domino " + run.command + ": " + what + "\n--- exit " + run.code + "\n--- stdout:\n"
				+ clip(run.out) + "\n--- stderr:\n" + clip(run.err));
	}

	private static String clip(String s) {
		return s.length() > 4000 ? s.substring(0, 4000) + "..." : s;
	}
}
