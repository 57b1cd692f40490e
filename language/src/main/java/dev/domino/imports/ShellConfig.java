package dev.domino.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A bash-style configuration file (ImageBuilder's), read without running it: assignments
 * {@code NAME=value}, {@code NAME[3]=value}, {@code NAME=(a b c)} and {@code export NAME=value};
 * single and double quotes, backslashes, comments, line continuations, {@code $NAME},
 * {@code ${NAME}}, {@code ${NAME[i]}}, {@code ${NAME:-default}} and {@code $((arithmetic))}.
 * Anything that would need a shell (commands, command substitution) is reported by line.
 */
public final class ShellConfig {
	/**
	 * One variable: its elements by index (a plain variable is element 0), or by key for an
	 * associative array, and where it was first set.
	 */
	public static final class Variable {
		private final TreeMap<Integer, String> elements = new TreeMap<>();
		private final TreeMap<String, String> keyed = new TreeMap<>();
		private final int line;

		Variable(int line) {
			this.line = line;
		}

		public String value() {
			return elements.getOrDefault(0, "");
		}

		public String element(int index) {
			return elements.get(index);
		}

		public TreeMap<Integer, String> elements() {
			return elements;
		}

		/** The elements of an associative array (declare -A), by key as written: "0,1". */
		public TreeMap<String, String> keyed() {
			return keyed;
		}

		public int line() {
			return line;
		}
	}

	/** Something in the file that was not read. */
	public record Problem(int line, String message) {
		@Override
		public String toString() {
			return "line " + line + ": " + message;
		}
	}

	private final Map<String, Variable> variables = new LinkedHashMap<>();
	private final List<Problem> problems = new ArrayList<>();
	private final String text;
	private final Set<String> associative;
	private int pos;
	private int line = 1;

	private ShellConfig(String text, Set<String> associative) {
		this.text = text;
		this.associative = associative;
	}

	public static ShellConfig parse(String text) {
		return parse(text, Set.of());
	}

	/**
	 * @param associative the arrays declared with declare -A before the file is sourced, whose
	 *            index is a key as written rather than arithmetic
	 */
	public static ShellConfig parse(String text, Set<String> associative) {
		ShellConfig c = new ShellConfig(text, associative);
		c.statements();
		return c;
	}

	public Map<String, Variable> variables() {
		return variables;
	}

	public List<Problem> problems() {
		return problems;
	}

	/** The value of NAME (element 0), or null when it is not set. */
	public String get(String name) {
		Variable v = variables.get(name);
		return v == null ? null : v.elements().get(0);
	}

	/** Element {@code index} of NAME, or null. */
	public String get(String name, int index) {
		Variable v = variables.get(name);
		return v == null ? null : v.element(index);
	}

	// ------------------------------------------------------------------ statements

	private void statements() {
		while (true) {
			skipBlanks(true);
			if (pos >= text.length()) {
				return;
			}
			int start = pos;
			int startLine = line;
			if (!assignment()) {
				pos = start;
				line = startLine;
				String command = restOfCommand();
				if (!command.isBlank()) {
					problems.add(new Problem(startLine, "'" + abbreviate(command)
							+ "' is a command, not an assignment: the config is read, never run"));
				}
			}
		}
	}

	/** NAME=..., NAME[i]=..., NAME+=..., NAME=(...), with an optional export; false when it is none of these. */
	private boolean assignment() {
		int statementLine = line;
		if (text.startsWith("export ", pos) || text.startsWith("export\t", pos)) {
			pos += "export".length();
			skipBlanks(false);
		}
		int nameStart = pos;
		while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
			pos++;
		}
		if (pos == nameStart || Character.isDigit(text.charAt(nameStart))) {
			return false;
		}
		String name = text.substring(nameStart, pos);
		Integer index = null;
		String key = null;
		if (peek() == '[' && associative.contains(name)) {
			int close = text.indexOf(']', pos);
			if (close < 0) {
				return false;
			}
			key = expand(text.substring(pos + 1, close), statementLine).trim();
			pos = close + 1;
		} else if (peek() == '[') {
			int close = text.indexOf(']', pos);
			if (close < 0) {
				return false;
			}
			String expression = expand(text.substring(pos + 1, close), statementLine);
			Long evaluated = Arithmetic.evaluate(expression, this::numericValue);
			if (evaluated == null || evaluated < 0 || evaluated > Integer.MAX_VALUE) {
				problems.add(new Problem(statementLine, "index [" + text.substring(pos + 1, close) + "] of " + name
						+ " is not a number"));
				pos = close + 1;
				word(statementLine);
				endStatement();
				return true;
			}
			index = evaluated.intValue();
			pos = close + 1;
		}
		boolean append = false;
		if (text.startsWith("+=", pos)) {
			append = true;
			pos += 2;
		} else if (peek() == '=') {
			pos++;
		} else {
			return false;
		}
		if (peek() == '(' && index == null && key == null) {
			pos++;
			List<String> values = new ArrayList<>();
			while (true) {
				skipBlanks(true);
				if (pos >= text.length()) {
					problems.add(new Problem(statementLine, "the array " + name + " is not closed with ')'"));
					break;
				}
				if (peek() == ')') {
					pos++;
					break;
				}
				int before = pos;
				values.add(word(statementLine));
				if (pos == before) { // ';', '|', '<', ... : not a word, so the array ends here
					problems.add(new Problem(statementLine, "the array " + name + " holds '" + peek()
							+ "', which is not a value"));
					break;
				}
			}
			Variable v = append ? variables.computeIfAbsent(name, n -> new Variable(statementLine)) : new Variable(statementLine);
			int next = v.elements().isEmpty() ? 0 : v.elements().lastKey() + 1;
			for (String value : values) {
				v.elements().put(next++, value);
			}
			variables.put(name, v);
			endStatement();
			return true;
		}
		String value = word(statementLine);
		Variable v = variables.computeIfAbsent(name, n -> new Variable(statementLine));
		if (key != null) {
			v.keyed().put(key, append ? v.keyed().getOrDefault(key, "") + value : value);
			endStatement();
			return true;
		}
		int at = index == null ? 0 : index;
		v.elements().put(at, append ? v.elements().getOrDefault(at, "") + value : value);
		endStatement();
		return true;
	}

	/** After an assignment: more assignments, a ';', a comment or the end of the line. */
	private void endStatement() {
		skipBlanks(false);
		if (peek() == ';') {
			pos++;
		}
	}

	/** One shell word: quoted and unquoted parts, with their expansions. */
	private String word(int statementLine) {
		StringBuilder out = new StringBuilder();
		while (pos < text.length()) {
			char c = text.charAt(pos);
			if (c == ' ' || c == '\t' || c == '\n' || c == ';' || c == ')' || c == '(' || c == '|' || c == '&'
					|| c == '<' || c == '>') {
				break;
			}
			if (c == '\\') {
				if (pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
					pos += 2;
					line++;
					continue;
				}
				if (pos + 1 < text.length()) {
					out.append(text.charAt(pos + 1));
				}
				pos += 2;
			} else if (c == '\'') {
				int close = text.indexOf('\'', pos + 1);
				if (close < 0) {
					problems.add(new Problem(statementLine, "a ' quote is not closed"));
					close = text.length();
				}
				String quoted = text.substring(pos + 1, close);
				line += (int) quoted.chars().filter(ch -> ch == '\n').count();
				out.append(quoted);
				pos = Math.min(close + 1, text.length());
			} else if (c == '"') {
				pos++;
				out.append(doubleQuoted(statementLine));
			} else if (c == '$') {
				out.append(dollar(statementLine, false));
			} else if (c == '`') {
				int close = text.indexOf('`', pos + 1);
				problems.add(new Problem(statementLine, "command substitution `...` is not run: its value is left empty"));
				pos = close < 0 ? text.length() : close + 1;
			} else {
				out.append(c);
				pos++;
			}
		}
		return out.toString();
	}

	private String doubleQuoted(int statementLine) {
		StringBuilder out = new StringBuilder();
		while (pos < text.length() && text.charAt(pos) != '"') {
			char c = text.charAt(pos);
			if (c == '\\' && pos + 1 < text.length() && "$`\"\\\n".indexOf(text.charAt(pos + 1)) >= 0) {
				if (text.charAt(pos + 1) == '\n') {
					line++;
				} else {
					out.append(text.charAt(pos + 1));
				}
				pos += 2;
			} else if (c == '$') {
				out.append(dollar(statementLine, true));
			} else if (c == '`') {
				int close = text.indexOf('`', pos + 1);
				problems.add(new Problem(statementLine, "command substitution `...` is not run: its value is left empty"));
				pos = close < 0 ? text.length() : close + 1;
			} else {
				if (c == '\n') {
					line++;
				}
				out.append(c);
				pos++;
			}
		}
		if (pos >= text.length()) {
			problems.add(new Problem(statementLine, "a \" quote is not closed"));
		} else {
			pos++;
		}
		return out.toString();
	}

	/** $NAME, ${NAME}, ${NAME[i]}, ${NAME:-default}, $((...)); $(...) is reported. */
	private String dollar(int statementLine, boolean quoted) {
		pos++; // $
		if (text.startsWith("((", pos)) {
			int close = matching(pos + 2, "((", "))");
			String expression = text.substring(pos + 2, Math.max(pos + 2, close));
			pos = close < 0 ? text.length() : close + 2;
			Long value = Arithmetic.evaluate(expand(expression, statementLine), this::numericValue);
			if (value == null) {
				problems.add(new Problem(statementLine, "$((" + expression + ")) is not arithmetic Domino can work out"));
				return "";
			}
			return Long.toString(value);
		}
		if (peek() == '(') {
			int close = matching(pos + 1, "(", ")");
			problems.add(new Problem(statementLine, "command substitution $(" + text.substring(pos + 1,
					close < 0 ? text.length() : close) + ") is not run: its value is left empty"));
			pos = close < 0 ? text.length() : close + 1;
			return "";
		}
		if (peek() == '{') {
			int close = text.indexOf('}', pos);
			if (close < 0) {
				problems.add(new Problem(statementLine, "a ${ is not closed"));
				pos = text.length();
				return "";
			}
			String inside = text.substring(pos + 1, close);
			pos = close + 1;
			String fallback = null;
			int dash = inside.indexOf(":-");
			if (dash >= 0) {
				fallback = inside.substring(dash + 2);
				inside = inside.substring(0, dash);
			}
			String value = reference(inside, statementLine, fallback == null);
			return value == null || value.isEmpty() ? (fallback == null ? "" : expand(fallback, statementLine)) : value;
		}
		int start = pos;
		while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
			pos++;
		}
		if (start == pos) {
			return "$";
		}
		String value = reference(text.substring(start, pos), statementLine, true);
		return value == null ? "" : value;
	}

	/** NAME or NAME[i]; an unset NAME is reported when {@code reportUnset}. */
	private String reference(String ref, int statementLine, boolean reportUnset) {
		String name = ref;
		int index = 0;
		int open = ref.indexOf('[');
		if (open >= 0 && ref.endsWith("]")) {
			name = ref.substring(0, open);
			Long i = Arithmetic.evaluate(expand(ref.substring(open + 1, ref.length() - 1), statementLine), this::numericValue);
			if (i == null) {
				problems.add(new Problem(statementLine, "${" + ref + "} has an index Domino cannot work out"));
				return null;
			}
			index = i.intValue();
		}
		if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
			problems.add(new Problem(statementLine, "${" + ref + "} is an expansion Domino does not read"));
			return null;
		}
		Variable v = variables.get(name);
		if (v == null) {
			if (reportUnset) {
				problems.add(new Problem(statementLine, "$" + name + " is not set earlier in the config (the environment is not read)"));
			}
			return null;
		}
		return v.element(index);
	}

	/** Expands $... inside an arithmetic expression or a ${...:-default}. */
	private String expand(String s, int statementLine) {
		if (s.indexOf('$') < 0) {
			return s;
		}
		ShellConfig inner = new ShellConfig(s, associative);
		inner.variables.putAll(variables);
		StringBuilder out = new StringBuilder();
		while (inner.pos < s.length()) {
			char c = s.charAt(inner.pos);
			if (c == '$') {
				out.append(inner.dollar(statementLine, true));
			} else {
				out.append(c);
				inner.pos++;
			}
		}
		for (Problem p : inner.problems) {
			problems.add(new Problem(statementLine, p.message()));
		}
		return out.toString();
	}

	private Long numericValue(String name) {
		String v = get(name);
		return v == null ? null : Arithmetic.evaluate(v, n -> null);
	}

	private int matching(int from, String open, String close) {
		int depth = 1;
		for (int i = from; i < text.length(); i++) {
			if (text.startsWith(close, i)) {
				depth--;
				if (depth == 0) {
					return i;
				}
			} else if (text.startsWith(open, i)) {
				depth++;
			}
		}
		return -1;
	}

	/** The rest of a command line, up to a newline that is not escaped or quoted. */
	private String restOfCommand() {
		int start = pos;
		boolean single = false;
		boolean dbl = false;
		while (pos < text.length()) {
			char c = text.charAt(pos);
			if (c == '\\' && !single && pos + 1 < text.length()) {
				if (text.charAt(pos + 1) == '\n') {
					line++;
				}
				pos += 2;
				continue;
			}
			if (c == '\'' && !dbl) {
				single = !single;
			} else if (c == '"' && !single) {
				dbl = !dbl;
			} else if (c == '\n') {
				if (!single && !dbl) {
					break;
				}
				line++;
			} else if (c == '#' && !single && !dbl && (pos == start || Character.isWhitespace(text.charAt(pos - 1)))) {
				while (pos < text.length() && text.charAt(pos) != '\n') {
					pos++;
				}
				break;
			}
			pos++;
		}
		return text.substring(start, pos).trim();
	}

	/** Spaces, tabs, comments, line continuations; newlines and ';' too when {@code newlines}. */
	private void skipBlanks(boolean newlines) {
		while (pos < text.length()) {
			char c = text.charAt(pos);
			if (c == ' ' || c == '\t' || c == '\r') {
				pos++;
			} else if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
				pos += 2;
				line++;
			} else if (c == '#') {
				while (pos < text.length() && text.charAt(pos) != '\n') {
					pos++;
				}
			} else if (newlines && (c == '\n' || c == ';')) {
				if (c == '\n') {
					line++;
				}
				pos++;
			} else {
				return;
			}
		}
	}

	private char peek() {
		return pos < text.length() ? text.charAt(pos) : '\0';
	}

	private static String abbreviate(String s) {
		String one = s.replace('\n', ' ');
		return one.length() > 60 ? one.substring(0, 57) + "..." : one;
	}
}
