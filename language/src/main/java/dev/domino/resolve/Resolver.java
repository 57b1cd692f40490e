package dev.domino.resolve;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;

import dev.domino.ast.AstPackage;
import dev.domino.ast.Boot;
import dev.domino.ast.DominoSystem;
import dev.domino.ast.Sections;
import dev.domino.ast.SystemItem;
import dev.domino.diagnostics.Report;
import dev.domino.diagnostics.RuleId;
import dev.domino.fdt.DeviceTree;
import dev.domino.files.FileInspector;
import dev.domino.model.Board;
import dev.domino.model.BootConfig;
import dev.domino.model.BootModule;
import dev.domino.model.Cpupool;
import dev.domino.model.Domain;
import dev.domino.model.EventChannel;
import dev.domino.model.Section;
import dev.domino.model.SharedMemory;
import dev.domino.model.SourceLocation;
import dev.domino.model.SystemModel;
import dev.domino.model.XenConfig;

/**
 * The resolve stage: builds the resolved model from the AST. Evaluates every value, resolves files
 * against the file that names them, orders domains, and decides which modules are loaded and in
 * which order. Problems found here (bad values, duplicate names, missing blocks) go to the report;
 * what cannot be built is left out, so later stages only see well-formed data.
 */
public final class Resolver {
	private static final AstPackage AST = AstPackage.eINSTANCE;

	private final BuildContext context;

	public Resolver(FileInspector files, Locations locations, Report report) {
		this.context = new BuildContext(files, locations, report);
	}

	/** AST element to the model object built from it: Board, Device, Region, Domain, BootModule, ... */
	public Map<EObject, Object> origins() {
		return context.origins;
	}

	public Board board(dev.domino.ast.Board board) {
		return new BoardBuilder(context).build(board);
	}

	/** The board's base DTB as a tree, or null (a bad one is reported). */
	public DeviceTree baseTree(Board board) {
		if (board.baseDtb() == null || !board.baseDtb().facts().ok()) {
			return null;
		}
		FileInspector.TreeResult result = context.files.deviceTree(board.baseDtb().path());
		if (result.tree() == null) {
			context.report.at(RuleId.FILE, board.baseDtb().where(), "base-dtb \"" + board.baseDtb().written()
					+ "\" is not a valid device tree: " + result.error()).emit();
			return null;
		}
		for (dev.domino.model.Device d : board.devices()) {
			if (d.dtPath() != null && d.dtPath().startsWith("/") && result.tree().root().find(d.dtPath()).isEmpty()) {
				context.report.at(RuleId.ORDER, d.where(), "device " + d.name() + " has path \"" + d.dtPath()
						+ "\", which base-dtb \"" + board.baseDtb().written() + "\" has no node at").emit();
			}
		}
		return result.tree();
	}

