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
	private static final byte ENDS_VALUE = 0;
	private static final byte INSIDE = 1;
	private static final byte OPERATOR = 2;

	private final TokenSource tokens;
	private final int open;
	private final int close;
	private final int anyOther;
	/** By token type: what each token does to the value being read (read per token: no text, no boxing). */
	private final byte[] kinds;
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
		this.kinds = new byte[tokenNames.length];
		for (String name : List.of("RULE_NUMBER", "RULE_WS", "RULE_ML_COMMENT", "RULE_SL_COMMENT")) {
			mark(names, name, INSIDE);
		}
		for (String name : List.of("'+'", "'-'", "'*'")) {
			mark(names, name, OPERATOR);
		}
		if (open < 0 || close < 0 || anyOther < 0) {
			throw new IllegalArgumentException("not the Domino grammar's tokens");
		}
	}

	private void mark(List<String> names, String name, byte kind) {
		int type = names.indexOf(name);
		if (type < 0) {
			throw new IllegalArgumentException("not the Domino grammar's tokens: no " + name);
		}
		kinds[type] = kind;
	}

	private byte kind(int type) {
		return type >= 0 && type < kinds.length ? kinds[type] : ENDS_VALUE;
	}

	@Override
	public Token nextToken() {
		Token t = tokens.nextToken();
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
		} else if (kind(type) == OPERATOR) {
			if (++operators > BoundedParser.MAX_OPERATORS) {
				t.setType(anyOther);
			}
		} else if (kind(type) == ENDS_VALUE) {
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
