package dev.domino.rules;

import dev.domino.diagnostics.Fix;
import dev.domino.diagnostics.TextEdit;
import dev.domino.model.SourceLocation;
import dev.domino.model.U64;
import dev.domino.placement.PlacedRegion;

/** Quick fixes that rewrite a value in the source. */
final class Fixes {
	private Fixes() {
	}

	static Fix replace(String title, SourceLocation at, long value) {
		return at == null ? null : Fix.of(title, new TextEdit(at, U64.hex(value)));
	}

	static Fix replaceSize(String title, SourceLocation at, long value) {
		return at == null ? null : Fix.of(title, new TextEdit(at, U64.sizeLiteral(value)));
	}

	/** "Align up" and "align down" for a written address; null when there is nothing to rewrite. */
	static Fix[] align(PlacedRegion r, long align) {
		if (r.region().addressWhere() == null) {
			return new Fix[0];
		}
		long down = U64.alignDown(r.base(), align);
		Fix downFix = replace("Align down to " + U64.hex(down), r.region().addressWhere(), down);
		try {
			long up = U64.alignUp(r.base(), align);
			return new Fix[] { replace("Align up to " + U64.hex(up), r.region().addressWhere(), up), downFix };
		} catch (ArithmeticException e) {
			return new Fix[] { downFix };
		}
	}

	/** Replaces a plain decimal number (a count, not an address). */
	static Fix insertOrReplaceNumber(String title, SourceLocation at, long value) {
		return at == null ? null : Fix.of(title, new TextEdit(at, Long.toUnsignedString(value)));
	}

	static Fix insert(String title, SourceLocation after, String text) {
		if (after == null) {
			return null;
		}
		SourceLocation at = new SourceLocation(after.uri(), after.displayPath(), after.endLine(), after.endColumn(),
				after.offset() + after.length(), 0, after.endLine(), after.endColumn());
		return Fix.of(title, new TextEdit(at, text));
	}
}
