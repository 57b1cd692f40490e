package dev.domino.cli;

import java.util.List;

/** domino lsp: the language server over stdin/stdout. */
final class LanguageServerLauncher {
	private LanguageServerLauncher() {
	}

	static int run(List<String> args) throws UsageException {
		throw new UsageException("lsp is not available yet");
	}
}
