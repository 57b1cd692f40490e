package dev.domino.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.domino.diagnostics.Diagnostic;
import dev.domino.diagnostics.Report;
import dev.domino.diagnostics.RuleId;
import dev.domino.model.BootModule;
import dev.domino.model.Cpupool;
import dev.domino.model.Domain;
import dev.domino.model.SourceLocation;
import dev.domino.model.SystemModel;

/**
 * Boots a compiled system under QEMU with U-Boot: the files on a FAT disk, U-Boot's environment
 * sourcing boot.scr, the console streamed with each domain's lines marked ({@code [d1 web] ...}).
 * Ends when every domain has printed what it should, when Xen, U-Boot or a guest fails (mapped to
 * the declaration that caused it by {@link BootFailures}, as an error of rule {@code boot}), or when
 * the time is up (each silent domain is reported).
 */
public final class BootRun {
	public enum Outcome {
		BOOTED, FAILED, TIMED_OUT
	}

	/** What the run saw: the outcome, its diagnostics (none when it booted), the seconds from QEMU's start. */
	public record Result(Outcome outcome, List<Diagnostic> diagnostics, double seconds, List<String> console,
			List<String> command) {
		public boolean booted() {
			return outcome == Outcome.BOOTED;
		}
	}

	private static final String EOF = new String("\u0000eof");
	/** How long a failure may take to print its reason after its first line. */
	private static final long FAILURE_GRACE_MS = 2500;

	private final SystemModel model;
	private final Compiled compiled;
	private final Path sourceDir;
	private final RunOptions options;
	private final Consumer<String> out;

	private BootRun(SystemModel model, Compiled compiled, Path sourceDir, RunOptions options, Consumer<String> out) {
		this.model = model;
		this.compiled = compiled;
		this.sourceDir = sourceDir;
		this.options = options;
		this.out = out;
	}

	/**
	 * Boots the outputs in {@code outputs} (boot.source, boot.scr, system.dtb and what the script loads,
	 * inputs found beside the system in {@code sourceDir}); {@code model} (may be null) gives the machine
	 * and the declarations failures are reported at. {@code out} gets every console line, marked.
	 */
	public static Result run(SystemModel model, Path outputs, Path sourceDir, RunOptions options, Consumer<String> out)
			throws IOException, InterruptedException {
		Compiled compiled = Compiled.read(outputs);
		for (String name : options.expect().keySet()) {
			if (compiled.guest(name).isEmpty()) {
				throw new RunException("--expect names no domain '" + name + "' (the domains are: "
						+ String.join(", ", compiled.guests().stream().map(Compiled.Guest::name).toList()) + ")");
			}
		}
		if (compiled.guests().isEmpty() && model != null) {
			List<Compiled.Guest> guests = new ArrayList<>();
			for (Domain d : model.domains()) {
				guests.add(new Compiled.Guest(model.domainId(d), d.name(), d.isDom0() || d.vpl011()));
			}
			compiled = compiled.withGuests(guests);
		}
		if (options.xen() != null && compiled.xenFile() != null && Files.isRegularFile(options.xen())) {
			long at = compiled.load(compiled.xenFile()).map(Compiled.Load::address).orElse(-1L);
			long room = at < 0 ? -1 : compiled.roomAt(at);
			long size = Files.size(options.xen());
			if (room >= 0 && size > room) {
				throw new RunException("--xen " + options.xen() + " is " + size + " bytes, more than the " + room
						+ " bytes before the next file the script loads: make it the system's Xen image and compile again");
			}
		}
		return new BootRun(model, compiled, sourceDir, options, out).boot();
	}

	private Result boot() throws IOException, InterruptedException {
		Machine machine = Machine.of(model == null ? null : model.board(), options);
		machine.checkTools();
		if (options.xen() != null && !Files.isRegularFile(options.xen())) {
			throw new RunException("--xen " + options.xen() + ": no such file");
		}
		Path work = Files.createTempDirectory("domino-run");
		try {
			Map<String, Path> inputs = new HashMap<>();
			if (model != null) {
				for (BootModule m : model.modules()) {
					if (m.file() != null && m.file().path() != null) {
						inputs.put(m.file().bootName(), m.file().path());
					}
				}
			}
			BootDisk.disk(work.resolve("disk.img"), BootDisk.files(compiled, sourceDir, inputs, options.xen()));
			BootDisk.flash(machine.uboot(), work.resolve("u-boot.bin"));
			BootDisk.environment(work.resolve("env.img"), compiled.startCommand());
			List<String> command = machine.command(work.resolve("u-boot.bin"), work.resolve("env.img"),
					work.resolve("disk.img"), options.extraArgs());
			return watch(command);
		} finally {
			delete(work);
		}
	}

