package dev.domino.ide.highlighting;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.AbstractRule;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.ide.editor.syntaxcoloring.IHighlightedPositionAcceptor;
import org.eclipse.xtext.ide.editor.syntaxcoloring.ISemanticHighlightingCalculator;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;


/**
 * Semantic tokens, in LSP token types: what a name stands for (a board is a class, a domain a
 * struct, a device a property, ...), declarations marked as such, and keywords, numbers, strings
 * and comments from the grammar.
 */
public class DominoSemanticHighlighting implements ISemanticHighlightingCalculator {
	public static final String DECLARATION = "declaration";

	@Override
	public void provideHighlightingFor(XtextResource resource, IHighlightedPositionAcceptor acceptor,
			CancelIndicator cancelIndicator) {
		if (resource == null || resource.getParseResult() == null) {
			return;
		}
		for (ILeafNode leaf : resource.getParseResult().getRootNode().getLeafNodes()) {
			if (cancelIndicator.isCanceled()) {
				return;
			}
			String type = leaf.isHidden() ? hidden(leaf) : visible(leaf);
			if (type != null) {
				if (type.endsWith("+")) {
					acceptor.addPosition(leaf.getOffset(), leaf.getLength(), type.substring(0, type.length() - 1),
							DECLARATION);
				} else {
					acceptor.addPosition(leaf.getOffset(), leaf.getLength(), type);
				}
			}
		}
	}

	private static String hidden(ILeafNode leaf) {
		return leaf.getGrammarElement() instanceof TerminalRule t && t.getName().endsWith("COMMENT") ? "comment" : null;
	}

	private static String visible(ILeafNode leaf) {
		EObject g = leaf.getGrammarElement();
		// names are written through the Name rule: what they name is decided one level up
		EObject up = leaf.getParent() == null ? null : leaf.getParent().getGrammarElement();
		if (up instanceof RuleCall nameCall && nameCall.getRule().getName().equals("Name")) {
			g = nameCall;
		}
		if (g instanceof Keyword) {
			return "keyword";
		}
		if (g instanceof CrossReference c) {
			return typeOf(c.getType().getClassifier().getName(), false);
		}
		if (g instanceof RuleCall call) {
			AbstractRule rule = call.getRule();
			if (call.eContainer() instanceof CrossReference c) {
				return typeOf(c.getType().getClassifier().getName(), false);
			}
			String name = rule.getName();
			if (name.equals("NUMBER") || name.equals("VERSION")) {
				return "number";
			}
			if (name.equals("STRING")) {
				return "string";
			}
			if (name.equals("Name") || name.equals("ID")) {
				if (call.eContainer() instanceof CrossReference c) {
					return typeOf(c.getType().getClassifier().getName(), false);
				}
				var assignment = GrammarUtil.containingAssignment(call);
				if (assignment != null && assignment.getFeature().equals("name")) {
					EObject semantic = NodeModelUtils.findActualSemanticObjectFor(leaf);
					return semantic == null ? null : typeOf(semantic.eClass().getName(), true);
				}
			}
		}
		return null;
	}

	/** LSP token type for a kind of named thing; '+' marks a declaration. */
	static String typeOf(String eClass, boolean declaration) {
		String type = switch (eClass) {
		case "Board" -> "class";
		case "DominoSystem" -> "namespace";
		case "Domain" -> "struct";
		case "BootModule" -> "variable";
		case "Device", "MemoryBank", "ReservedRange" -> "property";
		case "Cpupool" -> "enum";
		case "Cpu" -> "enumMember";
		case "SharedMemory" -> "variable";
		default -> null;
		};
		return type == null ? null : declaration ? type + "+" : type;
	}

}
