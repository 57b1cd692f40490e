package dev.domino.compiler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.diagnostics.AbstractDiagnostic;
import org.eclipse.xtext.linking.lazy.LazyLinkingResource;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextSyntaxDiagnostic;

import dev.domino.ast.AstPackage;
import dev.domino.ast.Board;
import dev.domino.ast.DominoSystem;
import dev.domino.ast.Import;
import dev.domino.ast.Model;
import dev.domino.devicetree.SystemTree;
import dev.domino.diagnostics.Report;
import dev.domino.diagnostics.RuleId;
import dev.domino.fdt.DeviceTree;
import dev.domino.fdt.FdtWriter;
import dev.domino.linking.DominoResource;
import dev.domino.files.FileInspector;
import dev.domino.model.SourceLocation;
import dev.domino.model.SystemModel;
import dev.domino.mpu.MpuPlan;
import dev.domino.mpu.MpuPlanner;
import dev.domino.placement.PlacedSystem;
import dev.domino.placement.Placer;
import dev.domino.resolve.Locations;
import dev.domino.resolve.Resolver;
import dev.domino.rules.CheckContext;
import dev.domino.rules.Checker;

/**
 * Text to diagnostics: syntax and linking problems of every loaded file, then for each system
 * the resolved model, its placement and the rule table; boards that no system uses are checked
 * on their own. The command line and the editor both come through here.
 */
public final class Analyzer {
	private final FileInspector files;
	private final Locations locations;
	private final boolean parseProblems;

	public Analyzer(FileInspector files, Locations locations) {
		this(files, locations, true);
	}

	/**
	 * @param parseProblems whether to report syntax and linking errors; an Xtext editor reports
	 *            those itself
	 */
	public Analyzer(FileInspector files, Locations locations, boolean parseProblems) {
		this.files = files;
		this.locations = locations;
		this.parseProblems = parseProblems;
	}

	public Locations locations() {
		return locations;
	}

	/**
	 * Analyses the systems and boards of {@code targets}; parse and link problems are reported for
	 * every resource of their resource set, so a broken import is not silent.
	 */
	public Analysis analyse(List<Resource> targets, CheckContext.Mode mode) {
		Report report = new Report();
		if (parseProblems) {
			// resolving a file's references loads the files it imports into the resource set and
			// reports the names that do not resolve; an editor has done both before validating
			Set<Resource> all = new HashSet<>();
			for (Resource r : targets) {
				EcoreUtil2.resolveLazyCrossReferences(r, () -> false);
			}
			for (Resource r : targets) {
				all.addAll(r.getResourceSet() == null ? List.of(r) : r.getResourceSet().getResources());
			}
			for (Resource r : all) {
				if (!targets.contains(r)) {
					EcoreUtil2.resolveLazyCrossReferences(r, () -> false);
				}
			}
			for (Resource r : all) {
				parseProblems(r, report);
				imports(r, report);
			}
		} else {
			for (Resource r : new HashSet<>(targets)) {
				imports(r, report);
			}
		}
		List<Analysis.Unit> units = new ArrayList<>();
		Set<Board> usedBoards = new HashSet<>();
		for (Resource r : targets) {
			for (EObject root : r.getContents()) {
				if (!(root instanceof Model model)) {
					continue;
				}
				for (EObject element : model.getElements()) {
					if (element instanceof DominoSystem system && system.getBoard() != null
							&& !system.getBoard().eIsProxy()) {
						usedBoards.add(system.getBoard());
						units.add(analyseSystem(system, mode, report));
					}
				}
			}
		}
		for (Resource r : targets) {
			for (EObject root : r.getContents()) {
				if (root instanceof Model model) {
					for (EObject element : model.getElements()) {
						if (element instanceof Board board && !usedBoards.contains(board)) {
							units.add(analyseBoard(board, mode, report));
						}
					}
				}
			}
		}
		return new Analysis(units, report.diagnostics());
	}

