package dev.domino.resolve;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EClass;

import dev.domino.ast.AstPackage;
import dev.domino.ast.Capabilities;
import dev.domino.ast.Console;
import dev.domino.ast.DirectMap;
import dev.domino.ast.DomainItem;
import dev.domino.ast.DomainMemory;
import dev.domino.ast.DtbUse;
import dev.domino.ast.Enhanced;
import dev.domino.ast.KernelUse;
import dev.domino.ast.LlcColors;
import dev.domino.ast.MemoryBankUse;
import dev.domino.ast.NrSpis;
import dev.domino.ast.PoolUse;
import dev.domino.ast.RamdiskUse;
import dev.domino.ast.Vcpus;
import dev.domino.diagnostics.RuleId;
import dev.domino.fdt.DeviceTree;
import dev.domino.model.Board;
import dev.domino.model.BootModule;
import dev.domino.model.Cpupool;
import dev.domino.model.Device;
import dev.domino.model.Domain;
import dev.domino.model.Located;
import dev.domino.model.NameRef;
import dev.domino.model.Owner;
import dev.domino.model.Passthrough;
import dev.domino.model.Region;
import dev.domino.model.RegionKind;
import dev.domino.model.SourceLocation;
import dev.domino.passthrough.PassthroughTree;
import dev.domino.xen.ImageBuilder;
import dev.domino.xen.XenFeature;

/**
 * Resolves a domain: vCPUs, memory (dynamic, static banks, direct-map), kernel, ramdisk and
 * device tree modules, console, passthrough devices (with the partial device tree Domino writes for
 * them), cpupool, options, and where each version-gated property was written.
 */
final class DomainBuilder {
	private static final AstPackage AST = AstPackage.eINSTANCE;

	private final BuildContext context;
	private final ModuleTable modules;
	private final Board board;
	private final DeviceTree baseTree;
	private final Map<dev.domino.ast.Cpupool, Cpupool> pools;

	DomainBuilder(BuildContext context, ModuleTable modules, Board board, DeviceTree baseTree,
			Map<dev.domino.ast.Cpupool, Cpupool> pools) {
		this.context = context;
		this.modules = modules;
		this.board = board;
		this.baseTree = baseTree;
		this.pools = pools;
	}

	/** What is gathered from a domain's items before the domain is made. */
	private static final class Parts {
		long vcpus = 1;
		Long memory;
		SourceLocation memoryWhere;
		List<Region> banks = new ArrayList<>();
		boolean directMap;
		BootModule kernel;
		String args;
		SourceLocation kernelWhere;
		BootModule ramdisk;
		BootModule dtb;
		boolean vpl011;
		List<Passthrough> passthroughs = new ArrayList<>();
		List<NameRef> after = new ArrayList<>();
		Located<Cpupool> pool;
		Located<Long> nrSpis;
		Domain.Enhanced enhanced = Domain.Enhanced.NONE;
		String llc;
		Set<Domain.Capability> caps = EnumSet.noneOf(Domain.Capability.class);
		Map<XenFeature, SourceLocation> features = new EnumMap<>(XenFeature.class);
	}

