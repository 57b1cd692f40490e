package dev.domino.compiler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.domino.fdt.DeviceTree;
import dev.domino.model.SystemModel;
import dev.domino.rules.Diagnostic;

/**
 * What analysing some files found: the placed model of each system (with the base DTB its board
 * starts from) and every diagnostic, each once, in a stable order.
 */
public final class Analysis {
	/** One analysed system, or a board analysed on its own. */
	public record Unit(SystemModel model, DeviceTree baseTree) {
	}

	private final List<Unit> units;
	private final List<Diagnostic> diagnostics;

	Analysis(List<Unit> units, List<Diagnostic> diagnostics) {
		this.units = List.copyOf(units);
		this.diagnostics = sorted(diagnostics);
	}

	public List<Unit> units() {
		return units;
	}

	/** The systems (not the boards checked alone). */
	public List<Unit> systems() {
		return units.stream().filter(u -> !u.model().isBoardOnly()).toList();
	}

	public List<Diagnostic> diagnostics() {
		return diagnostics;
	}

	public boolean hasErrors() {
		return diagnostics.stream().anyMatch(Diagnostic::isError);
	}

	static List<Diagnostic> sorted(List<Diagnostic> diagnostics) {
		// the same finding reached from two systems sharing a board is reported once
		Set<String> seen = new LinkedHashSet<>();
		List<Diagnostic> out = new ArrayList<>();
		for (Diagnostic d : diagnostics) {
			if (seen.add(d.ruleId() + "|" + d.where().uri() + "|" + d.where().offset() + "|" + d.message())) {
				out.add(d);
			}
		}
		out.sort(Comparator.comparing((Diagnostic d) -> d.where().displayPath())
				.thenComparingInt(d -> d.where().line()).thenComparingInt(d -> d.where().column())
				.thenComparing(Diagnostic::ruleId).thenComparing(Diagnostic::message));
		return out;
	}
}
