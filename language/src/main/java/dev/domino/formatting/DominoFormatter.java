package dev.domino.formatting;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.formatting2.AbstractFormatter2;
import org.eclipse.xtext.formatting2.IFormattableDocument;
import org.eclipse.xtext.formatting2.regionaccess.ISemanticRegion;
import org.eclipse.xtext.resource.XtextResource;

import dev.domino.ast.Import;
import dev.domino.ast.Model;
import dev.domino.ast.TopLevel;

/**
 * The canonical layout: one item per line inside braces, four spaces of indentation, single
 * spaces between the words of an item, a blank line between boards and systems. Comments stay.
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
			for (Import i : model.getImports()) {
				document.append(textRegionExtensions.regionFor(i).feature(dev.domino.ast.AstPackage.Literals.IMPORT__IMPORT_URI),
						it -> it.setNewLines(1, 1, 2));
			}
			boolean first = model.getImports().isEmpty();
			for (TopLevel top : model.getElements()) {
				if (!first) {
					document.prepend(textRegionExtensions.regionFor(top).keywords("board", "system", "module").stream()
							.findFirst().orElse(null), it -> it.setNewLines(1, 2, 2));
				}
				first = false;
			}
		}
		ISemanticRegion open = textRegionExtensions.regionFor(element).keyword("{");
		ISemanticRegion close = textRegionExtensions.regionFor(element).keyword("}");
		if (open != null && close != null && open.getSemanticElement() == element) {
			document.interior(open, close, it -> it.indent());
			document.prepend(open, it -> it.oneSpace());
			document.prepend(close, it -> it.newLine());
			if (element.eContents().stream().noneMatch(c -> isItem(c, element))) {
				document.append(open, it -> it.newLine());
			}
		}
		for (EObject child : element.eContents()) {
			if (isItem(child, element)) {
				ISemanticRegion start = getTextRegionAccess().regionForEObject(child).getPreviousHiddenRegion() == null ? null
						: firstRegion(child);
				if (start != null) {
					document.prepend(start, it -> it.newLine());
				}
			}
			formatElement(child, document);
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

	private ISemanticRegion firstRegion(EObject element) {
		var regions = getTextRegionAccess().regionForEObject(element);
		return regions == null ? null : regions.getPreviousHiddenRegion().getNextSemanticRegion();
	}

	/** Items are the things written inside a block: board items, system items, domain items, ... */
	private static boolean isItem(EObject child, EObject parent) {
		return child.eContainingFeature() != null && child.eContainingFeature().getName().equals("items");
	}
}
