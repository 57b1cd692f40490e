package dev.domino.model;

import java.util.Objects;

/**
 * Where something was written: the file (as a URI string, and as shown to users), 1-based line
 * and column, and the character range for editors.
 *
 * <p>The model records a location for nearly everything it holds, but only the few that end up
 * in a diagnostic, a hover or a map are ever read: a location found in the syntax tree is
 * therefore worked out on first use ({@link #lazy}), its file (a walk up the tree) as well as its
 * range, which keeps checking a 20,000-line system within an editor's keystroke. The tree must not
 * change in between, which holds because an analysis is only used while its files keep the parse
 * they were analysed at.
 */
public final class SourceLocation {
	/** Offset, length, line, column, end line and end column. */
	private record Span(int offset, int length, int line, int column, int endLine, int endColumn) {
	}

	/** The file: as a URI, and as shown to users. */
	public record File(String uri, String displayPath) {
	}

	/** Where a lazy location finds its file and its range: one object per location, as it is made per edit. */
	public interface Origin {
		File file();

		/** {offset, length, line, column, endLine, endColumn}. */
		int[] span();
	}

	private volatile File file;
	private volatile Span span;
	private Origin origin;

	public SourceLocation(String uri, String displayPath, int line, int column, int offset, int length, int endLine,
			int endColumn) {
		this.file = new File(uri, displayPath);
		this.span = new Span(offset, length, line, column, endLine, endColumn);
	}

	private SourceLocation(Origin origin) {
		this.origin = origin;
	}

	/** A location whose file and range are worked out from {@code origin} when first read. */
	public static SourceLocation lazy(Origin origin) {
		return new SourceLocation(origin);
	}

	/** For things that have no text of their own (defaults, generated items). */
	public static SourceLocation ofFile(String uri, String displayPath) {
		return new SourceLocation(uri, displayPath, 1, 1, 0, 0, 1, 1);
	}

	private Span span() {
		Span s = span;
		if (s == null) {
			synchronized (this) {
				if (span == null) {
					int[] v = origin.span();
					span = new Span(v[0], v[1], v[2], v[3], v[4], v[5]);
					release();
				}
				s = span;
			}
		}
		return s;
	}

	private File file() {
		File f = file;
		if (f == null) {
			synchronized (this) {
				if (file == null) {
					file = origin.file();
					release();
				}
				f = file;
			}
		}
		return f;
	}

	/** Once both are known the syntax tree is no longer held. */
	private void release() {
		if (file != null && span != null) {
			origin = null;
		}
	}

	public String uri() {
		return file().uri();
	}

	public String displayPath() {
		return file().displayPath();
	}

	public int line() {
		return span().line();
	}

	public int column() {
		return span().column();
	}

	public int offset() {
		return span().offset();
	}

	public int length() {
		return span().length();
	}

	public int endLine() {
		return span().endLine();
	}

	public int endColumn() {
		return span().endColumn();
	}

	public String prefix() {
		return displayPath() + ":" + line() + ":" + column();
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof SourceLocation other && file().equals(other.file()) && span().equals(other.span());
	}

	@Override
	public int hashCode() {
		return Objects.hash(uri(), span());
	}

	@Override
	public String toString() {
		return prefix();
	}
}
