package dev.domino.parser;

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
		return super.createTokenStream(new ValueBounds(tokenSource, InternalDominoParser.tokenNames));
	}

	static boolean isRefused(Token token) {
		return token != null && token.getType() == InternalDominoParser.RULE_ANY_OTHER
				&& "()+-*".contains(token.getText() == null ? "x" : token.getText())
				&& token.getText().length() == 1;
	}
}
