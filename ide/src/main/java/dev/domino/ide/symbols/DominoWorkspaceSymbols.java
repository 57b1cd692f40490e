package dev.domino.ide.symbols;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.xtext.findReferences.IReferenceFinder.IResourceAccess;
import org.eclipse.xtext.ide.server.symbol.DocumentSymbolService;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.EObjectDescription;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.util.CancelIndicator;

import com.google.inject.Inject;

import dev.domino.ast.AstPackage;
import dev.domino.ast.DominoSystem;
import dev.domino.ast.SystemItem;

/**
 * Workspace symbols: what the index holds (boards and their items, systems, module libraries),
 * and the named items of each system (domains, modules, shared memory, cpupools, event channels),
 * read from the system's file when a search asks for them. The index leaves them out: it would
 * index every domain of a system again at each keystroke for this search alone.
 */
public class DominoWorkspaceSymbols extends DocumentSymbolService {
	@Inject
	private IQualifiedNameProvider names;

	@Override
	public List<? extends WorkspaceSymbol> getSymbols(IResourceDescription description, String query, IResourceAccess access,
			CancelIndicator cancelIndicator) {
		List<WorkspaceSymbol> symbols = new ArrayList<>(super.getSymbols(description, query, access, cancelIndicator));
		for (IEObjectDescription system : description.getExportedObjectsByType(AstPackage.Literals.DOMINO_SYSTEM)) {
			doRead(access, system.getEObjectURI(), object -> {
				if (!(object instanceof DominoSystem read)) {
					return;
				}
				for (SystemItem item : read.getItems()) {
					QualifiedName name = names.getFullyQualifiedName(item);
					IEObjectDescription described = name == null ? null : EObjectDescription.create(name, item);
					var location = described != null && filter(described, query) ? getSymbolLocation(item) : null;
					if (location != null) { // an item the parser could not place has no location to offer
						WorkspaceSymbol symbol = createSymbol(described);
						symbol.setLocation(Either.forLeft(location));
						symbols.add(symbol);
					}
				}
			});
		}
		return symbols;
	}

	/** The kinds the outline shows (a domain a struct, a board a class, ...). */
	@Override
	protected SymbolKind getSymbolKind(EClass type) {
		SymbolKind kind = DominoSymbolKinds.of(type);
		return kind != null ? kind : super.getSymbolKind(type);
	}
}
