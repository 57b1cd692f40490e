package dev.domino.resolve;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import dev.domino.ast.AstPackage;
import dev.domino.ast.Capabilities;
import dev.domino.ast.Console;
import dev.domino.ast.DirectMap;
import dev.domino.ast.DomainIommu;
import dev.domino.ast.DomainItem;
import dev.domino.ast.DomainMemory;
import dev.domino.ast.DtbUse;
import dev.domino.ast.Enhanced;
import dev.domino.ast.GrantFrames;
import dev.domino.ast.GrantVersion;
import dev.domino.ast.Hide;
import dev.domino.ast.KernelUse;
import dev.domino.ast.LlcColors;
import dev.domino.ast.MaptrackFrames;
import dev.domino.ast.MemoryBankUse;
import dev.domino.ast.NrSpis;
import dev.domino.ast.P2mMemory;
import dev.domino.ast.PoolUse;
import dev.domino.ast.RamdiskUse;
import dev.domino.ast.Sci;
import dev.domino.ast.Sve;
import dev.domino.ast.TrapUnmapped;
import dev.domino.ast.VcpuAffinity;
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
 * Resolves a domain: a dom0less domain, or the classic dom0 ({@code dom0 { ... }}, a subset of the
 * same items). vCPUs, memory (dynamic, static banks, direct-map), kernel, ramdisk and device tree
 * modules, console, passthrough devices (with the partial device tree Domino writes for them),
 * cpupool, options, and where each version-gated property was written.
 */
final class DomainBuilder {
	private static final AstPackage AST = AstPackage.eINSTANCE;
	/** Xen's dom0 memory when neither dom0_mem= nor CONFIG_DOM0_MEM says (RELEASE-4.17.0:xen/arch/arm/domain_build.c:3976-3980). */
	static final long DOM0_DEFAULT_MEMORY = 512L << 20;

	private final BuildContext context;
	private final ModuleTable modules;
	private final Board board;
	private final DeviceTree baseTree;
	private final Map<dev.domino.ast.Cpupool, Cpupool> pools;
	/** dom0_mem= and dom0_max_vcpus= as Xen's command line gives them (null when it does not). */
	private Long dom0MemoryOption;
	private Long dom0VcpusOption;

