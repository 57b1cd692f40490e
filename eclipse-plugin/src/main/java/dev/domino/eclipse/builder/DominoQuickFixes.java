package dev.domino.eclipse.builder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.filebuffers.ITextFileBufferManager;
import org.eclipse.core.filebuffers.LocationKind;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.ui.IMarkerResolution;
import org.eclipse.ui.IMarkerResolution2;
import org.eclipse.ui.IMarkerResolutionGenerator2;
import org.eclipse.swt.graphics.Image;

import dev.domino.eclipse.DominoPlugin;
import dev.domino.eclipse.DominoServices;
import dev.domino.eclipse.DominoServices.Edit;
import dev.domino.eclipse.DominoServices.QuickFix;

/**
 * Quick fixes (Ctrl+1 on a marker, or the Problems view): the fixes the rule attached to its diagnostic, the
 * same edits the language server sends as code actions. An edit goes into the file's document, so an open
 * editor shows it (dirty, as after any quick fix) and an unopened file is changed and saved.
 */
public class DominoQuickFixes implements IMarkerResolutionGenerator2 {
	@Override
	public boolean hasResolutions(IMarker marker) {
		return !marker.getAttribute(Markers.FIXES, "").isEmpty();
	}

	@Override
	public IMarkerResolution[] getResolutions(IMarker marker) {
		List<IMarkerResolution> out = new ArrayList<>();
		for (QuickFix fix : DominoServices.fixes(marker.getAttribute(Markers.FIXES, ""))) {
			out.add(new Resolution(fix));
		}
		return out.toArray(IMarkerResolution[]::new);
	}

	static final class Resolution implements IMarkerResolution2 {
		private final QuickFix fix;

		Resolution(QuickFix fix) {
			this.fix = fix;
		}

		@Override
		public String getLabel() {
			return fix.title();
		}

		@Override
		public String getDescription() {
			return fix.title();
		}

		@Override
		public Image getImage() {
			return null;
		}

		@Override
		public void run(IMarker marker) {
			try {
				apply(fix);
				marker.delete();
			} catch (CoreException | BadLocationException e) {
				DominoPlugin.bug("applying the quick fix '" + fix.title() + "'", e);
			}
		}
	}

	/** Applies a fix's edits, each file's from the last to the first so that earlier offsets stay valid. */
	public static void apply(QuickFix fix) throws CoreException, BadLocationException {
		ITextFileBufferManager manager = FileBuffers.getTextFileBufferManager();
		for (String uri : fix.edits().stream().map(e -> e.at().uri()).distinct().toList()) {
			IFile file = DominoPlugin.file(uri);
			if (file == null) {
				continue;
			}
			manager.connect(file.getFullPath(), LocationKind.IFILE, null);
			try {
				ITextFileBuffer buffer = manager.getTextFileBuffer(file.getFullPath(), LocationKind.IFILE);
				boolean wasDirty = buffer.isDirty();
				boolean open = buffer.isShared();
				IDocument doc = buffer.getDocument();
				List<Edit> edits = fix.edits().stream().filter(e -> e.at().uri().equals(uri))
						.sorted(Comparator.comparingInt((Edit e) -> offset(doc, e.at().line(), e.at().character())).reversed())
						.toList();
				for (Edit e : edits) {
					int start = offset(doc, e.at().line(), e.at().character());
					int end = offset(doc, e.at().endLine(), e.at().endCharacter());
					doc.replace(start, end - start, e.newText());
				}
				if (!open && !wasDirty) {
					buffer.commit(null, true);
				}
			} finally {
				manager.disconnect(file.getFullPath(), LocationKind.IFILE, null);
			}
		}
	}

	static int offset(IDocument doc, int line, int character) {
		try {
			return Math.min(doc.getLineOffset(line) + character, doc.getLength());
		} catch (BadLocationException e) {
			return doc.getLength();
		}
	}
}
