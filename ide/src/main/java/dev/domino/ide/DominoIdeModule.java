package dev.domino.ide;

import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.ide.editor.syntaxcoloring.ISemanticHighlightingCalculator;
import org.eclipse.xtext.ide.server.codelens.ICodeLensService;
import org.eclipse.xtext.ide.server.commands.IExecutableCommandService;
import org.eclipse.xtext.ide.server.hover.IHoverService;
import org.eclipse.xtext.ide.server.symbol.DocumentSymbolMapper.DocumentSymbolKindProvider;
import org.eclipse.xtext.ide.server.symbol.HierarchicalDocumentSymbolService;
import org.eclipse.xtext.ide.server.symbol.IDocumentSymbolService;

import dev.domino.ide.contentassist.DominoProposalProvider;
import dev.domino.ide.highlighting.DominoSemanticHighlighting;
import dev.domino.ide.hover.DominoHoverService;
import dev.domino.ide.lens.DominoCodeLensService;
import dev.domino.ide.server.DominoCommands;
import dev.domino.ide.symbols.DominoSymbolKinds;

/** Editor services of the language, bound over Xtext's generic IDE support. */
public class DominoIdeModule extends AbstractDominoIdeModule {
	public Class<? extends IHoverService> bindIHoverService() {
		return DominoHoverService.class;
	}

	public Class<? extends ICodeLensService> bindICodeLensService() {
		return DominoCodeLensService.class;
	}

	public Class<? extends ISemanticHighlightingCalculator> bindISemanticHighlightingCalculator() {
		return DominoSemanticHighlighting.class;
	}

	@Override
	public Class<? extends org.eclipse.xtext.ide.editor.contentassist.antlr.IContentAssistParser> bindIContentAssistParser() {
		return dev.domino.ide.contentassist.BoundedContentAssistParser.class;
	}

	public Class<? extends IdeContentProposalProvider> bindIdeContentProposalProvider() {
		return DominoProposalProvider.class;
	}

	public Class<? extends DocumentSymbolKindProvider> bindDocumentSymbolKindProvider() {
		return DominoSymbolKinds.class;
	}

	public Class<? extends org.eclipse.xtext.ide.server.symbol.DocumentSymbolMapper.DocumentSymbolNameProvider> bindDocumentSymbolNameProvider() {
		return dev.domino.ide.symbols.DominoSymbolNames.class;
	}

	public Class<? extends IDocumentSymbolService> bindIDocumentSymbolService() {
		return HierarchicalDocumentSymbolService.class;
	}

	/** Workspace symbols ask this service of each file's language (Xtext's WorkspaceSymbolService). */
	public Class<? extends org.eclipse.xtext.ide.server.symbol.DocumentSymbolService> bindDocumentSymbolService() {
		return dev.domino.ide.symbols.DominoWorkspaceSymbols.class;
	}

	public Class<? extends IExecutableCommandService> bindIExecutableCommandService() {
		return DominoCommands.class;
	}

	/**
	 * The language server generates nothing (outputs come from domino compile), so its builder
	 * need not validate every file a second time to decide whether to generate.
	 */
	public Class<? extends org.eclipse.xtext.generator.IShouldGenerate> bindIShouldGenerate() {
		return NeverGenerate.class;
	}

	public static final class NeverGenerate implements org.eclipse.xtext.generator.IShouldGenerate {
		@Override
		public boolean shouldGenerate(org.eclipse.emf.ecore.resource.Resource resource,
				org.eclipse.xtext.util.CancelIndicator cancelIndicator) {
			return false;
		}
	}
}
