package dev.domino.eclipse.check;

import java.nio.file.Path;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

import dev.domino.eclipse.builder.DominoNature;
import dev.domino.eclipse.builder.Markers;

/**
 * A headless Eclipse build of a folder of .domino files:
 * {@code eclipse -nosplash -application dev.domino.eclipse.check -data WORKSPACE -source DIR} opens DIR as a
 * project, lets the Domino builder check it and prints every marker as {@code file:line: severity[rule] message},
 * then a {@code DOMINO CHECK files=F errors=E warnings=W} line. Exit code 1 when there are errors, as
 * {@code domino check}.
 */
public class CheckApplication implements IApplication {
	@Override
	public Object start(IApplicationContext context) throws Exception {
		String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
		Path source = null;
		for (int i = 0; i + 1 < args.length; i++) {
			if (args[i].equals("-source")) {
				source = Path.of(args[i + 1]).toAbsolutePath().normalize();
			}
		}
		if (source == null) {
			System.err.println("usage: -application dev.domino.eclipse.check -source DIR");
			return 2;
		}
		IWorkspace workspace = ResourcesPlugin.getWorkspace();
		IProject project = workspace.getRoot().getProject(source.getFileName().toString());
		if (!project.exists()) {
			IProjectDescription d = workspace.newProjectDescription(project.getName());
			d.setLocation(org.eclipse.core.runtime.IPath.fromPath(source));
			project.create(d, null);
		}
		project.open(null);
		project.refreshLocal(IResource.DEPTH_INFINITE, null);
		DominoNature.add(project, null);
		project.build(IncrementalProjectBuilder.FULL_BUILD, null);
		Job.getJobManager().join(ResourcesPlugin.FAMILY_AUTO_BUILD, null);
		int files = 0;
		int errors = 0;
		int warnings = 0;
		for (IResource r : project.members()) {
			if ("domino".equals(r.getFileExtension())) {
				files++;
			}
		}
		for (IMarker m : project.findMarkers(Markers.TYPE, false, IResource.DEPTH_INFINITE)) {
			int severity = m.getAttribute(IMarker.SEVERITY, IMarker.SEVERITY_INFO);
			String label = severity == IMarker.SEVERITY_ERROR ? "error" : severity == IMarker.SEVERITY_WARNING ? "warning" : "info";
			errors += severity == IMarker.SEVERITY_ERROR ? 1 : 0;
			warnings += severity == IMarker.SEVERITY_WARNING ? 1 : 0;
			System.out.println(m.getResource().getProjectRelativePath() + ":" + m.getAttribute(IMarker.LINE_NUMBER, 0) + ": "
					+ label + "[" + m.getAttribute(Markers.RULE_ID, "") + "] " + m.getAttribute(IMarker.MESSAGE, ""));
		}
		System.out.println("DOMINO CHECK files=" + files + " errors=" + errors + " warnings=" + warnings);
		workspace.save(true, null);
		return errors > 0 ? 1 : EXIT_OK;
	}

	@Override
	public void stop() {
	}
}
