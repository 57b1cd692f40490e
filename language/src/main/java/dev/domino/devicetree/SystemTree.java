package dev.domino.emit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.domino.fdt.DeviceTree;
import dev.domino.fdt.DtNode;
import dev.domino.fdt.DtProperty;
import dev.domino.model.Arch;
import dev.domino.model.Board;
import dev.domino.model.BootModule;
import dev.domino.model.Cpu;
import dev.domino.model.Cpupool;
import dev.domino.model.Device;
import dev.domino.model.Domain;
import dev.domino.model.Irq;
import dev.domino.model.NameRef;
import dev.domino.model.Passthrough;
import dev.domino.model.Region;
import dev.domino.model.Section;
import dev.domino.model.SharedMemory;
import dev.domino.model.SystemModel;
import dev.domino.mpu.MpuPlan;

/**
 * The device tree Xen boots with: the board's base DTB (or a tree generated from the board
 * description), plus {@code /chosen} with Xen's dom0less bindings (booting.txt): Xen's command
 * line, static heap, MPU sections, cpupools and one {@code xen,domain} node per domain in
 * creation order, and {@code xen,passthrough} on every device given to a domain.
 */
public final class SystemTree {
	private SystemTree() {
	}

	/** The board alone: the base DTB, or a tree generated from the description. */
	public static DeviceTree board(Board board, DeviceTree baseTree) {
		return baseTree != null ? baseTree.deepCopy() : BoardTree.generate(board);
	}

	public static DeviceTree build(SystemModel system, DeviceTree baseTree, MpuPlan plan) {
		DeviceTree tree = board(system.board(), baseTree);
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
		Region heap = system.xen().heap();
		if (heap != null && heap.isPlaced()) {
			chosen.set(DtProperty.cells("xen,static-heap", reg(heap.base(), heap.size(), addressCells, sizeCells)));
		}
		if (plan != null) {
			for (Section.Kind kind : Section.Kind.values()) {
				Region section = plan.sections().get(kind);
				if (section != null) {
					chosen.set(DtProperty.cells(kind.property(),
							reg(section.base(), section.size(), addressCells, sizeCells)));
				}
			}
		}
		Map<String, Long> poolPhandles = new HashMap<>();
		long nextPhandle = tree.maxPhandle() + 1;
		for (Cpupool pool : system.cpupools()) {
			DtNode node = chosen.add(new DtNode(pool.name()));
			node.set(DtProperty.strings("compatible", "xen,cpupool"));
			long[] cpus = pool.cpus().stream().map(NameRef::name).filter(cpuPhandles::containsKey)
					.mapToLong(cpuPhandles::get).toArray();
			node.set(DtProperty.cells("cpupool-cpus", cpus));
			if (pool.scheduler() != null) {
				node.set(DtProperty.strings("cpupool-sched", pool.scheduler()));
			}
			node.set(DtProperty.cells("phandle", nextPhandle));
			poolPhandles.put(pool.name(), nextPhandle++);
		}
		for (Domain d : system.domains()) {
			chosen.add(domainNode(system, d, poolPhandles));
		}
		for (Domain d : system.domains()) {
			for (Passthrough p : d.passthroughs()) {
				system.board().device(p.device()).flatMap(dev -> deviceNode(tree, dev))
						.ifPresent(node -> node.set(DtProperty.empty("xen,passthrough")));
			}
		}
		return tree;
	}

