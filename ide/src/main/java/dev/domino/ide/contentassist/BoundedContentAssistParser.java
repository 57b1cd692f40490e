package dev.domino.ide.contentassist;

import org.antlr.runtime.CharStream;
import org.antlr.runtime.TokenSource;

import dev.domino.ide.contentassist.antlr.DominoParser;
import dev.domino.ide.contentassist.antlr.internal.InternalDominoParser;
import dev.domino.parser.ValueBounds;

/**
 * Completion's own parser, with the bounds of the language's parser: without them a value nested
 * some thousands deep overflowed its stack on every completion request there.
 */
public class BoundedContentAssistParser extends DominoParser {
	@Override
	protected TokenSource createLexer(CharStream stream) {
		return new ValueBounds(super.createLexer(stream), InternalDominoParser.tokenNames);
	}
}
