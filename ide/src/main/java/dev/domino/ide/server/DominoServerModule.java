package dev.domino.ide.server;

import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.ide.server.ServerModule;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.util.Modules;

/**
 * Xtext's server wiring, with Domino's language server, request and workspace managers in place
 * of the generic ones, and the language set up on a background thread from the start.
 */
public final class DominoServerModule {
	private DominoServerModule() {
	}

	public static Module create() {
		EarlyLanguageSetup language = new EarlyLanguageSetup();
		return Modules.override(new ServerModule()).with(new AbstractModule() {
			@Override
			protected void configure() {
				bind(LanguageServerImpl.class).to(DominoLanguageServer.class);
				bind(org.eclipse.xtext.ide.server.concurrent.IRequestManager.class).to(DominoRequestManager.class);
				bind(org.eclipse.xtext.ide.server.WorkspaceManager.class).to(DominoWorkspaceManager.class);
				bind(org.eclipse.xtext.build.IncrementalBuilder.InternalStatefulIncrementalBuilder.class)
						.to(DominoIncrementalBuilder.class);
				bind(org.eclipse.xtext.ide.server.concurrent.RequestManager.class).to(DominoRequestManager.class);
				bind(org.eclipse.xtext.resource.IResourceServiceProvider.Registry.class).toProvider(language);
			}
		});
	}
}
