package dev.domino.eclipse.editor;

import java.nio.file.Path;

import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.ITextViewer;

import dev.domino.eclipse.DominoPlugin;

/**
 * Hover: what Domino resolved for the element under the mouse (placed range, size, owner, a module's image
 * header, a domain's memory map and MPU use), from Domino's hover service, as plain text.
 */
public class DominoHover implements ITextHover {
	@Override
	public IRegion getHoverRegion(ITextViewer viewer, int offset) {
		return Texts.word(viewer.getDocument(), offset);
	}

	@Override
	public String getHoverInfo(ITextViewer viewer, IRegion region) {
		Path path = Texts.path(viewer.getDocument());
		if (path == null || region == null) {
			return null;
		}
		try {
			String markdown = Texts.read(viewer.getDocument(), path, f -> f.hover(path, region.getOffset()));
			return markdown == null ? null : plain(markdown);
		} catch (RuntimeException e) {
			DominoPlugin.bug("hovering in " + path, e);
			return null;
		}
	}

	/** The service's Markdown without its markup: code fences, bold and code spans, hard line breaks. */
	static String plain(String markdown) {
		StringBuilder out = new StringBuilder();
		for (String line : markdown.split("\n", -1)) {
			if (line.startsWith("```")) {
				continue;
			}
			out.append(line.replace("**", "").replace("`", "").replaceAll(" {2}$", "")).append('\n');
		}
		return out.toString().strip();
	}
}
