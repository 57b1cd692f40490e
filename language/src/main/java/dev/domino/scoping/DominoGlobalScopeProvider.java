package dev.domino.scoping;

import java.util.LinkedHashSet;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.scoping.impl.ImportUriGlobalScopeProvider;
import org.eclipse.xtext.util.IAcceptor;
import org.eclipse.xtext.util.IResourceScopeCache;

import com.google.inject.Inject;

import dev.domino.ast.Import;
import dev.domino.ast.Model;

/**
 * What other files a file sees: the ones it imports. Imports only stand at the top of a file, so
 * they are read from there instead of from a walk over every object of the file, which Xtext
 * does after each keystroke and which costs milliseconds in a system of thousands of domains.
 */
public class DominoGlobalScopeProvider extends ImportUriGlobalScopeProvider {
	@Inject
	private IResourceScopeCache cache;

	@Override
	protected LinkedHashSet<URI> getImportedUris(Resource resource) {
		return cache.get(DominoGlobalScopeProvider.class, resource, () -> {
			LinkedHashSet<URI> uris = new LinkedHashSet<>();
			IAcceptor<String> collector = createURICollector(resource, uris);
			for (EObject root : resource.getContents()) {
				if (root instanceof Model model) {
					for (Import i : model.getImports()) {
						if (i.getImportURI() != null) {
							collector.accept(i.getImportURI());
						}
					}
				}
			}
			uris.removeIf(uri -> !EcoreUtil2.isValidUri(resource, uri));
			return uris;
		});
	}
}
