package dev.domino.resolve;

import java.util.List;
import java.util.function.Function;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.util.LineAndColumn;

import dev.domino.model.SourceLocation;

/** Turns AST objects into source locations; the only place that knows about Xtext's node model. */
public final class Locations {
	private final Function<URI, String> displayPath;

	public Locations(Function<URI, String> displayPath) {
		java.util.Map<URI, String> known = new java.util.concurrent.ConcurrentHashMap<>();
		// every location of a file shares its display path: compute it once per file
		this.displayPath = uri -> known.computeIfAbsent(uri, displayPath);
	}

	/** Shows file URIs as paths relative to the working directory when below it. */
	public static Locations relativeToWorkingDirectory() {
		java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
		return new Locations(uri -> {
			if (uri.isFile()) {
				java.nio.file.Path p = java.nio.file.Path.of(uri.toFileString()).toAbsolutePath().normalize();
				return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
			}
			return uri.toString();
		});
	}

	public String display(URI uri) {
		return displayPath.apply(uri);
	}

	/** The whole text of an object. */
	public SourceLocation of(EObject object) {
		return object == null ? null : lazy(object, () -> NodeModelUtils.getNode(object));
	}

	/** The text of one feature of an object (its name, its address...), or the object's. */
	public SourceLocation of(EObject object, EStructuralFeature feature) {
		if (object == null) {
			return null;
		}
		return lazy(object, () -> {
			List<INode> nodes = NodeModelUtils.findNodesForFeature(object, feature);
			return nodes.isEmpty() ? NodeModelUtils.getNode(object) : nodes.get(0);
		});
	}

	/** The text of the first keyword of an object (for things like "direct-map"). */
	public SourceLocation head(EObject object) {
		return lazy(object, () -> {
			ICompositeNode node = NodeModelUtils.getNode(object);
			if (node != null) {
				for (org.eclipse.xtext.nodemodel.ILeafNode leaf : node.getLeafNodes()) {
					if (!leaf.isHidden()) {
						return leaf;
					}
				}
			}
			return node;
		});
	}

	/** The file, the node and from it the range, all when first read. */
	private SourceLocation lazy(EObject object, java.util.function.Supplier<INode> node) {
		return SourceLocation.lazy(() -> {
			URI uri = object.eResource() == null ? URI.createURI("unknown:/") : object.eResource().getURI();
			return new SourceLocation.File(uri.toString(), displayPath.apply(uri));
		}, () -> span(node.get()));
	}

	private static int[] span(INode node) {
		if (node == null) {
			return new int[] { 0, 0, 1, 1, 1, 1 };
		}
		int offset = node.getOffset();
		int length = node.getLength();
		LineAndColumn start = NodeModelUtils.getLineAndColumn(node, offset);
		LineAndColumn end = NodeModelUtils.getLineAndColumn(node, offset + length);
		return new int[] { offset, length, start.getLine(), start.getColumn(), end.getLine(), end.getColumn() };
	}
}