	private static DtNode domainNode(SystemModel system, Domain d, Map<String, Long> poolPhandles) {
		DtNode node = new DtNode(d.name());
		node.set(DtProperty.strings("compatible", "xen,domain"));
		node.set(DtProperty.cells("#address-cells", 2));
		node.set(DtProperty.cells("#size-cells", 2));
		node.set(DtProperty.cells("memory", DtProperty.split(d.memory() / 1024, 2)));
		node.set(DtProperty.cells("cpus", d.vcpus()));
		if (d.vpl011()) {
			node.set(DtProperty.empty("vpl011"));
		}
		if (d.nrSpis() != null) {
			node.set(DtProperty.cells("nr_spis", d.nrSpis()));
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
				System.arraycopy(reg(r.base(), r.size(), 2, 2), 0, cells, i, 4);
				i += 4;
			}
			node.set(DtProperty.cells("xen,static-mem", cells));
		}
		switch (d.enhanced()) {
		case ENABLED -> node.set(DtProperty.strings("xen,enhanced", "enabled"));
		case NO_XENSTORE -> node.set(DtProperty.strings("xen,enhanced", "no-xenstore"));
		default -> {
		}
		}
		if (d.cpupool() != null && poolPhandles.containsKey(d.cpupool().name())) {
			node.set(DtProperty.cells("domain-cpupool", poolPhandles.get(d.cpupool().name())));
		}
		if (d.llcColors() != null) {
			node.set(DtProperty.strings("llc-colors", d.llcColors()));
		}
		if (!d.capabilities().isEmpty()) {
			node.set(DtProperty.cells("capabilities",
					d.capabilities().stream().mapToInt(Domain.Capability::bit).sum()));
		}
		module(node, d.kernel(), "multiboot,kernel", d.kernelArgs());
		module(node, d.ramdisk(), "multiboot,ramdisk", null);
		module(node, d.dtb(), "multiboot,device-tree", null);
		for (SharedMemory s : system.sharedMemories()) {
			for (SharedMemory.Peer peer : s.peers()) {
				if (peer.domain().name().equals(d.name()) && s.host().isPlaced()) {
					DtNode shm = node.add(new DtNode("shared-mem-" + s.name() + "@" + Long.toHexString(s.host().base())));
					shm.set(DtProperty.strings("compatible", "xen,domain-shared-memory-v1"));
					shm.set(DtProperty.strings("role", peer == s.owner() ? "owner" : "borrower"));
					shm.set(DtProperty.strings("xen,shm-id", s.name()));
					long[] cells = new long[6];
					System.arraycopy(DtProperty.split(s.host().base(), 2), 0, cells, 0, 2);
					System.arraycopy(DtProperty.split(s.guestAddress(peer), 2), 0, cells, 2, 2);
					System.arraycopy(DtProperty.split(s.host().size(), 2), 0, cells, 4, 2);
					shm.set(DtProperty.cells("xen,shared-mem", cells));
				}
			}
		}
		return node;
	}

	private static void module(DtNode parent, BootModule module, String compatible, String bootargs) {
		if (module == null || !module.region().isPlaced()) {
			return;
		}
		long base = module.region().base();
		DtNode node = parent.add(new DtNode("module@" + Long.toHexString(base)));
		node.set(DtProperty.strings("compatible", compatible, "multiboot,module"));
		node.set(DtProperty.cells("reg", reg(base, module.loadSize(), 2, 2)));
		if (bootargs != null) {
			node.set(DtProperty.strings("bootargs", bootargs));
		}
	}

	/** Address and size in the given numbers of cells. */
	public static long[] reg(long address, long size, int addressCells, int sizeCells) {
		long[] out = new long[addressCells + sizeCells];
		System.arraycopy(DtProperty.split(address, addressCells), 0, out, 0, addressCells);
		System.arraycopy(DtProperty.split(size, sizeCells), 0, out, addressCells, sizeCells);
		return out;
	}

	/** The node of a board device: its DT path, or the node a generated tree gave it. */
	public static Optional<DtNode> deviceNode(DeviceTree tree, Device device) {
		if (device.dtPath() != null) {
			return tree.root().find(device.dtPath());
		}
		return tree.root().child(BoardTree.nodeName(device));
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

	/** Generates a board's device tree from its description, for boards without a base DTB. */
	static final class BoardTree {
		private BoardTree() {
		}

		static String nodeName(Device d) {
			if (d.dtPath() != null) {
				String[] parts = d.dtPath().split("/");
				return parts[parts.length - 1];
			}
			return d.regs().isEmpty() ? d.name() : d.name() + "@" + Long.toHexString(d.regs().get(0).base());
		}

		static DeviceTree generate(Board board) {
			DtNode root = new DtNode("");
			DeviceTree tree = new DeviceTree(root);
			long[] phandle = { 1 };
			Map<String, Long> phandles = new HashMap<>();
			for (Device d : board.devices()) {
				if (d.isInterruptController() || d.isIommu()) {
					phandles.put(d.name(), phandle[0]++);
				}
			}
			root.set(DtProperty.cells("#address-cells", 2));
			root.set(DtProperty.cells("#size-cells", 2));
			root.set(DtProperty.strings("model", board.name()));
			root.set(DtProperty.strings("compatible", "domino," + board.name().replace('_', '-')));
			board.gic().ifPresent(gic -> root.set(DtProperty.cells("interrupt-parent", phandles.get(gic.name()))));

			DtNode cpus = root.add(new DtNode("cpus"));
			boolean wide = board.cpus().stream().anyMatch(c -> (c.mpidr() >>> 32) != 0);
			cpus.set(DtProperty.cells("#address-cells", wide ? 2 : 1));
			cpus.set(DtProperty.cells("#size-cells", 0));
			for (Cpu cpu : board.cpus()) {
				DtNode node = cpus.add(new DtNode("cpu@" + Long.toHexString(cpu.mpidr())));
				node.set(DtProperty.strings("device_type", "cpu"));
				node.set(DtProperty.strings("compatible", board.arch() == Arch.AARCH64 ? "arm,armv8" : "arm,armv7"));
				node.set(DtProperty.cells("reg", DtProperty.split(cpu.mpidr(), wide ? 2 : 1)));
				if (board.psci() != null) {
					node.set(DtProperty.strings("enable-method", "psci"));
				}
				node.set(DtProperty.cells("phandle", phandle[0]++));
			}
			if (board.psci() != null) {
				DtNode psci = root.add(new DtNode("psci"));
				psci.set(DtProperty.strings("compatible", "arm,psci-1.0", "arm,psci-0.2"));
				psci.set(DtProperty.strings("method", board.psci().name().toLowerCase(java.util.Locale.ROOT)));
			}
			for (Region bank : board.banks()) {
				DtNode mem = root.add(new DtNode("memory@" + Long.toHexString(bank.base())));
				mem.set(DtProperty.strings("device_type", "memory"));
				mem.set(DtProperty.cells("reg", reg(bank.base(), bank.size(), 2, 2)));
			}
			if (!board.reserved().isEmpty()) {
				DtNode reserved = root.add(new DtNode("reserved-memory"));
				reserved.set(DtProperty.cells("#address-cells", 2));
				reserved.set(DtProperty.cells("#size-cells", 2));
				reserved.set(DtProperty.empty("ranges"));
				for (Region r : board.reserved()) {
					DtNode node = reserved.add(new DtNode(r.owner().name() + "@" + Long.toHexString(r.base())));
					node.set(DtProperty.cells("reg", reg(r.base(), r.size(), 2, 2)));
					node.set(DtProperty.empty("no-map"));
				}
			}
			for (Device d : board.devices()) {
				DtNode parent = parentFor(root, d);
				String nodeName = nodeName(d); // a node made as the bus of an earlier device is this device
				DtNode node = parent.child(nodeName).orElseGet(() -> parent.add(new DtNode(nodeName)));
				if (!d.compatibles().isEmpty()) {
					node.set(DtProperty.strings("compatible", d.compatibles().toArray(String[]::new)));
				}
				if (!d.regs().isEmpty()) {
					long[] cells = new long[d.regs().size() * 4];
					int i = 0;
					for (Region r : d.regs()) {
						System.arraycopy(reg(r.base(), r.size(), 2, 2), 0, cells, i, 4);
						i += 4;
					}
					node.set(DtProperty.cells("reg", cells));
				}
				if (!d.irqs().isEmpty()) {
					List<Irq> irqs = d.irqs();
					long[] cells = new long[irqs.size() * 3];
					for (int i = 0; i < irqs.size(); i++) {
						cells[i * 3] = irqs.get(i).type() == Irq.Type.SPI ? 0 : 1;
						cells[i * 3 + 1] = irqs.get(i).number();
						cells[i * 3 + 2] = 4;
					}
					node.set(DtProperty.cells("interrupts", cells));
				}
				if (d.isInterruptController()) {
					node.set(DtProperty.empty("interrupt-controller"));
					node.set(DtProperty.cells("#interrupt-cells", 3));
				}
				if (d.isIommu()) {
					node.set(DtProperty.cells("#iommu-cells", 1));
				}
				if (d.iommu() != null && d.iommu().smmu() != null && phandles.containsKey(d.iommu().smmu())) {
					long stream = d.iommu().streamId() == null ? 0 : d.iommu().streamId();
					node.set(DtProperty.cells("iommus", phandles.get(d.iommu().smmu()), stream));
				}
				if (phandles.containsKey(d.name())) {
					node.set(DtProperty.cells("phandle", phandles.get(d.name())));
				}
			}
			root.add(new DtNode("chosen"));
			return tree;
		}

		/** The parent node of a device with a nested DT path, creating simple-bus nodes on the way. */
		private static DtNode parentFor(DtNode root, Device d) {
			if (d.dtPath() == null) {
				return root;
			}
			String[] parts = d.dtPath().replaceFirst("^/", "").split("/");
			DtNode node = root;
			for (int i = 0; i < parts.length - 1; i++) {
				Optional<DtNode> existing = node.child(parts[i]);
				if (existing.isPresent()) {
					node = existing.get();
					if (node.property("#address-cells").isEmpty()) {
						// a device with devices below it (a GIC and its ITS): their reg are CPU addresses
						node.set(DtProperty.cells("#address-cells", 2));
						node.set(DtProperty.cells("#size-cells", 2));
						node.set(DtProperty.empty("ranges"));
					}
					continue;
				}
				DtNode bus = node.add(new DtNode(parts[i]));
				bus.set(DtProperty.strings("compatible", "simple-bus"));
				bus.set(DtProperty.cells("#address-cells", 2));
				bus.set(DtProperty.cells("#size-cells", 2));
				bus.set(DtProperty.empty("ranges"));
				node = bus;
			}
			return node;
		}
	}
}
