package dev.domino.eclipse.commands;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.console.MessageConsoleStream;

import dev.domino.eclipse.DominoPlugin;

/**
 * Domino: Run in QEMU — runs the Domino command line's {@code run} subcommand (compile, boot the system in QEMU,
 * stream the console) as a separate process and streams its output to the Domino console. Cancelling the job
 * stops QEMU.
 *
 * <p>The command line is found as: the {@code domino.launcher} system property (in eclipse.ini:
 * {@code -Ddomino.launcher=/path/to/domino}), the {@code DOMINO_LAUNCHER} environment variable, {@code domino}
 * on the PATH; or a {@code domino.jar} given by {@code domino.jar} / {@code DOMINO_JAR}, run with this Java.
 */
public class RunHandler extends AbstractHandler {
	public static final String JOB_FAMILY = "dev.domino.eclipse.run";

	@Override
	public Object execute(ExecutionEvent event) {
		IFile file = Targets.file(event);
		if (file == null) {
			DominoPlugin.console().newMessageStream().println("Domino: Run in QEMU needs a .domino file (open one, or select it).");
			return null;
		}
		schedule(file);
		return null;
	}

	public static Job schedule(IFile file) {
		Job job = new Job("Domino: running " + file.getName() + " in QEMU") {
			@Override
			protected IStatus run(IProgressMonitor monitor) {
				RunHandler.run(file.getLocation().toPath(), monitor);
				return Status.OK_STATUS;
			}

			@Override
			public boolean belongsTo(Object family) {
				return JOB_FAMILY.equals(family);
			}
		};
		job.setUser(true);
		job.schedule();
		return job;
	}

	/** The command that runs Domino's command line; null when none is found. */
	static List<String> command() {
		String launcher = setting("domino.launcher", "DOMINO_LAUNCHER");
		if (launcher != null) {
			return List.of(launcher);
		}
		String jar = setting("domino.jar", "DOMINO_JAR");
		if (jar != null) {
			return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar);
		}
		String pathVar = System.getenv("PATH");
		for (String dir : pathVar == null ? new String[0] : pathVar.split(File.pathSeparator)) {
			Path candidate = Path.of(dir, "domino");
			if (Files.isExecutable(candidate)) {
				return List.of(candidate.toString());
			}
		}
		return null;
	}

	private static String setting(String property, String env) {
		String v = System.getProperty(property);
		if (v == null || v.isBlank()) {
			v = System.getenv(env);
		}
		return v == null || v.isBlank() ? null : v;
	}

	static void run(Path file, IProgressMonitor monitor) {
		MessageConsoleStream out = DominoPlugin.console().newMessageStream();
		DominoPlugin.console().activate();
		List<String> base = command();
		if (base == null) {
			out.println("Domino: Run in QEMU needs the Domino command line: put 'domino' on the PATH, or start Eclipse"
					+ " with -Ddomino.launcher=/path/to/domino (or -Ddomino.jar=/path/to/domino.jar) in eclipse.ini.");
			return;
		}
		List<String> cmd = new ArrayList<>(base);
		cmd.add("run");
		cmd.add(file.toString());
		out.println("$ " + String.join(" ", cmd));
		Process p;
		try {
			p = new ProcessBuilder(cmd).directory(file.getParent().toFile()).redirectErrorStream(true).start();
		} catch (IOException e) {
			out.println("Domino: cannot start " + cmd.get(0) + ": " + e.getMessage());
			return;
		}
		Thread watchdog = new Thread(() -> {
			while (p.isAlive()) {
				if (monitor.isCanceled()) {
					p.descendants().forEach(ProcessHandle::destroy);
					p.destroy();
					return;
				}
				try {
					Thread.sleep(200);
				} catch (InterruptedException e) {
					return;
				}
			}
		}, "Domino run watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
		try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line; (line = in.readLine()) != null;) {
				out.println(line);
			}
			int code = p.waitFor();
			out.println("Domino: " + cmd.get(0) + " run exited with " + code);
		} catch (IOException e) {
			out.println("Domino: reading its output failed: " + e.getMessage());
		} catch (InterruptedException e) {
			p.destroy();
			Thread.currentThread().interrupt();
		}
	}
}
