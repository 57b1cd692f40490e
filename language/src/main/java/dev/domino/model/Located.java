package dev.domino.model;

/** A value with the place it was written: one field instead of a value field and a location field. */
public record Located<T>(T value, SourceLocation where) {
	public static <T> Located<T> of(T value, SourceLocation where) {
		return value == null ? null : new Located<>(value, where);
	}
}
