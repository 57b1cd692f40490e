package dev.domino.uboot;

/**
 * Quoting for U-Boot's hush shell. Everything that comes from the source goes in single
 * quotes, where hush expands nothing; a string that single quotes cannot carry (a quote, a
 * control character) is refused before any script is written.
 */
public final class ScriptQuoting {
	private ScriptQuoting() {
	}

	/** Why the string cannot be quoted safely, or null when it can. */
	public static String problem(String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == '\'') {
				return "contains a single quote, which a U-Boot script cannot quote safely";
			}
			if (c < 0x20 || c == 0x7f) {
				return "contains a control character (code " + (int) c + "), which a U-Boot script cannot carry";
			}
		}
		return null;
	}

	/** 'text' — callers check {@link #problem} first. */
	public static String quote(String s) {
		if (problem(s) != null) {
			throw new IllegalArgumentException(s + " " + problem(s));
		}
		return "'" + s + "'";
	}

	/** Why a load command (trusted as a command, not quoted) is unsafe, or null. */
	public static String commandProblem(String command) {
		for (int i = 0; i < command.length(); i++) {
			char c = command.charAt(i);
			if (c == ';' || c == '\'' || c == '"' || c == '#' || c == '`' || c < 0x20 || c == 0x7f) {
				return "the load command may not contain '" + (c < 0x20 ? "\\x" + Integer.toHexString(c) : c)
						+ "': it is pasted before each file, so it must be a single command such as"
						+ " \"load mmc 0:1\" or \"tftpb\"";
			}
		}
		return command.isBlank() ? "the load command is empty" : null;
	}
}
