package dev.domino.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.domino.model.SystemModel;

/** Runs the rule table over a placed model, in table order, skipping rules whose prerequisites failed. */
public final class Checker {
	private Checker() {
	}

	/** Returns the context the rules shared: its MPU plan serves the editor and the emitters too. */
	public static CheckContext check(SystemModel system, CheckContext.Mode mode, Report report) {
		return check(system, mode, report, Set.of());
	}

	/** {@code disabled}: rule ids turned off by the user, as dtc's -W no-... */
	public static CheckContext check(SystemModel system, CheckContext.Mode mode, Report report, Set<String> disabled) {
		CheckContext context = new CheckContext(system, mode);
		Set<String> failed = new HashSet<>();
		for (Diagnostic d : report.diagnostics()) {
			if (d.isError()) {
				failed.add(d.ruleId());
			}
		}
		List<RuleSpec> table = Rules.TABLE;
		for (RuleSpec spec : table) {
			if (spec.rule() == null || disabled.contains(spec.id())) {
				continue;
			}
			if (spec.prerequisites().stream().anyMatch(failed::contains)) {
				continue;
			}
			int before = report.diagnostics().size();
			spec.rule().check(context, report);
			for (Diagnostic d : report.diagnostics().subList(before, report.diagnostics().size())) {
				if (d.isError()) {
					failed.add(spec.id());
				}
			}
		}
		return context;
	}
}
