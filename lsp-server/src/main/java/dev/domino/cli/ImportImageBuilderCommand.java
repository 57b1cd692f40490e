package dev.domino.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import dev.domino.compiler.DominoCompiler;

@Command(name = "import-imagebuilder", mixinStandardHelpOptions = true, description = {
		"Write a system from an ImageBuilder config.",
		"The config is read as bash without running it. Without --board, its DEVICE_TREE is imported as the",
		"board. Every variable Domino cannot express is named on stderr." })
final class ImportImageBuilderCommand implements Callable<Integer> {
	@ParentCommand
	private Main main;

	@Parameters(paramLabel = "CONFIG", description = "the ImageBuilder config")
	private Path config;

	@Option(names = { "-o", "--output" }, paramLabel = "FILE", description = "the .domino file to write (default: stdout)")
	private Path output;

	@Option(names = "--board", paramLabel = "FILE", description = "the board the system runs on (a .domino file)")
	private Path board;

	@Option(names = "--name", paramLabel = "NAME", description = "the system's name (default: imported)")
	private String name;

	@Option(names = "--xen", paramLabel = "VERSION",
			description = "the Xen release to select (default: the oldest that has every feature used)")
	private String xen;

	@Option(names = "--root", paramLabel = "DIR", description = "where the config's paths are relative to (default: its folder)")
	private Path root;

	@Override
	public Integer call() throws IOException, DominoCompiler.InputException, UsageException {
		return new Imports(main.compiler(), main.out, main.err).importImageBuilder(config,
				ImportDtbCommand.stdoutIfDash(output), board, root, name, xen);
	}
}
