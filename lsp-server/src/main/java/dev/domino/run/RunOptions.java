package dev.domino.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How to run a system: the machine (null: from the board), what to wait for and for how long.
 * Every domain with a console waits for its {@code expect} pattern, or for any line when it has
 * none ({@link #everyDomain}); {@code waitFor} patterns must appear anywhere on the console.
 */
public final class RunOptions {
	private String qemu;
	private Path uboot;
	private Path xen;
	private String machine;
	private String cpu;
	private Integer smp;
	private Long memoryMiB;
	private final List<String> extraArgs = new ArrayList<>();
	private double timeoutSeconds = 120;
	private final Map<String, Pattern> expect = new LinkedHashMap<>();
	private final List<Pattern> waitFor = new ArrayList<>();
	private boolean everyDomain = true;
	private Path log;

	public RunOptions qemu(String v) {
		qemu = v;
		return this;
	}

	public RunOptions uboot(Path v) {
		uboot = v;
		return this;
	}

	public RunOptions xen(Path v) {
		xen = v;
		return this;
	}

	public RunOptions machine(String v) {
		machine = v;
		return this;
	}

	public RunOptions cpu(String v) {
		cpu = v;
		return this;
	}

	public RunOptions smp(Integer v) {
		smp = v;
		return this;
	}

	public RunOptions memoryMiB(Long v) {
		memoryMiB = v;
		return this;
	}

	public RunOptions extraArgs(List<String> v) {
		extraArgs.addAll(v);
		return this;
	}

	public RunOptions timeoutSeconds(double v) {
		timeoutSeconds = v;
		return this;
	}

	/** The domain named {@code domain} must print a line in which {@code regex} is found. */
	public RunOptions expect(String domain, Pattern regex) {
		expect.put(domain, regex);
		return this;
	}

	/** {@code regex} must be found in a console line (anyone's). */
	public RunOptions waitFor(Pattern regex) {
		waitFor.add(regex);
		return this;
	}

	/** Whether every domain with a console must print (its expect pattern, or any line); true by default. */
	public RunOptions everyDomain(boolean v) {
		everyDomain = v;
		return this;
	}

	/** The raw console is written to this file too. */
	public RunOptions log(Path v) {
		log = v;
		return this;
	}

	public String qemu() {
		return qemu;
	}

	public Path uboot() {
		return uboot;
	}

	public Path xen() {
		return xen;
	}

	public String machine() {
		return machine;
	}

	public String cpu() {
		return cpu;
	}

	public Integer smp() {
		return smp;
	}

	public Long memoryMiB() {
		return memoryMiB;
	}

	public List<String> extraArgs() {
		return List.copyOf(extraArgs);
	}

	public double timeoutSeconds() {
		return timeoutSeconds;
	}

	public Map<String, Pattern> expect() {
		return Map.copyOf(expect);
	}

	public List<Pattern> waitFor() {
		return List.copyOf(waitFor);
	}

	public boolean everyDomain() {
		return everyDomain;
	}

	public Path log() {
		return log;
	}
}
