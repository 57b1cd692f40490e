package dev.domino.devicetree;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.domino.fdt.DeviceTree;
import dev.domino.fdt.DtNode;
import dev.domino.fdt.DtProperty;
import dev.domino.model.Board;
import dev.domino.model.BootModule;
import dev.domino.model.Cpu;
import dev.domino.model.Cpupool;
import dev.domino.model.Domain;
import dev.domino.model.EventChannel;
import dev.domino.model.Region;
import dev.domino.model.Section;
import dev.domino.model.SharedMemory;
import dev.domino.model.SystemModel;
import dev.domino.mpu.MpuPlan;
import dev.domino.placement.PlacedRegion;
import dev.domino.placement.PlacedSystem;
import dev.domino.xen.XenVersion;

/**
 * Xen's bindings under {@code /chosen} (docs/misc/arm/device-tree/booting.txt): Xen's command line,
 * the static heap, the XSM policy, MPU sections, boot-time cpupools, the classic dom0 (its modules
 * directly under /chosen) and one {@code xen,domain} node per dom0less domain in creation order,
 * with its boot modules, options, shared memory and event channels.
 */
final class XenBindings {
	// the properties every domain node has alike: made once (properties are immutable), not per domain and edit
	private static final DtProperty DOMAIN_COMPATIBLE = DtProperty.strings("compatible", "xen,domain");
	private static final DtProperty TWO_ADDRESS_CELLS = DtProperty.cells("#address-cells", 2);
	private static final DtProperty TWO_SIZE_CELLS = DtProperty.cells("#size-cells", 2);
	private static final DtProperty VPL011 = DtProperty.empty("vpl011");
	private static final DtProperty DIRECT_MAP = DtProperty.empty("direct-map");
	private static final DtProperty ENHANCED = DtProperty.strings("xen,enhanced", "enabled");
	private static final DtProperty ENHANCED_NO_XENSTORE = DtProperty.strings("xen,enhanced", "no-xenstore");
	private static final DtProperty VCPU_COMPATIBLE = DtProperty.strings("compatible", "xen,vcpu");
	private static final DtProperty KERNEL = moduleCompatible("multiboot,kernel");
	private static final DtProperty RAMDISK = moduleCompatible("multiboot,ramdisk");
	private static final DtProperty DEVICE_TREE = moduleCompatible("multiboot,device-tree");
	private static final DtProperty XSM_POLICY = moduleCompatible("xen,xsm-policy");

	private final PlacedSystem placed;
	private final SystemModel system;
	private final DtNode chosen;
	private final Map<String, Long> poolPhandles = new HashMap<>();
	/** Each event channel end's node: its phandle is what the other end names. */
	private final Map<EventChannel.End, Long> endPhandles = new HashMap<>();
	private long nextPhandle;

	private XenBindings(PlacedSystem placed, DtNode chosen) {
		this.placed = placed;
		this.system = placed.model();
		this.chosen = chosen;
	}

	static void add(DeviceTree tree, PlacedSystem placed, MpuPlan plan) {
		DtNode root = tree.root();
		Map<String, Long> cpuPhandles = cpuPhandles(placed.model().board(), tree);
		XenBindings b = new XenBindings(placed, root.childOrCreate("chosen"));
		b.nextPhandle = tree.maxPhandle() + 1;
		b.write(root.addressCells(), root.sizeCells(), plan, cpuPhandles);
	}

