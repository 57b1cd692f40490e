package dev.domino.resource;

import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.EObjectDescription;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.impl.DefaultResourceDescriptionStrategy;
import org.eclipse.xtext.util.IAcceptor;

import dev.domino.ast.Board;
import dev.domino.ast.DominoSystem;
import dev.domino.ast.Model;
import dev.domino.ast.TopLevel;

/**
 * Exports boards, systems and module libraries (boards and libraries with a digest of their text;
 * nothing links to a system), and the named items inside boards. A system depends on everything
 * inside its board, not only on the board's name: when any of it changes, the digest changes, and
 * Xtext re-validates the systems that import the board. The items inside a system are not
 * exported: nothing outside the system links to them, and at 2,000 domains indexing them was a
 * fifth of every keystroke; workspace symbols read them from the system when asked
 * ({@code DominoWorkspaceSymbols}).
 */
public class DominoResourceDescriptionStrategy extends DefaultResourceDescriptionStrategy {
	public static final String DIGEST = "digest";

	@Override
	public boolean createEObjectDescriptions(EObject eObject, IAcceptor<IEObjectDescription> acceptor) {
		if (!(eObject instanceof TopLevel top)) {
			super.createEObjectDescriptions(eObject, acceptor);
			// only files, boards and systems hold named things: the rest is not walked
			return eObject instanceof Model;
		}
		QualifiedName name = getQualifiedNameProvider().getFullyQualifiedName(top);
		if (name != null && top instanceof DominoSystem) {
			acceptor.accept(EObjectDescription.create(name, top)); // a digest would be made per keystroke for nobody
		} else if (name != null) {
			ICompositeNode node = NodeModelUtils.getNode(top);
			String digest = node == null ? "" : Integer.toHexString(node.getText().hashCode());
			acceptor.accept(EObjectDescription.create(name, top, Map.of(DIGEST, digest)));
		}
		return top instanceof Board;
	}
}
