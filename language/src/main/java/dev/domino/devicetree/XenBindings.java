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
import dev.domino.model.Region;
import dev.domino.model.Section;
import dev.domino.model.SharedMemory;
import dev.domino.mpu.MpuPlan;
import dev.domino.placement.PlacedRegion;
import dev.domino.placement.PlacedSystem;

/**
 * Xen's dom0less bindings under {@code /chosen} (docs/misc/arm/device-tree/booting.txt): Xen's
 * command line, the static heap, MPU sections, boot-time cpupools and one {@code xen,domain} node
 * per domain in creation order, with its boot modules and shared memory.
 */
final class XenBindings {
	private XenBindings() {
	}

	static void add(DeviceTree tree, PlacedSystem placed, MpuPlan plan) {
		var system = placed.model();
		DtNode root = tree.root();
		int addressCells = root.addressCells();
		int sizeCells = root.sizeCells();
		Map<String, Long> cpuPhandles = cpuPhandles(system.board(), tree);

		DtNode chosen = root.childOrCreate("chosen");
		chosen.set(DtProperty.cells("#address-cells", 2));
		chosen.set(DtProperty.cells("#size-cells", 2));
		if (system.xen().bootargs() != null && !system.xen().bootargs().isEmpty()) {
			chosen.set(DtProperty.strings("xen,xen-bootargs", system.xen().bootargs()));
		}
		PlacedRegion heap = placed.at(system.xen().heap());
		if (heap != null) {
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
		Map<String, Long> poolPhandles = new HashMap<>();
		long nextPhandle = tree.maxPhandle() + 1;
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
		for (Domain d : system.domains()) {
			chosen.add(domainNode(placed, d, poolPhandles));
		}
	}

	private static DtNode domainNode(PlacedSystem placed, Domain d, Map<String, Long> poolPhandles) {
		DtNode node = new DtNode(d.name());
		node.set(DtProperty.strings("compatible", "xen,domain"));
		node.set(DtProperty.cells("#address-cells", 2));
		node.set(DtProperty.cells("#size-cells", 2));
		node.set(DtProperty.cells("memory", DtProperty.split(d.memory().size() / 1024, 2)));
		node.set(DtProperty.cells("cpus", d.vcpus()));
		if (d.vpl011()) {
			node.set(DtProperty.empty("vpl011"));
		}
		if (d.devices().nrSpis() != null) {
			node.set(DtProperty.cells("nr_spis", d.devices().nrSpis().value()));
		}
		if (d.directMap()) {
			node.set(DtProperty.empty("direct-map"));
		}
		if (d.isStatic()) {
			node.set(DtProperty.cells("#xen,static-mem-address-cells", 2));
			node.set(DtProperty.cells("#xen,static-mem-size-cells", 2));
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
		switch (d.options().enhanced()) {
		case ENABLED -> node.set(DtProperty.strings("xen,enhanced", "enabled"));
		case NO_XENSTORE -> node.set(DtProperty.strings("xen,enhanced", "no-xenstore"));
		default -> {
		}
		}
		if (d.cpupool() != null && poolPhandles.containsKey(d.cpupool().value().name())) {
			node.set(DtProperty.cells("domain-cpupool", poolPhandles.get(d.cpupool().value().name())));
		}
		if (d.options().llcColors() != null) {
			node.set(DtProperty.strings("llc-colors", d.options().llcColors()));
		}
		if (!d.options().capabilities().isEmpty()) {
			node.set(DtProperty.cells("capabilities",
					d.options().capabilities().stream().mapToInt(Domain.Capability::bit).sum()));
		}
		module(placed, node, d.kernel().module(), "multiboot,kernel", d.kernel().args());
		module(placed, node, d.ramdisk(), "multiboot,ramdisk", null);
		module(placed, node, d.dtb(), "multiboot,device-tree", null);
		for (SharedMemory s : placed.model().sharedMemories()) {
			PlacedRegion host = placed.at(s.host());
			if (host == null) {
				continue;
			}
			for (SharedMemory.Peer peer : s.peers()) {
				if (peer.domain() == d) {
					DtNode shm = node.add(new DtNode("shared-mem-" + s.name() + "@" + Long.toHexString(host.base())));
					shm.set(DtProperty.strings("compatible", "xen,domain-shared-memory-v1"));
					shm.set(DtProperty.strings("role", peer == s.owner() ? "owner" : "borrower"));
					shm.set(DtProperty.strings("xen,shm-id", s.name()));
					long[] cells = new long[6];
					System.arraycopy(DtProperty.split(host.base(), 2), 0, cells, 0, 2);
					System.arraycopy(DtProperty.split(SharedMemory.guestAddress(peer, host.base()), 2), 0, cells, 2, 2);
					System.arraycopy(DtProperty.split(host.size(), 2), 0, cells, 4, 2);
					shm.set(DtProperty.cells("xen,shared-mem", cells));
				}
			}
		}
		return node;
	}

	private static void module(PlacedSystem placed, DtNode parent, BootModule module, String compatible,
			String bootargs) {
		PlacedRegion at = module == null ? null : placed.at(module.region());
		if (at == null) {
			return;
		}
		DtNode node = parent.add(new DtNode("module@" + Long.toHexString(at.base())));
		node.set(DtProperty.strings("compatible", compatible, "multiboot,module"));
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
