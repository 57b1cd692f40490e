package dev.domino.resolve;

import java.util.HashMap;
import java.util.Map;

import dev.domino.diagnostics.Report;
import dev.domino.diagnostics.RuleId;
import dev.domino.model.SourceLocation;

/** The names of one scope (a board, a system): a second declaration of a name is an {@code order} error. */
final class Names {
	private final String scope;
	private final Report report;
	private final Map<String, SourceLocation> seen = new HashMap<>();

	Names(String scope, Report report) {
		this.scope = scope;
		this.report = report;
	}

	/** False (after reporting) when the name is taken or missing. */
	boolean add(String name, String what, SourceLocation where) {
		if (name == null) {
			return false;
		}
		SourceLocation first = seen.putIfAbsent(name, where);
		if (first != null) {
			report.at(RuleId.ORDER, where, "duplicate name '" + name + "' in " + scope + ": a " + what
					+ " cannot reuse it").related(first, "'" + name + "' is first declared here").emit();
			return false;
		}
		return true;
	}
}
