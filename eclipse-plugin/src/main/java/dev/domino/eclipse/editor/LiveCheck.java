package dev.domino.eclipse.editor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.IFileBuffer;
import org.eclipse.core.filebuffers.IFileBufferListener;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentListener;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.reconciler.DirtyRegion;
import org.eclipse.jface.text.reconciler.IReconcilingStrategy;
import org.eclipse.jface.text.reconciler.IReconcilingStrategyExtension;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.IAnnotationModelExtension;
import org.eclipse.ui.texteditor.MarkerAnnotation;

import dev.domino.eclipse.DominoPlugin;
import dev.domino.eclipse.DominoServices;
import dev.domino.eclipse.DominoServices.Problem;
import dev.domino.eclipse.builder.DominoNature;

/**
 * Checks the unsaved text of a .domino editor with Domino (other unsaved Domino editors included, so a system
 * sees its board as it is being edited) and shows the problems as annotations. While the files are saved,
 * the markers say it all and no annotation is added; once this file or another open one is edited, problems
 * the markers do not already show appear as live annotations (types {@code dev.domino.eclipse.live.*}), and
 * they go when the files are saved.
 *
 * <p>Each editor keeps its file loaded in Domino between checks, and its edits are applied as edits, so that
 * Xtext reparses only what changed (as the language server does with the changes an editor sends).
 */
public class LiveCheck implements IReconcilingStrategy, IReconcilingStrategyExtension {
	public static final String LIVE = "dev.domino.eclipse.live.";

	/** The loaded text of each open document, for the checks and for the other editor features. */
	private static final Map<IDocument, Session> SESSIONS = java.util.Collections.synchronizedMap(new WeakHashMap<>());

	private IDocument document;
	private Map<Annotation, Position> shown = Map.of();
	private IFileBufferListener saved;

	/** A document's file loaded in Domino, brought up to date with the edits made since. */
	static final class Session implements IDocumentListener {
		private final IDocument document;
		private final Path path;
		private final List<DocumentEvent> edits = new ArrayList<>();
		private final Map<Path, String> others = new HashMap<>();
		private DominoServices.Files files;
		/** The text last checked, to tell an edit from a check the other editors asked for. */
		private String checked;

		Session(IDocument document, Path path) {
			this.document = document;
			this.path = path;
		}

		@Override
		public void documentAboutToBeChanged(DocumentEvent event) {
		}

		@Override
		public void documentChanged(DocumentEvent event) {
			synchronized (edits) {
				edits.add(new DocumentEvent(event.getDocument(), event.getOffset(), event.getLength(), event.getText()));
			}
		}

		/** The files, up to date with the document (given as {@code text}) and the other unsaved editors. */
		synchronized DominoServices.Files files(String text) {
			List<DocumentEvent> pending;
			synchronized (edits) {
				pending = new ArrayList<>(edits);
				edits.clear();
			}
			boolean othersChanged = updateOthers();
			if (files == null || othersChanged) {
				files = Texts.load(text, path, others);
				return files;
			}
			try {
				for (DocumentEvent e : pending) {
					files.edit(path, e.getOffset(), e.getLength(), e.getText() == null ? "" : e.getText());
				}
			} catch (RuntimeException e) {
				files.text(path, text); // a partial reparse that failed: load it whole
				return files;
			}
			if (!text.equals(files.textOf(path))) {
				files.text(path, text); // edits missed (the document was replaced): load it whole
			}
			return files;
		}

		/** Whether another unsaved .domino editor's text changed since the last check. */
		private boolean updateOthers() {
			Map<Path, String> now = new HashMap<>();
			for (IFileBuffer b : FileBuffers.getTextFileBufferManager().getFileBuffers()) {
				if (b instanceof ITextFileBuffer t && b.isDirty() && t.getFileStore() != null && t.getDocument() != document) {
					IPath location = b.getLocation();
					java.net.URI uri = t.getFileStore().toURI();
					if (location != null && "domino".equals(location.getFileExtension()) && "file".equals(uri.getScheme())) {
						now.put(Path.of(uri), t.getDocument().get());
					}
				}
			}
			if (now.equals(others)) {
				return false;
			}
			others.clear();
			others.putAll(now);
			return true;
		}
	}

	/** The session of an open document, if a live check has started one. */
	static Session session(IDocument document) {
		return SESSIONS.get(document);
	}

