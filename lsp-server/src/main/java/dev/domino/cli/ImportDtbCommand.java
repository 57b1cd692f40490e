package dev.domino.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import dev.domino.compiler.DominoCompiler;

@Command(name = "import-dtb", mixinStandardHelpOptions = true, description = {
		"Write a board description from a device tree blob.",
		"The blob becomes the board's base-dtb unless --no-base-dtb; everything Domino cannot carry over is",
		"named on stderr." })
final class ImportDtbCommand implements Callable<Integer> {
	@ParentCommand
	private Main main;

	@Parameters(paramLabel = "BOARD.dtb", description = "the device tree blob")
	private Path dtb;

	@Option(names = { "-o", "--output" }, paramLabel = "FILE", description = "the .domino file to write (default: stdout)")
	private Path output;

	@Option(names = "--name", paramLabel = "NAME", description = "the board's name (default: the file's)")
	private String name;

	@Option(names = "--no-base-dtb", description = "generate the board's device tree instead of extending the blob")
	private boolean noBaseDtb;

	@Override
	public Integer call() throws IOException, DominoCompiler.InputException {
		return new Imports(main.compiler(), main.out, main.err).importDtb(dtb, stdoutIfDash(output), name, noBaseDtb);
	}

	static Path stdoutIfDash(Path output) {
		return output == null || output.toString().equals("-") ? null : output;
	}
}