	/** The pipeline for one system: resolve, place, plan the MPU, build the device tree, check. */
	private Analysis.Unit analyseSystem(DominoSystem system, CheckContext.Mode mode, Report report) {
		report.fallback(locations.of(system, dev.domino.ast.AstPackage.eINSTANCE.getTopLevel_Name()));
		Resolver resolver = new Resolver(files, locations, report);
		dev.domino.model.Board board = resolver.board(system.getBoard());
		DeviceTree base = resolver.baseTree(board);
		SystemModel model = resolver.system(system, board, base);
		if (model.xen() == null) {
			// a system without its hypervisor is checked as its board
			return check(SystemModel.boardOnly(board), base, resolver, mode, report);
		}
		return check(model, base, resolver, mode, report);
	}

	private Analysis.Unit analyseBoard(Board board, CheckContext.Mode mode, Report report) {
		report.fallback(locations.of(board, dev.domino.ast.AstPackage.eINSTANCE.getTopLevel_Name()));
		Resolver resolver = new Resolver(files, locations, report);
		dev.domino.model.Board built = resolver.board(board);
		return check(SystemModel.boardOnly(built), resolver.baseTree(built), resolver, mode, report);
	}

	private static Analysis.Unit check(SystemModel model, DeviceTree base, Resolver resolver, CheckContext.Mode mode,
			Report report) {
		PlacedSystem placed = new PlacedSystem(model, Placer.place(model));
		MpuPlan plan = model.board().hasMpu() && !model.isBoardOnly() ? MpuPlanner.plan(placed) : null;
		DeviceTree tree = model.isBoardOnly() ? null : SystemTree.build(placed, base, plan);
		long treeSize = tree == null ? 0 : FdtWriter.size(tree);
		Checker.check(new CheckContext(placed, plan, treeSize, mode), report);
		return new Analysis.Unit(placed, plan, base, tree, resolver.origins());
	}

	private void parseProblems(Resource r, Report report) {
		String display = locations.display(r.getURI());
		for (Resource.Diagnostic d : r.getErrors()) {
			if (!(d instanceof AbstractDiagnostic) && r.getContents().isEmpty()) {
				continue; // the file could not be read: reported at the import that names it
			}
			SourceLocation where = location(r, d, display);
			if (d instanceof XtextSyntaxDiagnostic) {
				report.at(RuleId.SYNTAX, where, SyntaxMessages.improve(d.getMessage())).emit();
			} else {
				// linking: unresolved names (worded by DominoLinkingDiagnosticMessageProvider)
				report.at(RuleId.ORDER, where, d.getMessage()).emit();
			}
		}
	}

	private static SourceLocation location(Resource r, Resource.Diagnostic d, String display) {
		if (d instanceof AbstractDiagnostic a) {
			int offset = a.getOffset();
			int length = a.getLength();
			int endLine = a.getLine();
			int endColumn = a.getColumn() + length;
			if (r instanceof LazyLinkingResource x && x.getParseResult() != null) {
				var end = NodeModelUtils.getLineAndColumn(x.getParseResult().getRootNode(), offset + length);
				endLine = end.getLine();
				endColumn = end.getColumn();
			}
			return new SourceLocation(r.getURI().toString(), display, a.getLine(), a.getColumn(), offset, length,
					endLine, endColumn);
		}
		return new SourceLocation(r.getURI().toString(), display, Math.max(1, d.getLine()),
				Math.max(1, d.getColumn()), 0, 0, Math.max(1, d.getLine()), Math.max(1, d.getColumn()));
	}

	/** An import of a file that does not exist is an {@code order} error (an unresolved reference). */
	private void imports(Resource r, Report report) {
		for (EObject root : r.getContents()) {
			if (!(root instanceof Model model)) {
				continue;
			}
			for (Import i : model.getImports()) {
				if (i.getImportURI() == null) {
					continue;
				}
				URI uri = URI.createURI(i.getImportURI());
				URI resolved = uri.isRelative() ? uri.resolve(r.getURI()) : uri;
				String problem = DominoResource.unreadable(resolved);
				if (problem == null && !EcoreUtil2.isValidUri(r, resolved)) {
					problem = "no such Domino file";
				}
				if (problem != null) {
					report.at(RuleId.ORDER, locations.of(i, AstPackage.eINSTANCE.getImport_ImportURI()),
							"cannot import \"" + i.getImportURI() + "\": " + (problem.startsWith("no such") ? ""
									: resolved.lastSegment() + " ") + problem).emit();
				}
			}
		}
	}
}
