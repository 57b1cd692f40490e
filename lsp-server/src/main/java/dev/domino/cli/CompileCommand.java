package dev.domino.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import dev.domino.compiler.Analysis;
import dev.domino.compiler.DominoCompiler;
import dev.domino.emit.BootScript;

@Command(name = "compile", mixinStandardHelpOptions = true, description = {
		"Check FILE and write its outputs to DIR.",
		"Outputs: system.dts/.dtb, boot.source/.scr, xen.config, domino-layout.h, layout.json, memory-map.svg,",
		"mpu-plan.txt (MPU boards), passthrough/<domain>.dts/.dtb. Nothing is written when there are errors:",
		"the previous outputs stay as they were." })
final class CompileCommand implements Callable<Integer> {
	@ParentCommand
	private Main main;

	@Parameters(paramLabel = "FILE", description = "the .domino file that declares the system")
	private Path file;

	@Option(names = { "-o", "--output" }, required = true, paramLabel = "DIR",
			description = "the output folder (one sub-folder per system when FILE declares several)")
	private Path output;

	@Option(names = "--format", paramLabel = "FORMAT", description = "diagnostics as text, json or sarif (default: text)")
	private Reports.Format format = Reports.Format.TEXT;

	@Override
	public Integer call() throws DominoCompiler.InputException, IOException {
		DominoCompiler.Outcome outcome = main.compiler().compile(file, output, Main.timestamp());
		Reports.print(outcome.diagnostics(), format, main.out);
		if (outcome.hasErrors()) {
			if (format == Reports.Format.TEXT) {
				main.out.println("domino: " + Reports.summary(outcome.diagnostics()) + "; nothing written");
			}
			return Main.INPUT_ERRORS;
		}
		if (format == Reports.Format.TEXT) {
			for (Map.Entry<String, Path> e : outcome.written().entrySet()) {
				List<String> names = new ArrayList<>();
				try (var files = Files.walk(e.getValue())) {
					files.filter(Files::isRegularFile).map(p -> e.getValue().relativize(p).toString())
							.filter(n -> !n.startsWith(".")).sorted().forEach(names::add);
				}
				main.out.println("compiled system " + e.getKey() + " into " + e.getValue() + ": " + String.join(" ", names));
			}
			for (Analysis.Unit unit : outcome.analysis().systems()) {
				if (unit.model().boot().hasScript()) {
					main.out.println("boot " + unit.model().name() + " from U-Boot with: "
							+ BootScript.startCommand(unit.placed()));
				}
			}
		}
		return Main.OK;
	}
}
