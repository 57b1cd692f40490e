package dev.domino.resolve;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/** What the builders read from the text itself rather than the AST. */
final class Syntax {
	private Syntax() {
	}

	/** The first word an item was written with ("memory", "direct-map"), for "given twice" messages. */
	static String firstWord(EObject item) {
		var node = NodeModelUtils.getNode(item);
		if (node != null) {
			for (ILeafNode leaf : node.getLeafNodes()) {
				if (!leaf.isHidden()) {
					return leaf.getText();
				}
			}
		}
		return item.eClass().getName();
	}
}
