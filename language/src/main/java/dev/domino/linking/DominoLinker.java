package dev.domino.linking;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.emf.common.notify.Adapter;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.InternalEList;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.diagnostics.IDiagnosticConsumer;
import org.eclipse.xtext.diagnostics.IDiagnosticProducer;
import org.eclipse.xtext.linking.impl.LinkingHelper;
import org.eclipse.xtext.linking.lazy.LazyLinker;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.util.SimpleAttributeResolver;
import org.eclipse.xtext.util.concurrent.IUnitOfWork;

import com.google.common.collect.ArrayListMultimap;
import com.google.common.collect.Multimap;
import com.google.inject.Inject;

import dev.domino.resource.ContentWalk;

/**
 * Xtext links a whole file again after every keystroke: it clears every reference, installs a
 * proxy for each and resolves them all, which in a system of thousands of domains is most of
 * an edit's time. After a partial parse only the objects the parser made anew, and the
 * references that point at objects the edit replaced (or that never resolved), need it; every
 * other reference still points at an object of the current model and is kept.
 *
 * <p>New objects are recognised by their unset references (the parser never sets one), stale
 * references by a target that left the model, was unloaded, or no longer carries the name the
 * reference is written with. The names a file imports are kept as well, so that the index still
 * knows every file it depends on.
 */
public class DominoLinker extends LazyLinker {
	private final Map<EClass, List<EReference>> crossReferences = new ConcurrentHashMap<>();

	@Inject
	private LinkingHelper linkingHelper;

	@Override
	protected void beforeModelLinked(EObject model, IDiagnosticConsumer diagnosticsConsumer) {
		if (isPartialUpdate(model)) {
			((DominoResource) model.eResource()).clearLazyProxyInformation();
		} else {
			super.beforeModelLinked(model, diagnosticsConsumer);
		}
	}

	@Override
	protected void doLinkModel(EObject model, IDiagnosticConsumer consumer) {
		if (!isPartialUpdate(model)) {
			super.doLinkModel(model, consumer);
			return;
		}
		Resource resource = model.eResource();
		IDiagnosticProducer producer = createDiagnosticProducer(consumer, resource);
		Multimap<EStructuralFeature.Setting, INode> settingsToLink = ArrayListMultimap.create();
		getCache().execWithoutCacheClear(resource, new IUnitOfWork.Void<Resource>() {
			@Override
			public void process(Resource state) {
				ContentWalk.preorder(model, object -> {
					if (needsLinking(object)) {
						clearReferences(object);
						installProxies(object, producer, settingsToLink);
					}
					return true;
				});
			}
		});
		installQueuedLinks(settingsToLink);
	}

	private static boolean isPartialUpdate(EObject model) {
		return model.eResource() instanceof DominoResource r && r.isPartialUpdate();
	}

	private boolean needsLinking(EObject object) {
		List<EReference> references = crossReferencesOf(object.eClass());
		if (references.isEmpty()) {
			return false;
		}
		for (int r = 0; r < references.size(); r++) { // indexed: no iterator per object and edit
			EReference reference = references.get(r);
			if (!object.eIsSet(reference)) {
				return true; // made by this parse, or a reference the text leaves out: cheap either way
			}
			Object value = object.eGet(reference, false);
			if (value instanceof InternalEList<?> targets) {
				for (int i = 0; i < targets.size(); i++) {
					if (stale((EObject) targets.basicGet(i))) { // basic: looking must not resolve
						return true;
					}
				}
			} else if (stale((EObject) value)) {
				return true;
			}
		}
		return !targetsStillCarryTheirNames(object);
	}

	/**
	 * A partial parse may rename an object in place (only its name is parsed again): references
	 * to it from elsewhere then still point at it, but their text names something else.
	 */
	private boolean targetsStillCarryTheirNames(EObject object) {
		ICompositeNode node = nodeOf(object);
		if (node == null) {
			return false;
		}
		for (INode child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (!(child.getGrammarElement() instanceof CrossReference crossReference)) {
				continue;
			}
			EReference reference = GrammarUtil.getReference(crossReference, object.eClass());
			if (reference == null) {
				return false;
			}
			int index = reference.isMany() ? indexAmongEarlier(node, child, reference, object.eClass()) : 0;
			Object value = object.eGet(reference, false);
			Object target = value instanceof InternalEList<?> list ? (index < list.size() ? list.basicGet(index) : null)
					: value;
			if (!(target instanceof EObject t) || t.eIsProxy() || !isWrittenAs(child, SimpleAttributeResolver.NAME_RESOLVER.apply(t))) {
				return false;
			}
		}
		return true;
	}

	/** Which value of a many-valued reference {@code child} writes: the count of earlier ones (a node has few). */
	private static int indexAmongEarlier(ICompositeNode node, INode child, EReference reference, EClass type) {
		int index = 0;
		for (INode earlier = node.getFirstChild(); earlier != child; earlier = earlier.getNextSibling()) {
			if (earlier.getGrammarElement() instanceof CrossReference c && GrammarUtil.getReference(c, type) == reference) {
				index++;
			}
		}
		return index;
	}

	/** {@link NodeModelUtils#getNode} without an iterator over the adapters. */
	private static ICompositeNode nodeOf(EObject object) {
		List<Adapter> adapters = object.eAdapters();
		for (int i = 0; i < adapters.size(); i++) {
			if (adapters.get(i) instanceof ICompositeNode node) {
				return node;
			}
		}
		return null;
	}

	/** The one token a reference is written with, or null when it spans more (hidden ones aside). */
	private static ILeafNode onlyToken(INode reference) {
		if (reference instanceof ILeafNode leaf) {
			return leaf;
		}
		ILeafNode token = null;
		for (INode child = ((ICompositeNode) reference).getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof ILeafNode leaf) {
				if (leaf.isHidden()) {
					continue;
				}
				if (token != null) {
					return null;
				}
				token = leaf;
			} else {
				return null; // nested rules: the value converter knows
			}
		}
		return token;
	}

	/**
	 * True when a reference's text names {@code name}. Most are one token written as the name is:
	 * compared in the file's text without making a string; anything else goes through the value
	 * converter as Xtext's linking does.
	 */
	private boolean isWrittenAs(INode reference, String name) {
		if (name == null) {
			return false;
		}
		ILeafNode token = onlyToken(reference);
		if (token != null && token.getLength() == name.length() && !name.startsWith("^")
				&& token.getRootNode().getText().regionMatches(token.getOffset(), name, 0, name.length())) {
			return true;
		}
		return name.equals(linkingHelper.getCrossRefNodeAsString(reference, true));
	}

	private static boolean stale(EObject target) {
		if (target == null || target.eIsProxy()) {
			return true;
		}
		Resource resource = target.eResource(); // a walk up the target's tree: once
		return resource == null || resource.getResourceSet() == null;
	}

	private List<EReference> crossReferencesOf(EClass type) {
		return crossReferences.computeIfAbsent(type, t -> t.getEAllReferences().stream()
				.filter(r -> !r.isContainment() && !r.isContainer() && !r.isDerived() && !r.isTransient()
						&& r.isChangeable())
				.toList());
	}
}
