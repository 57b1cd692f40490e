package dev.domino.ide.hints;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintKind;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;

import com.google.inject.Inject;

import dev.domino.ast.Boot;
import dev.domino.ast.DominoSystem;
import dev.domino.ast.DtbUse;
import dev.domino.ast.KernelUse;
import dev.domino.ast.RamdiskUse;
import dev.domino.ast.Section;
import dev.domino.ast.XenStart;
import dev.domino.compiler.Analysis;
import dev.domino.compiler.AnalysisCache;
import dev.domino.model.BootModule;
import dev.domino.model.Region;
import dev.domino.model.SystemModel;
import dev.domino.model.U64;
import dev.domino.mpu.MpuPlan;
import dev.domino.placement.PlacedRegion;
import dev.domino.placement.PlacedSystem;
import dev.domino.rules.CheckContext;

/**
 * Inlay hints: after everything Domino placed, the address it chose ("at 0x4040_0000"); after a
 * boot block, where the script and the device tree go; on MPU systems, the start address and
 * the sections Domino computed.
 */
public class InlayHints {
	@Inject
	private AnalysisCache analyses;

	public List<InlayHint> compute(XtextResource resource, Document document, Range range) {
		Analysis analysis = analyses.get(resource, CheckContext.Mode.EDIT);
		List<InlayHint> hints = new ArrayList<>();
		for (Analysis.Unit unit : analysis.units()) {
			for (Map.Entry<EObject, Object> e : unit.origins().entrySet()) {
				EObject element = e.getKey();
				if (element.eResource() != resource || isReferenceToModule(element)) {
					continue;
				}
				Region region = e.getValue() instanceof Region r ? r
						: e.getValue() instanceof BootModule m ? m.region() : null;
				PlacedRegion placed = region != null && region.isAuto() ? unit.placed().at(region) : null;
				if (placed != null) {
					add(hints, document, element, "at " + U64.hex(placed.base()), placed.label() + " "
							+ placed.describeRange() + ", " + U64.size(placed.size()) + ", placed by Domino");
				}
			}
			SystemModel system = unit.model();
			if (system.isBoardOnly()) {
				continue;
			}
			EObject ast = astOf(unit, system);
			if (ast instanceof DominoSystem s && s.eResource() == resource) {
				bootHints(s, unit.placed(), document, hints);
				mpuHints(s, unit.mpuPlan(), document, hints);
			}
		}
		hints.removeIf(h -> !inside(h.getPosition(), range));
		hints.sort(Comparator.comparing((InlayHint h) -> h.getPosition().getLine())
				.thenComparing(h -> h.getPosition().getCharacter()));
		return hints;
	}

	private static EObject astOf(Analysis.Unit unit, SystemModel system) {
		for (Map.Entry<EObject, Object> e : unit.origins().entrySet()) {
			if (e.getValue() == system) {
				return e.getKey();
			}
		}
		return null;
	}

	private static boolean isReferenceToModule(EObject element) {
		return element instanceof KernelUse k && k.getModule() != null || element instanceof RamdiskUse r
				&& r.getModule() != null || element instanceof DtbUse d && d.getModule() != null;
	}

	private static void bootHints(DominoSystem s, PlacedSystem placed, Document document, List<InlayHint> hints) {
		PlacedRegion script = placed.at(placed.model().boot().script());
		PlacedRegion dtb = placed.at(placed.model().boot().deviceTree());
		for (EObject item : s.getItems()) {
			if (item instanceof Boot b && script != null && dtb != null) {
				String label = "script at " + U64.hex(script.base()) + ", device tree at " + U64.hex(dtb.base());
				add(hints, document, b, label, "the boot script is loaded and run from " + U64.hex(script.base()));
			}
		}
	}

	private static void mpuHints(DominoSystem s, MpuPlan plan, Document document, List<InlayHint> hints) {
		if (plan == null) {
			return;
		}
		for (java.util.Iterator<EObject> it = s.eAllContents(); it.hasNext();) {
			EObject e = it.next();
			if (e instanceof XenStart x && x.isAuto() && plan.xenStart() != null) {
				add(hints, document, x, "= " + U64.hex(plan.xenStart()), "CONFIG_XEN_START_ADDRESS");
			} else if (e instanceof Section sec && sec.isAuto()) {
				dev.domino.model.Section.Kind kind = dev.domino.model.Section.Kind.valueOf(sec.getKind().name()
						.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT));
				PlacedRegion r = plan.sections().get(kind);
				if (r != null) {
					add(hints, document, sec, "= " + r.describeRange(), kind.property());
				}
			}
		}
	}

	private static void add(List<InlayHint> hints, Document document, EObject element, String label, String tooltip) {
		ICompositeNode node = NodeModelUtils.getNode(element);
		if (node == null) {
			return;
		}
		Position at = document.getPosition(node.getEndOffset());
		InlayHint hint = new InlayHint(at, Either.forLeft(label));
		hint.setKind(InlayHintKind.Type);
		hint.setPaddingLeft(true);
		hint.setTooltip(Either.forRight(new MarkupContent(MarkupKind.PLAINTEXT, tooltip)));
		hints.add(hint);
	}

	private static boolean inside(Position p, Range range) {
		if (range == null) {
			return true;
		}
		return !before(p, range.getStart()) && !before(range.getEnd(), p);
	}

	private static boolean before(Position a, Position b) {
		return a.getLine() < b.getLine() || a.getLine() == b.getLine() && a.getCharacter() < b.getCharacter();
	}
}
