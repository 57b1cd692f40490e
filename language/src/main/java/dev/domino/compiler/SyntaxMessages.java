package dev.domino.compiler;

/** Rewords ANTLR's syntax messages for people: "mismatched input 'x' expecting '}'" becomes "unexpected 'x', expected '}'". */
final class SyntaxMessages {
	private SyntaxMessages() {
	}

	static String improve(String message) {
		if (message == null) {
			return "syntax error";
		}
		return message.replace("mismatched input ", "unexpected ").replace("extraneous input ", "unexpected ")
				.replace(" expecting ", ", expected ").replace("no viable alternative at input ", "cannot read ")
				.replace("missing ", "missing ").replace("<EOF>", "end of file");
	}
}
