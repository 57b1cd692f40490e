package dev.domino.resource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.impl.EClassImpl;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.InternalEList;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.resource.IDefaultResourceDescriptionStrategy;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IReferenceDescription;
import org.eclipse.xtext.resource.impl.DefaultResourceDescription;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.IResourceScopeCache;

/**
 * A file's entry in the index. The index keeps only references that leave the file (Xtext's
 * strategy describes no other, and finds references inside a file by reading the file): Xtext
 * still looks up, for every object of the file, the exported object it belongs to. Here the
 * strategy is asked only about objects with a link into another file (a system's board, a
 * module library), and the exported objects are mapped only once one is found.
 */
public class DominoResourceDescription extends DefaultResourceDescription {
	private final IDefaultResourceDescriptionStrategy strategy;

	public DominoResourceDescription(Resource resource, IDefaultResourceDescriptionStrategy strategy, IResourceScopeCache cache) {
		super(resource, strategy, cache);
		this.strategy = strategy;
	}

	@Override
	protected List<IReferenceDescription> computeReferenceDescriptions() {
		Resource resource = getResource();
		List<IReferenceDescription> descriptions = new ArrayList<>();
		EcoreUtil2.resolveLazyCrossReferences(resource, CancelIndicator.NullImpl);
		Map<EObject, IEObjectDescription>[] exported = new Map[1];
		for (EObject root : resource.getContents()) {
			ContentWalk.preorder(root, object -> {
				if (!linksOutOf(resource, object)) {
					return true;
				}
				if (exported[0] == null) {
					exported[0] = createEObject2ExportedEObjectsMap(getExportedObjects());
				}
				return strategy.createReferenceDescriptions(object, findExportedContainerURI(object, exported[0]),
						descriptions::add);
			});
		}
		return descriptions;
	}

	/** True when one of the object's links resolves into another file: what Xtext's strategy describes. */
	static boolean linksOutOf(Resource resource, EObject object) {
		EStructuralFeature[] references = ((EClassImpl.FeatureSubsetSupplier) object.eClass().getEAllStructuralFeatures())
				.crossReferences();
		if (references == null) {
			return false;
		}
		for (EStructuralFeature reference : references) {
			Object value = object.eGet(reference, false);
			if (value instanceof InternalEList<?> list) {
				for (int i = 0; i < list.size(); i++) {
					if (isElsewhere(resource, (EObject) list.basicGet(i))) {
						return true;
					}
				}
			} else if (value != null && isElsewhere(resource, (EObject) value)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isElsewhere(Resource resource, EObject target) {
		return !target.eIsProxy() && target.eResource() != resource;
	}
}