	private void write(int addressCells, int sizeCells, MpuPlan plan, Map<String, Long> cpuPhandles) {
		if (chosenNeedsCells(addressCells, sizeCells)) {
			chosen.set(DtProperty.cells("#address-cells", 2));
			chosen.set(DtProperty.cells("#size-cells", 2));
		}
		String line = system.xen().commandLine();
		if (line != null && !line.isEmpty()) {
			chosen.set(DtProperty.strings("xen,xen-bootargs", line));
		}
		PlacedRegion heap = placed.at(system.xen().heap());
		if (heap != null) {
			// in the root node's cells (RELEASE-4.17.0:xen/arch/arm/bootfdt.c:305-319)
			chosen.set(DtProperty.cells("xen,static-heap",
					DtProperty.reg(heap.base(), heap.size(), addressCells, sizeCells)));
		}
		if (plan != null) {
			for (Section.Kind kind : Section.Kind.values()) {
				PlacedRegion section = plan.sections().get(kind);
				if (section != null) {
					chosen.set(DtProperty.cells(kind.property(),
							DtProperty.reg(section.base(), section.size(), addressCells, sizeCells)));
				}
			}
		}
		module(chosen, system.xen().policy(), XSM_POLICY, null);
		for (Cpupool pool : system.cpupools()) {
			DtNode node = chosen.add(new DtNode(pool.name()));
			node.set(DtProperty.strings("compatible", "xen,cpupool"));
			long[] cpus = pool.cpus().stream().filter(m -> m.cpu() != null).map(m -> m.cpu().name())
					.filter(cpuPhandles::containsKey).mapToLong(cpuPhandles::get).toArray();
			node.set(DtProperty.cells("cpupool-cpus", cpus));
			if (pool.schedulerName() != null) {
				node.set(DtProperty.strings("cpupool-sched", pool.schedulerName()));
			}
			node.set(DtProperty.cells("phandle", nextPhandle));
			poolPhandles.put(pool.name(), nextPhandle++);
		}
		for (EventChannel e : system.eventChannels()) {
			endPhandles.put(e.first(), nextPhandle++);
			endPhandles.put(e.second(), nextPhandle++);
		}
		system.dom0().ifPresent(this::dom0);
		for (Domain d : system.domUs()) {
			chosen.add(domainNode(d));
		}
	}

	/**
	 * /chosen's own cells are read for the reg of its module children (dom0's kernel and ramdisk, the
	 * XSM policy) and, from Xen 4.17, for each domain's xen,static-mem. A node without #address-cells
	 * inherits its parent's in Xen (RELEASE-4.17.0:xen/arch/arm/bootfdt.c:161-167, and
	 * xen/common/device_tree.c:482-497 for the unflattened tree), so with 2/2 in the root they are
	 * needed only for module children; without any, dtc warns that they are unnecessary
	 * (avoid_unnecessary_addr_size). Static memory under a root with other cells keeps them.
	 */
	private boolean chosenNeedsCells(int addressCells, int sizeCells) {
		boolean modules = system.xen().policy() != null
				|| system.dom0().map(d -> d.kernelModule() != null || d.ramdisk() != null).orElse(false);
		boolean staticMemory = system.domUs().stream().anyMatch(Domain::isStatic)
				&& system.xen().version().atLeast(new XenVersion(4, 17));
		return modules || chosen.children().stream().anyMatch(c -> c.property("reg").isPresent())
				|| (staticMemory && (addressCells != 2 || sizeCells != 2));
	}

	/** dom0: its modules, command line, shared memory and event channels directly under /chosen. */
	private void dom0(Domain d) {
		module(chosen, d.kernelModule(), KERNEL, null);
		module(chosen, d.ramdisk(), RAMDISK, null);
		if (d.kernel().args() != null) {
			// overrides the kernel module's bootargs (RELEASE-4.17.0:xen/arch/arm/domain_build.c:518-522)
			chosen.set(DtProperty.strings("xen,dom0-bootargs", d.kernel().args()));
		}
		sharedMemory(chosen, d);
		eventChannels(chosen, d);
	}

