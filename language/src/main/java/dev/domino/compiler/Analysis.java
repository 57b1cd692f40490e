package dev.domino.compiler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.domino.fdt.DeviceTree;
import dev.domino.model.SystemModel;
import dev.domino.rules.CheckContext;
import dev.domino.rules.Diagnostic;

/**
 * What analysing some files found: the placed model of each system (with the base DTB its board
 * starts from) and every diagnostic, each once, in a stable order.
 */
public final class Analysis {
	/**
	 * One analysed system, or a board analysed on its own; {@code origins} maps each AST element
	 * to the model object built from it (for editor services).
	 */
	public record Unit(SystemModel model, DeviceTree baseTree, java.util.Map<org.eclipse.emf.ecore.EObject, Object> origins,
			CheckContext checks) {
		/** The MPU plan of an Armv8-R system, made once for the rules, the editor and the emitters; null elsewhere. */
		public dev.domino.mpu.MpuPlan mpuPlan() {
			return checks.mpuPlan();
		}
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

	/** The model object an AST element became, in whichever unit built it; null if none. */
	public Object origin(org.eclipse.emf.ecore.EObject element) {
		for (Unit u : units) {
			Object o = u.origins().get(element);
			if (o != null) {
				return o;
			}
		}
		return null;
	}

	/** The unit (system or board) an AST element belongs to, preferring systems. */
	public Unit unitOf(org.eclipse.emf.ecore.EObject element) {
		for (Unit u : units) {
			if (u.origins().containsKey(element)) {
				return u;
			}
		}
		return null;
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
