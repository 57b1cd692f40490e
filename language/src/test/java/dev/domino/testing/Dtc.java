package dev.domino.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * dtc on what Domino writes, without -q: any warning that is not on {@link #ALLOWED} fails the
 * test. The list is the one place where a warning may stay, each entry with the reason.
 */
public final class Dtc {
	/** A warning dtc may give: its check name, a text the warning line contains, and why it stays. */
	public record Allowed(String check, String contains, String reason) {
		boolean matches(String line) {
			return line.contains("Warning (" + check + ")") && line.contains(contains);
		}
	}

	public static final List<Allowed> ALLOWED = List.of(
			new Allowed("simple_bus_reg", "/passthrough/",
					"a clock a passed-through device needs is copied into the fragment's /passthrough simple-bus"
							+ " (a fixed-clock has no reg): Xen copies only /passthrough and /aliases of a"
							+ " partial device tree into the guest's (RELEASE-4.17.0:xen/arch/arm/domain_build.c:3162-3190)"),
			new Allowed("avoid_unnecessary_addr_size", "/chosen:",
					"Xen 4.17+ reads each domain's xen,static-mem with the cells of /chosen"
							+ " (RELEASE-4.17.0:xen/arch/arm/bootfdt.c:363-375, domain_build.c:561-576); /chosen"
							+ " carries its own only when the root's are not 2/2, and then has no child with reg"));

	private Dtc() {
	}

	/** The warnings of {@code dtc -I dts|dtb -O dtb FILE} that are not allowed; the file must compile. */
	public static List<String> unexpectedWarnings(Path file) throws Exception {
		String in = file.toString().endsWith(".dts") ? "dts" : "dtb";
		Tools.Result r = Tools.run(null, "dtc", "-I", in, "-O", "dtb", "-o", "/dev/null", file.toString());
		if (r.exitCode() != 0) {
			throw new AssertionError("dtc refuses " + file + ":\n" + r.stderr());
		}
		return unexpected(r.stderr());
	}

	static List<String> unexpected(String stderr) {
		List<String> out = new ArrayList<>();
		for (String line : Tools.lines(stderr)) {
			if (ALLOWED.stream().noneMatch(a -> a.matches(line))) {
				out.add(line);
			}
		}
		return out;
	}

	/** dtc's DTS of our source without the labels DtsWriter gives phandle references: what decompiling gives. */
	public static String withoutLabels(String dts) {
		return dts.replaceAll("(?m)^(\\s*)phandle_[0-9a-f]+: ", "$1").replaceAll("&phandle_([0-9a-f]+)", "0x$1");
	}

	/** Fails on a warning not on the list. */
	public static void assertClean(Path file) throws Exception {
		List<String> bad = unexpectedWarnings(file);
		if (!bad.isEmpty()) {
			throw new AssertionError("dtc warns about " + file + ":\n" + String.join("\n", bad));
		}
	}

	/** {@code dtc -I dtb|dts -O dts FILE}, failing on a warning not on the list. */
	public static String decompile(Path dir, String file) throws Exception {
		String in = file.endsWith(".dts") ? "dts" : "dtb";
		Tools.Result r = Tools.run(dir, "dtc", "-I", in, "-O", "dts", file);
		if (r.exitCode() != 0) {
			throw new AssertionError("dtc refuses " + file + ":\n" + r.stderr());
		}
		List<String> bad = unexpected(r.stderr());
		if (!bad.isEmpty()) {
			throw new AssertionError("dtc warns about " + file + ":\n" + String.join("\n", bad));
		}
		return r.stdout();
	}
}
