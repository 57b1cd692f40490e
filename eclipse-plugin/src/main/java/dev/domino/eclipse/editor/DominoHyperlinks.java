package dev.domino.eclipse.editor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.filesystem.EFS;
import org.eclipse.core.resources.IFile;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.hyperlink.AbstractHyperlinkDetector;
import org.eclipse.jface.text.hyperlink.IHyperlink;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;

import dev.domino.eclipse.DominoPlugin;
import dev.domino.eclipse.DominoServices.Place;

/**
 * Go to definition (Ctrl+click, or F3-like Open Hyperlink): a domain, module, device or board name goes to its
 * declaration, in this file or the imported one; an import's file name opens the file.
 */
public class DominoHyperlinks extends AbstractHyperlinkDetector {
	@Override
	public IHyperlink[] detectHyperlinks(ITextViewer viewer, IRegion region, boolean canShowMultipleHyperlinks) {
		IDocument doc = viewer.getDocument();
		Path path = Texts.path(doc);
		if (path == null || region == null) {
			return null;
		}
		List<Place> targets;
		try {
			targets = Texts.read(doc, path, f -> f.definition(path, region.getOffset()));
		} catch (RuntimeException e) {
			DominoPlugin.bug("looking for a declaration in " + path, e);
			return null;
		}
		if (targets.isEmpty()) {
			return null;
		}
		IRegion word = Texts.word(doc, region.getOffset());
		List<IHyperlink> links = new ArrayList<>();
		for (Place target : targets) {
			links.add(new Link(word, target));
		}
		return links.toArray(IHyperlink[]::new);
	}

	/** A declaration to open. */
	public static final class Link implements IHyperlink {
		private final IRegion region;
		private final Place target;

		Link(IRegion region, Place target) {
			this.region = region;
			this.target = target;
		}

		public Place target() {
			return target;
		}

		@Override
		public IRegion getHyperlinkRegion() {
			return region;
		}

		@Override
		public String getTypeLabel() {
			return "Domino declaration";
		}

		@Override
		public String getHyperlinkText() {
			return "Open the declaration (" + target.fileName() + ":" + (target.line() + 1) + ")";
		}

		@Override
		public void open() {
			open(target);
		}

		/** Opens a place in an editor and selects it. */
		public static IEditorPart open(Place target) {
			IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
			try {
				IFile file = DominoPlugin.file(target.uri());
				IEditorPart editor = file != null ? IDE.openEditor(page, file)
						: IDE.openEditorOnFileStore(page, EFS.getLocalFileSystem().getStore(java.net.URI.create(target.uri())));
				if (editor instanceof ITextEditor text) {
					IDocument d = text.getDocumentProvider().getDocument(text.getEditorInput());
					int start = Texts.offset(d, target.line(), target.character());
					int end = Texts.offset(d, target.endLine(), target.endCharacter());
					text.selectAndReveal(start, Math.max(0, end - start));
				}
				return editor;
			} catch (PartInitException e) {
				DominoPlugin.bug("opening " + target.uri(), e);
				return null;
			}
		}
	}
}