	/** What Xen's command line as written says of dom0, used when the dom0 block does not say. */
	DomainBuilder dom0Options(Long memory, Long vcpus) {
		this.dom0MemoryOption = memory;
		this.dom0VcpusOption = vcpus;
		return this;
	}

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
		Long vcpus;
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
		List<Located<Device>> hidden = new ArrayList<>();
		List<NameRef> after = new ArrayList<>();
		Located<Cpupool> pool;
		Located<Long> nrSpis;
		Domain.Enhanced enhanced = Domain.Enhanced.NONE;
		String llc;
		Set<Domain.Capability> caps = EnumSet.noneOf(Domain.Capability.class);
		Located<Long> p2m;
		Located<Long> grantFrames;
		Located<Long> maptrackFrames;
		Located<Long> grantVersion;
		Located<Long> sve;
		Located<Boolean> trapUnmapped;
		List<Domain.VcpuAffinity> affinities = new ArrayList<>();
		Located<String> sci;
		Located<Boolean> iommu;
		Map<XenFeature, SourceLocation> features = new EnumMap<>(XenFeature.class);
	}

	/** The items a dom0 cannot have, with why: Xen gives dom0 these things itself. */
	private static final Map<EClass, String> NOT_FOR_DOM0 = Map.ofEntries(
			Map.entry(AST.getDtbUse(), "dom0 gets the host device tree"),
			Map.entry(AST.getConsole(), "dom0's console is hvc0, through Xen"),
			Map.entry(AST.getPassthrough(), "dom0 gets every device no domain takes (use hide to keep one from it)"),
			Map.entry(AST.getAfter(), "dom0 is always built first (domain id 0)"),
			Map.entry(AST.getPoolUse(), "dom0 runs in Pool-0, the pool of CPU 0"),
			Map.entry(AST.getNrSpis(), "dom0 gets the host's interrupts"),
			Map.entry(AST.getDirectMap(), "dom0 is always mapped 1:1"),
			Map.entry(AST.getEnhanced(), "dom0 is the one that runs xenstore"),
			Map.entry(AST.getCapabilities(), "capabilities belong to dom0less domains (Xen 4.21)"),
			Map.entry(AST.getDomainIommu(), "the passthrough property is for dom0less domains"),
			Map.entry(AST.getP2mMemory(), "dom0's P2M pool is set on Xen's command line (dom0_mem)"),
			Map.entry(AST.getGrantFrames(), "dom0's grant limits are Xen command-line options"),
			Map.entry(AST.getMaptrackFrames(), "dom0's grant limits are Xen command-line options"),
			Map.entry(AST.getGrantVersion(), "dom0's grant limits are Xen command-line options"),
			Map.entry(AST.getVcpuAffinity(), "xen,vcpu nodes are for dom0less domains"),
			Map.entry(AST.getLlcColors(), "dom0's colours are Xen's dom0-llc-colors= option"),
			Map.entry(AST.getSve(), "dom0's SVE is Xen's dom0=sve= option"));

	Domain build(dev.domino.ast.Domain d) {
		String name = nameOf(d);
		boolean dom0 = isDom0(d);
		SourceLocation where = dom0 ? context.locations.head(d) : context.locations.of(d, AST.getDomain_Name());
		Parts parts = new Parts();
		parts.memoryWhere = where;
		java.util.BitSet seen = new java.util.BitSet(); // item kinds by classifier id: one small array per domain
		for (DomainItem item : d.getItems()) {
			boolean repeatable = item instanceof dev.domino.ast.Passthrough || item instanceof dev.domino.ast.After
					|| item instanceof VcpuAffinity || item instanceof Hide;
			int kind = item.eClass().getClassifierID();
			if (!repeatable && seen.get(kind)) {
				context.report.at(RuleId.ORDER, context.locations.head(item), "'" + Syntax.firstWord(item)
						+ "' is given twice in domain " + name).emit();
				continue;
			}
			if (!repeatable) {
				seen.set(kind);
			}
			if (dom0 && NOT_FOR_DOM0.containsKey(item.eClass())) {
				context.report.at(RuleId.REQUIRES, context.locations.head(item), "'" + Syntax.firstWord(item)
						+ "' is not for dom0: " + NOT_FOR_DOM0.get(item.eClass())).emit();
				continue;
			}
			if (!dom0 && item instanceof Hide) {
				context.report.at(RuleId.REQUIRES, context.locations.head(item), "'hide' is for dom0, which would"
						+ " otherwise get every device no domain takes; domain " + name + " sees only its own").emit();
				continue;
			}
			item(name, item, parts);
		}
		if (!dom0 && parts.memory == null && !seen.get(AST.getDomainMemory().getClassifierID())) {
			context.report.at(RuleId.REQUIRES, where, "domain " + name + " needs its memory: memory 256M").emit();
		}
		if (parts.kernel == null && !seen.get(AST.getKernelUse().getClassifierID())) {
			context.report.at(RuleId.REQUIRES, where, (dom0 ? "dom0" : "domain " + name)
					+ " needs a kernel: kernel \"path/to/Image\"").emit();
		}
		if (dom0 && !parts.banks.isEmpty()) {
			context.report.at(RuleId.REQUIRES, parts.memoryWhere, "dom0's memory is allocated by Xen (1:1):"
					+ " it cannot be static; write memory " + dev.domino.model.U64.sizeLiteral(parts.memory)).emit();
			parts.banks.clear();
		}
		if (board.hasMpu() && !dom0) {
			parts.features.put(XenFeature.MPU_GUESTS, where);
		}
		if (dom0) {
			parts.features.put(XenFeature.DOM0, where);
		}
		if (parts.dtb == null && !parts.passthroughs.isEmpty()) {
			parts.dtb = passthroughTree(name, parts, where);
		}
		long size = parts.memory != null ? parts.memory
				: !dom0 ? 0 : dom0MemoryOption != null ? dom0MemoryOption : DOM0_DEFAULT_MEMORY;
		Domain.Memory memory = new Domain.Memory(size, parts.memoryWhere, List.copyOf(parts.banks),
				parts.directMap || dom0);
		Domain.Kernel kernel = new Domain.Kernel(parts.kernel, parts.args,
				parts.kernelWhere != null ? parts.kernelWhere : where);
		long vcpus = parts.vcpus != null ? parts.vcpus
				: !dom0 ? 1 : dom0VcpusOption != null && dom0VcpusOption > 0 ? dom0VcpusOption : dom0Vcpus();
		Domain.Options options = new Domain.Options(parts.enhanced, parts.llc, parts.caps, parts.p2m,
				parts.grantFrames, parts.maptrackFrames, parts.grantVersion, parts.sve, parts.trapUnmapped,
				List.copyOf(parts.affinities), parts.sci, parts.iommu);
		return context.origin(d, new Domain(name, dom0 ? Domain.Kind.DOM0 : Domain.Kind.DOMU, where, vcpus, memory,
				kernel, parts.ramdisk, parts.dtb,
				new Domain.Devices(parts.vpl011, List.copyOf(parts.passthroughs), parts.nrSpis, List.copyOf(parts.hidden)),
				parts.pool, options, List.copyOf(parts.after), parts.features));
	}

	/** Declared with the dom0 keyword: the classic dom0. */
	static boolean isDom0(dev.domino.ast.Domain d) {
		return d.isDom0();
	}

	/** A domain's name: as declared, or dom0. */
	static String nameOf(dev.domino.ast.Domain d) {
		return d.isDom0() ? "dom0" : d.getName();
	}

	/** Without dom0_max_vcpus=, dom0 gets one vCPU per CPU of Pool-0 (RELEASE-4.17.0:xen/arch/arm/domain_build.c:79-90). */
	private long dom0Vcpus() {
		Set<String> pooled = new HashSet<>();
		for (Cpupool pool : pools.values()) {
			pool.cpus().stream().filter(m -> m.cpu() != null).forEach(m -> pooled.add(m.cpu().name()));
		}
		if (pooled.contains(board.cpus().get(0).name())) {
			return board.cpus().size(); // CPU 0's pool becomes Pool-0: not modelled further
		}
		return Math.max(1, board.cpus().size() - pooled.size());
	}

	private void item(String name, DomainItem item, Parts parts) {
		Locations locations = context.locations;
		if (item instanceof Vcpus v) {
			Integer n = context.values.count(v.getCount(), "vcpus", 1, 1024);
			parts.vcpus = n == null ? 1L : n;
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
		} else if (item instanceof Hide h) {
			for (dev.domino.ast.Device ref : h.getDevices()) {
				if (ref != null && !ref.eIsProxy()) {
					board.device(ref.getName()).ifPresent(dev -> parts.hidden.add(new Located<>(dev, locations.of(h))));
				}
			}
		} else if (item instanceof dev.domino.ast.After a) {
			List<INode> refs = null; // the written names, needed only for a name that did not link
			SourceLocation where = locations.of(a);
			for (int i = 0; i < a.getDomains().size(); i++) {
				dev.domino.ast.Domain target = a.getDomains().get(i);
				String targetName = target.getName();
				if (target.eIsProxy()) {
					refs = refs != null ? refs : NodeModelUtils.findNodesForFeature(a, AST.getAfter_Domains());
					targetName = i < refs.size() ? refs.get(i).getText().trim() : targetName;
				}
				parts.after.add(new NameRef(targetName, where));
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
		} else {
			option(name, item, parts);
		}
	}

	/** The options that are one value each. */
	private void option(String name, DomainItem item, Parts parts) {
		Locations locations = context.locations;
		if (item instanceof P2mMemory p) {
			Long bytes = context.values.size(p.getSize(), "the P2M pool of domain " + name);
			if (bytes != null && bytes % (1L << 20) != 0) {
				context.report.at(RuleId.VALUE, locations.of(p.getSize()), "xen,domain-p2m-mem-mb is a whole number of"
						+ " MiB, not " + dev.domino.model.U64.size(bytes)).emit();
			} else if (bytes != null) {
				parts.p2m = new Located<>(bytes >>> 20, locations.of(p.getSize()));
			}
			parts.features.put(XenFeature.P2M_MEMORY, locations.head(p));
		} else if (item instanceof GrantFrames g) {
			parts.grantFrames = located(context.values.count(g.getCount(), "grant-frames", 1, Integer.MAX_VALUE), g);
			parts.features.put(XenFeature.GRANT_LIMITS, locations.head(g));
		} else if (item instanceof MaptrackFrames g) {
			parts.maptrackFrames = located(context.values.count(g.getCount(), "maptrack-frames", 0, Integer.MAX_VALUE), g);
			parts.features.put(XenFeature.GRANT_LIMITS, locations.head(g));
		} else if (item instanceof GrantVersion g) {
			parts.grantVersion = located(context.values.count(g.getVersion(), "grant-version", 1, 2), g);
			parts.features.put(XenFeature.GRANT_LIMITS, locations.head(g));
		} else if (item instanceof Sve s) {
			if (s.getBits() == null) {
				parts.sve = new Located<>(-1L, locations.of(s));
			} else {
				Integer bits = context.values.count(s.getBits(), "the SVE vector length", 0, 2048);
				if (bits != null && bits % 128 != 0) {
					context.report.at(RuleId.VALUE, locations.of(s.getBits()), "the SVE vector length is a multiple"
							+ " of 128 bits (at most 2048; 0 turns SVE off), not " + bits).emit();
				} else if (bits != null) {
					parts.sve = new Located<>(bits.longValue(), locations.of(s));
				}
			}
			parts.features.put(XenFeature.SVE, locations.head(s));
		} else if (item instanceof TrapUnmapped t) {
			parts.trapUnmapped = new Located<>(t.getState() == dev.domino.ast.OnOff.ON, locations.of(t));
			parts.features.put(XenFeature.TRAP_UNMAPPED, locations.head(t));
		} else if (item instanceof VcpuAffinity v) {
			Long id = context.values.eval(v.getId());
			if (id != null) {
				parts.affinities.add(new Domain.VcpuAffinity(id, v.getCpus(), locations.of(v)));
			}
			parts.features.put(XenFeature.VCPU_AFFINITY, locations.head(v));
		} else if (item instanceof Sci s) {
			parts.sci = new Located<>(s.getType() == dev.domino.ast.SciType.SCMI_SMC ? "scmi_smc" : "none",
					locations.of(s));
			parts.features.put(XenFeature.SCI, locations.head(s));
		} else if (item instanceof DomainIommu i) {
			parts.iommu = new Located<>(i.getState() == dev.domino.ast.EnabledDisabled.ENABLED, locations.of(i));
			parts.features.put(XenFeature.PASSTHROUGH_PROPERTY, locations.head(i));
		}
	}

	private Located<Long> located(Integer value, DomainItem item) {
		return value == null ? null : new Located<>(value.longValue(), context.locations.of(item));
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
		parts.features.putIfAbsent(XenFeature.DEVICE_PASSTHROUGH, context.locations.head(p));
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
			if (m.getAddress() != null) {
				Long base = context.values.eval(m.getAddress());
				if (base != null) {
					banks.add(Region.fixed("domain." + domain + ".memory0", RegionKind.STATIC_MEMORY,
							Owner.domain(domain), label, base, memory, locations.head(m))
							.writtenAt(locations.of(m.getAddress()), locations.of(m.getSize())));
				}
			} else if (m.isStatic()) {
				banks.add(Region.auto("domain." + domain + ".memory0", RegionKind.STATIC_MEMORY, Owner.domain(domain),
						label, memory, ImageBuilder.MODULE_STEP, locations.head(m))
						.writtenAt(null, locations.of(m.getSize())));
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
