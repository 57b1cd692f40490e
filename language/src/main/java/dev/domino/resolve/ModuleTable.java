package dev.domino.resolve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;

import dev.domino.ast.AstPackage;
import dev.domino.ast.DominoSystem;
import dev.domino.ast.Placement;
import dev.domino.diagnostics.RuleId;
import dev.domino.model.BootModule;
import dev.domino.model.InputFile;
import dev.domino.model.Owner;
import dev.domino.model.Region;
import dev.domino.model.RegionKind;
import dev.domino.model.SourceLocation;
import dev.domino.xen.ImageBuilder;

/**
 * The boot modules of a system in load order (ImageBuilder's: each domain's kernel, ramdisk and
 * device tree in domain order, a module shared by several domains at its first use). A named
 * module is loaded once however many domains use it; an inline path is a module of its own.
 */
final class ModuleTable {
	private static final AstPackage AST = AstPackage.eINSTANCE;

	private final BuildContext context;
	private final DominoSystem system;
	/** Keyed by the AST object that declares the module (a named module, or the use of an inline path). */
	private final Map<Object, BootModule> modules = new LinkedHashMap<>();

	ModuleTable(BuildContext context, DominoSystem system) {
		this.context = context;
		this.system = system;
	}

	/** Modules in load order. */
	List<BootModule> inLoadOrder() {
		return new ArrayList<>(modules.values());
	}

	boolean isUsed(dev.domino.ast.BootModule declared) {
		return modules.containsKey(declared);
	}

	/** A module used by a domain: a named module (loaded once however many use it) or an inline path. */
	BootModule use(String domain, dev.domino.ast.BootModule ref, String path, Placement placement,
			BootModule.Role role, EObject use, EAttribute pathFeature) {
		if (ref != null) {
			return named(domain, ref, role, use);
		}
		if (path == null) {
			return null;
		}
		String suffix = role.name().toLowerCase(Locale.ROOT);
		SourceLocation where = context.locations.of(use, pathFeature);
		InputFile file = context.inputFile(use, path, where, system);
		Region region = fileRegion("domain." + domain + "." + suffix, RegionKind.MODULE,
				Owner.module(domain + "-" + suffix), role.description() + " of domain " + domain, file, placement,
				where);
		BootModule module = new BootModule(domain + "-" + suffix, role, file, null, region, file.facts().size(),
				new ArrayList<>(List.of(domain)), where);
		modules.put(use, module);
		return context.origin(use, module);
	}

	private BootModule named(String domain, dev.domino.ast.BootModule ref, BootModule.Role role, EObject use) {
		if (ref.eIsProxy() || ref.getPath() == null) {
			return null; // the linker reports the unknown name, the parser a module without its file
		}
		BootModule existing = modules.get(ref);
		if (existing != null) {
			existing.users().add(domain);
			return context.origin(use, existing);
		}
		BootModule.Role declared = ref.eIsSet(AST.getBootModule_Role()) ? role(ref.getRole()) : null;
		SourceLocation where = context.locations.of(ref, AST.getTopLevel_Name());
		if (declared != null && declared != role) {
			context.report.at(RuleId.FILE, context.locations.of(use), "module " + ref.getName() + " is declared as a "
					+ declared.description() + " but domain " + domain + " uses it as its " + role.description())
					.related(where, "module " + ref.getName() + " is declared here").emit();
		}
		InputFile file = context.inputFile(ref, ref.getPath(), context.locations.of(ref, AST.getBootModule_Path()),
				system);
		Region region = fileRegion("module." + ref.getName(), RegionKind.MODULE, Owner.module(ref.getName()),
				"module " + ref.getName(), file, ref.getPlacement(), where);
		BootModule module = new BootModule(ref.getName(), role, file, null, region, file.facts().size(),
				new ArrayList<>(List.of(domain)), where);
		modules.put(ref, module);
		context.origin(ref, module);
		return context.origin(use, module);
	}

	/** A module Domino writes itself (a passthrough DTB) of {@code size} bytes. */
	BootModule generated(String key, String name, BootModule.Role role, String fileName, String id, String label,
			long size, String user, SourceLocation where) {
		Region region = Region.auto(id, RegionKind.MODULE, Owner.module(name), label, size, ImageBuilder.MODULE_STEP,
				where);
		BootModule module = new BootModule(name, role, null, fileName, region, size, List.of(user), where);
		modules.put(key, module);
		return module;
	}

	private static BootModule.Role role(dev.domino.ast.ModuleRole role) {
		return switch (role) {
		case RAMDISK -> BootModule.Role.RAMDISK;
		case DTB -> BootModule.Role.DTB;
		case XSM -> BootModule.Role.XSM;
		default -> BootModule.Role.KERNEL;
		};
	}

	/** The range a file takes: its footprint, or one slot while the file is missing (the layout stays put). */
	Region fileRegion(String id, RegionKind kind, Owner owner, String label, InputFile file, Placement placement,
			SourceLocation where) {
		return fileRegion(id, kind, owner, label, file, placement, where, 0);
	}

	/** @param extra bytes loaded before the file (a wrapper's header) */
	Region fileRegion(String id, RegionKind kind, Owner owner, String label, InputFile file, Placement placement,
			SourceLocation where, long extra) {
		long footprint = file.facts().ok() ? Math.max(1, file.facts().footprint()) + extra : ImageBuilder.MODULE_STEP;
		return placed(placement, id, kind, owner, label, footprint, ImageBuilder.MODULE_STEP, where, null);
	}

	/** A range at the address written, or placed by Domino when none is (or "auto"). */
	Region placed(Placement placement, String id, RegionKind kind, Owner owner, String label, long size, long align,
			SourceLocation where, SourceLocation sizeWhere) {
		if (placement != null && !placement.isAuto() && placement.getAddress() != null) {
			Long base = context.values.eval(placement.getAddress());
			if (base != null) {
				return Region.fixed(id, kind, owner, label, base, size, where)
						.writtenAt(context.locations.of(placement.getAddress()), sizeWhere);
			}
		}
		return Region.auto(id, kind, owner, label, size, align, where).writtenAt(null, sizeWhere);
	}
}
