package dev.domino.compiler;

/** Rewords ANTLR's syntax messages for people: "mismatched input 'x' expecting '}'" becomes "unexpected 'x', expected '}'". */
final class SyntaxMessages {
	private SyntaxMessages() {
	}

	static String improve(String message) {
		if (message == null) {
			return "syntax error";
		}
		StringBuilder oneLine = new StringBuilder(); // a message echoes the text: its line breaks would split the line
		message.codePoints().forEach(c -> oneLine.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", c)
				: Character.toString(c)));
		return oneLine.toString().replace("mismatched input ", "unexpected ").replace("extraneous input ", "unexpected ")
				.replace(" expecting ", ", expected ").replace("no viable alternative at input ", "cannot read ")
				.replace("missing ", "missing ").replace("<EOF>", "end of file");
	}
}
