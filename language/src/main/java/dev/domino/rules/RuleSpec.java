package dev.domino.rules;

import java.util.List;

/**
 * A row of the rule table: the stable id users see in every message, the default severity,
 * a one-line summary, the source the rule comes from, and the rules it builds on (a rule runs
 * only when its prerequisites found no error, as in dtc's checks). {@code rule} is null for
 * ids reported while parsing or building the model.
 */
public record RuleSpec(String id, Severity severity, String summary, String source, List<String> prerequisites,
		Rule rule) {
}