	private Result watch(List<String> command) throws IOException, InterruptedException {
		Map<Integer, Pattern> waiting = new LinkedHashMap<>();
		for (Compiled.Guest g : compiled.guests()) {
			Pattern p = options.expect().get(g.name());
			if (p != null || options.everyDomain() && g.visible()) {
				waiting.put(g.id(), p);
			} else if (options.everyDomain()) {
				out.accept("domino: run: " + g.mark() + " has no console (no vpl011): not waited for");
			}
		}
		List<Pattern> consoleWaits = new ArrayList<>(options.waitFor());
		boolean nothingToWaitFor = waiting.isEmpty() && consoleWaits.isEmpty();
		Map<Integer, String> lastLine = new HashMap<>();

		Process qemu = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
				.start();
		Thread killer = new Thread(qemu::destroyForcibly, "domino run: stop QEMU");
		Runtime.getRuntime().addShutdownHook(killer);
		long started = System.nanoTime();
		ByteArrayOutputStream stderr = new ByteArrayOutputStream();
		Thread errReader = drain(qemu.getErrorStream(), stderr);
		BlockingQueue<String> lines = new LinkedBlockingQueue<>();
		Thread reader = lines(qemu.getInputStream(), lines);
		OutputStream log = options.log() == null ? null : Files.newOutputStream(options.log());
		Console console = new Console(compiled.hasDom0());
		List<String> seen = new ArrayList<>();
		List<Console.Line> read = new ArrayList<>();
		long deadline = System.currentTimeMillis() + (long) (options.timeoutSeconds() * 1000);
		long failureUntil = -1;
		int failureAt = -1;
		int buildingAtFailure = -1;
		Outcome outcome = Outcome.TIMED_OUT;
		boolean exited = false;
		try {
			while (true) {
				long now = System.currentTimeMillis();
				long until = failureUntil >= 0 ? Math.min(failureUntil, deadline) : deadline;
				if (now >= until) {
					break;
				}
				String raw = lines.poll(until - now, TimeUnit.MILLISECONDS);
				if (raw == null) {
					continue;
				}
				if (raw == EOF) {
					exited = true;
					break;
				}
				if (log != null) {
					log.write((raw + "\n").getBytes(StandardCharsets.ISO_8859_1));
					log.flush();
				}
				Console.Line line = console.read(raw);
				seen.add(raw);
				read.add(line);
				Optional<Compiled.Guest> guest = line.isDomain() ? compiled.guest(line.domain()) : Optional.empty();
				out.accept(line.isDomain() ? "[" + guest.map(Compiled.Guest::mark).orElse("d" + line.domain()) + "] "
						+ line.text() : raw);
				if (failureAt >= 0) {
					if (BootFailures.isEnd(raw)) {
						break;
					}
					continue;
				}
				if (line.isDomain() && !line.text().isBlank()) {
					lastLine.put(line.domain(), line.text());
					if (waiting.containsKey(line.domain())) {
						Pattern p = waiting.get(line.domain());
						if (p == null || p.matcher(line.text()).find()) {
							waiting.remove(line.domain());
						}
					}
				}
				consoleWaits.removeIf(p -> p.matcher(raw).find());
				if (BootFailures.isFatal(raw)) {
					failureAt = seen.size() - 1;
					buildingAtFailure = console.building();
					failureUntil = System.currentTimeMillis() + FAILURE_GRACE_MS;
					if (BootFailures.isEnd(raw)) {
						break;
					}
					continue;
				}
				if (waiting.isEmpty() && consoleWaits.isEmpty()
						&& (!nothingToWaitFor || raw.startsWith("(XEN) *** Serial input to DOM"))) {
					outcome = Outcome.BOOTED;
					break;
				}
			}
		} finally {
			double seconds = (System.nanoTime() - started) / 1e9;
			stop(qemu);
			try {
				Runtime.getRuntime().removeShutdownHook(killer);
			} catch (IllegalStateException e) {
				// the JVM is stopping: the hook stops QEMU
			}
			reader.join(2000);
			errReader.join(2000);
			if (log != null) {
				log.close();
			}
			elapsed = seconds;
		}
		Report report = new Report();
		if (outcome == Outcome.BOOTED) {
			return new Result(outcome, List.of(), elapsed, seen, command);
		}
		if (failureAt >= 0) {
			int from = Math.max(0, failureAt - 40);
			List<String> window = seen.subList(from, seen.size());
			Optional<BootFailures.Match> match = BootFailures.classify(window, from + 1);
			if (match.isPresent()) {
				failure(report, match.get(), read.get(match.get().lineNumber() - 1), buildingAtFailure, window);
			} else {
				report.at(RuleId.BOOT, systemWhere(), "the boot failed: the console says \"" + seen.get(failureAt).trim()
						+ "\" (console line " + (failureAt + 1) + ")").emit();
			}
			return new Result(Outcome.FAILED, report.diagnostics(), elapsed, seen, command);
		}
		if (exited && seen.isEmpty()) {
			String why = stderr.toString(StandardCharsets.UTF_8).trim();
			throw new RunException(command.get(0) + " did not start" + (why.isEmpty() ? "" : ": " + why));
		}
		String within = exited ? "before QEMU stopped" : "in " + format(options.timeoutSeconds()) + " s";
		if (!console.xenStarted()) {
			report.at(RuleId.BOOT, systemWhere(), "the boot failed: Xen never started " + within
					+ (seen.isEmpty() ? " (the console stayed silent)" : "; U-Boot's last line: " + lastOf(seen))).emit();
		}
		for (Map.Entry<Integer, Pattern> e : waiting.entrySet()) {
			Compiled.Guest g = compiled.guest(e.getKey()).orElseThrow();
			String last = lastLine.get(g.id());
			String message = e.getValue() == null || last == null
					? "the boot failed: " + g.mark() + " printed nothing " + within
					: "the boot failed: " + g.mark() + " printed no line matching /" + e.getValue() + "/ " + within
							+ " (its last line: " + last + ")";
			report.at(RuleId.BOOT, domainWhere(g.id()), message).emit();
		}
		for (Pattern p : consoleWaits) {
			report.at(RuleId.BOOT, systemWhere(), "the boot failed: the console never showed /" + p + "/ " + within)
					.emit();
		}
		if (report.diagnostics().isEmpty()) {
			report.at(RuleId.BOOT, systemWhere(), "the boot failed: QEMU stopped").emit();
		}
		return new Result(exited ? Outcome.FAILED : Outcome.TIMED_OUT, report.diagnostics(), elapsed, seen, command);
	}

