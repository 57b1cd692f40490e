package dev.domino.rules;

import dev.domino.diagnostics.Report.RuleReport;

/** One check over the placed model; it reports under its own row only. Small, and named after its id. */
public interface Rule {
	void check(CheckContext context, RuleReport report);
}
