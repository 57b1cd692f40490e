package dev.domino.eclipse;

import java.net.URI;
import java.nio.file.Path;

import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.text.IDocument;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.MessageConsole;
import org.eclipse.ui.plugin.AbstractUIPlugin;
import org.osgi.framework.BundleContext;

/** The plug-in: its log, the Domino console, and where a document's file is. */
public final class DominoPlugin extends AbstractUIPlugin {
	public static final String ID = "dev.domino.eclipse";
	public static final String CONTENT_TYPE = ID + ".domino";
	public static final String CONSOLE = "Domino";

	private static DominoPlugin plugin;

	@Override
	public void start(BundleContext context) throws Exception {
		super.start(context);
		plugin = this;
		// Xtext logs through log4j: its warnings go to stderr, not a "no appenders" notice
		org.apache.log4j.Logger root = org.apache.log4j.Logger.getRootLogger();
		if (!root.getAllAppenders().hasMoreElements()) {
			org.apache.log4j.ConsoleAppender stderr = new org.apache.log4j.ConsoleAppender(
					new org.apache.log4j.PatternLayout("%p %c: %m%n"), org.apache.log4j.ConsoleAppender.SYSTEM_ERR);
			stderr.setThreshold(org.apache.log4j.Level.WARN);
			root.addAppender(stderr);
		}
		// the language takes about a second to set up: start now, so the first editor does not wait for it
		Thread setup = new Thread(() -> {
			try {
				DominoServices.get();
			} catch (RuntimeException e) {
				bug("setting up the language", e);
			}
		}, "Domino language setup");
		setup.setDaemon(true);
		setup.start();
	}

	@Override
	public void stop(BundleContext context) throws Exception {
		plugin = null;
		super.stop(context);
	}

	public static DominoPlugin get() {
		return plugin;
	}

	/** A Domino bug (bad input gives problems, never an exception): logged once, with its stack. */
	public static void bug(String what, Throwable e) {
		ILog.of(DominoPlugin.class).log(Status.error("Domino failed while " + what, e));
	}

	/** The "Domino" console, made on first use (Compile and Run in QEMU write to it). */
	public static MessageConsole console() {
		var manager = ConsolePlugin.getDefault().getConsoleManager();
		for (IConsole c : manager.getConsoles()) {
			if (c instanceof MessageConsole m && CONSOLE.equals(c.getName())) {
				return m;
			}
		}
		MessageConsole console = new MessageConsole(CONSOLE, null);
		manager.addConsoles(new IConsole[] { console });
		return console;
	}

	/** The workspace file a document belongs to; null for a file outside the workspace. */
	public static IFile file(IDocument document) {
		ITextFileBuffer buffer = FileBuffers.getTextFileBufferManager().getTextFileBuffer(document);
		if (buffer == null) {
			return null;
		}
		IPath location = buffer.getLocation();
		IFile file = location == null || location.segmentCount() < 2 ? null
				: ResourcesPlugin.getWorkspace().getRoot().getFile(location);
		return file != null && file.exists() ? file : null;
	}

	/** The file on disk a document shows (inside the workspace or not); null if it has none. */
	public static Path path(IDocument document) {
		ITextFileBuffer buffer = FileBuffers.getTextFileBufferManager().getTextFileBuffer(document);
		if (buffer == null) {
			return null;
		}
		if (buffer.getFileStore() != null) {
			URI uri = buffer.getFileStore().toURI();
			if ("file".equals(uri.getScheme())) {
				return Path.of(uri);
			}
		}
		return null;
	}

	/** The workspace file at a place Domino names (a file URI); null if the workspace does not have it. */
	public static IFile file(String fileUri) {
		try {
			IFile[] files = ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(new URI(fileUri));
			for (IFile f : files) {
				if (f.exists()) {
					return f;
				}
			}
		} catch (java.net.URISyntaxException e) {
			// not a file Domino wrote: nothing to open
		}
		return null;
	}
}
