package dev.domino.parser;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.impl.AbstractNode;
import org.eclipse.xtext.nodemodel.impl.CompositeNode;
import org.eclipse.xtext.nodemodel.impl.LeafNode;
import org.eclipse.xtext.nodemodel.impl.NodeModelBuilder;
import org.eclipse.xtext.nodemodel.impl.RootNode;

/**
 * The node model builder, with two costs of a partial parse taken out. Root nodes find the line
 * breaks of their text into an int array: Xtext's box every offset into a list first, and every
 * partial parse sets the whole text again (2.4 MB of garbage per keystroke at 20,000 lines). And
 * once the parsed piece replaces the old one, leaves get their offsets from that piece on, and
 * only while they change: Xtext walks every node of the file for it, a twelfth of an edit's time
 * at 20,000 lines.
 */
public class LineBreakCountingNodeModelBuilder extends NodeModelBuilder {
	/** Xtext's own setter of a leaf's offset (protected); null where it cannot be reached: then Xtext's walk. */
	private static final MethodHandle SET_TOTAL_OFFSET = offsetSetter();

	@Override
	public ICompositeNode newRootNode(String input) {
		return new Root(input);
	}

	@Override
	public void replaceAndTransferLookAhead(INode oldNode, INode newRootNode) {
		INode newNode = ((ICompositeNode) newRootNode).getFirstChild();
		if (SET_TOTAL_OFFSET == null || !(oldNode instanceof AbstractNode old) || !(newNode instanceof AbstractNode replacement)) {
			super.replaceAndTransferLookAhead(oldNode, newRootNode);
			return;
		}
		// the edit lies inside the old node, so the text before it, and where it starts, did not change
		int start = old.getTotalOffset();
		replaceWithoutChildren(old, replacement);
		if (oldNode instanceof ICompositeNode oldComposite && replacement instanceof CompositeNode composite) {
			setLookAhead(composite, oldComposite.getLookAhead());
		}
		renumberLeavesFrom(replacement, start);
	}

	/**
	 * Gives the leaves of {@code from}, and every leaf after it, consecutive offsets starting at
	 * {@code offset}; after {@code from}, stops at the first leaf already where it belongs (an edit
	 * that kept the length moves nothing after it).
	 */
	private static void renumberLeavesFrom(INode from, int offset) {
		int next = renumber(from, offset, false);
		for (INode node = from; node != null && next >= 0; node = node.getParent()) {
			for (INode after = node.getNextSibling(); after != null && next >= 0; after = after.getNextSibling()) {
				next = renumber(after, next, true);
			}
		}
	}

	/** Numbers the leaves of {@code subtree} from {@code offset}; the offset after them, or -1 when one was in place. */
	private static int renumber(INode subtree, int offset, boolean stopWhereInPlace) {
		INode node = subtree;
		while (true) {
			if (node instanceof ICompositeNode composite && composite.hasChildren()) {
				node = composite.getFirstChild();
				continue;
			}
			if (node instanceof ILeafNode leaf) {
				if (stopWhereInPlace && leaf.getTotalOffset() == offset) {
					return -1;
				}
				setTotalOffset(leaf, offset);
				offset += leaf.getTotalLength();
			}
			while (node != subtree && !node.hasNextSibling()) {
				node = node.getParent();
			}
			if (node == subtree) {
				return offset;
			}
			node = node.getNextSibling();
		}
	}

	/** False when Xtext's setter could not be reached and its walk over the whole file is used. */
	static boolean renumbersItself() {
		return SET_TOTAL_OFFSET != null;
	}

	private static void setTotalOffset(ILeafNode leaf, int offset) {
		try {
			SET_TOTAL_OFFSET.invokeExact((LeafNode) leaf, offset);
		} catch (RuntimeException | Error e) {
			throw e;
		} catch (Throwable e) {
			throw new IllegalStateException(e);
		}
	}

	private static MethodHandle offsetSetter() {
		try {
			return MethodHandles.privateLookupIn(LeafNode.class, MethodHandles.lookup()).findVirtual(LeafNode.class,
					"basicSetTotalOffset", MethodType.methodType(void.class, int.class));
		} catch (ReflectiveOperationException | RuntimeException e) {
			return null;
		}
	}

	/** A root node whose line breaks are what Xtext's are: offsets of '\n', of '\r', and of '\r' only in "\r\n". */
	public static class Root extends RootNode {
		protected Root() {
		}

		Root(String input) {
			basicSetCompleteContent(input);
		}

		@Override
		protected int[] computeLineBreaks(String text) {
			int[] breaks = new int[text.length() / 20 + 1];
			int count = 0;
			int length = text.length();
			for (int i = 0; i < length; i++) {
				char c = text.charAt(i);
				if (c == '\n' || c == '\r') {
					if (count == breaks.length) {
						breaks = Arrays.copyOf(breaks, count * 2);
					}
					breaks[count++] = i;
					if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
						i++;
					}
				}
			}
			return count == breaks.length ? breaks : Arrays.copyOf(breaks, count);
		}
	}
}
