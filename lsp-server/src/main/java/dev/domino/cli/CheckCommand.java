package dev.domino.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import dev.domino.compiler.Analysis;
import dev.domino.compiler.DominoCompiler;
import dev.domino.rules.CheckContext;

@Command(name = "check", mixinStandardHelpOptions = true,
		description = { "Report every problem of the systems and boards in FILE...",
				"Missing files are errors here (warnings in an editor)." })
final class CheckCommand implements Callable<Integer> {
	@ParentCommand
	private Main main;

	@Parameters(paramLabel = "FILE", arity = "1..*", description = "the .domino files to check")
	private List<Path> files;

	@Option(names = "--format", paramLabel = "FORMAT", description = "text, json or sarif (default: text)")
	private Reports.Format format = Reports.Format.TEXT;

	@Option(names = { "-j", "--jobs" }, paramLabel = "N",
			description = "check the files in N groups at once, one thread each (default: 1; every file of a group shares one parse of what it imports)")
	private int jobs = 1;

	@Override
	public Integer call() throws DominoCompiler.InputException, UsageException {
		if (jobs < 1) {
			throw new UsageException("--jobs must be 1 or more");
		}
		Analysis analysis = main.compiler().check(files, CheckContext.Mode.COMPILE, jobs);
		Reports.print(analysis.diagnostics(), format, main.out);
		if (format == Reports.Format.TEXT) {
			main.out.println("checked " + files.size() + (files.size() == 1 ? " file" : " files") + ": "
					+ Reports.summary(analysis.diagnostics()));
		}
		return analysis.hasErrors() ? Main.INPUT_ERRORS : Main.OK;
	}
}
