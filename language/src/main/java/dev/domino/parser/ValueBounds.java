package dev.domino.parser;

import java.util.Arrays;
import java.util.List;

import org.antlr.runtime.Token;
import org.antlr.runtime.TokenSource;

/**
 * The bounds of {@link BoundedParser} on a token stream: a parenthesis deeper than
 * {@link BoundedParser#MAX_DEPTH}, or an operator past {@link BoundedParser#MAX_OPERATORS}, in one
 * value becomes a token no rule accepts. Shared by the parser and the editor's completion parser,
 * whose generated lexers number their tokens each their own way (hence the token names).
 */
public final class ValueBounds implements TokenSource {
	private final TokenSource tokens;
	private final int open;
	private final int close;
	private final int anyOther;
	private final List<Integer> insideValues;
	private int depth;
	private int refusedOpen;
	private int operators;

	/** @param tokenNames the generated parser's {@code tokenNames}: index = token type */
	public ValueBounds(TokenSource tokens, String[] tokenNames) {
		this.tokens = tokens;
		List<String> names = Arrays.asList(tokenNames);
		this.open = names.indexOf("'('");
		this.close = names.indexOf("')'");
		this.anyOther = names.indexOf("RULE_ANY_OTHER");
		this.insideValues = List.of(names.indexOf("RULE_NUMBER"), names.indexOf("RULE_WS"),
				names.indexOf("RULE_ML_COMMENT"), names.indexOf("RULE_SL_COMMENT"));
		if (open < 0 || close < 0 || anyOther < 0) {
			throw new IllegalArgumentException("not the Domino grammar's tokens");
		}
	}

	@Override
	public Token nextToken() {
		Token t = tokens.nextToken();
		String text = t.getText();
		int type = t.getType();
		if (type == open) {
			if (refusedOpen > 0 || depth >= BoundedParser.MAX_DEPTH) {
				refusedOpen++;
				t.setType(anyOther);
			} else {
				depth++;
			}
		} else if (type == close) {
			if (refusedOpen > 0) {
				refusedOpen--;
				t.setType(anyOther);
			} else if (depth > 0) {
				depth--;
			}
		} else if ("+".equals(text) || "-".equals(text) || "*".equals(text)) {
			if (++operators > BoundedParser.MAX_OPERATORS) {
				t.setType(anyOther);
			}
		} else if (!insideValues.contains(type)) {
			depth = 0; // anything else ends the value
			refusedOpen = 0;
			operators = 0;
		}
		return t;
	}

	@Override
	public String getSourceName() {
		return tokens.getSourceName();
	}
}
