package dev.domino.rules;

import java.util.ArrayList;
import java.util.List;

import dev.domino.model.SourceLocation;

/**
 * Collects diagnostics. Rules and the model builder report through it, so each finding is
 * built in one place with its rule's id and default severity.
 */
public final class Report {
	private final List<Diagnostic> diagnostics = new ArrayList<>();

	public Builder error(String ruleId, SourceLocation where, String message) {
		return new Builder(ruleId, Severity.ERROR, where, message);
	}

	public Builder warning(String ruleId, SourceLocation where, String message) {
		return new Builder(ruleId, Severity.WARNING, where, message);
	}

	public Builder at(RuleSpec rule, SourceLocation where, String message) {
		return new Builder(rule.id(), rule.severity(), where, message);
	}

	public void add(Diagnostic diagnostic) {
		diagnostics.add(diagnostic);
	}

	public List<Diagnostic> diagnostics() {
		return diagnostics;
	}

	public boolean hasErrors() {
		return diagnostics.stream().anyMatch(Diagnostic::isError);
	}

	/** Accumulates related places and fixes; {@link #emit()} records the diagnostic. */
	public final class Builder {
		private final String ruleId;
		private Severity severity;
		private final SourceLocation where;
		private final String message;
		private final List<Related> related = new ArrayList<>();
		private final List<Fix> fixes = new ArrayList<>();

		private Builder(String ruleId, Severity severity, SourceLocation where, String message) {
			this.ruleId = ruleId;
			this.severity = severity;
			this.where = where;
			this.message = message;
		}

		public Builder severity(Severity newSeverity) {
			this.severity = newSeverity;
			return this;
		}

		public Builder related(SourceLocation place, String what) {
			if (place != null) {
				related.add(new Related(place, what));
			}
			return this;
		}

		public Builder fix(Fix fix) {
			if (fix != null) {
				fixes.add(fix);
			}
			return this;
		}

		public Diagnostic emit() {
			Diagnostic d = new Diagnostic(ruleId, severity, message, where, related, fixes);
			diagnostics.add(d);
			return d;
		}
	}
}
