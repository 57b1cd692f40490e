package dev.domino.model;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where something was written: the file (as a URI string, and as shown to users), 1-based line
 * and column, and the character range for editors.
 *
 * <p>The model records a location for nearly everything it holds, but only the few that end up
 * in a diagnostic, a hover or a map are ever read: a location found in the syntax tree is
 * therefore worked out on first use ({@link #lazy}), its file as well as its range (finding an
 * object's file walks up the tree), which keeps checking a 20,000-line system
 * within an editor's keystroke. The tree must not change in between, which holds because an
 * analysis is only used while its files keep the parse they were analysed at.
 */
public final class SourceLocation {
	/** Offset, length, line, column, end line and end column. */
	private record Span(int offset, int length, int line, int column, int endLine, int endColumn) {
	}

	/** The file: as a URI, and as shown to users. */
	public record File(String uri, String displayPath) {
	}

	private volatile File file;
	private Supplier<File> fileResolver;
	private volatile Span span;
	private Supplier<int[]> resolver;

	public SourceLocation(String uri, String displayPath, int line, int column, int offset, int length, int endLine,
			int endColumn) {
		this.file = new File(uri, displayPath);
		this.span = new Span(offset, length, line, column, endLine, endColumn);
	}

	private SourceLocation(Supplier<File> file, Supplier<int[]> resolver) {
		this.fileResolver = file;
		this.resolver = resolver;
	}

	/**
	 * A location worked out when first read: its file from {@code file}, its range from
	 * {@code resolver}, which returns {offset, length, line, column, endLine, endColumn}.
	 */
	public static SourceLocation lazy(Supplier<File> file, Supplier<int[]> resolver) {
		return new SourceLocation(file, resolver);
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
					int[] v = resolver.get();
					span = new Span(v[0], v[1], v[2], v[3], v[4], v[5]);
					resolver = null;
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
					file = fileResolver.get();
					fileResolver = null;
				}
				f = file;
			}
		}
		return f;
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
