package dev.domino.diagnostics;

import java.util.List;

import dev.domino.model.SourceLocation;

/**
 * One finding, in the shape every output uses: its rule, severity, message, where, the other
 * places involved and the fixes an editor may offer. Made by {@link Report} only.
 */
public record Diagnostic(RuleId rule, Severity severity, String message, SourceLocation where,
		List<Related> related, List<Fix> fixes) {

	public Diagnostic {
		related = List.copyOf(related);
		fixes = List.copyOf(fixes);
	}

	/** The id users see: overlap, align-page, ... */
	public String ruleId() {
		return rule.id();
	}

	/** file:line:col: error[overlap]: message */
	public String format() {
		return where.prefix() + ": " + severity.label() + "[" + rule.id() + "]: " + message;
	}

	public boolean isError() {
		return severity == Severity.ERROR;
	}
}
