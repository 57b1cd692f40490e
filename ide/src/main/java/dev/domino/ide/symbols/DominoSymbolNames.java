package dev.domino.ide.symbols;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.ide.server.symbol.DocumentSymbolMapper.DocumentSymbolNameProvider;
import org.eclipse.xtext.util.SimpleAttributeResolver;

/** The outline shows names as written ("web" under system demo, not "demo.web"). */
public class DominoSymbolNames extends DocumentSymbolNameProvider {
	@Override
	public String getName(EObject object) {
		String name = SimpleAttributeResolver.NAME_RESOLVER.apply(object);
		return name != null ? name : super.getName(object);
	}
}
