package dev.domino.scoping;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.scoping.IScope;
import org.eclipse.xtext.scoping.Scopes;

import dev.domino.ast.AstPackage;
import dev.domino.ast.Board;
import dev.domino.ast.BootModule;
import dev.domino.ast.Cpu;
import dev.domino.ast.Cpupool;
import dev.domino.ast.Device;
import dev.domino.ast.Domain;
import dev.domino.ast.DominoSystem;

/**
 * Scopes by meaning: a passthrough names a device of the system's board, 'after' and shared
 * memory name domains of the same system, a cpupool's CPUs are the board's, and a kernel or
 * ramdisk names a module of the system or of an imported module library. Everything else (the
 * board of a system) is resolved through imports.
 */
public class DominoScopeProvider extends AbstractDominoScopeProvider {
	private static final AstPackage AST = AstPackage.eINSTANCE;

	@Override
	public IScope getScope(EObject context, EReference reference) {
		if (reference == AST.getPassthrough_Device()) {
			return Scopes.scopeFor(devices(boardOfSystem(context)));
		}
		if (reference == AST.getIommu_Smmu()) {
			return Scopes.scopeFor(devices(EcoreUtil2.getContainerOfType(context, Board.class)));
		}
		if (reference == AST.getAfter_Domains() || reference == AST.getShmItem_Domain()) {
			return Scopes.scopeFor(itemsOf(EcoreUtil2.getContainerOfType(context, DominoSystem.class), Domain.class));
		}
		if (reference == AST.getPoolUse_Pool()) {
			return Scopes.scopeFor(itemsOf(EcoreUtil2.getContainerOfType(context, DominoSystem.class), Cpupool.class));
		}
		if (reference == AST.getCpuRef_Cpu()) {
			Board board = boardOfSystem(context);
			return Scopes.scopeFor(board == null ? List.of() : itemsOf(board, Cpu.class));
		}
		if (reference == AST.getKernelUse_Module() || reference == AST.getRamdiskUse_Module()
				|| reference == AST.getDtbUse_Module()) {
			DominoSystem system = EcoreUtil2.getContainerOfType(context, DominoSystem.class);
			return Scopes.scopeFor(itemsOf(system, BootModule.class), super.getScope(context, reference));
		}
		return super.getScope(context, reference);
	}

	static Board boardOfSystem(EObject context) {
		DominoSystem system = EcoreUtil2.getContainerOfType(context, DominoSystem.class);
		if (system == null || system.getBoard() == null || system.getBoard().eIsProxy()) {
			return null;
		}
		return system.getBoard();
	}

	static List<Device> devices(Board board) {
		return board == null ? List.of() : itemsOf(board, Device.class);
	}

	static <T extends EObject> List<T> itemsOf(EObject container, Class<T> type) {
		List<T> out = new ArrayList<>();
		if (container == null) {
			return out;
		}
		for (EObject item : container.eContents()) {
			if (type.isInstance(item)) {
				out.add(type.cast(item));
			}
		}
		return out;
	}
}
