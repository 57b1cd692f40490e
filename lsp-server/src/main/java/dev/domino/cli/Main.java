package dev.domino.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

import dev.domino.compiler.DominoCompiler;

/**
 * The domino command (picocli): one class per subcommand, generated help per command
 * ({@code domino help compile}, {@code domino compile --help}) and a bash completion script
 * ({@code domino generate-completion}). Exit codes: 0 no errors, 1 errors in the input, 2 usage or
 * I/O problems, 3 an internal error (reported in one line, never as a stack trace).
 */
@Command(name = "domino", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
		description = "A compiler and language server for Xen dom0less systems on Arm boards.",
		subcommands = { CompileCommand.class, CheckCommand.class, RunCommand.class, MapCommand.class, ImportDtbCommand.class,
				ImportImageBuilderCommand.class, LspCommand.class, VersionCommand.class, HelpCommand.class,
				AutoComplete.GenerateCompletion.class, ArchiveTraining.class },
		footer = { "", "Exit codes: 0 no errors, 1 errors in the input, 2 usage or I/O problems, 3 internal error." })
public final class Main implements Callable<Integer> {
	static final int OK = 0;
	static final int INPUT_ERRORS = 1;
	static final int USAGE = 2;
	static final int INTERNAL = 3;

	final PrintStream out;
	final PrintStream err;
	private DominoCompiler compiler;

	private Main(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	/** One compiler (one injector) for the whole run, made when a command first needs it. */
	DominoCompiler compiler() {
		if (compiler == null) {
			compiler = new DominoCompiler();
		}
		return compiler;
	}

	public static void main(String[] args) {
		// an editor starting the server waits for it: the command line's model (every command and
		// option, built by reflection) is not needed to serve, so it is not built
		if (args.length == 1 && args[0].equals("lsp") || args.length == 2 && args[0].equals("lsp") && args[1].equals("--stdio")) {
			System.exit(LanguageServerLauncher.run());
		}
		System.exit(run(args, System.out, System.err));
	}

	public static int run(String[] args, PrintStream out, PrintStream err) {
		return run(args, out, err, null);
	}

	/**
	 * One command with a compiler made before, for callers that run many commands in one JVM (the
	 * fuzz targets); null makes one when a command first needs it.
	 */
	public static int run(String[] args, PrintStream out, PrintStream err, DominoCompiler compiler) {
		Main main = new Main(out, err);
		main.compiler = compiler;
		CommandLine cli = new CommandLine(main);
		cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
		cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
		cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
		cli.setParameterExceptionHandler((e, a) -> {
			boolean unknownCommand = e instanceof CommandLine.UnmatchedArgumentException u && e.getCommandLine() == cli
					&& !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-");
			err.println("domino: " + (unknownCommand
					? "unknown command '" + ((CommandLine.UnmatchedArgumentException) e).getUnmatched().get(0) + "'"
					: e.getMessage()));
			err.println("run 'domino help" + (e.getCommandLine() == cli ? "" : " " + e.getCommandLine().getCommandName())
					+ "' for the options");
			return USAGE;
		});
		cli.setExecutionExceptionHandler((e, commandLine, parsed) -> failure(e, err));
		cli.setCaseInsensitiveEnumValuesAllowed(true);
		try {
			return cli.execute(args);
		} catch (Throwable e) { // NOPMD: the one place that turns any failure into a line, never a stack trace
			return internal(e, err);
		}
	}

	/** Without a command: the overview, on stderr, as a usage error. */
	@Override
	public Integer call() {
		err.print(new CommandLine(new Main(out, err)).getUsageMessage());
		return USAGE;
	}

	/** Every failure a command lets escape becomes one line and an exit code. */
	private static int failure(Exception e, PrintStream err) {
		if (e instanceof UsageException) {
			err.println("domino: " + e.getMessage());
			err.println("run 'domino help' for the commands");
			return USAGE;
		}
		if (e instanceof DominoCompiler.InputException || e instanceof IOException) {
			err.println("domino: " + e.getMessage());
			return USAGE;
		}
		return internal(e, err);
	}

	/** One line; with DOMINO_TRACE set, the stack trace too, for whoever fixes it. */
	private static int internal(Throwable e, PrintStream err) {
		err.println("domino: internal error: " + e + " (please report it with the input that caused it)");
		if (System.getenv("DOMINO_TRACE") != null) {
			e.printStackTrace(err);
		}
		return INTERNAL;
	}

	static final class Version implements CommandLine.IVersionProvider {
		@Override
		public String[] getVersion() {
			return new String[] { "domino " + Reports.VERSION };
		}
	}

	/** boot.scr's timestamp: SOURCE_DATE_EPOCH when set (reproducible builds), else 0. */
	static long timestamp() {
		String epoch = System.getenv("SOURCE_DATE_EPOCH");
		try {
			return epoch == null ? 0 : Long.parseLong(epoch.trim());
		} catch (NumberFormatException e) {
			return 0;
		}
	}
}
