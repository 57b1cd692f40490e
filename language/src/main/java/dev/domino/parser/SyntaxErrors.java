package dev.domino.parser;

import org.antlr.runtime.RecognitionException;
import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.parser.antlr.SyntaxErrorMessageProvider;

/** Xtext's syntax messages, and the one for a value past the parser's bounds. */
public class SyntaxErrors extends SyntaxErrorMessageProvider {
	@Override
	public SyntaxErrorMessage getSyntaxErrorMessage(IParserErrorContext context) {
		RecognitionException e = context.getRecognitionException();
		if (e != null && BoundedParser.isRefused(e.token)) {
			return new SyntaxErrorMessage("a value may nest at most " + BoundedParser.MAX_DEPTH
					+ " parentheses deep and have at most " + BoundedParser.MAX_OPERATORS + " operators", null);
		}
		return super.getSyntaxErrorMessage(context);
	}
}
