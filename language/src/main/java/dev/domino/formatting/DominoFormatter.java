package dev.domino.formatting;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.formatting2.AbstractFormatter2;
import org.eclipse.xtext.formatting2.IFormattableDocument;
import org.eclipse.xtext.formatting2.ITextReplacer;
import org.eclipse.xtext.formatting2.internal.SinglelineCommentReplacer;
import org.eclipse.xtext.formatting2.internal.SinglelineDocCommentReplacer;
import org.eclipse.xtext.formatting2.internal.WhitespaceReplacer;
import org.eclipse.xtext.formatting2.regionaccess.IComment;
import org.eclipse.xtext.formatting2.regionaccess.IHiddenRegion;
import org.eclipse.xtext.formatting2.regionaccess.IHiddenRegionPart;
import org.eclipse.xtext.formatting2.regionaccess.IWhitespace;
import org.eclipse.xtext.formatting2.regionaccess.ISemanticRegion;
import org.eclipse.xtext.resource.XtextResource;

import dev.domino.ast.AstPackage;
import dev.domino.ast.Import;
import dev.domino.ast.Model;
import dev.domino.ast.TopLevel;

/**
 * The canonical layout: one item per line inside braces (a blank line between items kept, one at
 * most), the editor's indentation (four spaces by default), single spaces between the words of an
 * item (the spaces before a comment at the end of a line as written), one blank line between
 * imports and boards, systems and modules. Comments stay.
 */
public class DominoFormatter extends AbstractFormatter2 {
	@Override
	public void format(Object object, IFormattableDocument document) {
		if (object instanceof XtextResource resource) {
			for (EObject root : resource.getContents()) {
				format(root, document);
			}
		} else if (object instanceof EObject element) {
			formatElement(element, document);
		}
	}

	private void formatElement(EObject element, IFormattableDocument document) {
		if (element instanceof Model model) {
			// one rule per gap between top-level things: imports stay together (a blank line kept),
			// a blank line before each board, system or module
			List<Import> imports = model.getImports();
			for (int i = 0; i + 1 < imports.size(); i++) {
				document.append(textRegionExtensions.regionFor(imports.get(i)).feature(AstPackage.Literals.IMPORT__IMPORT_URI),
						it -> it.setNewLines(1, 1, 2));
			}
			boolean first = imports.isEmpty();
			for (TopLevel top : model.getElements()) {
				if (!first) {
					document.prepend(textRegionExtensions.regionFor(top).keywords("board", "system", "module").stream()
							.findFirst().orElse(null), it -> it.setNewLines(2, 2, 2));
				}
				first = false;
			}
		}
		ISemanticRegion open = textRegionExtensions.regionFor(element).keyword("{");
		ISemanticRegion close = textRegionExtensions.regionFor(element).keyword("}");
		boolean block = open != null && close != null && open.getSemanticElement() == element;
		if (block) {
			document.interior(open, close, it -> it.indent());
			document.prepend(open, it -> it.oneSpace());
			document.prepend(close, it -> it.newLine());
		}
		boolean firstItem = true;
		for (EObject child : element.eContents()) {
			ISemanticRegion start = block ? firstRegion(child) : null;
			// an item is a child written between its parent's braces; the first one starts the
			// block's first line, a blank line the writer put between the others stays (one at most)
			if (start != null && start.getOffset() > open.getOffset() && start.getOffset() < close.getOffset()) {
				document.prepend(start, firstItem ? it -> it.newLine() : it -> it.setNewLines(1, 1, 2));
				firstItem = false;
			}
			formatElement(child, document);
		}
		if (block && firstItem) {
			document.append(open, it -> it.newLine());
		}
		// words inside an item: one space, unless a rule above asked for more
		for (ISemanticRegion region : getTextRegionAccess().regionForEObject(element).getSemanticRegions()) {
			if (region.getPreviousSemanticRegion() != null && !region.getText().equals(",")
					&& !region.getText().equals(")") && !region.getPreviousSemanticRegion().getText().equals("(")) {
				document.prepend(region, it -> {
					it.oneSpace();
					it.lowPriority();
				});
			} else if (region.getText().equals(",") || region.getText().equals(")")) {
				document.prepend(region, it -> {
					it.noSpace();
					it.lowPriority();
				});
			}
		}
	}

	/** A comment after code on its line keeps the spaces written before it: aligned comments stay aligned. */
	@Override
	public ITextReplacer createCommentReplacer(IComment comment) {
		ITextReplacer replacer = super.createCommentReplacer(comment);
		return replacer instanceof SinglelineCommentReplacer && trailsCode(comment) ? new TrailingComment(comment) : replacer;
	}

	private static boolean trailsCode(IComment comment) {
		IHiddenRegion hidden = comment.getHiddenRegion();
		if (hidden.getPreviousSemanticRegion() == null) {
			return false;
		}
		for (IHiddenRegionPart part : hidden.getParts()) {
			if (part == comment) {
				return true;
			}
			if (!(part instanceof IWhitespace) || part.getLineCount() > 1) {
				return false;
			}
		}
		return false;
	}

	private static final class TrailingComment extends SinglelineDocCommentReplacer {
		TrailingComment(IComment comment) {
			super(comment, "//");
		}

		@Override
		public void configureWhitespace(WhitespaceReplacer leading, WhitespaceReplacer trailing) {
			if (leading != null) {
				String written = leading.getRegion().getText();
				leading.getFormatting().setSpace(written.isEmpty() ? " " : written);
			}
		}
	}

	private ISemanticRegion firstRegion(EObject element) {
		var regions = getTextRegionAccess().regionForEObject(element);
		return regions == null || regions.getPreviousHiddenRegion() == null ? null
				: regions.getPreviousHiddenRegion().getNextSemanticRegion();
	}
}
