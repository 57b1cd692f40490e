package dev.domino.ide.server;

import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.util.ITextRegion;

/**
 * A document whose positions are clamped into its text. Positions a client sends may be stale (the
 * text changed meanwhile) or simply wrong; every request that turns one into an offset comes through
 * here, so none fails on it. The one place the server clamps.
 */
final class ClampingDocument extends Document {
	ClampingDocument(Document document) {
		super(document.getVersion(), document.getContents());
	}

	@Override
	public int getOffSet(Position position) {
		return super.getOffSet(clamp(getContents(), position));
	}

	@Override
	public ITextRegion getTextRegion(Range range) {
		if (range == null) {
			return super.getTextRegion(new Range(new Position(0, 0), new Position(0, 0)));
		}
		Position start = clamp(getContents(), range.getStart());
		Position end = clamp(getContents(), range.getEnd());
		if (end.getLine() < start.getLine() || end.getLine() == start.getLine() && end.getCharacter() < start.getCharacter()) {
			end = start;
		}
		return super.getTextRegion(new Range(start, end));
	}

	/** The nearest position inside {@code text}: lines past the end go to the last, columns past a line's end to its end. */
	static Position clamp(String text, Position p) {
		if (p == null) {
			return new Position(0, 0);
		}
		int lineStart = 0;
		int line = 0;
		int wanted = Math.max(0, p.getLine());
		while (line < wanted) {
			int next = text.indexOf('\n', lineStart);
			if (next < 0) {
				break;
			}
			lineStart = next + 1;
			line++;
		}
		int lineEnd = text.indexOf('\n', lineStart);
		if (lineEnd < 0) {
			lineEnd = text.length();
		}
		int length = lineEnd - lineStart;
		if (length > 0 && text.charAt(lineEnd - 1) == '\r') {
			length--;
		}
		return new Position(line, Math.max(0, Math.min(p.getCharacter(), length)));
	}
}
