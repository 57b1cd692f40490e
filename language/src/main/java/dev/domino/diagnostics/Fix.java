package dev.domino.diagnostics;

import java.util.List;

/** A quick fix an editor can apply: a title and the edits that make it. */
public record Fix(String title, List<TextEdit> edits) {
	public static Fix of(String title, TextEdit... edits) {
		return new Fix(title, List.of(edits));
	}
}
