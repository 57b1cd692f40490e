package dev.domino.eclipse.editor;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.IFileBuffer;
import org.eclipse.core.filebuffers.IFileBufferListener;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.text.IDocument;
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
import dev.domino.eclipse.DominoServices.Problem;
import dev.domino.eclipse.builder.DominoNature;

/**
 * Checks the unsaved text of a .domino editor with Domino (other unsaved Domino editors included, so a system
 * sees its board as it is being edited) and shows the problems as annotations. While the file is saved, its
 * markers say it all and no annotation is added; once it is edited, problems the markers do not already show
 * appear as live annotations (types {@code dev.domino.eclipse.live.*}), and they go when the file is saved.
 */
public class LiveCheck implements IReconcilingStrategy, IReconcilingStrategyExtension {
	public static final String LIVE = "dev.domino.eclipse.live.";

	private IDocument document;
	private Map<Annotation, Position> shown = Map.of();
	private IFileBufferListener saved;

	@Override
	public void setDocument(IDocument document) {
		this.document = document;
		IFile file = DominoPlugin.file(document);
		if (file != null) {
			DominoNature.ensure(file.getProject()); // the builder checks the project's files from now on
		}
		ITextFileBuffer buffer = FileBuffers.getTextFileBufferManager().getTextFileBuffer(document);
		if (buffer != null && saved == null) {
			saved = new BufferListener() {
				@Override
				public void dirtyStateChanged(IFileBuffer changed, boolean isDirty) {
					if (changed == buffer && !isDirty) {
						show(buffer, Map.of()); // saved: the builder's markers take over
					}
				}

				@Override
				public void bufferDisposed(IFileBuffer disposed) {
					if (disposed == buffer) {
						FileBuffers.getTextFileBufferManager().removeFileBufferListener(this);
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
		Path path = doc == null ? null : DominoPlugin.path(doc);
		if (buffer == null || path == null) {
			return;
		}
		if (!buffer.isDirty()) {
			show(buffer, Map.of());
			return;
		}
		String text = doc.get();
		List<Problem> problems;
		try {
			problems = check(doc, path);
		} catch (RuntimeException e) {
			DominoPlugin.bug("checking " + path, e);
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

	/** The problems of the unsaved text, with the other unsaved Domino editors' texts. */
	public static List<Problem> check(IDocument doc, Path path) {
		return Texts.load(doc, path).problems(path);
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
		public void underlyingFileMoved(IFileBuffer buffer, org.eclipse.core.runtime.IPath path) {
		}

		@Override
		public void underlyingFileDeleted(IFileBuffer buffer) {
		}

		@Override
		public void stateChangeFailed(IFileBuffer buffer) {
		}
	}
}