	Domain build(dev.domino.ast.Domain d) {
		String name = d.getName();
		SourceLocation where = context.locations.of(d, AST.getDomain_Name());
		Parts parts = new Parts();
		parts.memoryWhere = where;
		Set<EClass> seen = new HashSet<>();
		for (DomainItem item : d.getItems()) {
			boolean repeatable = item instanceof dev.domino.ast.Passthrough || item instanceof dev.domino.ast.After;
			if (!repeatable && !seen.add(item.eClass())) {
				context.report.at(RuleId.ORDER, context.locations.head(item), "'" + Syntax.firstWord(item)
						+ "' is given twice in domain " + name).emit();
				continue;
			}
			item(name, item, parts);
		}
		if (parts.memory == null && !seen.contains(AST.getDomainMemory())) {
			context.report.at(RuleId.REQUIRES, where, "domain " + name + " needs its memory: memory 256M").emit();
		}
		if (parts.kernel == null && !seen.contains(AST.getKernelUse())) {
			context.report.at(RuleId.REQUIRES, where, "domain " + name + " needs a kernel: kernel \"path/to/Image\"")
					.emit();
		}
		if (board.hasMpu()) {
			parts.features.put(XenFeature.MPU_GUESTS, where);
		}
		if (parts.dtb == null && !parts.passthroughs.isEmpty()) {
			parts.dtb = passthroughTree(name, parts, where);
		}
		Domain.Memory memory = new Domain.Memory(parts.memory == null ? 0 : parts.memory, parts.memoryWhere,
				List.copyOf(parts.banks), parts.directMap);
		Domain.Kernel kernel = new Domain.Kernel(parts.kernel, parts.args,
				parts.kernelWhere != null ? parts.kernelWhere : where);
		return context.origin(d, new Domain(name, Domain.Kind.DOMU, where, parts.vcpus, memory, kernel, parts.ramdisk,
				parts.dtb, new Domain.Devices(parts.vpl011, List.copyOf(parts.passthroughs), parts.nrSpis), parts.pool,
				new Domain.Options(parts.enhanced, parts.llc, parts.caps), List.copyOf(parts.after), parts.features));
	}

	private void item(String name, DomainItem item, Parts parts) {
		Locations locations = context.locations;
		if (item instanceof Vcpus v) {
			Integer n = context.values.count(v.getCount(), "vcpus", 1, 1024);
			parts.vcpus = n == null ? 1 : n;
		} else if (item instanceof DomainMemory m) {
			parts.memoryWhere = locations.of(m.getSize());
			parts.memory = context.values.size(m.getSize(), "the memory of domain " + name);
			memoryBanks(name, m, parts.memory, parts.banks);
			if (m.getBanks().isEmpty() && parts.banks.size() == 1) {
				context.origin(m, parts.banks.get(0));
			}
			if (!parts.banks.isEmpty()) {
				parts.features.put(XenFeature.STATIC_MEMORY, locations.head(m));
			}
		} else if (item instanceof DirectMap) {
			parts.directMap = true;
			parts.features.put(XenFeature.DIRECT_MAP, locations.of(item));
		} else if (item instanceof KernelUse k) {
			parts.kernelWhere = locations.of(k);
			parts.kernel = modules.use(name, k.getModule(), k.getPath(), k.getPlacement(), BootModule.Role.KERNEL, k,
					AST.getKernelUse_Path());
			parts.args = k.getArgs();
		} else if (item instanceof RamdiskUse r) {
			parts.ramdisk = modules.use(name, r.getModule(), r.getPath(), r.getPlacement(), BootModule.Role.RAMDISK,
					r, AST.getRamdiskUse_Path());
		} else if (item instanceof DtbUse t) {
			parts.dtb = modules.use(name, t.getModule(), t.getPath(), t.getPlacement(), BootModule.Role.DTB, t,
					AST.getDtbUse_Path());
		} else if (item instanceof Console c) {
			parts.vpl011 = c.getKind() == dev.domino.ast.ConsoleKind.VPL011;
		} else if (item instanceof dev.domino.ast.Passthrough p) {
			passthrough(p, parts);
		} else if (item instanceof dev.domino.ast.After a) {
			List<org.eclipse.xtext.nodemodel.INode> refs = org.eclipse.xtext.nodemodel.util.NodeModelUtils
					.findNodesForFeature(a, AST.getAfter_Domains());
			for (int i = 0; i < a.getDomains().size(); i++) {
				dev.domino.ast.Domain target = a.getDomains().get(i);
				String targetName = target.eIsProxy() && i < refs.size() ? refs.get(i).getText().trim()
						: target.getName();
				parts.after.add(new NameRef(targetName, locations.of(a)));
			}
		} else if (item instanceof PoolUse p) {
			if (p.getPool() != null && !p.getPool().eIsProxy() && pools.containsKey(p.getPool())) {
				parts.pool = new Located<>(pools.get(p.getPool()), locations.of(p, AST.getPoolUse_Pool()));
			}
			parts.features.put(XenFeature.CPUPOOLS, locations.head(p));
		} else if (item instanceof NrSpis n) {
			parts.nrSpis = Located.of(context.values.eval(n.getCount()), locations.of(n.getCount()));
			parts.features.put(XenFeature.NR_SPIS, locations.head(n));
		} else if (item instanceof Enhanced e) {
			parts.enhanced = e.isNoXenstore() ? Domain.Enhanced.NO_XENSTORE : Domain.Enhanced.ENABLED;
			parts.features.put(XenFeature.ENHANCED, locations.head(e));
		} else if (item instanceof LlcColors l) {
			parts.llc = l.getColors();
			parts.features.put(XenFeature.LLC_COLORS, locations.head(l));
		} else if (item instanceof Capabilities c) {
			for (dev.domino.ast.Capability cap : c.getCapabilities()) {
				parts.caps.add(Domain.Capability.valueOf(cap.name()));
			}
			parts.features.put(XenFeature.CAPABILITIES, locations.head(c));
		}
	}

