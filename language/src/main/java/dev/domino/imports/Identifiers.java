package dev.domino.imports;

import java.util.Set;

/** Names for imported things that the language accepts: an identifier, no keyword, not taken. */
public final class Identifiers {
	/** The grammar's keywords that cannot be names (a test keeps this list equal to the grammar). */
	public static final Set<String> RESERVED = Set.of("affinity", "after", "arch", "args", "at", "auto", "bank", "base-dtb", "board", "boot", "boot-modules",
			"bootargs", "borrower", "capabilities", "compatible", "console", "cpu", "cpupool", "cpus", "device",
			"device-memory", "device-tree", "direct-map", "domain", "enhanced", "event-channel", "force-assign",
			"grant-frames", "grant-version", "guest-memory", "heap", "image", "import", "iommu", "irq", "llc-colors",
			"load", "maptrack-frames", "memory", "module", "mpidr", "mpu", "mpu-image-regions", "no-xenstore", "none",
			"nr-spis", "nr_spis", "owner", "p2m-memory", "pa-bits", "passthrough", "path", "port", "profile", "psci",
			"reg", "regions", "reserved", "scheduler", "scmi-smc", "script", "sections", "shared-memory", "size",
			"start", "static", "stream-id", "system", "trap-unmapped-accesses", "used-by-xen", "vcpu", "vcpus",
			"window", "xen");

	private Identifiers() {
	}

	/** {@code raw} made an identifier ("linux,cma" becomes linux_cma), unique among {@code taken}, which it joins. */
	public static String of(String raw, Set<String> taken) {
		StringBuilder s = new StringBuilder();
		for (char c : raw.toCharArray()) {
			s.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-' ? c : '_');
		}
		if (s.length() == 0 || !(Character.isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
			s.insert(0, '_');
		}
		String base = s.toString();
		if (RESERVED.contains(base)) {
			base = base + "_";
		}
		String name = base;
		for (int i = 2; taken.contains(name); i++) {
			name = base + "_" + i;
		}
		taken.add(name);
		return name;
	}

	/** A string literal of the language. */
	public static String string(String value) {
		StringBuilder s = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			switch (c) {
			case '"' -> s.append("\\\"");
			case '\\' -> s.append("\\\\");
			case '\n' -> s.append("\\n");
			case '\t' -> s.append("\\t");
			case '\r' -> s.append("\\r");
			default -> s.append(c);
			}
		}
		return s.append('"').toString();
	}
}
