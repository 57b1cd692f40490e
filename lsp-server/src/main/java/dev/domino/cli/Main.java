package dev.domino.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.domino.compiler.Analysis;
import dev.domino.compiler.DominoCompiler;
import dev.domino.emit.LayoutJson;
import dev.domino.emit.MemoryMapSvg;
import dev.domino.emit.TextMap;
import dev.domino.rules.CheckContext;
import dev.domino.rules.Diagnostic;

/**
 * The domino command. Exit codes: 0 no errors, 1 errors in the input, 2 usage or I/O problems,
 * 3 an internal error (reported in one line, never as a stack trace).
 */
public final class Main {
	static final int OK = 0;
	static final int INPUT_ERRORS = 1;
	static final int USAGE = 2;
	static final int INTERNAL = 3;

	static final String USAGE_TEXT = """
			usage: domino <command> [options]

			  compile FILE -o DIR [--format text|json|sarif]
			                      check FILE and write its outputs to DIR (device tree, boot script,
			                      xen.config, domino-layout.h, layout.json, memory-map.svg, ...)
			  check FILE... [--format text|json|sarif]
			                      report every problem of the systems and boards in FILE...
			  map FILE [--format text|svg|json] [-o OUT]
			                      print the memory map of the system in FILE
			  import-dtb BOARD.dtb [-o FILE] [--name NAME] [--no-base-dtb]
			                      write a board description from a device tree blob (which
			                      becomes the board's base-dtb unless --no-base-dtb)
			  import-imagebuilder CONFIG [-o FILE] [--board FILE] [--name NAME] [--xen VERSION]
			                      [--root DIR]
			                      write a system from an ImageBuilder config, read without running
			                      it; without --board, its DEVICE_TREE is imported as the board;
			                      paths are relative to --root (default: the config's folder)
			  lsp                 run the language server on stdin/stdout
			  version             print the version

			exit codes: 0 no errors, 1 errors in the input, 2 usage or I/O problems, 3 internal error
			""";