	private DtNode domainNode(Domain d) {
		DtNode node = new DtNode(d.name());
		node.set(DOMAIN_COMPATIBLE);
		node.set(TWO_ADDRESS_CELLS);
		node.set(TWO_SIZE_CELLS);
		// KiB in two cells: one cell fails "cannot read memory property" (RELEASE-4.12.0:xen/common/device_tree.c:180-192)
		node.set(DtProperty.cells("memory", DtProperty.split(d.memory().size() / 1024, 2)));
		node.set(DtProperty.cells("cpus", d.vcpus()));
		if (d.vpl011()) {
			node.set(VPL011);
		}
		if (d.devices().nrSpis() != null) {
			node.set(DtProperty.cells("nr_spis", d.devices().nrSpis().value()));
		}
		if (d.directMap()) {
			node.set(DIRECT_MAP);
		}
		if (d.isStatic()) {
			staticMemory(node, d);
		}
		Domain.Options o = d.options();
		switch (o.enhanced()) {
		case ENABLED -> node.set(ENHANCED);
		case NO_XENSTORE -> node.set(ENHANCED_NO_XENSTORE);
		default -> {
		}
		}
		if (d.cpupool() != null && poolPhandles.containsKey(d.cpupool().value().name())) {
			node.set(DtProperty.cells("domain-cpupool", poolPhandles.get(d.cpupool().value().name())));
		}
		if (o.llcColors() != null) {
			node.set(DtProperty.strings("llc-colors", o.llcColors()));
		}
		if (!o.capabilities().isEmpty()) {
			node.set(DtProperty.cells("capabilities", o.capabilities().stream().mapToInt(Domain.Capability::bit).sum()));
		}
		if (o.p2mMiB() != null) {
			node.set(DtProperty.cells("xen,domain-p2m-mem-mb", o.p2mMiB().value()));
		}
		if (o.grantVersion() != null) {
			node.set(DtProperty.cells("max_grant_version", o.grantVersion().value()));
		}
		if (o.grantFrames() != null) {
			node.set(DtProperty.cells("max_grant_frames", o.grantFrames().value()));
		}
		if (o.maptrackFrames() != null) {
			node.set(DtProperty.cells("max_maptrack_frames", o.maptrackFrames().value()));
		}
		if (o.sve() != null) {
			node.set(o.sve().value() < 0 ? DtProperty.empty("sve") : DtProperty.cells("sve", o.sve().value()));
		}
		if (o.trapUnmapped() != null) {
			node.set(DtProperty.cells("trap-unmapped-accesses", o.trapUnmapped().value() ? 1 : 0));
		}
		if (o.sci() != null) {
			node.set(DtProperty.strings("xen,sci_type", o.sci().value()));
		}
		if (o.iommu() != null) {
			node.set(DtProperty.strings("passthrough", o.iommu().value() ? "enabled" : "disabled"));
		}
		module(node, d.kernelModule(), KERNEL, d.kernel().args());
		module(node, d.ramdisk(), RAMDISK, null);
		module(node, d.dtb(), DEVICE_TREE, null);
		for (Domain.VcpuAffinity a : o.affinities()) {
			DtNode vcpu = node.add(new DtNode("vcpu" + a.vcpu()));
			vcpu.set(VCPU_COMPATIBLE);
			vcpu.set(DtProperty.cells("id", a.vcpu()));
			vcpu.set(DtProperty.strings("hard-affinity", a.cpus()));
		}
		sharedMemory(node, d);
		eventChannels(node, d);
		return node;
	}

	/**
	 * xen,static-mem in the domain node's cells. Only Xen 4.16 reads #xen,static-mem-*-cells; from 4.17
	 * the cells are /chosen's (RELEASE-4.17.0:xen/arch/arm/domain_build.c:561-576), both 2 here.
	 */
	private void staticMemory(DtNode node, Domain d) {
		if (!system.xen().version().atLeast(new XenVersion(4, 17))) {
			node.set(DtProperty.cells("#xen,static-mem-address-cells", 2));
			node.set(DtProperty.cells("#xen,static-mem-size-cells", 2));
		}
		long[] cells = new long[d.staticBanks().size() * 4];
		int i = 0;
		for (Region r : d.staticBanks()) {
			PlacedRegion bank = placed.at(r);
			if (bank != null) {
				System.arraycopy(DtProperty.reg(bank.base(), bank.size(), 2, 2), 0, cells, i, 4);
			}
			i += 4;
		}
		node.set(DtProperty.cells("xen,static-mem", cells));
	}

