package dev.domino.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "version", description = "Print the version.")
final class VersionCommand implements Callable<Integer> {
	@ParentCommand
	private Main main;

	@Override
	public Integer call() {
		main.out.println("domino " + Reports.VERSION);
		return Main.OK;
	}
}