	private Main() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
			(args.length == 0 ? err : out).print(USAGE_TEXT);
			return args.length == 0 ? USAGE : OK;
		}
		List<String> rest = Arrays.asList(args).subList(1, args.length);
		try {
			return switch (args[0]) {
			case "compile" -> compile(rest, out);
			case "check" -> check(rest, out);
			case "map" -> map(rest, out, err);
			case "import-dtb" -> Imports.importDtb(rest, out, err);
			case "import-imagebuilder" -> Imports.importImageBuilder(rest, out, err);
			case "lsp" -> LanguageServerLauncher.run(rest);
			case "train-archive" -> ArchiveTraining.run(rest); // the launcher's, not listed
			case "version", "--version" -> {
				out.println("domino " + Reports.VERSION);
				yield OK;
			}
			default -> throw new UsageException("unknown command '" + args[0] + "'");
			};
		} catch (UsageException e) {
			err.println("domino: " + e.getMessage());
			err.println("run 'domino help' for the commands");
			return USAGE;
		} catch (DominoCompiler.InputException e) {
			err.println("domino: " + e.getMessage());
			return USAGE;
		} catch (IOException e) {
			err.println("domino: " + e.getMessage());
			return USAGE;
		} catch (Throwable e) { // NOPMD: the one place that turns any failure into a line, never a stack trace
			err.println("domino: internal error: " + e + " (please report it with the input that caused it)");
			return INTERNAL;
		}
	}

	private static int compile(List<String> args, PrintStream out)
			throws UsageException, DominoCompiler.InputException, IOException {
		Arguments a = Arguments.parse(args, Set.of("-o", "--output", "--format"), Set.of());
		if (a.positional().size() != 1) {
			throw new UsageException("compile takes one file: domino compile FILE -o DIR");
		}
		String dir = a.option("-o") != null ? a.option("-o") : a.option("--output");
		if (dir == null) {
			throw new UsageException("compile needs an output folder: -o DIR");
		}
		Reports.Format format = Reports.Format.parse(a.option("--format"));
		Path file = Path.of(a.positional().get(0));
		DominoCompiler.Outcome outcome = new DominoCompiler().compile(file, Path.of(dir), timestamp());
		List<Diagnostic> diagnostics = outcome.diagnostics();
		Reports.print(diagnostics, format, out);
		if (outcome.hasErrors()) {
			if (format == Reports.Format.TEXT) {
				out.println("domino: " + Reports.summary(diagnostics) + "; nothing written");
			}
			return INPUT_ERRORS;
		}
		if (format == Reports.Format.TEXT) {
			for (Map.Entry<String, Path> e : outcome.written().entrySet()) {
				List<String> names = new ArrayList<>();
				try (var files = Files.walk(e.getValue())) {
					files.filter(Files::isRegularFile).map(p -> e.getValue().relativize(p).toString())
							.filter(n -> !n.startsWith(".")).sorted().forEach(names::add);
				}
				out.println("compiled system " + e.getKey() + " into " + e.getValue() + ": " + String.join(" ", names));
			}
			for (Analysis.Unit unit : outcome.analysis().systems()) {
				if (unit.model().boot().hasScript()) {
					out.println("boot " + unit.model().name() + " from U-Boot with: "
							+ dev.domino.emit.BootScript.startCommand(unit.model()));
				}
			}
		}
		return OK;
	}

	private static int check(List<String> args, PrintStream out) throws UsageException, DominoCompiler.InputException {
		Arguments a = Arguments.parse(args, Set.of("--format"), Set.of());
		if (a.positional().isEmpty()) {
			throw new UsageException("check takes one or more files: domino check FILE...");
		}
		Reports.Format format = Reports.Format.parse(a.option("--format"));
		List<Path> files = a.positional().stream().map(Path::of).toList();
		Analysis analysis = new DominoCompiler().check(files, CheckContext.Mode.COMPILE);
		Reports.print(analysis.diagnostics(), format, out);
		if (format == Reports.Format.TEXT) {
			out.println("checked " + files.size() + (files.size() == 1 ? " file" : " files") + ": "
					+ Reports.summary(analysis.diagnostics()));
		}
		return analysis.hasErrors() ? INPUT_ERRORS : OK;
	}

	private static int map(List<String> args, PrintStream out, PrintStream err)
			throws UsageException, DominoCompiler.InputException, IOException {
		Arguments a = Arguments.parse(args, Set.of("--format", "-o"), Set.of());
		if (a.positional().size() != 1) {
			throw new UsageException("map takes one file: domino map FILE");
		}
		String format = a.option("--format") == null ? "text" : a.option("--format");
		if (!Set.of("text", "svg", "json").contains(format)) {
			throw new UsageException("--format is text, svg or json, not '" + format + "'");
		}
		Path file = Path.of(a.positional().get(0));
		Analysis analysis = new DominoCompiler().check(List.of(file), CheckContext.Mode.EDIT);
		if (analysis.units().isEmpty()) {
			throw new UsageException(file + " declares no system or board");
		}
		Path dir = file.toAbsolutePath().getParent();
		StringBuilder text = new StringBuilder();
		for (Analysis.Unit unit : analysis.units()) {
			text.append(switch (format) {
			case "svg" -> MemoryMapSvg.emit(unit.model(), dir);
			case "json" -> unit.model().isBoardOnly() ? "{}\n" : LayoutJson.emit(unit.model(), null, dir);
			default -> TextMap.emit(unit.model());
			});
		}
		if (a.option("-o") != null) {
			Files.writeString(Path.of(a.option("-o")), text, StandardCharsets.UTF_8);
		} else {
			out.print(text);
		}
		Reports.text(analysis.diagnostics(), err);
		return analysis.hasErrors() ? INPUT_ERRORS : OK;
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
