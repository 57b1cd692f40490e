package dev.domino.run;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a failed boot prints, and whom it blames: one row per console message of Xen, U-Boot or a
 * guest kernel that ends a boot. The first row (in table order) that matches a line of the failure
 * wins, so specific messages come before Xen's generic panic. The rows' console lines are from
 * real boots (docs/boot-recipes.md, BootFailuresTest).
 */
public final class BootFailures {
	/** The declaration a failure is reported at. */
	public enum Blame {
		/** The domain Xen was building when it failed (the last "LOADING DOMU" / "Loading dN kernel"). */
		BUILDING_DOMAIN,
		/** The memory of the domain named in the line ({@code dom} group, "d1"), else of the one being built. */
		DOMAIN_MEMORY,
		/** Dom0's memory. */
		DOM0_MEMORY,
		/** The domain whose DT node name is the {@code name} group. */
		NAMED_DOMAIN,
		/** The domain that printed the line (a guest kernel's panic). */
		PRINTING_DOMAIN,
		/** The system as a whole. */
		SYSTEM,
		/** The boot-time cpupool whose scheduler is the {@code name} group. */
		CPUPOOL_SCHEDULER,
		/** Xen's image (the file U-Boot was asked to start). */
		XEN_IMAGE,
		/** The boot module the script loads as the {@code name} group. */
		MODULE_FILE,
		/** The system's boot block (where U-Boot puts things). */
		BOOT_BLOCK
	}

	/** One row: who prints it, the line's pattern, whom it blames and what it means. */
	public record Failure(String source, Pattern pattern, Blame blame, String meaning) {
	}

	/** A row that matched a console line. */
	public record Match(Failure failure, String line, int lineNumber, Matcher matcher) {
		/** A named group of the pattern, or null when the pattern has none by that name or it did not take part. */
		public String group(String name) {
			try {
				return matcher.group(name);
			} catch (IllegalArgumentException e) {
				return null;
			}
		}
	}

	private static Failure row(String source, String regex, Blame blame, String meaning) {
		return new Failure(source, Pattern.compile(regex), blame, meaning);
	}

	/** The table, most specific first. */
	public static final List<Failure> TABLE = List.of(
			row("Xen", "Not enough memory in the first bank for the kernel\\+dtb\\+initrd", Blame.BUILDING_DOMAIN,
					"its first memory bank cannot hold its kernel, its device tree and its ramdisk: give it more memory"),
			row("Xen", "Failed to allocate requested dom0 memory", Blame.DOM0_MEMORY,
					"Xen has not that much free memory (or static heap) for dom0"),
			row("Xen", "Failed to allocate requested domain memory\\. \\d+KB unallocated", Blame.DOMAIN_MEMORY,
					"Xen has not that much free memory (or static heap) left for this domain"),
			row("Xen", "Failed to allocate requested static memory for domain (?<dom>d\\d+)", Blame.DOMAIN_MEMORY,
					"Xen could not take the domain's static memory banks (RAM it does not have, or pages in use)"),
			row("Xen", "Failed to assign requested static memory for direct-map domain (?<dom>d\\d+)",
					Blame.DOMAIN_MEMORY, "Xen could not map the domain's static memory 1:1"),
			row("Xen", "(?<dom>d\\d+): (failed to acquire static memory|static memory size too large)",
					Blame.DOMAIN_MEMORY, "Xen could not take the domain's static memory banks"),
			row("Xen", "Xen BUG at common/page_alloc\\.c", Blame.SYSTEM,
					"Xen freed a page twice: boot modules overlap (Xen 4.17 does not check it)"),
			row("Xen", "Scheduler (?<name>\\S+) does not exists", Blame.CPUPOOL_SCHEDULER,
					"the Xen binary is built without this scheduler (build it with the system's xen.config)"),
			row("Xen", "Could not set up domain (?<name>\\S+)", Blame.NAMED_DOMAIN,
					"Xen could not build the domain (a module that is not what its node says, or a bad property)"),
			row("U-Boot", "Bad Linux ARM64 Image magic", Blame.XEN_IMAGE,
					"booti was given a file that is not an arm64 Image"),
			row("U-Boot", "kernel_comp_addr_r or kernel_comp_size is not provided", Blame.XEN_IMAGE,
					"booti was given a compressed file, not an arm64 Image"),
			row("U-Boot", "Wrong Image Format for bootm command", Blame.XEN_IMAGE,
					"bootm was given a file that is not a U-Boot image (a raw zImage wants bootz)"),
			row("U-Boot", "\\*\\* Unable to read file (?<name>\\S+) \\*\\*", Blame.MODULE_FILE,
					"the file is not on the boot disk"),
			row("U-Boot", "Failed to load '(?<name>[^']+)'", Blame.MODULE_FILE, "the file is not on the boot disk"),
			row("U-Boot", "ERROR: FDT image overlaps OS image", Blame.BOOT_BLOCK,
					"the device tree lies inside the Xen image's footprint"),
			row("U-Boot", "\"Synchronous Abort\" handler", Blame.BOOT_BLOCK, "U-Boot crashed"),
			row("guest", "Kernel panic - not syncing", Blame.PRINTING_DOMAIN, "the domain's kernel died"),
			row("Xen", "Panic on CPU \\d+:", Blame.SYSTEM, "Xen panicked"));

