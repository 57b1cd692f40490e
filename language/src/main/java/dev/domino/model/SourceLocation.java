package dev.domino.model;

/**
 * Where something was written: the file (as a URI string, and as shown to users),
 * 1-based line and column, and the character range for editors.
 */
public record SourceLocation(String uri, String displayPath, int line, int column, int offset, int length,
		int endLine, int endColumn) {

	/** For things that have no text of their own (defaults, generated items). */
	public static SourceLocation ofFile(String uri, String displayPath) {
		return new SourceLocation(uri, displayPath, 1, 1, 0, 0, 1, 1);
	}

	public String prefix() {
		return displayPath + ":" + line + ":" + column;
	}

	@Override
	public String toString() {
		return prefix();
	}
}
