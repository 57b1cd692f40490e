package dev.domino.cli;

import java.io.PrintStream;
import java.util.List;

/** import-dtb and import-imagebuilder (issue: migration). */
final class Imports {
	private Imports() {
	}

	static int importDtb(List<String> args, PrintStream out, PrintStream err) throws UsageException {
		throw new UsageException("import-dtb is not available yet");
	}

	static int importImageBuilder(List<String> args, PrintStream out, PrintStream err) throws UsageException {
		throw new UsageException("import-imagebuilder is not available yet");
	}
}
