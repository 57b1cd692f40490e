package dev.domino.diagnostics;

import dev.domino.model.SourceLocation;

/** Replace the text at {@code at} (an insertion when its length is 0) with {@code newText}. */
public record TextEdit(SourceLocation at, String newText) {
}
