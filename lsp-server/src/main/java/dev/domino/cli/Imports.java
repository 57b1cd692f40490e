package dev.domino.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.domino.compiler.Analysis;
import dev.domino.compiler.DominoCompiler;
import dev.domino.compiler.OutputWriter;
import dev.domino.diagnostics.Diagnostic;
import dev.domino.fdt.DeviceTree;
import dev.domino.fdt.FdtException;
import dev.domino.fdt.FdtReader;
import dev.domino.imports.DtbImport;
import dev.domino.imports.ImageBuilderImport;
import dev.domino.imports.ImportNote;
import dev.domino.imports.ShellConfig;
import dev.domino.model.Board;
import dev.domino.model.Device;
import dev.domino.rules.CheckContext;

/**
 * What import-dtb and import-imagebuilder do. Each writes one .domino file (atomically, or to stdout),
 * names on stderr everything it left out, then checks what it wrote: exit 1 when the imported
 * file has errors (or the input is malformed), 2 for usage and I/O problems.
 */
final class Imports {
	private final DominoCompiler compiler;
	private final PrintStream out;
	private final PrintStream err;

	Imports(DominoCompiler compiler, PrintStream out, PrintStream err) {
		this.compiler = compiler;
		this.out = out;
		this.err = err;
	}

	/** @param output null for stdout */
	int importDtb(Path dtb, Path output, String boardName, boolean noBaseDtb)
			throws IOException, DominoCompiler.InputException {
		DeviceTree tree;
		try {
			tree = FdtReader.read(read(dtb));
		} catch (FdtException e) {
			err.println("domino: " + dtb + " is not a valid device tree blob: " + e.getMessage());
			return Main.INPUT_ERRORS;
		}
		String name = boardName != null ? boardName : stem(dtb);
		String baseDtb = noBaseDtb ? null : relative(folderOf(output), dtb);
		DtbImport.Result result = DtbImport.run(tree, name, baseDtb, dtb.getFileName().toString());
		report("import-dtb", result.notes(), err);
		if (output == null) {
			out.print(result.text());
			return Main.OK;
		}
		OutputWriter.writeFile(output, result.text());
		Analysis check = compiler.check(List.of(output), CheckContext.Mode.EDIT);
		Board board = check.units().isEmpty() ? null : check.units().get(0).model().board();
		out.println("imported board " + result.boardName() + " into " + output
				+ (board == null ? "" : ": " + count(board.cpus().size(), "CPU") + ", " + count(board.banks().size(), "memory bank")
						+ ", " + count(board.reserved().size(), "reserved range") + ", " + count(board.devices().size(), "device")));
		return checked(check.diagnostics());
	}

	/** @param output null for stdout; @param boardOption, rootOption, systemName, xen null when not given */
	int importImageBuilder(Path configFile, Path output, Path boardOption, Path rootOption, String systemName,
			String xen) throws UsageException, IOException, DominoCompiler.InputException {
		ShellConfig config = ImageBuilderImport.read(new String(read(configFile), StandardCharsets.UTF_8));
		Path root = rootOption != null ? rootOption : folderOf(configFile);
		Path folder = folderOf(output);
		if (xen != null && !xen.matches("[0-9]+\\.[0-9]+(\\.[0-9]+)?")) {
			throw new UsageException("--xen is a Xen release like 4.19, not '" + xen + "'");
		}

		Path boardFile;
		if (boardOption != null) {
			boardFile = boardOption;
		} else {
			String deviceTree = config.get("DEVICE_TREE");
			if (deviceTree == null || deviceTree.isBlank()) {
				report("import-imagebuilder", ImageBuilderImport.parseNotes(config), err); // an unclosed quote hides it
				throw new UsageException("the config names no DEVICE_TREE: give the board with --board BOARD.domino");
			}
			Path dtb;
			try {
				dtb = root.resolve(deviceTree);
			} catch (java.nio.file.InvalidPathException e) {
				throw new UsageException("DEVICE_TREE '" + deviceTree.replace("\0", "\\0") + "' is not a file name: "
						+ e.getReason());
			}
			boardFile = folder.resolve(stem(dtb) + ".domino");
			if (Files.exists(boardFile)) {
				err.println("domino: import-imagebuilder: using the board in " + boardFile + " (it exists already)");
			} else {
				DeviceTree tree;
				try {
					tree = FdtReader.read(read(dtb));
				} catch (FdtException e) {
					err.println("domino: DEVICE_TREE " + dtb + " is not a valid device tree blob: " + e.getMessage());
					return Main.INPUT_ERRORS;
				}
				DtbImport.Result board = DtbImport.run(tree, stem(dtb), relative(folder, dtb), dtb.getFileName().toString());
				report("import-dtb", board.notes(), err);
				OutputWriter.writeFile(boardFile, board.text());
				out.println("imported board " + board.boardName() + " from DEVICE_TREE into " + boardFile);
			}
		}
		ImageBuilderImport.Board board = board(boardFile, folder);
		String name = systemName != null ? systemName : "imported";
		ImageBuilderImport.Result result = ImageBuilderImport.run(config, board, new ImageBuilderImport.Options(
				dev.domino.imports.Identifiers.of(name, new java.util.HashSet<>()), xen,
				file -> importedPath(folder, root, file)));
		report("import-imagebuilder", result.notes(), err);
		if (output == null) {
			out.print(result.text());
			return Main.OK;
		}
		OutputWriter.writeFile(output, result.text());
		out.println("imported system " + name + " into " + output);
		return checked(compiler.check(List.of(output), CheckContext.Mode.EDIT).diagnostics());
	}

