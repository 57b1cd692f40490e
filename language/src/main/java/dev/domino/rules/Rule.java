package dev.domino.rules;

/** One check over the resolved, placed model. Implementations are small and named after their id. */
public interface Rule {
	void check(CheckContext context, Report report);
}
