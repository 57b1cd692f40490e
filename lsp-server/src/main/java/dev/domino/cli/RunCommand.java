package dev.domino.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import dev.domino.compiler.Analysis;
import dev.domino.compiler.DominoCompiler;
import dev.domino.run.BootRun;
import dev.domino.run.RunOptions;

@Command(name = "run", mixinStandardHelpOptions = true, description = {
		"Compile FILE and boot it under QEMU's virt machine with U-Boot: the files the",
		"boot script loads go on a virtio FAT disk, U-Boot sources boot.scr, and the",
		"console is streamed with each domain's lines marked ([d1 web] ...).",
		"Ends when every domain with a console has printed (exit 0), when Xen, U-Boot",
		"or a guest fails, or after --timeout seconds (exit 1, an error[boot] at the",
		"declaration that caused it).",
		"Needs qemu-system-arm, u-boot-qemu and mtools." })
final class RunCommand implements Callable<Integer> {
	@ParentCommand
	private Main main;

	@Parameters(paramLabel = "FILE", description = "the .domino file that declares the system")
	private Path file;

	@Option(names = { "-o", "--output" }, paramLabel = "DIR", description = "keep the outputs in DIR (default: a"
			+ " temporary folder, deleted afterwards)")
	private Path output;

	@Option(names = "--system", paramLabel = "NAME", description = "the system to boot when FILE declares several")
	private String system;

	@Option(names = "--timeout", paramLabel = "SECONDS", description = "give up after this long (default: 120)")
	private double timeout = 120;

	@Option(names = "--expect", paramLabel = "DOMAIN=REGEX", description = "the domain must print a line matching"
			+ " REGEX (repeatable; default: any line of each domain with a console)")
	private List<String> expect = new ArrayList<>();

	@Option(names = "--wait-for", paramLabel = "REGEX", description = "a console line (anyone's) must match REGEX"
			+ " too (repeatable)")
	private List<String> waitFor = new ArrayList<>();

	@Option(names = "--qemu", paramLabel = "PATH", description = "the QEMU binary (default: qemu-system-aarch64,"
			+ " qemu-system-arm for arm32 boards)")
	private String qemu;

	@Option(names = "--uboot", paramLabel = "PATH", description = "U-Boot for the machine (default: Debian's"
			+ " /usr/lib/u-boot/qemu_arm64/u-boot.bin, qemu_arm for arm32)")
	private Path uboot;

	@Option(names = "--xen", paramLabel = "PATH", description = "boot this Xen binary instead of the system's image")
	private Path xen;

	@Option(names = "--machine", paramLabel = "SPEC", description = "QEMU's -machine (default: virt with the"
			+ " board's GIC version, virtualization on, acpi=off)")
	private String machine;

	@Option(names = "--cpu", paramLabel = "MODEL", description = "QEMU's -cpu (default: cortex-a57, cortex-a15 for"
			+ " arm32)")
	private String cpu;

	@Option(names = "--smp", paramLabel = "N", description = "CPUs (default: the board's)")
	private Integer smp;

	@Option(names = "--memory", paramLabel = "MIB", description = "RAM in MiB (default: the board's RAM from"
			+ " 0x4000_0000)")
	private Long memory;

	@Option(names = "--qemu-arg", paramLabel = "ARG", description = "one more QEMU argument (repeatable), e.g."
			+ " --qemu-arg=-d --qemu-arg=guest_errors")
	private List<String> qemuArgs = new ArrayList<>();

	@Option(names = "--log", paramLabel = "FILE", description = "write the raw console to FILE too")
	private Path log;

	@Override
	public Integer call() throws UsageException, DominoCompiler.InputException, IOException, InterruptedException {
		RunOptions options = options();
		Path out = output != null ? output : Files.createTempDirectory("domino-run-out");
		try {
			DominoCompiler.Outcome outcome = main.compiler().compile(file, out, Main.timestamp());
			Reports.print(outcome.diagnostics(), Reports.Format.TEXT, main.out);
			if (outcome.hasErrors()) {
				main.out.println("domino: " + Reports.summary(outcome.diagnostics()) + "; nothing booted");
				return Main.INPUT_ERRORS;
			}
			Analysis.Unit unit = unit(outcome.analysis().systems());
			Path dir = outcome.written().get(unit.model().name());
			main.out.println("domino: run: booting system " + unit.model().name() + " (outputs in " + dir + ")");
			BootRun.Result r = BootRun.run(unit.model(), dir, file.toAbsolutePath().getParent(), options,
					main.out::println);
			Reports.print(r.diagnostics(), Reports.Format.TEXT, main.out);
			if (r.booted()) {
				main.out.println("domino: run: " + unit.model().name() + " booted in " + String.format("%.1f", r.seconds())
						+ " s");
				return Main.OK;
			}
			main.out.println("domino: run: " + unit.model().name() + " did not boot (" + String.format("%.1f",
					r.seconds()) + " s): " + Reports.summary(r.diagnostics()));
			return Main.INPUT_ERRORS;
		} finally {
			if (output == null) {
				delete(out);
			}
		}
	}

	private Analysis.Unit unit(List<Analysis.Unit> systems) throws UsageException {
		if (system == null) {
			if (systems.size() > 1) {
				throw new UsageException("run: " + file + " declares " + systems.size() + " systems: say which with"
						+ " --system (" + String.join(", ", systems.stream().map(u -> u.model().name()).toList()) + ")");
			}
			return systems.get(0);
		}
		for (Analysis.Unit u : systems) {
			if (u.model().name().equals(system)) {
				return u;
			}
		}
		throw new UsageException("run: " + file + " declares no system " + system);
	}

	private RunOptions options() throws UsageException {
		if (!(timeout > 0)) {
			throw new UsageException("run: --timeout must be more than 0 seconds");
		}
		RunOptions o = new RunOptions().timeoutSeconds(timeout).qemu(qemu).uboot(uboot).xen(xen).machine(machine)
				.cpu(cpu).smp(smp).memoryMiB(memory).extraArgs(qemuArgs).log(log);
		for (String e : expect) {
			int eq = e.indexOf('=');
			if (eq <= 0) {
				throw new UsageException("run: --expect " + e + ": write DOMAIN=REGEX");
			}
			o.expect(e.substring(0, eq), regex(e.substring(eq + 1)));
		}
		for (String w : waitFor) {
			o.waitFor(regex(w));
		}
		return o;
	}

	private static Pattern regex(String text) throws UsageException {
		try {
			return Pattern.compile(text);
		} catch (PatternSyntaxException e) {
			throw new UsageException("run: " + text + ": not a regular expression: " + e.getDescription());
		}
	}

	private static void delete(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}
}
