package dev.domino;

import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;
import org.eclipse.xtext.scoping.IGlobalScopeProvider;

import dev.domino.files.FileInspector;
import dev.domino.linking.DominoLinkingDiagnosticMessageProvider;

/** Runtime bindings of the language: names come from explicit imports; one file inspector is shared. */
public class DominoRuntimeModule extends AbstractDominoRuntimeModule {

	@Override
	public Class<? extends IGlobalScopeProvider> bindIGlobalScopeProvider() {
		return dev.domino.scoping.DominoGlobalScopeProvider.class;
	}

	@Override
	public Class<? extends org.eclipse.xtext.parser.IParser> bindIParser() {
		return dev.domino.parser.BoundedParser.class;
	}

	public Class<? extends org.eclipse.xtext.nodemodel.impl.NodeModelBuilder> bindNodeModelBuilder() {
		return dev.domino.parser.LineBreakCountingNodeModelBuilder.class;
	}

	public Class<? extends org.eclipse.xtext.parser.impl.TokenRegionProvider> bindTokenRegionProvider() {
		return dev.domino.parser.LineTokenRegionProvider.class;
	}

	public Class<? extends org.eclipse.xtext.parser.antlr.ISyntaxErrorMessageProvider> bindISyntaxErrorMessageProvider() {
		return dev.domino.parser.SyntaxErrors.class;
	}

	@Override
	public Class<? extends org.eclipse.xtext.resource.XtextResource> bindXtextResource() {
		return dev.domino.linking.DominoResource.class;
	}

	@Override
	public Class<? extends org.eclipse.xtext.linking.ILinker> bindILinker() {
		return dev.domino.linking.DominoLinker.class;
	}

	public Class<? extends ILinkingDiagnosticMessageProvider> bindILinkingDiagnosticMessageProvider() {
		return DominoLinkingDiagnosticMessageProvider.class;
	}

	public Class<? extends org.eclipse.xtext.resource.IDefaultResourceDescriptionStrategy> bindIDefaultResourceDescriptionStrategy() {
		return dev.domino.resource.DominoResourceDescriptionStrategy.class;
	}

	public Class<? extends org.eclipse.xtext.resource.IResourceDescription.Manager> bindIResourceDescription$Manager() {
		return dev.domino.resource.DominoResourceDescriptionManager.class;
	}

	public Class<? extends org.eclipse.xtext.formatting2.IFormatter2> bindIFormatter2() {
		return dev.domino.formatting.DominoFormatter.class;
	}

	/**
	 * EMF's generic validator checks every object's multiplicities on every edit; the grammar
	 * already guarantees them, and with thousands of domains it is the slowest part of validation.
	 */
	public void configureUseEObjectValidator(com.google.inject.Binder binder) {
		binder.bind(Boolean.class).annotatedWith(com.google.inject.name.Names.named(
				org.eclipse.xtext.validation.CompositeEValidator.USE_EOBJECT_VALIDATOR)).toInstance(Boolean.FALSE);
	}

	@Override
	public Class<? extends org.eclipse.emf.ecore.util.Diagnostician> bindDiagnostician() {
		return dev.domino.validation.DominoDiagnostician.class;
	}

	/** One cache of file facts per injector, so every edit does not re-read kernel headers. */
	public void configureFileInspector(com.google.inject.Binder binder) {
		binder.bind(FileInspector.class).in(com.google.inject.Scopes.SINGLETON);
	}
}