	/** The board's name, where the system file finds it, its devices by DT path and its CPUs. */
	private ImageBuilderImport.Board board(Path boardFile, Path systemFolder)
			throws DominoCompiler.InputException, UsageException {
		Analysis analysis = compiler.check(List.of(boardFile), CheckContext.Mode.EDIT);
		Board board = analysis.units().stream().map(u -> u.model().board()).findFirst()
				.orElseThrow(() -> new UsageException(boardFile + " declares no board"));
		Map<String, String> devices = new LinkedHashMap<>();
		for (Device d : board.devices()) {
			if (d.dtPath() != null) {
				devices.put(d.dtPath(), d.name());
			}
		}
		List<ImageBuilderImport.Cpu> cpus = new java.util.ArrayList<>();
		for (int i = 0; i < board.cpus().size(); i++) { // a board that only counts its CPUs is referred to by index
			dev.domino.model.Cpu c = board.cpus().get(i);
			cpus.add(new ImageBuilderImport.Cpu(board.cpusNamed() ? c.name() : String.valueOf(i), c.mpidr()));
		}
		return new ImageBuilderImport.Board(board.name(), relative(systemFolder, boardFile), devices, cpus);
	}

	/** A file the config names, relative to the new system; one that is no file name stays as written (check then says why). */
	private static String importedPath(Path folder, Path root, String file) {
		try {
			return relative(folder, root.resolve(file));
		} catch (java.nio.file.InvalidPathException e) {
			return file;
		}
	}

	private static void report(String command, List<ImportNote> notes, PrintStream err) {
		for (ImportNote n : notes) {
			err.println("domino: " + command + ": " + n);
		}
	}

	/** The check of what was imported: its diagnostics on stderr; exit 1 when it has errors. */
	private int checked(List<Diagnostic> diagnostics) {
		Reports.text(diagnostics, err);
		return diagnostics.stream().anyMatch(Diagnostic::isError) ? Main.INPUT_ERRORS : Main.OK;
	}

	private static String count(int n, String thing) {
		return n + " " + thing + (n == 1 ? "" : "s");
	}

	private static Path folderOf(Path file) {
		Path parent = file == null ? null : file.toAbsolutePath().normalize().getParent();
		return parent != null ? parent : Path.of("").toAbsolutePath();
	}

	/** {@code file} as the language writes paths: relative to {@code folder}, with '/'. */
	static String relative(Path folder, Path file) {
		Path absolute = file.toAbsolutePath().normalize();
		try {
			return folder.toAbsolutePath().normalize().relativize(absolute).toString().replace('\\', '/');
		} catch (IllegalArgumentException e) {
			return absolute.toString().replace('\\', '/');
		}
	}

	private static String stem(Path file) {
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return dot > 0 ? name.substring(0, dot) : name;
	}

	private static byte[] read(Path file) throws IOException {
		try {
			return Files.readAllBytes(file);
		} catch (NoSuchFileException e) {
			throw new NoSuchFileException(file + " does not exist");
		}
	}
}
