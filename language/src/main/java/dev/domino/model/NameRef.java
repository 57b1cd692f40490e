package dev.domino.model;

/** A reference by name, with where it was written (for "unknown domain 'x'" and cycles). */
public record NameRef(String name, SourceLocation where) {
}