	private void passthrough(dev.domino.ast.Passthrough p, Parts parts) {
		if (p.getDevice() == null || p.getDevice().eIsProxy() || p.getDevice().getName() == null) {
			return; // the linker reports the unknown device
		}
		Device device = board.device(p.getDevice().getName()).orElse(null);
		if (device == null) {
			return; // a device of another board, or a duplicate name: reported there
		}
		Long guest = p.getGuestAddress() == null ? null : context.values.eval(p.getGuestAddress());
		parts.passthroughs.add(new Passthrough(device, p.isForceAssign(), guest, context.locations.of(p),
				context.locations.of(p, AST.getPassthrough_Device())));
		parts.features.putIfAbsent(XenFeature.PASSTHROUGH, context.locations.head(p));
	}

	/** The partial device tree Domino writes for a domain's passthrough devices (its size is the module's). */
	private BootModule passthroughTree(String name, Parts parts, SourceLocation where) {
		long size = PassthroughTree.size(board, baseTree, parts.passthroughs, parts.directMap);
		return modules.generated("passthrough:" + name, name + "-passthrough", BootModule.Role.DTB,
				"passthrough/" + name + ".dtb", "domain." + name + ".passthrough-dtb",
				"passthrough device tree of domain " + name, size, name, where);
	}

	private void memoryBanks(String domain, DomainMemory m, Long memory, List<Region> banks) {
		String label = "static memory of domain " + domain;
		Locations locations = context.locations;
		if (m.getBanks().isEmpty()) {
			if (memory == null) {
				return;
			}
			if (m.isStatic()) {
				banks.add(Region.auto("domain." + domain + ".memory0", RegionKind.STATIC_MEMORY, Owner.domain(domain),
						label, memory, ImageBuilder.MODULE_STEP, locations.head(m))
						.writtenAt(null, locations.of(m.getSize())));
			} else if (m.getAddress() != null) {
				Long base = context.values.eval(m.getAddress());
				if (base != null) {
					banks.add(Region.fixed("domain." + domain + ".memory0", RegionKind.STATIC_MEMORY,
							Owner.domain(domain), label, base, memory, locations.head(m))
							.writtenAt(locations.of(m.getAddress()), locations.of(m.getSize())));
				}
			}
			return;
		}
		int i = 0;
		for (MemoryBankUse bank : m.getBanks()) {
			Long size = context.values.size(bank.getSize(), "a static memory bank");
			String id = "domain." + domain + ".memory" + i;
			String bankLabel = label + " (bank " + i + ")";
			i++;
			if (size == null) {
				continue;
			}
			Region r = null;
			if (bank.getAddress() == null) {
				r = Region.auto(id, RegionKind.STATIC_MEMORY, Owner.domain(domain), bankLabel, size,
						ImageBuilder.MODULE_STEP, locations.of(bank)).writtenAt(null, locations.of(bank.getSize()));
			} else {
				Long base = context.values.eval(bank.getAddress());
				if (base != null) {
					r = Region.fixed(id, RegionKind.STATIC_MEMORY, Owner.domain(domain), bankLabel, base, size,
							locations.of(bank)).writtenAt(locations.of(bank.getAddress()), locations.of(bank.getSize()));
				}
			}
			if (r != null) {
				banks.add(context.origin(bank, r));
			}
		}
	}
}
