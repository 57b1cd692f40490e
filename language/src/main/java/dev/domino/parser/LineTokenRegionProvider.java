package dev.domino.parser;

import org.antlr.runtime.ANTLRStringStream;
import org.antlr.runtime.CommonToken;
import org.antlr.runtime.Token;
import org.eclipse.xtext.parser.antlr.Lexer;
import org.eclipse.xtext.parser.antlr.LexerBindings;
import org.eclipse.xtext.parser.impl.TokenRegionProvider;
import org.eclipse.xtext.util.ITextRegion;
import org.eclipse.xtext.util.TextRegion;

import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.name.Named;

/**
 * Widens an edited region to whole tokens, as Xtext's provider does, but lexes from the start of
 * the first token of the edited line instead of the start of the file: in a 20,000-line system
 * Xtext lexed half the file on every keystroke. That token starts a token when the line break
 * before it is not escaped (a string may span lines only that way) and no block comment is open
 * there; where that cannot be shown, lexing starts at the beginning of the file as Xtext's does.
 */
public class LineTokenRegionProvider extends TokenRegionProvider {
	@Inject
	@Named(LexerBindings.RUNTIME)
	private Provider<Lexer> lexers;

	@Override
	public ITextRegion getTokenRegion(String text, ITextRegion region) {
		int from = boundaryBefore(text, region.getOffset());
		char[] rest = new char[text.length() - from];
		text.getChars(from, text.length(), rest, 0);
		Lexer lexer = lexers.get();
		lexer.setCharStream(new ANTLRStringStream(rest, rest.length));
		int regionStart = region.getOffset() - from;
		int regionEnd = regionStart + region.getLength();
		int currentStart = 0;
		int currentEnd = 0;
		CommonToken next = (CommonToken) lexer.nextToken();
		while (next != Token.EOF_TOKEN && currentEnd <= regionStart) {
			currentStart = next.getStartIndex();
			currentEnd = next.getStopIndex() + 1;
			next = (CommonToken) lexer.nextToken();
		}
		// next is the end of the input or the first token after the start of the region
		while (next != Token.EOF_TOKEN && currentEnd < regionEnd) {
			currentEnd = next.getStopIndex() + 1;
			next = (CommonToken) lexer.nextToken();
		}
		if (currentStart == regionStart && currentEnd == regionEnd) {
			return region;
		}
		return new TextRegion(from + currentStart, currentEnd - currentStart);
	}

	/**
	 * The first token of the nearest line that starts at or before {@code offset} and whose start
	 * is a token boundary, or 0. The indentation before it belongs to a white-space token that
	 * ends there, unless a string or a block comment spans the line break.
	 */
	static int boundaryBefore(String text, int offset) {
		int end = Math.min(offset, text.length());
		int lineStart = text.lastIndexOf('\n', end - 1) + 1;
		while (lineStart > 0) {
			int first = lineStart;
			while (first < text.length() && (text.charAt(first) == ' ' || text.charAt(first) == '\t')) {
				first++;
			}
			if (first <= end && first < text.length() && !isWhiteSpace(text.charAt(first))
					&& (lineStart < 2 || text.charAt(lineStart - 2) != '\\')) {
				return noCommentOpenAt(text, first) ? first : 0;
			}
			lineStart = text.lastIndexOf('\n', lineStart - 2) + 1;
		}
		return 0;
	}

	/** True when no block comment is open at {@code at}: the last opening before it is closed before it. */
	private static boolean noCommentOpenAt(String text, int at) {
		int open = text.lastIndexOf("/*", at - 1);
		if (open < 0) {
			return true;
		}
		int close = text.indexOf("*/", open + 2);
		return close >= 0 && close + 2 <= at;
	}

	private static boolean isWhiteSpace(char c) {
		return c == ' ' || c == '\t' || c == '\r' || c == '\n';
	}
}
