package dev.domino.eclipse.builder;

import java.util.Arrays;

import org.eclipse.core.resources.ICommand;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IProjectNature;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRunnable;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

/**
 * Projects with Domino files get the Domino builder. Nobody has to configure it: the editor adds the nature
 * to a project the first time one of its .domino files is opened.
 */
public class DominoNature implements IProjectNature {
	public static final String ID = "dev.domino.eclipse.nature";

	private IProject project;

	@Override
	public void configure() throws CoreException {
		IProjectDescription d = project.getDescription();
		ICommand[] commands = d.getBuildSpec();
		if (Arrays.stream(commands).anyMatch(c -> DominoBuilder.ID.equals(c.getBuilderName()))) {
			return;
		}
		ICommand command = d.newCommand();
		command.setBuilderName(DominoBuilder.ID);
		ICommand[] more = Arrays.copyOf(commands, commands.length + 1);
		more[commands.length] = command;
		d.setBuildSpec(more);
		project.setDescription(d, null);
	}

	@Override
	public void deconfigure() throws CoreException {
		IProjectDescription d = project.getDescription();
		d.setBuildSpec(Arrays.stream(d.getBuildSpec()).filter(c -> !DominoBuilder.ID.equals(c.getBuilderName()))
				.toArray(ICommand[]::new));
		project.setDescription(d, null);
	}

	@Override
	public IProject getProject() {
		return project;
	}

	@Override
	public void setProject(IProject project) {
		this.project = project;
	}

	/** Adds the nature (and so the builder, which then checks every .domino file of the project). */
	public static void add(IProject project, IProgressMonitor monitor) throws CoreException {
		if (!project.isOpen() || project.hasNature(ID)) {
			return;
		}
		IProjectDescription d = project.getDescription();
		String[] natures = Arrays.copyOf(d.getNatureIds(), d.getNatureIds().length + 1);
		natures[natures.length - 1] = ID;
		d.setNatureIds(natures);
		project.setDescription(d, monitor);
	}

	/** {@link #add} in the background, then a build of the project. */
	public static void ensure(IProject project) {
		try {
			if (project == null || !project.isOpen() || project.hasNature(ID)) {
				return;
			}
		} catch (CoreException e) {
			return;
		}
		WorkspaceJob job = new WorkspaceJob("Domino: checking " + project.getName()) {
			@Override
			public IStatus runInWorkspace(IProgressMonitor monitor) throws CoreException {
				IWorkspaceRunnable add = m -> add(project, m);
				ResourcesPlugin.getWorkspace().run(add, project, IResource.NONE, monitor);
				project.build(org.eclipse.core.resources.IncrementalProjectBuilder.FULL_BUILD, DominoBuilder.ID, null,
						monitor);
				return Status.OK_STATUS;
			}
		};
		job.setRule(ResourcesPlugin.getWorkspace().getRoot()); // a build's rule
		job.setSystem(true);
		job.schedule();
	}
}
