package dev.domino.eclipse.editor;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.reconciler.MonoReconciler;

/**
 * Live checking while the user types: the Generic Editor's reconcilers extension wants an IReconciler, so a
 * MonoReconciler runs {@link LiveCheck} 300 ms after the last keystroke. Editing one Domino file re-checks
 * the other open ones too (a system sees its board's unsaved text).
 */
public class DominoReconciler extends MonoReconciler {
	private static final Set<DominoReconciler> OPEN = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	private IDocument document;

	public DominoReconciler() {
		super(new LiveCheck(), false);
		setDelay(300);
	}

	@Override
	public void install(ITextViewer textViewer) {
		super.install(textViewer);
		OPEN.add(this);
	}

	@Override
	public void uninstall() {
		OPEN.remove(this);
		super.uninstall();
	}

	@Override
	protected void reconcilerDocumentChanged(IDocument newDocument) {
		document = newDocument;
		super.reconcilerDocumentChanged(newDocument);
	}

	/** The text of {@code changed} was checked after an edit: the other open Domino editors check again. */
	static void edited(IDocument changed) {
		DominoReconciler[] all;
		synchronized (OPEN) {
			all = OPEN.toArray(DominoReconciler[]::new);
		}
		for (DominoReconciler r : all) {
			if (r.document != null && r.document != changed) {
				r.forceReconciling();
			}
		}
	}
}
