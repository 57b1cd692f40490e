package dev.domino.resource;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.IDefaultResourceDescriptionStrategy;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.impl.DefaultResourceDescriptionManager;
import org.eclipse.xtext.util.IResourceScopeCache;

import com.google.inject.Inject;

/** Makes the index's entries {@link DominoResourceDescription}s. */
public class DominoResourceDescriptionManager extends DefaultResourceDescriptionManager {
	@Inject
	private IResourceScopeCache cache;

	@Override
	protected IResourceDescription internalGetResourceDescription(Resource resource, IDefaultResourceDescriptionStrategy strategy) {
		return new DominoResourceDescription(resource, strategy, cache);
	}
}
