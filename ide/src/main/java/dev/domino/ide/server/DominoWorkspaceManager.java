package dev.domino.ide.server;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.WorkspaceManager;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.Pair;
import org.eclipse.xtext.util.Tuples;

import com.google.inject.Singleton;

/**
 * Reads see a document and the resource parsed from it. When an edit's build was superseded by
 * the next edit, Xtext's resource still holds the text before: then reads answer on that text,
 * consistently, until the next build catches up, instead of mixing offsets of two texts. Every
 * document a read sees clamps the positions it is given ({@link ClampingDocument}).
 */
@Singleton
public class DominoWorkspaceManager extends WorkspaceManager {
	@Override
	public Pair<? super Document, ? super XtextResource> read(URI uri) {
		Pair<? super Document, ? super XtextResource> pair = super.read(uri);
		if (pair != null && pair.getFirst() instanceof Document document
				&& pair.getSecond() instanceof XtextResource resource && resource.getParseResult() != null) {
			String parsed = resource.getParseResult().getRootNode().getText();
			if (!parsed.equals(document.getContents())) {
				return Tuples.pair(new ClampingDocument(new Document(document.getVersion(), parsed)), resource);
			}
			return Tuples.pair(new ClampingDocument(document), resource);
		}
		return pair;
	}
}
