package dev.domino.rules;

import java.util.List;

import dev.domino.diagnostics.RuleId;

/**
 * A row of the checker's table: the rule id, the class that checks it, and the rules it builds on
 * (a rule runs only when its prerequisites found no error, as in dtc's checks).
 */
public record RuleSpec(RuleId id, Rule rule, List<RuleId> prerequisites) {
}
