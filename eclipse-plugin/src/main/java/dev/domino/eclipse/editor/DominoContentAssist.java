package dev.domino.eclipse.editor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.contentassist.CompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContentAssistProcessor;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.contentassist.IContextInformationValidator;

import dev.domino.eclipse.DominoPlugin;
import dev.domino.eclipse.DominoServices.Proposal;

/** Completion (Ctrl+Space): Domino's proposal provider, as the language server offers it. */
public class DominoContentAssist implements IContentAssistProcessor {
	private String error;

	@Override
	public ICompletionProposal[] computeCompletionProposals(ITextViewer viewer, int offset) {
		error = null;
		Path path = Texts.path(viewer.getDocument());
		if (path == null) {
			return new ICompletionProposal[0];
		}
		List<ICompletionProposal> out = new ArrayList<>();
		try {
			for (Proposal p : Texts.read(viewer.getDocument(), path, f -> f.complete(path, offset))) {
				String display = p.detail() == null || p.detail().isEmpty() || p.detail().equals(p.label()) ? p.label()
						: p.label() + " - " + p.detail();
				out.add(new CompletionProposal(p.text(), p.offset(), p.length(), p.text().length(), null, display, null,
						p.detail()));
			}
		} catch (RuntimeException e) {
			DominoPlugin.bug("completing in " + path, e);
			error = "Domino could not complete here";
		}
		return out.toArray(ICompletionProposal[]::new);
	}

	@Override
	public IContextInformation[] computeContextInformation(ITextViewer viewer, int offset) {
		return null;
	}

	@Override
	public char[] getCompletionProposalAutoActivationCharacters() {
		return null;
	}

	@Override
	public char[] getContextInformationAutoActivationCharacters() {
		return null;
	}

	@Override
	public String getErrorMessage() {
		return error;
	}

	@Override
	public IContextInformationValidator getContextInformationValidator() {
		return null;
	}
}
