package dev.domino.passthrough;

import java.util.List;
import java.util.Optional;

import dev.domino.fdt.DeviceTree;
import dev.domino.fdt.DtNode;
import dev.domino.fdt.DtProperty;
import dev.domino.fdt.FdtWriter;
import dev.domino.model.Board;
import dev.domino.model.Device;
import dev.domino.model.Irq;
import dev.domino.model.Passthrough;
import dev.domino.model.Region;

/**
 * The partial device tree a domain gets for its passthrough devices (Xen
 * docs/misc/arm/passthrough.txt): a {@code /passthrough} simple-bus with one node per device,
 * {@code reg} at guest addresses, {@code xen,reg} mapping host to guest, {@code xen,path} to the
 * host node, and SPIs routed through the guest's virtual GIC. A function of the resolved model
 * alone: placement needs its size before anything is placed, the emitters write it.
 */
public final class PassthroughTree {
	/** GUEST_PHANDLE_GIC in Xen's public/arch-arm.h. */
	public static final long GUEST_GIC_PHANDLE = 65000;
	private static final long LEVEL_HIGH = 4;

	private PassthroughTree() {
	}

	public static DeviceTree tree(Board board, DeviceTree baseTree, List<Passthrough> passthroughs,
			boolean directMap) {
		DtNode root = new DtNode("");
		root.set(DtProperty.cells("#address-cells", 2));
		root.set(DtProperty.cells("#size-cells", 2));
		DtNode bus = root.add(new DtNode("passthrough"));
		bus.set(DtProperty.strings("compatible", "simple-bus"));
		bus.set(DtProperty.empty("ranges"));
		bus.set(DtProperty.cells("#address-cells", 2));
		bus.set(DtProperty.cells("#size-cells", 2));
		for (Passthrough p : passthroughs) {
			if (p.device().regs().isEmpty()) {
				continue;
			}
			bus.add(deviceNode(p.device(), baseNode(baseTree, p.device()), p, directMap));
		}
		return new DeviceTree(root);
	}

	/** The size of the partial device tree as a DTB: the size of its boot module. */
	public static long size(Board board, DeviceTree baseTree, List<Passthrough> passthroughs, boolean directMap) {
		return FdtWriter.write(tree(board, baseTree, passthroughs, directMap)).length;
	}

	private static Optional<DtNode> baseNode(DeviceTree baseTree, Device device) {
		if (baseTree == null || device.dtPath() == null) {
			return Optional.empty();
		}
		return baseTree.root().find(device.dtPath());
	}

	private static DtNode deviceNode(Device device, Optional<DtNode> base, Passthrough p, boolean directMap) {
		long hostFirst = device.regs().get(0).fixedBase();
		long guestFirst = p.guestBase(directMap);
		String baseName = base.map(n -> n.name().replaceFirst("@.*$", "")).orElse(device.name());
		DtNode node = new DtNode(baseName + "@" + Long.toHexString(guestFirst));

		List<String> compatibles = device.compatibles();
		if (compatibles.isEmpty() && base.isPresent()) {
			compatibles = base.get().property("compatible").map(DtProperty::stringList).orElse(List.of());
		}
		if (!compatibles.isEmpty()) {
			node.set(DtProperty.strings("compatible", compatibles.toArray(String[]::new)));
		}
		long[] reg = new long[device.regs().size() * 4];
		long[] xenReg = new long[device.regs().size() * 6];
		int i = 0;
		for (Region r : device.regs()) {
			long guest = guestFirst + (r.fixedBase() - hostFirst);
			put(reg, i * 4, guest, r.size());
			put(xenReg, i * 6, r.fixedBase(), r.size());
			long[] g = DtProperty.split(guest, 2);
			xenReg[i * 6 + 4] = g[0];
			xenReg[i * 6 + 5] = g[1];
			i++;
		}
		node.set(DtProperty.cells("reg", reg));
		List<Irq> spis = device.irqs().stream().filter(q -> q.type() == Irq.Type.SPI).toList();
		if (!spis.isEmpty()) {
			long[] cells = new long[spis.size() * 3];
			for (int k = 0; k < spis.size(); k++) {
				cells[k * 3] = 0;
				cells[k * 3 + 1] = spis.get(k).number();
				cells[k * 3 + 2] = triggerFlags(base, spis.get(k).number());
			}
			node.set(DtProperty.cells("interrupts", cells));
			node.set(DtProperty.cells("interrupt-parent", GUEST_GIC_PHANDLE));
		}
		node.set(DtProperty.cells("xen,reg", xenReg));
		if (device.dtPath() != null) {
			node.set(DtProperty.strings("xen,path", device.dtPath()));
		}
		if (p.forceAssign()) {
			node.set(DtProperty.empty("xen,force-assign-without-iommu"));
		}
		return node;
	}

	private static void put(long[] cells, int at, long address, long size) {
		long[] a = DtProperty.split(address, 2);
		long[] s = DtProperty.split(size, 2);
		cells[at] = a[0];
		cells[at + 1] = a[1];
		cells[at + 2] = s[0];
		cells[at + 3] = s[1];
	}

	/** The trigger flags of an SPI as the base DTB gives them (3-cell GIC specifiers), else level-high. */
	private static long triggerFlags(Optional<DtNode> base, long spi) {
		if (base.isPresent()) {
			Optional<DtProperty> interrupts = base.get().property("interrupts");
			if (interrupts.isPresent() && interrupts.get().cellCount() % 3 == 0) {
				DtProperty p = interrupts.get();
				for (int k = 0; k < p.cellCount(); k += 3) {
					if (p.cell(k) == 0 && p.cell(k + 1) == spi) {
						return p.cell(k + 2);
					}
				}
			}
		}
		return LEVEL_HIGH;
	}
}