	/**
	 * The domain's shared-memory nodes. With an owner domain every node has a role; without one, no
	 * node has a role and Xen owns the pages (DOMID_IO): RELEASE-4.17.0:xen/arch/arm/domain_build.c:977-1013.
	 */
	private void sharedMemory(DtNode parent, Domain d) {
		for (SharedMemory s : system.sharedMemories()) {
			PlacedRegion host = placed.at(s.host());
			SharedMemory.Peer peer = s.peerOf(d);
			if (host == null || peer == null) {
				continue;
			}
			// no unit address: the node has no reg (dtc's unit_address_vs_reg); Xen finds it by its compatible
			DtNode shm = parent.add(new DtNode("shared-mem-" + s.name()));
			shm.set(DtProperty.strings("compatible", "xen,domain-shared-memory-v1"));
			if (s.owner() != null) {
				shm.set(DtProperty.strings("role", peer == s.owner() ? "owner" : "borrower"));
			}
			shm.set(DtProperty.strings("xen,shm-id", s.name()));
			long[] cells = new long[6];
			System.arraycopy(DtProperty.split(host.base(), 2), 0, cells, 0, 2);
			System.arraycopy(DtProperty.split(SharedMemory.guestAddress(peer, host.base()), 2), 0, cells, 2, 2);
			System.arraycopy(DtProperty.split(host.size(), 2), 0, cells, 4, 2);
			shm.set(DtProperty.cells("xen,shared-mem", cells));
		}
	}

	/** The domain's ends of static event channels: each names its port and the node of the other end. */
	private void eventChannels(DtNode parent, Domain d) {
		for (EventChannel e : system.eventChannels()) {
			for (EventChannel.End end : new EventChannel.End[] { e.first(), e.second() }) {
				if (end.domain() != d) {
					continue;
				}
				EventChannel.End other = end == e.first() ? e.second() : e.first();
				DtNode node = parent.add(new DtNode("evtchn-" + e.name() + (end == e.first() ? "" : "-2")));
				node.set(DtProperty.strings("compatible", "xen,evtchn-v1"));
				node.set(DtProperty.cells("xen,evtchn", end.port(), endPhandles.get(other)));
				node.set(DtProperty.cells("phandle", endPhandles.get(end)));
			}
		}
	}

	private static DtProperty moduleCompatible(String kind) {
		return DtProperty.strings("compatible", kind, "multiboot,module");
	}

	private void module(DtNode parent, BootModule module, DtProperty compatible, String bootargs) {
		PlacedRegion at = module == null ? null : placed.at(module.region());
		if (at == null) {
			return;
		}
		DtNode node = parent.add(new DtNode("module@" + Long.toHexString(at.base())));
		node.set(compatible);
		node.set(DtProperty.cells("reg", DtProperty.reg(at.base(), module.loadSize(), 2, 2)));
		if (bootargs != null) {
			node.set(DtProperty.strings("bootargs", bootargs));
		}
	}

	/** Phandles of CPU nodes by CPU name, adding phandles where the tree has none (cpupools need them). */
	private static Map<String, Long> cpuPhandles(Board board, DeviceTree tree) {
		Map<String, Long> out = new HashMap<>();
		Optional<DtNode> cpusNode = tree.root().child("cpus");
		if (cpusNode.isEmpty()) {
			return out;
		}
		long next = tree.maxPhandle() + 1;
		for (Cpu cpu : board.cpus()) {
			for (DtNode node : cpusNode.get().children()) {
				Optional<DtProperty> reg = node.property("reg");
				boolean isCpu = node.property("device_type").map(p -> p.string().equals("cpu")).orElse(false);
				if (!isCpu || reg.isEmpty() || regValue(reg.get()) != cpu.mpidr()) {
					continue;
				}
				Optional<DtProperty> phandle = node.property("phandle");
				if (phandle.isPresent()) {
					out.put(cpu.name(), phandle.get().cell(0));
				} else {
					node.set(DtProperty.cells("phandle", next));
					out.put(cpu.name(), next++);
				}
			}
		}
		return out;
	}

	private static long regValue(DtProperty reg) {
		long v = 0;
		for (int i = 0; i < reg.cellCount(); i++) {
			v = (v << 32) | reg.cell(i);
		}
		return v;
	}
}
