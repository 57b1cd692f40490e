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
		return object == null ? null : SourceLocation.lazy(new AstOrigin(object, null, false));
	}

	/** The text of one feature of an object (its name, its address...), or the object's. */
	public SourceLocation of(EObject object, EStructuralFeature feature) {
		return object == null ? null : SourceLocation.lazy(new AstOrigin(object, feature, false));
	}

	/** The text of the first keyword of an object (for things like "direct-map"). */
	public SourceLocation head(EObject object) {
		return object == null ? null : SourceLocation.lazy(new AstOrigin(object, null, true));
	}

	/** An object of the syntax tree, and which of its text: the file and the range are found when first read. */
	private final class AstOrigin implements SourceLocation.Origin {
		private final EObject object;
		private final EStructuralFeature feature;
		private final boolean head;

		AstOrigin(EObject object, EStructuralFeature feature, boolean head) {
			this.object = object;
			this.feature = feature;
			this.head = head;
		}

		@Override
		public SourceLocation.File file() {
			URI uri = object.eResource() == null ? URI.createURI("unknown:/") : object.eResource().getURI();
			return new SourceLocation.File(uri.toString(), displayPath.apply(uri));
		}

		@Override
		public int[] span() {
			return Locations.span(node());
		}

		private INode node() {
			ICompositeNode node = NodeModelUtils.getNode(object);
			if (feature != null) {
				List<INode> nodes = NodeModelUtils.findNodesForFeature(object, feature);
				return nodes.isEmpty() ? node : nodes.get(0);
			}
			if (head && node != null) {
				for (org.eclipse.xtext.nodemodel.ILeafNode leaf : node.getLeafNodes()) {
					if (!leaf.isHidden()) {
						return leaf;
					}
				}
			}
			return node;
		}
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
