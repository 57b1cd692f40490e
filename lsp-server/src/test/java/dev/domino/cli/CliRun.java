package dev.domino.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of the command line in this JVM: exit code, stdout, stderr; never a stack trace. */
record CliRun(int code, String out, String err) {
	static CliRun of(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		String e = err.toString(StandardCharsets.UTF_8);
		assertFalse(e.contains("\tat ") || e.contains("Exception"), "no stack traces: " + e);
		return new CliRun(code, out.toString(StandardCharsets.UTF_8), e);
	}
}
