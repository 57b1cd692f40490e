package dev.domino.eclipse.editor;

import java.nio.file.Path;

import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.IFileBuffer;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.runtime.IPath;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.Region;

import dev.domino.eclipse.DominoPlugin;
import dev.domino.eclipse.DominoServices;

/** What the editor features share: a document's file loaded with every unsaved Domino editor's text, and words. */
final class Texts {
	private Texts() {
	}

	/**
	 * Runs {@code work} on the document's file and the other unsaved .domino files, with their texts as the
	 * editors have them: on the live check's loaded files when the editor has them (one at a time), else on
	 * files loaded now.
	 */
	static <T> T read(IDocument document, Path path, java.util.function.Function<DominoServices.Files, T> work) {
		LiveCheck.Session session = LiveCheck.session(document);
		if (session != null) {
			synchronized (session) {
				return work.apply(session.files(document.get()));
			}
		}
		return work.apply(load(document, path));
	}

	/** The document's file and the other unsaved .domino files, loaded now. */
	static DominoServices.Files load(IDocument document, Path path) {
		DominoServices.Files files = DominoServices.get().files();
		for (IFileBuffer b : FileBuffers.getTextFileBufferManager().getFileBuffers()) {
			if (b instanceof ITextFileBuffer t && b.isDirty() && t.getFileStore() != null && t.getDocument() != document) {
				IPath location = b.getLocation();
				java.net.URI uri = t.getFileStore().toURI();
				if (location != null && "domino".equals(location.getFileExtension()) && "file".equals(uri.getScheme())) {
					files.text(Path.of(uri), t.getDocument().get());
				}
			}
		}
		files.text(path, document.get());
		return files;
	}

	/** A file's text with the given texts of other unsaved files (loaded first, so imports find them). */
	static DominoServices.Files load(String text, Path path, java.util.Map<Path, String> others) {
		DominoServices.Files files = DominoServices.get().files();
		others.forEach(files::text);
		files.text(path, text);
		return files;
	}

	static Path path(IDocument document) {
		return document == null ? null : DominoPlugin.path(document);
	}

	/** The name or number around {@code offset}. */
	static IRegion word(IDocument doc, int offset) {
		try {
			int start = offset;
			while (start > 0 && part(doc.getChar(start - 1))) {
				start--;
			}
			int end = offset;
			while (end < doc.getLength() && part(doc.getChar(end))) {
				end++;
			}
			return new Region(start, end - start);
		} catch (BadLocationException e) {
			return new Region(offset, 0);
		}
	}

	private static boolean part(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
	}

	/** A 0-based line and character as an offset into the document. */
	static int offset(IDocument doc, int line, int character) {
		try {
			return Math.min(doc.getLineOffset(line) + character, doc.getLength());
		} catch (BadLocationException e) {
			return 0;
		}
	}
}
