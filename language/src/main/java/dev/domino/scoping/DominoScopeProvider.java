package dev.domino.scoping;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

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
import dev.domino.ast.Model;

/**
 * Scopes by meaning: a passthrough names a device of the system's board, 'after' and shared
 * memory name domains of the same system, a cpupool's CPUs are the board's, and a kernel or
 * ramdisk names a module of the system, of the file or of an imported module library, and a
 * system's board is one of the file or of its imports. Each is a map built once per file state.
 */
public class DominoScopeProvider extends AbstractDominoScopeProvider {
	private static final AstPackage AST = AstPackage.eINSTANCE;

	@com.google.inject.Inject
	private org.eclipse.xtext.util.IResourceScopeCache cache;

	@com.google.inject.Inject
	private org.eclipse.xtext.scoping.IGlobalScopeProvider globalScopes;

	@Override
	public IScope getScope(EObject context, EReference reference) {
		if (reference == AST.getPassthrough_Device() || reference == AST.getHide_Devices()) {
			return scopeOf(boardOfSystem(context), Device.class, IScope.NULLSCOPE);
		}
		if (reference == AST.getIommu_Smmu()) {
			return scopeOf(EcoreUtil2.getContainerOfType(context, Board.class), Device.class, IScope.NULLSCOPE);
		}
		if (reference == AST.getAfter_Domains() || reference == AST.getShmItem_Domain()
				|| reference == AST.getChannelEnd_Domain()) {
			return scopeOf(EcoreUtil2.getContainerOfType(context, DominoSystem.class), Domain.class, IScope.NULLSCOPE);
		}
		if (reference == AST.getPoolUse_Pool()) {
			return scopeOf(EcoreUtil2.getContainerOfType(context, DominoSystem.class), Cpupool.class, IScope.NULLSCOPE);
		}
		if (reference == AST.getCpuRef_Cpu()) {
			return scopeOf(boardOfSystem(context), Cpu.class, IScope.NULLSCOPE);
		}
		if (reference == AST.getKernelUse_Module() || reference == AST.getRamdiskUse_Module()
				|| reference == AST.getDtbUse_Module()) {
			// the system's modules, then the file's, then those of imported module libraries
			DominoSystem system = EcoreUtil2.getContainerOfType(context, DominoSystem.class);
			return scopeOf(system, BootModule.class, () -> fileThenImports(context, reference, BootModule.class));
		}
		if (reference == AST.getDominoSystem_Board()) {
			return fileThenImports(context, reference, Board.class);
		}
		return super.getScope(context, reference);
	}

	/**
	 * The named items of one kind in a board or system, as a scope. Built once per container and
	 * resource state, as a map: a system with thousands of domains must not rescan them for every
	 * reference.
	 */
	private <T extends EObject> IScope scopeOf(EObject container, Class<T> type, IScope outer) {
		if (container == null) {
			return outer;
		}
		IScope local = localScope(container, type);
		return outer == IScope.NULLSCOPE ? local : new ChainedScope(local, () -> outer);
	}

	private <T extends EObject> IScope scopeOf(EObject container, Class<T> type, Supplier<IScope> outer) {
		return container == null ? outer.get() : new ChainedScope(localScope(container, type), outer);
	}

	/** The top-level items of the file, then what its imports export; the latter only when needed. */
	private <T extends EObject> IScope fileThenImports(EObject context, EReference reference, Class<T> type) {
		return scopeOf(EcoreUtil2.getContainerOfType(context, Model.class), type,
				() -> globalScopes.getScope(context.eResource(), reference, null));
	}

	private <T extends EObject> IScope localScope(EObject container, Class<T> type) {
		return cache.get(new ScopeKey(container, type), container.eResource(),
				() -> org.eclipse.xtext.scoping.impl.MapBasedScope.createScope(IScope.NULLSCOPE,
						Scopes.scopedElementsFor(itemsOf(container, type), DominoScopeProvider::nameOf)));
	}

	private record ScopeKey(EObject container, Class<?> type) {
	}

	/** Looks in the local scope first, then in the outer one, which is only made when needed. */
	private static final class ChainedScope implements IScope {
		private final IScope local;
		private final Supplier<IScope> outerSupplier;
		private IScope outer;

		ChainedScope(IScope local, Supplier<IScope> outer) {
			this.local = local;
			this.outerSupplier = outer;
		}

		private IScope outer() {
			if (outer == null) {
				outer = outerSupplier.get();
			}
			return outer;
		}

		@Override
		public org.eclipse.xtext.resource.IEObjectDescription getSingleElement(
				org.eclipse.xtext.naming.QualifiedName name) {
			var found = local.getSingleElement(name);
			return found != null ? found : outer().getSingleElement(name);
		}

		@Override
		public Iterable<org.eclipse.xtext.resource.IEObjectDescription> getElements(
				org.eclipse.xtext.naming.QualifiedName name) {
			return com.google.common.collect.Iterables.concat(local.getElements(name), outer().getElements(name));
		}

		@Override
		public org.eclipse.xtext.resource.IEObjectDescription getSingleElement(EObject object) {
			var found = local.getSingleElement(object);
			return found != null ? found : outer().getSingleElement(object);
		}

		@Override
		public Iterable<org.eclipse.xtext.resource.IEObjectDescription> getElements(EObject object) {
			return com.google.common.collect.Iterables.concat(local.getElements(object), outer().getElements(object));
		}

		@Override
		public Iterable<org.eclipse.xtext.resource.IEObjectDescription> getAllElements() {
			return com.google.common.collect.Iterables.concat(local.getAllElements(), outer().getAllElements());
		}
	}

	static Board boardOfSystem(EObject context) {
		DominoSystem system = EcoreUtil2.getContainerOfType(context, DominoSystem.class);
		if (system == null || system.getBoard() == null || system.getBoard().eIsProxy()) {
			return null;
		}
		return system.getBoard();
	}

	/** An item's name as references write it; the classic dom0 is "dom0". */
	public static org.eclipse.xtext.naming.QualifiedName nameOf(EObject item) {
		String name = item instanceof Domain d && d.isDom0() ? "dom0"
				: org.eclipse.xtext.util.SimpleAttributeResolver.NAME_RESOLVER.apply(item);
		return name == null ? null : org.eclipse.xtext.naming.QualifiedName.create(name);
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
