package dev.domino.devicetree;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.domino.fdt.DeviceTree;
import dev.domino.fdt.DtNode;
import dev.domino.fdt.DtProperty;
import dev.domino.model.Arch;
import dev.domino.model.Board;
import dev.domino.model.Cpu;
import dev.domino.model.Device;
import dev.domino.model.Irq;
import dev.domino.model.Region;

/** Generates a board's device tree from its description, for boards without a base DTB. */
public final class BoardTree {
	private BoardTree() {
	}

	public static DeviceTree generate(Board board) {
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
			DtNode mem = root.add(new DtNode("memory@" + Long.toHexString(bank.fixedBase())));
			mem.set(DtProperty.strings("device_type", "memory"));
			mem.set(DtProperty.cells("reg", DtProperty.reg(bank.fixedBase(), bank.size(), 2, 2)));
		}
		if (!board.reserved().isEmpty()) {
			DtNode reserved = root.add(new DtNode("reserved-memory"));
			reserved.set(DtProperty.cells("#address-cells", 2));
			reserved.set(DtProperty.cells("#size-cells", 2));
			reserved.set(DtProperty.empty("ranges"));
			for (Region r : board.reserved()) {
				DtNode node = reserved.add(new DtNode(r.owner().name() + "@" + Long.toHexString(r.fixedBase())));
				node.set(DtProperty.cells("reg", DtProperty.reg(r.fixedBase(), r.size(), 2, 2)));
				node.set(DtProperty.empty("no-map"));
			}
		}
		for (Device d : board.devices()) {
			DtNode parent = parentFor(root, d);
			String nodeName = d.nodeName(); // a node made as the bus of an earlier device is this device
			DtNode node = parent.child(nodeName).orElseGet(() -> parent.add(new DtNode(nodeName)));
			if (!d.compatibles().isEmpty()) {
				node.set(DtProperty.strings("compatible", d.compatibles().toArray(String[]::new)));
			}
			if (!d.regs().isEmpty()) {
				long[] cells = new long[d.regs().size() * 4];
				int i = 0;
				for (Region r : d.regs()) {
					System.arraycopy(DtProperty.reg(r.fixedBase(), r.size(), 2, 2), 0, cells, i, 4);
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
		// an interrupt controller says how many address cells an interrupt-map entry gives it: none
		// without children (dtc's interrupt_provider check; Linux's GIC bindings write <0>)
		root.walk(node -> {
			if (node.property("interrupt-controller").isPresent() && node.property("#address-cells").isEmpty()) {
				node.set(DtProperty.cells("#address-cells", 0));
			}
		});
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
