package dev.domino.ide.symbols;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.xtext.ide.server.symbol.DocumentSymbolMapper.DocumentSymbolKindProvider;

/** What each named thing is in an outline: a board a class, a system a namespace, a domain a struct, ... */
public class DominoSymbolKinds extends DocumentSymbolKindProvider {
	@Override
	protected SymbolKind getSymbolKind(EClass type) {
		SymbolKind kind = of(type);
		return kind != null ? kind : super.getSymbolKind(type);
	}

	/** The kind of a Domino type, or null for one this table leaves to Xtext. Workspace symbols use it too. */
	static SymbolKind of(EClass type) {
		return switch (type.getName()) {
		case "Board" -> SymbolKind.Class;
		case "DominoSystem" -> SymbolKind.Namespace;
		case "Domain" -> SymbolKind.Struct;
		case "BootModule" -> SymbolKind.File;
		case "Device" -> SymbolKind.Property;
		case "MemoryBank", "ReservedRange" -> SymbolKind.Field;
		case "Cpupool" -> SymbolKind.Enum;
		case "Cpu" -> SymbolKind.EnumMember;
		case "SharedMemory" -> SymbolKind.Variable;
		default -> null;
		};
	}
}
