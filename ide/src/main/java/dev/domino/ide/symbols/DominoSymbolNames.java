package dev.domino.ide.symbols;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.ide.server.symbol.DocumentSymbolMapper.DocumentSymbolNameProvider;

/** The outline shows names as written ("web" under system demo, not "demo.web"). */
public class DominoSymbolNames extends DocumentSymbolNameProvider {
	@Override
	public String getName(EObject object) {
		var name = dev.domino.scoping.DominoScopeProvider.nameOf(object);
		return name != null ? name.toString() : super.getName(object);
	}
}