	/** A line after which the boot cannot succeed: the run stops soon after it (once the reason is printed). */
	private static final Pattern FATAL = Pattern.compile("Panic on CPU \\d+:|Xen BUG at |Reboot in five seconds"
			+ "|Kernel panic - not syncing|Bad Linux ARM64 Image magic|kernel_comp_addr_r or kernel_comp_size is not"
			+ "|Wrong Image Format for bootm|ERROR: can.t get kernel image|ERROR: FDT image overlaps"
			+ "|Unable to read file|Failed to load '|\"Synchronous Abort\" handler");

	/** The last line of what a failure prints: nothing that follows it says more. */
	private static final Pattern END = Pattern.compile("Reboot in five seconds|end Kernel panic|resetting \\.\\.\\.");

	private BootFailures() {
	}

	public static boolean isFatal(String line) {
		return FATAL.matcher(line).find();
	}

	public static boolean isEnd(String line) {
		return END.matcher(line).find();
	}

	/**
	 * The failure {@code lines} show (line numbers count from {@code first}): the earliest line that a
	 * row matches (on one line, the first row of the table), Xen's generic panic only when no other row
	 * matches: what went wrong first is the cause, what follows are its consequences.
	 */
	public static Optional<Match> classify(List<String> lines, int first) {
		List<Failure> specific = TABLE.subList(0, TABLE.size() - 1);
		for (int i = 0; i < lines.size(); i++) {
			for (Failure f : specific) {
				Matcher m = f.pattern().matcher(lines.get(i));
				if (m.find()) {
					return Optional.of(new Match(f, lines.get(i), first + i, m));
				}
			}
		}
		Failure generic = TABLE.get(TABLE.size() - 1);
		for (int i = 0; i < lines.size(); i++) {
			Matcher m = generic.pattern().matcher(lines.get(i));
			if (m.find()) {
				return Optional.of(new Match(generic, lines.get(i), first + i, m));
			}
		}
		return Optional.empty();
	}

	/** The reason Xen gives on the line after "Panic on CPU N:", or null. */
	public static String panicReason(List<String> lines) {
		for (int i = 0; i + 1 < lines.size(); i++) {
			if (lines.get(i).matches(".*Panic on CPU \\d+:\\s*$")) {
				String next = lines.get(i + 1).replaceFirst("^\\(XEN\\) ", "").trim();
				return next.isEmpty() ? null : next;
			}
		}
		return null;
	}
}
