package dev.domino.resolve;

import org.eclipse.emf.ecore.EObject;

import dev.domino.ast.AstPackage;
import dev.domino.ast.Boot;
import dev.domino.ast.BootWindow;
import dev.domino.ast.DeviceTreeMode;
import dev.domino.ast.LoadCommand;
import dev.domino.ast.ScriptPlacement;
import dev.domino.diagnostics.RuleId;
import dev.domino.model.Board;
import dev.domino.model.BootConfig;
import dev.domino.model.Owner;
import dev.domino.model.Region;
import dev.domino.model.RegionKind;
import dev.domino.model.SourceLocation;
import dev.domino.xen.ImageBuilder;

/** Resolves a system's boot block: the U-Boot command, load command, boot window, script and DTB slots. */
final class BootBuilder {
	private static final AstPackage AST = AstPackage.eINSTANCE;

	private final BuildContext context;
	private final ModuleTable modules;

	BootBuilder(BuildContext context, ModuleTable modules) {
		this.context = context;
		this.modules = modules;
	}

	BootConfig build(Boot b, Board board, SourceLocation systemWhere) {
		Locations locations = context.locations;
		BootConfig.Command command = BootConfig.Command.BOOTI;
		String load = "load mmc 0:1";
		SourceLocation loadWhere = null;
		Region window = null;
		Region script = null;
		BootConfig.DeviceTreeMode mode = BootConfig.DeviceTreeMode.PREBAKED;
		SourceLocation where = systemWhere;
		if (b != null) {
			where = locations.head(b);
			command = switch (b.getCommand()) {
			case BOOTM -> BootConfig.Command.BOOTM;
			case BOOTZ -> BootConfig.Command.BOOTZ;
			case NONE -> BootConfig.Command.NONE;
			default -> BootConfig.Command.BOOTI;
			};
			for (EObject item : b.getItems()) {
				if (item instanceof LoadCommand l && l.getCommand() != null) { // none: half-typed, a syntax error
					load = l.getCommand();
					loadWhere = locations.of(l, AST.getLoadCommand_Command());
				} else if (item instanceof BootWindow w) {
					window = window(w);
				} else if (item instanceof ScriptPlacement s) {
					script = context.origin(s, modules.placed(s.getPlacement(), "boot.script", RegionKind.BOOT_SCRIPT,
							Owner.BOOT, "boot script", ImageBuilder.SLOT, ImageBuilder.MODULE_STEP, locations.of(s),
							null));
				} else if (item instanceof DeviceTreeMode m) {
					mode = m.getMode() == dev.domino.ast.DtMode.EDIT ? BootConfig.DeviceTreeMode.EDIT
							: BootConfig.DeviceTreeMode.PREBAKED;
				}
			}
		}
		if (window == null && !board.banks().isEmpty()) {
			Region bank = board.banks().get(0);
			window = Region.fixed("boot.window", RegionKind.BOOT_WINDOW, Owner.BOOT, "boot window (memory bank "
					+ bank.owner().name() + ")", bank.fixedBase(), bank.size(), bank.where());
		}
		if (command != BootConfig.Command.NONE && script == null) {
			script = Region.auto("boot.script", RegionKind.BOOT_SCRIPT, Owner.BOOT, "boot script", ImageBuilder.SLOT,
					ImageBuilder.MODULE_STEP, where);
		}
		Region dtb = Region.auto("boot.dtb", RegionKind.HOST_DTB, Owner.XEN, "device tree", ImageBuilder.SLOT,
				ImageBuilder.MODULE_STEP, where);
		return new BootConfig(command, load, loadWhere, window, script, mode, dtb, where);
	}

	private Region window(BootWindow w) {
		Long from = context.values.eval(w.getFrom());
		Long to = context.values.eval(w.getTo());
		if (from == null || to == null) {
			return null;
		}
		if (Long.compareUnsigned(to, from) <= 0) {
			context.report.at(RuleId.VALUE, context.locations.of(w), "the boot window ends before it starts").emit();
			return null;
		}
		return Region.fixed("boot.window", RegionKind.BOOT_WINDOW, Owner.BOOT, "boot window", from, to - from,
				context.locations.of(w)).writtenAt(context.locations.of(w.getFrom()), context.locations.of(w.getTo()));
	}
}
