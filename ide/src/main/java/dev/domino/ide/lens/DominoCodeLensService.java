package dev.domino.ide.lens;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Range;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.codelens.ICodeLensService;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

import com.google.inject.Inject;

import dev.domino.compiler.Analysis;
import dev.domino.compiler.AnalysisCache;
import dev.domino.model.Domain;
import dev.domino.model.SystemModel;
import dev.domino.model.U64;
import dev.domino.mpu.MpuPlan;
import dev.domino.rules.CheckContext;

/** A lens above each domain: the memory it uses and, on MPU boards, its MPU regions of the budget. */
public class DominoCodeLensService implements ICodeLensService {
	/** The client command a lens runs (the VS Code extension opens the memory map). */
	public static final String SHOW_MAP = "domino.showMemoryMap";

	@Inject
	private AnalysisCache analyses;

	@Override
	public List<? extends CodeLens> computeCodeLenses(Document document, XtextResource resource, CodeLensParams params,
			CancelIndicator cancelIndicator) {
		Analysis analysis = analyses.get(resource, CheckContext.Mode.EDIT);
		List<CodeLens> lenses = new ArrayList<>();
		for (Analysis.Unit unit : analysis.systems()) {
			SystemModel system = unit.model();
			MpuPlan plan = unit.mpuPlan();
			for (Map.Entry<EObject, Object> e : unit.origins().entrySet()) {
				if (!(e.getValue() instanceof Domain d) || e.getKey().eResource() != resource
						|| !(e.getKey() instanceof dev.domino.ast.Domain)) {
					continue;
				}
				ICompositeNode node = NodeModelUtils.getNode(e.getKey());
				if (node == null) {
					continue;
				}
				StringBuilder title = new StringBuilder();
				title.append("memory ").append(U64.size(d.memory().size())).append(d.isDom0() ? " 1:1 (dom0_mem)"
						: d.isStatic() ? " static" : " from Xen's heap");
				title.append(" · ").append(d.vcpus()).append(d.vcpus() == 1 ? " vCPU" : " vCPUs");
				title.append(" · domain id ").append(system.domainId(d));
				if (plan != null) {
					title.append(" · MPU ").append(plan.usage(d.name()));
				}
				Range range = new Range(document.getPosition(node.getOffset()), document.getPosition(node.getOffset()));
				lenses.add(new CodeLens(range, new Command(title.toString(), SHOW_MAP,
						List.of(resource.getURI().toString(), system.name(), d.name())), null));
			}
		}
		lenses.sort(java.util.Comparator.comparing((CodeLens l) -> l.getRange().getStart().getLine()));
		return lenses;
	}
}