	private double elapsed;

	private void failure(Report report, BootFailures.Match match, Console.Line line, int building,
			List<String> window) {
		BootFailures.Failure f = match.failure();
		String said = line.isDomain() ? line.text().trim() : line.raw().replaceFirst("^\\(XEN\\) ", "").trim();
		if (f.blame() == BootFailures.Blame.SYSTEM && said.matches("Panic on CPU \\d+:")) {
			String reason = BootFailures.panicReason(window);
			said = reason == null ? said : reason;
		}
		String prefix = "the boot failed: " + f.source() + " says \"" + said + "\"";
		SourceLocation where = systemWhere();
		String context = "";
		switch (f.blame()) {
		case BUILDING_DOMAIN -> {
			where = domainWhere(building);
			context = " while building " + mark(building);
		}
		case DOMAIN_MEMORY -> {
			String dom = match.group("dom");
			int id = dom != null ? Integer.parseInt(dom.substring(1)) : building;
			where = domain(id).map(d -> d.memory().where()).orElse(domainWhere(id));
			context = " while building " + mark(id);
		}
		case DOM0_MEMORY -> {
			where = domain(0).map(d -> d.memory().where()).orElse(domainWhere(0));
			context = " while building dom0";
		}
		case NAMED_DOMAIN -> {
			Optional<Compiled.Guest> g = compiled.guest(match.group("name"));
			if (g.isPresent()) {
				where = domainWhere(g.get().id());
				context = " (" + g.get().mark() + ")";
			}
		}
		case PRINTING_DOMAIN -> {
			where = domainWhere(line.domain());
			context = " in " + mark(line.domain());
		}
		case CPUPOOL_SCHEDULER -> {
			String name = match.group("name");
			if (model != null) {
				for (Cpupool pool : model.cpupools()) {
					if (name.equals(pool.schedulerName())) {
						where = pool.scheduler() != null ? pool.scheduler().where() : pool.where();
						context = " (cpupool " + pool.name() + ")";
						break;
					}
				}
			}
		}
		case XEN_IMAGE -> {
			if (model != null && model.xen() != null && model.xen().image() != null) {
				where = model.xen().image().where();
			}
			context = compiled.xenFile() == null ? "" : " starting " + compiled.xenFile();
		}
		case MODULE_FILE -> {
			String name = match.group("name");
			context = " (" + name + ")";
			if (model != null) {
				for (BootModule m : model.modules()) {
					if (m.bootName().equals(name)) {
						where = m.file() != null && m.file().where() != null ? m.file().where() : m.where();
					}
				}
			}
		}
		case BOOT_BLOCK -> {
			if (model != null && model.boot() != null) {
				where = model.boot().where();
			}
		}
		default -> {
		}
		}
		report.at(RuleId.BOOT, where, prefix + context + ": " + f.meaning() + " (console line " + match.lineNumber()
				+ ")").emit();
	}

