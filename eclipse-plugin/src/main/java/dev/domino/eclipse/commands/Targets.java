package dev.domino.eclipse.commands;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.handlers.HandlerUtil;

/** The .domino file a command is about: the active editor's, or the one selected in a view. */
final class Targets {
	private Targets() {
	}

	static IFile file(ExecutionEvent event) {
		IWorkbenchPart part = HandlerUtil.getActivePart(event);
		ISelection selection = HandlerUtil.getCurrentSelection(event);
		if (!(part instanceof IEditorPart) && selection instanceof IStructuredSelection s && !s.isEmpty()) {
			IFile f = Adapters.adapt(s.getFirstElement(), IFile.class);
			if (isDomino(f)) {
				return f;
			}
		}
		IEditorPart editor = HandlerUtil.getActiveEditor(event);
		IFile f = editor == null ? null : Adapters.adapt(editor.getEditorInput(), IFile.class);
		return isDomino(f) ? f : null;
	}

	static boolean isDomino(IFile f) {
		return f != null && "domino".equals(f.getFileExtension()) && f.getLocation() != null;
	}
}