	@Override
	public void setDocument(IDocument document) {
		this.document = document;
		IFile file = DominoPlugin.file(document);
		if (file != null) {
			DominoNature.ensure(file.getProject()); // the builder checks the project's files from now on
		}
		Path path = DominoPlugin.path(document);
		if (path != null && !SESSIONS.containsKey(document)) {
			Session s = new Session(document, path);
			document.addDocumentListener(s);
			SESSIONS.put(document, s);
		}
		ITextFileBuffer buffer = FileBuffers.getTextFileBufferManager().getTextFileBuffer(document);
		if (buffer != null && saved == null) {
			saved = new BufferListener() {
				@Override
				public void dirtyStateChanged(IFileBuffer changed, boolean isDirty) {
					if (changed == buffer && !isDirty) {
						show(buffer, Map.of()); // saved: the builder's markers take over
						DominoReconciler.edited(document); // and the other editors' checks see the saved file
					}
				}

				@Override
				public void bufferDisposed(IFileBuffer disposed) {
					if (disposed == buffer) {
						FileBuffers.getTextFileBufferManager().removeFileBufferListener(this);
						Session s = SESSIONS.remove(document);
						if (s != null) {
							document.removeDocumentListener(s);
						}
					}
				}
			};
			FileBuffers.getTextFileBufferManager().addFileBufferListener(saved);
		}
	}

	@Override
	public void setProgressMonitor(IProgressMonitor monitor) {
	}

	@Override
	public void initialReconcile() {
		check();
	}

	@Override
	public void reconcile(DirtyRegion dirtyRegion, IRegion subRegion) {
		check();
	}

	@Override
	public void reconcile(IRegion partition) {
		check();
	}

	private void check() {
		IDocument doc = document;
		ITextFileBuffer buffer = doc == null ? null : FileBuffers.getTextFileBufferManager().getTextFileBuffer(doc);
		Session session = doc == null ? null : SESSIONS.get(doc);
		if (buffer == null || session == null) {
			return;
		}
		String text = doc.get();
		List<Problem> problems;
		boolean edited;
		try {
			synchronized (session) {
				// edited since the last check; the first check of an editor typed in before it ran counts too
				edited = session.checked == null ? buffer.isDirty() : !session.checked.equals(text);
				session.checked = text;
				DominoServices.Files files = session.files(text);
				if (edited) {
					DominoReconciler.edited(doc); // the systems on a board being edited check again
				}
				if (!buffer.isDirty() && session.others.isEmpty()) {
					show(buffer, Map.of()); // the files as saved: the markers show it
					return;
				}
				problems = files.problems(session.path);
			}
		} catch (RuntimeException e) {
			DominoPlugin.bug("checking " + session.path, e);
			return;
		}
		if (!text.equals(doc.get())) {
			return; // typed meanwhile: the next reconcile has the newer text
		}
		IAnnotationModel model = buffer.getAnnotationModel();
		Set<String> markers = new HashSet<>();
		if (model != null) {
			for (Iterator<Annotation> i = model.getAnnotationIterator(); i.hasNext();) {
				Annotation a = i.next();
				Position p = model.getPosition(a);
				if (a instanceof MarkerAnnotation && p != null) {
					markers.add(a.getText() + "@" + p.getOffset());
				}
			}
		}
		Map<Annotation, Position> live = new HashMap<>();
		for (Problem p : problems) {
			if (!markers.contains(p.text() + "@" + p.offset())) {
				live.put(new Annotation(LIVE + p.severity().name().toLowerCase(), false, p.text()),
						new Position(p.offset(), p.length()));
			}
		}
		show(buffer, live);
	}

	private synchronized void show(ITextFileBuffer buffer, Map<Annotation, Position> live) {
		IAnnotationModel model = buffer.getAnnotationModel();
		if (model instanceof IAnnotationModelExtension m) {
			m.replaceAnnotations(shown.keySet().toArray(Annotation[]::new), live);
		} else if (model != null) {
			shown.keySet().forEach(model::removeAnnotation);
			live.forEach(model::addAnnotation);
		}
		shown = live;
	}

	/** Only the two events this class needs. */
	private abstract static class BufferListener implements IFileBufferListener {
		@Override
		public void bufferCreated(IFileBuffer buffer) {
		}

		@Override
		public void bufferContentAboutToBeReplaced(IFileBuffer buffer) {
		}

		@Override
		public void bufferContentReplaced(IFileBuffer buffer) {
		}

		@Override
		public void stateChanging(IFileBuffer buffer) {
		}

		@Override
		public void stateValidationChanged(IFileBuffer buffer, boolean isStateValidated) {
		}

		@Override
		public void underlyingFileMoved(IFileBuffer buffer, IPath path) {
		}

		@Override
		public void underlyingFileDeleted(IFileBuffer buffer) {
		}

		@Override
		public void stateChangeFailed(IFileBuffer buffer) {
		}
	}
}