	public SystemModel system(DominoSystem system, Board board, DeviceTree baseTree) {
		SourceLocation systemWhere = context.locations.of(system, AST.getTopLevel_Name());
		Names names = new Names("system " + system.getName(), context.report);
		List<dev.domino.ast.Domain> declared = new ArrayList<>();
		List<dev.domino.ast.BootModule> declaredModules = new ArrayList<>();
		dev.domino.ast.Xen astXen = null;
		Boot astBoot = null;
		Sections astSections = null;
		for (SystemItem item : system.getItems()) {
			if (item instanceof dev.domino.ast.Xen x) {
				astXen = once(astXen, x, "xen", system);
			} else if (item instanceof Boot b) {
				astBoot = once(astBoot, b, "boot", system);
			} else if (item instanceof Sections s) {
				astSections = s;
			} else if (item instanceof dev.domino.ast.Domain d) {
				if ("dom0".equals(d.getName())) {
					context.report.at(RuleId.ORDER, context.locations.of(d, AST.getDomain_Name()), "dom0 is the name"
							+ " of the classic dom0: write dom0 { ... } for it, or give this dom0less domain another name")
							.emit();
				} else if (names.add(DomainBuilder.nameOf(d), "domain", d.isDom0() ? context.locations.head(d)
						: context.locations.of(d, AST.getDomain_Name()))) {
					declared.add(d);
				}
			} else if (item instanceof dev.domino.ast.BootModule m) {
				if (names.add(m.getName(), "module", context.locations.of(m, AST.getTopLevel_Name()))) {
					declaredModules.add(m);
				}
			} else if (item instanceof dev.domino.ast.SharedMemory s) {
				names.add(s.getName(), "shared memory", context.locations.of(s, AST.getSharedMemory_Name()));
			} else if (item instanceof dev.domino.ast.Cpupool c) {
				names.add(c.getName(), "cpupool", context.locations.of(c, AST.getCpupool_Name()));
			} else if (item instanceof dev.domino.ast.EventChannel e) {
				names.add(e.getName(), "event channel", context.locations.of(e, AST.getEventChannel_Name()));
			}
		}

		ModuleTable modules = new ModuleTable(context, system);
		SharedResources shared = new SharedResources(context, modules);
		BootConfig boot = new BootBuilder(context, modules).build(astBoot, board, systemWhere);
		// Xen started with bootm is loaded as a legacy image Domino wraps it in (ImageBuilder does the same)
		boolean wrapXen = boot.command() == BootConfig.Command.BOOTM;
		XenConfig xen = new XenBuilder(context, modules).build(system, astXen, systemWhere, wrapXen);

		Map<dev.domino.ast.Cpupool, Cpupool> pools = new LinkedHashMap<>();
		for (SystemItem item : system.getItems()) {
			if (item instanceof dev.domino.ast.Cpupool c) {
				Cpupool pool = shared.cpupool(c, board);
				if (pool != null) {
					pools.put(c, pool);
				}
			}
		}
		// domains in creation order, dom0 first; their modules in ImageBuilder order, then Xen last
		Dom0CommandLine dom0Line = new Dom0CommandLine(context, xen);
		DomainBuilder domainBuilder = new DomainBuilder(context, modules, board, baseTree, pools)
				.dom0Options(dom0Line.memory(), dom0Line.vcpus());
		Map<dev.domino.ast.Domain, Domain> domains = new IdentityHashMap<>(declared.size());
		List<Domain> ordered = new ArrayList<>();
		List<dev.domino.ast.Domain> dom0First = new ArrayList<>(declared.stream().filter(DomainBuilder::isDom0).toList());
		dom0First.addAll(DomainOrder.sort(declared.stream().filter(d -> !DomainBuilder.isDom0(d)).toList(),
				context.locations, context.report));
		for (dev.domino.ast.Domain d : dom0First) {
			Domain domain = domainBuilder.build(d);
			domains.put(d, domain);
			ordered.add(domain);
		}
		if (xen != null) {
			xen = dom0Line.complete(ordered.isEmpty() || !ordered.get(0).isDom0() ? null : ordered.get(0),
					dom0First.isEmpty() || !DomainBuilder.isDom0(dom0First.get(0)) ? null : dom0First.get(0));
		}
		List<BootModule> loadOrder = modules.inLoadOrder();
		if (xen != null && xen.policy() != null) {
			loadOrder.add(xen.policy());
		}
		if (xen != null && xen.image() != null) {
			loadOrder.add(xen.image());
		}
		for (dev.domino.ast.BootModule m : declaredModules) {
			if (!modules.isUsed(m)) {
				context.report.warning(RuleId.FILE, context.locations.of(m, AST.getTopLevel_Name()),
						"module " + m.getName() + " is not used by any domain, so it is not loaded").emit();
			}
		}
		List<SharedMemory> shms = new ArrayList<>();
		for (SystemItem item : system.getItems()) {
			if (item instanceof dev.domino.ast.SharedMemory s) {
				SharedMemory shm = shared.sharedMemory(s, domains);
				if (shm != null) {
					shms.add(shm);
				}
			}
		}
		List<EventChannel> channels = new ArrayList<>();
		for (SystemItem item : system.getItems()) {
			if (item instanceof dev.domino.ast.EventChannel e) {
				EventChannel channel = shared.eventChannel(e, domains);
				if (channel != null) {
					channels.add(channel);
				}
			}
		}
		List<Section> sections = astSections == null ? List.of() : shared.sections(astSections);
		return context.origin(system, new SystemModel(system.getName(), systemWhere, board, xen, boot, loadOrder,
				ordered, shms, List.copyOf(pools.values()), sections, channels));
	}

	/** The first block of a kind; a second one is an {@code order} error. */
	private <T extends EObject> T once(T first, T next, String what, DominoSystem system) {
		if (first == null) {
			return next;
		}
		context.report.at(RuleId.ORDER, context.locations.head(next), "system " + system.getName() + " has two "
				+ what + " blocks").related(context.locations.head(first), "the first " + what + " block").emit();
		return first;
	}
}
