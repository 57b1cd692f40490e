package dev.domino.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import dev.domino.compiler.Analysis;
import dev.domino.compiler.DominoCompiler;
import dev.domino.compiler.OutputWriter;
import dev.domino.emit.LayoutJson;
import dev.domino.emit.MemoryMapSvg;
import dev.domino.emit.TextMap;
import dev.domino.rules.CheckContext;

@Command(name = "map", mixinStandardHelpOptions = true, description = {
		"Print the memory map of the system (or board) in FILE.",
		"A file that declares several systems gets one text map per system; an SVG or JSON map is of one",
		"system: choose it with --system." })
final class MapCommand implements Callable<Integer> {
	enum Format {
		TEXT, SVG, JSON
	}

	@ParentCommand
	private Main main;

	@Parameters(paramLabel = "FILE", description = "the .domino file")
	private Path file;

	@Option(names = "--format", paramLabel = "FORMAT", description = "text, svg or json (default: text)")
	private Format format = Format.TEXT;

	@Option(names = "--system", paramLabel = "NAME", description = "the system to map, when FILE declares several")
	private String system;

	@Option(names = { "-o", "--output" }, paramLabel = "OUT", description = "write the map to OUT instead of stdout")
	private Path output;

	@Override
	public Integer call() throws DominoCompiler.InputException, IOException, UsageException {
		Analysis analysis = main.compiler().check(List.of(file), CheckContext.Mode.EDIT);
		List<Analysis.Unit> units = analysis.systems().isEmpty() ? analysis.units() : analysis.systems();
		if (system != null) {
			units = units.stream().filter(u -> system.equals(u.model().name())).toList();
			if (units.isEmpty()) {
				throw new UsageException(file + " declares no system " + system);
			}
		}
		if (units.isEmpty()) {
			throw new UsageException(file + " declares no system or board");
		}
		if (units.size() > 1 && format != Format.TEXT) {
			throw new UsageException(file + " declares systems " + String.join(", ", units.stream()
					.map(u -> u.model().name()).toList()) + ": choose the one to map with --system NAME");
		}
		Path dir = file.toAbsolutePath().getParent();
		StringBuilder text = new StringBuilder();
		for (Analysis.Unit unit : units) {
			text.append(switch (format) {
			case SVG -> MemoryMapSvg.emit(unit.placed(), dir);
			case JSON -> LayoutJson.emit(unit.placed(), unit.mpuPlan(), dir);
			case TEXT -> (text.length() > 0 ? "\n" : "") + TextMap.emit(unit.placed());
			});
		}
		if (output != null) {
			OutputWriter.writeFile(output, text.toString());
		} else {
			main.out.print(text);
		}
		Reports.text(analysis.diagnostics(), main.err);
		return analysis.hasErrors() ? Main.INPUT_ERRORS : Main.OK;
	}
}
