package dev.domino.eclipse.commands;

import java.util.List;
import java.util.Map;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.console.MessageConsoleStream;

import dev.domino.eclipse.DominoPlugin;
import dev.domino.eclipse.DominoServices;

/**
 * Domino: Compile — the saved file's system to its outputs in {@code out/<name>/} next to it (the server's
 * domino.compile), reported in the Domino console; the folder is refreshed so the outputs show.
 */
public class CompileHandler extends AbstractHandler {
	public static final String JOB_FAMILY = "dev.domino.eclipse.compile";

	@Override
	public Object execute(ExecutionEvent event) {
		IFile file = Targets.file(event);
		MessageConsoleStream out = DominoPlugin.console().newMessageStream();
		if (file == null) {
			out.println("Domino: Compile needs a .domino file (open one, or select it).");
			return null;
		}
		schedule(file);
		return null;
	}

	public static Job schedule(IFile file) {
		Job job = new Job("Domino: compiling " + file.getName()) {
			@Override
			protected IStatus run(IProgressMonitor monitor) {
				compile(file);
				return Status.OK_STATUS;
			}

			@Override
			public boolean belongsTo(Object family) {
				return JOB_FAMILY.equals(family);
			}
		};
		job.schedule();
		return job;
	}

	static void compile(IFile file) {
		MessageConsoleStream out = DominoPlugin.console().newMessageStream();
		DominoPlugin.console().activate();
		out.println("Domino: compiling " + file.getFullPath() + " (as saved)");
		Map<String, Object> result;
		try {
			result = DominoServices.get().compile(file.getLocation().toPath());
		} catch (RuntimeException e) {
			DominoPlugin.bug("compiling " + file.getFullPath(), e);
			out.println("Domino: compiling failed: " + e);
			return;
		}
		if (result.get("diagnostics") instanceof List<?> messages) {
			messages.forEach(m -> out.println(String.valueOf(m)));
		}
		if (result.get("error") != null) {
			out.println("Domino: " + result.get("error"));
		} else if (Boolean.TRUE.equals(result.get("ok"))) {
			out.println("Domino: wrote the outputs to " + result.get("output"));
		} else {
			out.println("Domino: not compiled, the errors above come first");
		}
		try {
			// outputs go to out/ beside the file: shown, and marked derived so the builder and team providers skip it
			IContainer folder = file.getParent();
			folder.refreshLocal(IResource.DEPTH_INFINITE, null);
			IResource out2 = folder.findMember("out");
			if (out2 != null) {
				out2.setDerived(true, null);
			}
		} catch (CoreException e) {
			DominoPlugin.bug("refreshing " + file.getParent().getFullPath(), e);
		}
	}
}
