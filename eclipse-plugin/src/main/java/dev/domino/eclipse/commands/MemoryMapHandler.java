package dev.domino.eclipse.commands;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.resources.IFile;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;

import dev.domino.eclipse.DominoPlugin;

/** Domino: Show memory map — the Domino Memory Map view, showing the file's system as the editor has it. */
public class MemoryMapHandler extends AbstractHandler {
	@Override
	public Object execute(ExecutionEvent event) {
		IFile file = Targets.file(event);
		if (file == null) {
			DominoPlugin.console().newMessageStream().println("Domino: Show memory map needs a .domino file (open one, or select it).");
			return null;
		}
		IWorkbenchPage page = HandlerUtil.getActiveWorkbenchWindow(event).getActivePage();
		try {
			MemoryMapView view = (MemoryMapView) page.showView(MemoryMapView.ID);
			view.show(file);
		} catch (PartInitException e) {
			DominoPlugin.bug("opening the memory map", e);
		}
		return null;
	}
}
