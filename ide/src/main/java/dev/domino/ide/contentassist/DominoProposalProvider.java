package dev.domino.ide.contentassist;

import java.util.List;

import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IIdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;

import dev.domino.xen.XenVersion;

/**
 * Completion beyond the grammar's keywords and the names in scope (devices of the board,
 * modules, domains): the Xen releases Domino knows, and the sizes people write.
 */
public class DominoProposalProvider extends IdeContentProposalProvider {
	static final List<String> XEN_VERSIONS = List.of("4.17", "4.18", "4.19", "4.20", "4.21", "4.22");
	static final List<String> SIZES = List.of("4K", "64K", "1M", "2M", "16M", "32M", "64M", "128M", "256M", "512M", "1G",
			"2G");

	@Override
	protected void _createProposals(RuleCall ruleCall, ContentAssistContext context,
			IIdeContentProposalAcceptor acceptor) {
		String rule = ruleCall.getRule().getName();
		if (rule.equals("VERSION")) {
			for (String v : XEN_VERSIONS) {
				propose(v, "Xen " + v + describe(v), context, acceptor);
			}
			return;
		}
		super._createProposals(ruleCall, context, acceptor);
	}

	@Override
	protected void _createProposals(Assignment assignment, ContentAssistContext context,
			IIdeContentProposalAcceptor acceptor) {
		if (assignment.getFeature().equals("text") && isSize(context)) {
			for (String s : SIZES) {
				propose(s, "size", context, acceptor);
			}
			return;
		}
		super._createProposals(assignment, context, acceptor);
	}

	/** A number is a size after memory, heap, size, bank ... size. */
	private static boolean isSize(ContentAssistContext context) {
		String before = context.getRootNode().getText().substring(0, context.getOffset()).trim();
		String[] words = before.split("\\s+");
		String last = words.length == 0 ? "" : words[words.length - 1];
		return last.equals("memory") || last.equals("heap") || last.equals("size");
	}

	private static String describe(String v) {
		StringBuilder out = new StringBuilder();
		XenVersion version = XenVersion.parse(v);
		for (dev.domino.xen.XenFeature f : dev.domino.xen.XenFeature.values()) {
			if (f.since().equals(version)) {
				out.append(out.length() == 0 ? ": adds " : ", ").append(f.description());
			}
		}
		return out.toString();
	}

	private void propose(String text, String description, ContentAssistContext context,
			IIdeContentProposalAcceptor acceptor) {
		ContentAssistEntry entry = getProposalCreator().createProposal(text, context, e -> {
			e.setDescription(description);
			e.setKind(ContentAssistEntry.KIND_VALUE);
		});
		if (entry != null) {
			acceptor.accept(entry, getProposalPriorities().getDefaultPriority(entry));
		}
	}
}
