package dev.domino.ide.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.build.IncrementalBuilder;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.LazyStringInputStream;

import dev.domino.ast.Board;
import dev.domino.ast.BootModule;
import dev.domino.ast.Model;

/**
 * Xtext's builder unloads an edited file and parses it again from scratch. For a file nothing
 * else imports (a system: boards and module libraries are imported by other files), the loaded
 * resource is brought up to date instead with a partial parse of the text that changed; its own
 * references to other files stay valid because those files did not change.
 */
public class DominoIncrementalBuilder extends IncrementalBuilder.InternalStatefulIncrementalBuilder {
	@Override
	protected void unloadResource(URI uri) {
		if (getRequest() != null && getRequest().getDirtyFiles().contains(uri) && onlyLeavesChanged()
				&& updateInPlace(uri)) {
			return;
		}
		super.unloadResource(uri);
	}

	/**
	 * True when every Domino file this build changes or deletes is loaded and imported by nobody:
	 * then no other file holds links into them. (A superseded build's files join the next build, so
	 * a system and its board can change in one build: then everything is reloaded.)
	 */
	private boolean onlyLeavesChanged() {
		if (!getRequest().getDeletedFiles().isEmpty()) {
			return false;
		}
		for (URI changed : getRequest().getDirtyFiles()) {
			if (!"domino".equals(changed.fileExtension())) {
				continue;
			}
			Resource r = getRequest().getResourceSet().getResource(changed, false);
			if (!(r instanceof XtextResource x) || !x.isLoaded() || importedByOthers(x)) {
				return false;
			}
		}
		return true;
	}

	private boolean updateInPlace(URI uri) {
		Resource loaded = getRequest().getResourceSet().getResource(uri, false);
		if (!(loaded instanceof XtextResource resource) || !resource.isLoaded() || resource.getParseResult() == null
				|| importedByOthers(resource)) {
			return false;
		}
		String text;
		try {
			InputStream in = getRequest().getResourceSet().getURIConverter().createInputStream(uri);
			if (in instanceof LazyStringInputStream document) {
				// an open document's text, taken as it is: reading or even closing the stream encodes all of it
				text = document.getString();
			} else {
				try (in) {
					text = new String(in.readAllBytes(), Charset.forName(resource.getEncoding()));
				}
			}
		} catch (IOException | RuntimeException e) {
			return false; // the file went away: let Xtext unload it
		}
		String old = resource.getParseResult().getRootNode().getText();
		if (old.equals(text)) {
			return true;
		}
		int prefix = 0;
		int max = Math.min(old.length(), text.length());
		while (prefix < max && old.charAt(prefix) == text.charAt(prefix)) {
			prefix++;
		}
		int suffix = 0;
		while (suffix < max - prefix && old.charAt(old.length() - 1 - suffix) == text.charAt(text.length() - 1 - suffix)) {
			suffix++;
		}
		resource.update(prefix, old.length() - prefix - suffix, text.substring(prefix, text.length() - suffix));
		return !importedByOthers(resource);
	}

	/** Boards and top-level modules are what other files import and link to. */
	private static boolean importedByOthers(XtextResource resource) {
		for (EObject root : resource.getContents()) {
			if (root instanceof Model model) {
				for (EObject element : model.getElements()) {
					if (element instanceof Board || element instanceof BootModule) {
						return true;
					}
				}
			}
		}
		return false;
	}
}
