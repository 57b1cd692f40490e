package dev.domino.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "lsp", mixinStandardHelpOptions = true,
		description = { "Run the language server on stdin/stdout.", "The protocol owns stdout; logs go to stderr." })
final class LspCommand implements Callable<Integer> {
	@Option(names = "--stdio", description = "accepted for clients that pass it; stdio is the only transport")
	private boolean stdio;

	@Override
	public Integer call() {
		return LanguageServerLauncher.run();
	}
}
