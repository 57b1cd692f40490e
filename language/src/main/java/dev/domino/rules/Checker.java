package dev.domino.rules;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.domino.diagnostics.Diagnostic;
import dev.domino.diagnostics.Report;
import dev.domino.diagnostics.RuleId;

/** Runs the rule table over a placed model, in table order, skipping rules whose prerequisites failed. */
public final class Checker {
	private Checker() {
	}

	public static void check(CheckContext context, Report report) {
		check(context, report, Set.of());
	}

	/** {@code disabled}: rules turned off by the user, as dtc's -W no-... */
	public static void check(CheckContext context, Report report, Set<RuleId> disabled) {
		Set<RuleId> failed = EnumSet.noneOf(RuleId.class);
		for (Diagnostic d : report.diagnostics()) {
			if (d.isError()) {
				failed.add(d.rule());
			}
		}
		for (RuleSpec spec : Rules.TABLE) {
			if (disabled.contains(spec.id()) || spec.prerequisites().stream().anyMatch(failed::contains)) {
				continue;
			}
			int before = report.diagnostics().size();
			spec.rule().check(context, report.of(spec.id()));
			List<Diagnostic> found = report.diagnostics().subList(before, report.diagnostics().size());
			if (found.stream().anyMatch(Diagnostic::isError)) {
				failed.add(spec.id());
			}
		}
	}
}
