package dev.domino.diagnostics;

import dev.domino.model.SourceLocation;

/** Another place that takes part in a diagnostic: the other range of an overlap, the first declaration. */
public record Related(SourceLocation where, String message) {
}
