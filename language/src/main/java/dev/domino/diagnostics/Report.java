package dev.domino.diagnostics;

import java.util.ArrayList;
import java.util.List;

import dev.domino.model.SourceLocation;

/**
 * Collects diagnostics. Each is made through its rule's row: {@link #at} gives the row's default
 * severity, {@link #warning} lowers it explicitly; nothing can be reported more severely than its
 * row says. A rule of the checker gets a {@link RuleReport} that reports under its own id only.
 */
public final class Report {
	private final List<Diagnostic> diagnostics = new ArrayList<>();
	private SourceLocation fallback;

	/**
	 * Where a finding goes whose own place is missing (half-typed text leaves some AST objects
	 * without one): the system or board being analysed, so every diagnostic has a file and a line.
	 */
	public void fallback(SourceLocation where) {
		this.fallback = where;
	}

	/** A finding of {@code rule} at its default severity. */
	public Builder at(RuleId rule, SourceLocation where, String message) {
		return new Builder(rule, rule.severity(), where, message);
	}

	/** A finding of {@code rule} as a warning (allowed for rules whose default is an error). */
	public Builder warning(RuleId rule, SourceLocation where, String message) {
		return at(rule, where, message).severity(Severity.WARNING);
	}

	/** The report of one rule: what it reports carries its id. */
	public RuleReport of(RuleId rule) {
		return new RuleReport(rule);
	}

	public List<Diagnostic> diagnostics() {
		return diagnostics;
	}

	public boolean hasErrors() {
		return diagnostics.stream().anyMatch(Diagnostic::isError);
	}

	/** One rule's view of the report. */
	public final class RuleReport {
		private final RuleId rule;

		private RuleReport(RuleId rule) {
			this.rule = rule;
		}

		public RuleId rule() {
			return rule;
		}

		public Builder at(SourceLocation where, String message) {
			return Report.this.at(rule, where, message);
		}

		public Builder warning(SourceLocation where, String message) {
			return Report.this.warning(rule, where, message);
		}
	}

	/** Accumulates related places and fixes; {@link #emit()} records the diagnostic. */
	public final class Builder {
		private final RuleId rule;
		private Severity severity;
		private final SourceLocation where;
		private final String message;
		private final List<Related> related = new ArrayList<>();
		private final List<Fix> fixes = new ArrayList<>();

		private Builder(RuleId rule, Severity severity, SourceLocation where, String message) {
			this.rule = rule;
			this.severity = severity;
			this.where = where != null ? where : fallback;
			this.message = message;
		}

		/** Lowers the severity (a warning of an error rule); raising it above the row is a programming error. */
		public Builder severity(Severity newSeverity) {
			if (newSeverity.compareTo(rule.severity()) < 0) {
				throw new IllegalArgumentException(rule + " is at most " + rule.severity().label());
			}
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
			Diagnostic d = new Diagnostic(rule, severity, message, where, related, fixes);
			diagnostics.add(d);
			return d;
		}
	}
}
