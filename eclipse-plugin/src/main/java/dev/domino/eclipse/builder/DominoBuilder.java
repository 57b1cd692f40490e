package dev.domino.eclipse.builder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;

import dev.domino.eclipse.DominoPlugin;
import dev.domino.eclipse.DominoServices;

/**
 * Checks the project's .domino files when one of them is saved, and puts Domino's problems on them as markers.
 * A board and the systems on it live in different files, so any saved .domino file re-checks all of them:
 * editing a board re-checks the systems that import it. Module files (kernels, ramdisks) count too, since the
 * {@code file} rule reads their headers.
 */
public class DominoBuilder extends IncrementalProjectBuilder {
	public static final String ID = "dev.domino.eclipse.builder";

	@Override
	protected IProject[] build(int kind, Map<String, String> args, IProgressMonitor monitor) throws CoreException {
		IResourceDelta delta = kind == FULL_BUILD ? null : getDelta(getProject());
		if (delta != null && !relevant(delta)) {
			return null;
		}
		checkProject(getProject(), monitor);
		return null;
	}

	@Override
	protected void clean(IProgressMonitor monitor) throws CoreException {
		getProject().deleteMarkers(Markers.TYPE, true, IResource.DEPTH_INFINITE);
	}

	/** Any change but in derived folders (out/ of a compile) and the metadata. */
	private static boolean relevant(IResourceDelta delta) throws CoreException {
		boolean[] found = { false };
		delta.accept(d -> {
			IResource r = d.getResource();
			if (r.isDerived() || r.getName().equals("out") && r.getType() == IResource.FOLDER) {
				return false;
			}
			if (r.getType() == IResource.FILE && (d.getFlags() != IResourceDelta.MARKERS || d.getKind() != IResourceDelta.CHANGED)) {
				found[0] = true;
			}
			return !found[0];
		});
		return found[0];
	}

	static void checkProject(IProject project, IProgressMonitor monitor) throws CoreException {
		List<IFile> files = new ArrayList<>();
		project.accept(r -> {
			if (r instanceof IFile f && "domino".equals(f.getFileExtension()) && f.getLocation() != null) {
				files.add(f);
			}
			return !(r.getType() == IResource.FOLDER && (r.isDerived() || r.getName().equals("out")));
		});
		List<Path> paths = files.stream().map(f -> f.getLocation().toPath()).toList();
		Map<Path, List<DominoServices.Problem>> problems;
		try {
			problems = DominoServices.get().check(paths);
		} catch (RuntimeException e) {
			DominoPlugin.bug("checking " + project.getName(), e);
			return;
		}
		for (IFile f : files) {
			if (monitor != null && monitor.isCanceled()) {
				return;
			}
			Markers.replace(f, problems.getOrDefault(f.getLocation().toPath(), List.of()));
		}
	}
}
