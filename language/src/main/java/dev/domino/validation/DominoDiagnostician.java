package dev.domino.validation;

import java.util.Map;

import org.eclipse.emf.common.util.DiagnosticChain;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EValidator;
import org.eclipse.xtext.validation.CancelableDiagnostician;

import com.google.inject.Inject;

import dev.domino.ast.Model;

/**
 * Validation stops at the file: Domino's one check ({@link DominoValidator#checkFile}) runs on the
 * {@link Model} and analyses the whole file, and EMF's generic per-object validator is off (see
 * DominoRuntimeModule), so walking every object below the model found nothing and cost a visit
 * of each of them per keystroke (20,000 objects in a 2,000-domain system).
 */
public class DominoDiagnostician extends CancelableDiagnostician {
	@Inject
	public DominoDiagnostician(EValidator.Registry registry) {
		super(registry);
	}

	@Override
	protected boolean doValidateContents(EObject eObject, DiagnosticChain diagnostics, Map<Object, Object> context) {
		return eObject instanceof Model || super.doValidateContents(eObject, diagnostics, context);
	}
}