	private String mark(int id) {
		return compiled.guest(id).map(Compiled.Guest::mark).orElse(id < 0 ? "a domain" : "d" + id);
	}

	private Optional<Domain> domain(int id) {
		if (model == null) {
			return Optional.empty();
		}
		return compiled.guest(id).flatMap(g -> id == 0 ? model.dom0() : model.domain(g.name()));
	}

	private SourceLocation domainWhere(int id) {
		return domain(id).map(Domain::where).orElse(systemWhere());
	}

	private SourceLocation systemWhere() {
		if (model != null && model.where() != null) {
			return model.where();
		}
		Path script = compiled.outputs().resolve("boot.source").toAbsolutePath();
		return SourceLocation.ofFile(script.toUri().toString(), script.toString());
	}

	private static String lastOf(List<String> seen) {
		for (int i = seen.size() - 1; i >= 0; i--) {
			if (!seen.get(i).isBlank()) {
				return seen.get(i).trim();
			}
		}
		return "";
	}

	static String format(double seconds) {
		return seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.format("%.1f", seconds);
	}

	private static void stop(Process p) throws InterruptedException {
		p.destroy();
		if (!p.waitFor(3, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			p.waitFor(3, TimeUnit.SECONDS);
		}
	}

	private static Thread drain(InputStream in, ByteArrayOutputStream to) {
		Thread t = new Thread(() -> {
			try {
				in.transferTo(to);
			} catch (IOException e) {
				// QEMU went away
			}
		}, "domino run: QEMU stderr");
		t.setDaemon(true);
		t.start();
		return t;
	}

	/** The console as lines (ISO-8859-1: a console may carry any byte), then EOF. */
	private static Thread lines(InputStream in, BlockingQueue<String> to) {
		Thread t = new Thread(() -> {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			try {
				for (int n; (n = in.read(buffer)) > 0;) {
					for (int i = 0; i < n; i++) {
						byte b = buffer[i];
						if (b == '\n') {
							to.add(strip(line));
							line.reset();
						} else {
							line.write(b);
						}
					}
				}
			} catch (IOException e) {
				// QEMU went away
			}
			if (line.size() > 0) {
				to.add(strip(line));
			}
			to.add(EOF);
		}, "domino run: console");
		t.setDaemon(true);
		t.start();
		return t;
	}

	private static String strip(ByteArrayOutputStream line) {
		String s = line.toString(StandardCharsets.ISO_8859_1);
		return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
	}

	private static void delete(Path dir) throws IOException {
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}
}
