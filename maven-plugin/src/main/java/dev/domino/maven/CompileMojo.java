package dev.domino.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import dev.domino.compiler.DominoCompiler;
import dev.domino.diagnostics.Diagnostic;

/**
 * {@code domino:compile}: compiles the systems of the {@code .domino} files under
 * {@code sourceDirectory} (or the {@code files} given) into {@code outputDirectory/<system>}, in
 * one analysis, so a board they share is read once. The compiler (its injector, and the JIT's
 * work on it) is kept for the life of the plugin's class loader, which Maven keeps for the whole
 * build: the second module or execution that compiles finds it warm. Any error fails the build
 * and writes nothing.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class CompileMojo extends AbstractMojo {
	/** One compiler per plugin class loader: it holds no state between compiles but its injector. */
	private static DominoCompiler compiler;

	@Parameter(defaultValue = "${project.basedir}/src/main/domino")
	File sourceDirectory;

	/** The files to compile; when empty, every .domino file under {@link #sourceDirectory}. */
	@Parameter
	List<File> files;

	@Parameter(defaultValue = "${project.build.directory}/domino", required = true)
	File outputDirectory;

	/** boot.scr's timestamp, as Maven's reproducible builds set it (ISO-8601 or seconds); else 0. */
	@Parameter(defaultValue = "${project.build.outputTimestamp}")
	String outputTimestamp;

	@Parameter(property = "domino.skip", defaultValue = "false")
	boolean skip;

	static synchronized DominoCompiler compiler() {
		if (compiler == null) {
			compiler = new DominoCompiler();
		}
		return compiler;
	}

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (skip) {
			getLog().info("domino: skipped");
			return;
		}
		List<Path> inputs = inputs();
		if (inputs.isEmpty()) {
			getLog().info("domino: no .domino files in " + sourceDirectory);
			return;
		}
		DominoCompiler.Outcome outcome;
		try {
			outcome = compiler().compileAll(inputs, outputDirectory.toPath(), timestamp(outputTimestamp));
		} catch (DominoCompiler.InputException e) {
			throw new MojoFailureException(e.getMessage(), e);
		} catch (IOException e) {
			throw new MojoExecutionException("domino: cannot write the outputs: " + e.getMessage(), e);
		}
		for (Diagnostic d : outcome.diagnostics()) {
			if (d.isError()) {
				getLog().error(d.format());
			} else {
				getLog().warn(d.format());
			}
		}
		if (outcome.hasErrors()) {
			throw new MojoFailureException("domino: " + outcome.diagnostics().stream().filter(Diagnostic::isError).count()
					+ " error(s); nothing written");
		}
		outcome.written().forEach((name, dir) -> getLog().info("domino: compiled system " + name + " into " + dir));
	}

	private List<Path> inputs() throws MojoExecutionException {
		List<Path> inputs = new ArrayList<>();
		if (files != null && !files.isEmpty()) {
			files.forEach(f -> inputs.add(f.toPath()));
			return inputs;
		}
		if (sourceDirectory == null || !sourceDirectory.isDirectory()) {
			return inputs;
		}
		try (Stream<Path> walk = Files.walk(sourceDirectory.toPath())) {
			walk.filter(p -> p.toString().endsWith(".domino") && Files.isRegularFile(p)).sorted().forEach(inputs::add);
		} catch (IOException e) {
			throw new MojoExecutionException("domino: cannot list " + sourceDirectory + ": " + e.getMessage(), e);
		}
		return inputs;
	}

	static long timestamp(String value) {
		if (value == null || value.isBlank() || value.length() < 2) {
			return 0; // Maven's "not set" is a single character
		}
		try {
			return Long.parseLong(value.trim());
		} catch (NumberFormatException e) {
			try {
				return Instant.parse(value.trim()).getEpochSecond();
			} catch (DateTimeParseException e2) {
				return 0;
			}
		}
	}
}
