package dev.domino.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.domino.emit.Json;
import dev.domino.model.SourceLocation;
import dev.domino.rules.Diagnostic;
import dev.domino.rules.Fix;
import dev.domino.rules.Related;
import dev.domino.rules.TextEdit;

/**
 * The parts of a diagnostic an Xtext issue has no field for: its related places and quick fixes,
 * as one JSON string in the issue data. Editors decode it into related information and code actions.
 */
public final class IssueData {
	private IssueData() {
	}

	public static String encode(Diagnostic d) {
		Map<String, Object> root = Json.object();
		List<Object> related = new ArrayList<>();
		for (Related r : d.related()) {
			Map<String, Object> o = place(r.where());
			o.put("message", r.message());
			related.add(o);
		}
		root.put("related", related);
		List<Object> fixes = new ArrayList<>();
		for (Fix f : d.fixes()) {
			Map<String, Object> o = Json.object();
			o.put("title", f.title());
			List<Object> edits = new ArrayList<>();
			for (TextEdit e : f.edits()) {
				Map<String, Object> eo = place(e.at());
				eo.put("newText", e.newText());
				edits.add(eo);
			}
			o.put("edits", edits);
			fixes.add(o);
		}
		root.put("fixes", fixes);
		return Json.write(root);
	}

	/** A place in the protocol's terms: 0-based lines and columns. */
	private static Map<String, Object> place(SourceLocation where) {
		Map<String, Object> o = Json.object();
		o.put("uri", where.uri());
		o.put("line", where.line() - 1);
		o.put("character", where.column() - 1);
		o.put("endLine", where.endLine() - 1);
		o.put("endCharacter", where.endColumn() - 1);
		return o;
	}
}
