package dev.domino.parser;

import java.util.Map;

import org.antlr.runtime.Token;
import org.antlr.runtime.TokenSource;
import org.eclipse.xtext.parser.antlr.XtextTokenStream;

import dev.domino.parser.antlr.DominoParser;
import dev.domino.parser.antlr.internal.InternalDominoParser;

/**
 * The generated parser with bounds on values: it descends once per parenthesis, and every later
 * stage walks a value's operators, so a value nested deeper than {@link #MAX_DEPTH} or with more
 * than {@link #MAX_OPERATORS} operators would overflow the stack. Such a parenthesis or operator
 * becomes a token no rule accepts: a syntax error at its place ({@link SyntaxErrors} words it).
 */
public class BoundedParser extends DominoParser {
	public static final int MAX_DEPTH = 64;
	public static final int MAX_OPERATORS = 1000;

	@Override
	protected XtextTokenStream createTokenStream(TokenSource tokenSource) {
		return super.createTokenStream(new Bounds(tokenSource, getTokenDefProvider().getTokenDefMap()));
	}

	static boolean isRefused(Token token) {
		return token != null && token.getType() == InternalDominoParser.RULE_ANY_OTHER
				&& "()+-*".contains(token.getText() == null ? "x" : token.getText())
				&& token.getText().length() == 1;
	}

	private static final class Bounds implements TokenSource {
		private final TokenSource tokens;
		private final int open;
		private final int close;
		private int depth;
		private int refusedOpen;
		private int operators;

		Bounds(TokenSource tokens, Map<Integer, String> names) {
			this.tokens = tokens;
			this.open = type(names, "'('");
			this.close = type(names, "')'");
		}

		private static int type(Map<Integer, String> names, String name) {
			return names.entrySet().stream().filter(e -> e.getValue().equals(name)).findFirst().orElseThrow().getKey();
		}

		@Override
		public Token nextToken() {
			Token t = tokens.nextToken();
			String text = t.getText();
			int type = t.getType();
			if (type == open) {
				if (refusedOpen > 0 || depth >= MAX_DEPTH) {
					refusedOpen++;
					t.setType(InternalDominoParser.RULE_ANY_OTHER);
				} else {
					depth++;
				}
			} else if (type == close) {
				if (refusedOpen > 0) {
					refusedOpen--;
					t.setType(InternalDominoParser.RULE_ANY_OTHER);
				} else if (depth > 0) {
					depth--;
				}
			} else if ("+".equals(text) || "-".equals(text) || "*".equals(text)) {
				if (++operators > MAX_OPERATORS) {
					t.setType(InternalDominoParser.RULE_ANY_OTHER);
				}
			} else if (type != InternalDominoParser.RULE_NUMBER && type != InternalDominoParser.RULE_WS
					&& type != InternalDominoParser.RULE_ML_COMMENT && type != InternalDominoParser.RULE_SL_COMMENT) {
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
}
