package dev.domino.eclipse.editor;

import org.eclipse.jface.text.reconciler.MonoReconciler;

/**
 * Live checking while the user types: the Generic Editor's reconcilers extension wants an IReconciler, so a
 * MonoReconciler runs {@link LiveCheck} 300 ms after the last keystroke.
 */
public class DominoReconciler extends MonoReconciler {
	public DominoReconciler() {
		super(new LiveCheck(), false);
		setDelay(300);
	}
}
