package dev.domino.compiler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;

import dev.domino.diagnostics.Diagnostic;
import dev.domino.fdt.DeviceTree;
import dev.domino.files.FileFacts;
import dev.domino.model.BootModule;
import dev.domino.model.SystemModel;
import dev.domino.mpu.MpuPlan;
import dev.domino.placement.PlacedSystem;

/**
 * What analysing some files found: the placed model of each system (with the base DTB its board
 * starts from) and every diagnostic, each once, in a stable order.
 */
public final class Analysis {
	/**
	 * One analysed system, or a board analysed on its own: the placed model, the MPU plan of an
	 * Armv8-R system (null elsewhere), the base DTB its board starts from, the device tree Xen boots
	 * with (null for a board alone), and the model object each AST element became (for editor services).
	 */
	public record Unit(PlacedSystem placed, MpuPlan mpuPlan, DeviceTree baseTree, DeviceTree systemTree,
			Map<EObject, Object> origins) {
		public SystemModel model() {
			return placed.model();
		}
	}

	private final List<Unit> units;
	private final List<Diagnostic> diagnostics;

	Analysis(List<Unit> units, List<Diagnostic> diagnostics) {
		this.units = List.copyOf(units);
		this.diagnostics = sorted(diagnostics);
	}

	/** Analyses of disjoint groups of files as one (diagnostics sorted, and each reported once). */
	public static Analysis merge(List<Analysis> parts) {
		List<Unit> units = new ArrayList<>();
		List<Diagnostic> diagnostics = new ArrayList<>();
		for (Analysis a : parts) {
			units.addAll(a.units);
			diagnostics.addAll(a.diagnostics);
		}
		return new Analysis(units, diagnostics);
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
	public Object origin(EObject element) {
		for (Unit u : units) {
			Object o = u.origins().get(element);
			if (o != null) {
				return o;
			}
		}
		return null;
	}

	/** The unit (system or board) an AST element belongs to, preferring systems. */
	public Unit unitOf(EObject element) {
		for (Unit u : units) {
			if (u.origins().containsKey(element)) {
				return u;
			}
		}
		return null;
	}

	/** Every file on disk the analysis looked at (base DTBs, modules, Xen), to tell when it is out of date. */
	public List<FileFacts> inputFiles() {
		List<FileFacts> files = new ArrayList<>();
		for (Unit u : units) {
			if (u.model().board().baseDtb() != null) {
				files.add(u.model().board().baseDtb().facts());
			}
			for (BootModule m : u.model().modules()) {
				if (m.file() != null) {
					files.add(m.file().facts());
				}
			}
		}
		return files;
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
