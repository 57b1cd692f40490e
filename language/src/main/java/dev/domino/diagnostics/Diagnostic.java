package dev.domino.rules;

import java.util.List;

import dev.domino.model.SourceLocation;

/**
 * One finding, in the shape every output uses: rule id, severity, message, where, the other
 * places involved and the fixes an editor may offer.
 */
public record Diagnostic(String ruleId, Severity severity, String message, SourceLocation where,
		List<Related> related, List<Fix> fixes) {

	public Diagnostic {
		related = List.copyOf(related);
		fixes = List.copyOf(fixes);
	}

	/** file:line:col: error[overlap]: message */
	public String format() {
		return where.prefix() + ": " + severity.label() + "[" + ruleId + "]: " + message;
	}

	public boolean isError() {
		return severity == Severity.ERROR;
	}
}
