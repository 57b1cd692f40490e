package dev.domino.xen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Xen's command line as Xen on Arm reads it: whitespace-separated options, {@code name=value} or a
 * bare name. The few options Domino reasons about are parsed as Xen parses them.
 */
public final class CommandLine {
	private final Map<String, String> options = new LinkedHashMap<>();

	private CommandLine() {
	}

	public static CommandLine parse(String line) {
		CommandLine c = new CommandLine();
		if (line != null) {
			for (String token : line.trim().split("\\s+")) {
				if (token.isEmpty()) {
					continue;
				}
				int eq = token.indexOf('=');
				c.options.put(eq < 0 ? token : token.substring(0, eq), eq < 0 ? "" : token.substring(eq + 1));
			}
		}
		return c;
	}

	public boolean has(String name) {
		return options.containsKey(name);
	}

	/** The value of {@code name=value} (empty for a bare name), or null. */
	public String get(String name) {
		return options.get(name);
	}

	/**
	 * A size as Xen's parse_size_and_unit reads it: digits and an optional B, K, M, G or T (either
	 * case); no suffix means KiB (RELEASE-4.17.0:xen/lib/parse-size.c:27-33). Null when Xen would
	 * refuse it (a '%', trailing characters).
	 */
	public static Long size(String text) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		int end = 0;
		while (end < text.length() && Character.isDigit(text.charAt(end))) {
			end++;
		}
		if (end == 0 || end < text.length() - 1) {
			return null;
		}
		long value;
		try {
			value = Long.parseLong(text.substring(0, end));
		} catch (NumberFormatException e) {
			return null;
		}
		int shift = 10;
		if (end < text.length()) {
			switch (Character.toUpperCase(text.charAt(end))) {
			case 'B' -> shift = 0;
			case 'K' -> shift = 10;
			case 'M' -> shift = 20;
			case 'G' -> shift = 30;
			case 'T' -> shift = 40;
			default -> {
				return null;
			}
			}
		}
		if (Long.numberOfLeadingZeros(value) <= shift) {
			return null;
		}
		return value << shift;
	}

	/** dom0_max_vcpus takes one integer on Arm (an integer_param: RELEASE-4.17.0:xen/common/kernel.c:133-139). */
	public static Long integer(String text) {
		if (text == null || !text.matches("[0-9]{1,9}")) {
			return null;
		}
		return Long.parseLong(text);
	}

	/** acpi= on Arm takes only force or a boolean false (RELEASE-4.17.0:xen/arch/arm/acpi/boot.c:193-211). */
	public enum Acpi {
		OFF, FORCE, INVALID
	}

	public static Acpi acpi(String value) {
		String v = value.toLowerCase(Locale.ROOT);
		if (v.equals("force")) {
			return Acpi.FORCE;
		}
		return List.of("off", "no", "0", "false", "disable").contains(v) ? Acpi.OFF : Acpi.INVALID;
	}

	/** True when iommu= turns the IOMMU off (RELEASE-4.17.0:xen/drivers/passthrough/iommu.c:65-136). */
	public static boolean iommuOff(String value) {
		for (String part : value.toLowerCase(Locale.ROOT).split(",")) {
			if (List.of("0", "off", "no", "false", "disable").contains(part)) {
				return true;
			}
		}
		return false;
	}

	/** The command line with {@code extra} options appended (each once). */
	public static String append(String line, List<String> extra) {
		List<String> parts = new ArrayList<>();
		if (line != null && !line.isBlank()) {
			parts.add(line.trim());
		}
		parts.addAll(extra);
		return String.join(" ", parts);
	}
}
