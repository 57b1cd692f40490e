package dev.domino.validation;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.validation.Check;

import com.google.inject.Inject;

import dev.domino.ast.Model;
import dev.domino.compiler.AnalysisCache;
import dev.domino.diagnostics.Diagnostic;
import dev.domino.diagnostics.DiagnosticJson;
import dev.domino.diagnostics.Related;
import dev.domino.model.SourceLocation;
import dev.domino.rules.CheckContext;

/**
 * Xtext's validation (editor, language server, Eclipse) runs the same analysis as the command
 * line, in editing mode, and reports each diagnostic located in this file with its rule id as
 * the issue code. Related places and quick fixes travel in the issue data ({@link IssueData}).
 */
public class DominoValidator extends AbstractDominoValidator {
	@Inject
	private AnalysisCache analyses;

	@Check
	public void checkFile(Model model) {
		Resource resource = model.eResource();
		String uri = resource.getURI().toString();
		for (Diagnostic d : analyses.get(resource, CheckContext.Mode.EDIT).diagnostics()) {
			SourceLocation where = d.where();
			if (!uri.equals(where.uri())) {
				// a finding placed in another file is reported there; show it here only when it
				// also involves this file (the system that puts a module over the board's firmware)
				where = d.related().stream().map(Related::where).filter(r -> uri.equals(r.uri())).findFirst()
						.orElse(null);
				if (where == null) {
					continue;
				}
			}
			String[] data = { DiagnosticJson.write(d) };
			int length = Math.max(where.length(), 0);
			switch (d.severity()) {
			case ERROR -> getMessageAcceptor().acceptError(d.message(), model, where.offset(), length, d.ruleId(), data);
			case WARNING -> getMessageAcceptor().acceptWarning(d.message(), model, where.offset(), length, d.ruleId(),
					data);
			default -> getMessageAcceptor().acceptInfo(d.message(), model, where.offset(), length, d.ruleId(), data);
			}
		}
	}
}
