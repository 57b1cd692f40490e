package dev.domino.passthrough;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
		// Xen takes the guest GIC's phandle from a /gic node of the fragment, if there is one
		// (RELEASE-4.13.0:xen/arch/arm/domain_build.c:2017-2023, RELEASE-4.20.0:xen/arch/arm/dom0less-build.c:509):
		// with GUEST_PHANDLE_GIC, the value Xen would use anyway, the interrupt-parent below resolves in
		// the fragment itself (dtc checks it: "interrupt-parent: Bad phandle"). Xen copies nothing else of it.
		DtNode gic = root.add(new DtNode("gic"));
		gic.set(DtProperty.empty("interrupt-controller"));
		gic.set(DtProperty.cells("#interrupt-cells", 3));
		gic.set(DtProperty.cells("#address-cells", 0));
		gic.set(DtProperty.cells("phandle", GUEST_GIC_PHANDLE));
		DtNode bus = root.add(new DtNode("passthrough"));
		bus.set(DtProperty.strings("compatible", "simple-bus"));
		bus.set(DtProperty.empty("ranges"));
		bus.set(DtProperty.cells("#address-cells", 2));
		bus.set(DtProperty.cells("#size-cells", 2));
		Map<Long, Long> clocks = new LinkedHashMap<>(); // host phandle -> guest phandle of a copied fixed clock
		for (Passthrough p : passthroughs) {
			if (p.device().regs().isEmpty()) {
				continue;
			}
			Optional<DtNode> base = baseNode(baseTree, p.device());
			bus.add(deviceNode(p.device(), base, p, directMap, baseTree, bus, clocks));
		}
		return new DeviceTree(root);
	}

	/** The size of the partial device tree as a DTB: the size of its boot module. */
	public static long size(Board board, DeviceTree baseTree, List<Passthrough> passthroughs, boolean directMap) {
		return FdtWriter.size(tree(board, baseTree, passthroughs, directMap));
	}

	private static Optional<DtNode> baseNode(DeviceTree baseTree, Device device) {
		if (baseTree == null || device.dtPath() == null) {
			return Optional.empty();
		}
		return baseTree.root().find(device.dtPath());
	}

	/**
	 * Properties of the host node the guest cannot use as they are: addresses and interrupts are
	 * written for the guest, and what points at other host nodes (IOMMUs, resets, pins, power, DMA)
	 * means nothing in the guest. Clocks are kept when they are fixed clocks, copied along.
	 */
	private static final Set<String> NOT_COPIED = Set.of("reg", "interrupts", "interrupts-extended",
			"interrupt-parent", "phandle", "linux,phandle", "status", "iommus", "iommu-map", "msi-parent", "resets",
			"reset-names", "power-domains", "power-domain-names", "dmas", "dma-names", "clocks", "clock-names",
			"assigned-clocks", "assigned-clock-rates", "assigned-clock-parents", "xen,passthrough");

	private static DtNode deviceNode(Device device, Optional<DtNode> base, Passthrough p, boolean directMap,
			DeviceTree baseTree, DtNode bus, Map<Long, Long> clocks) {
		long hostFirst = device.regs().get(0).fixedBase();
		long guestFirst = p.guestBase(directMap);
		String baseName = base.map(n -> n.name().replaceFirst("@.*$", "")).orElse(device.name());
		DtNode node = new DtNode(baseName + "@" + Long.toHexString(guestFirst));

		// the hardware's own compatible list when there is one (a PL061 is "arm,pl061", "arm,primecell":
		// Linux's driver is an AMBA one and binds only with the latter)
		List<String> compatibles = base.flatMap(n -> n.property("compatible")).map(DtProperty::stringList)
				.filter(l -> !l.isEmpty()).orElse(device.compatibles());
		if (!compatibles.isEmpty()) {
			node.set(DtProperty.strings("compatible", compatibles.toArray(String[]::new)));
		}
		base.ifPresent(n -> n.properties().stream().filter(q -> !NOT_COPIED.contains(q.name())
				&& !q.name().equals("compatible") && !q.name().startsWith("pinctrl-")).forEach(node::set));
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
		if (base.isPresent() && baseTree != null) {
			fixedClocks(base.get(), baseTree, bus, clocks, node);
		}
		node.set(DtProperty.cells("xen,reg", xenReg));
		// the host node: Xen routes its interrupts and puts it behind its IOMMU from there
		node.set(DtProperty.strings("xen,path", device.treePath()));
		if (p.forceAssign()) {
			node.set(DtProperty.empty("xen,force-assign-without-iommu"));
		}
		return node;
	}

	/**
	 * The device's clocks, when every one is a fixed clock of the host tree: copied into /passthrough
	 * (Xen copies only its children into the guest) with guest phandles. Other clocks are left out.
	 */
	private static void fixedClocks(DtNode host, DeviceTree baseTree, DtNode bus, Map<Long, Long> clocks, DtNode node) {
		Optional<DtProperty> refs = host.property("clocks");
		if (refs.isEmpty() || refs.get().cellCount() == 0) {
			return;
		}
		long[] guest = new long[refs.get().cellCount()];
		for (int k = 0; k < guest.length; k++) {
			long phandle = refs.get().cell(k);
			Optional<DtNode> provider = byPhandle(baseTree.root(), phandle);
			boolean fixed = provider.flatMap(c -> c.property("compatible")).map(DtProperty::stringList)
					.map(l -> l.contains("fixed-clock")).orElse(false)
					&& provider.get().property("#clock-cells").map(c -> c.cell(0) == 0).orElse(false);
			if (!fixed) {
				return;
			}
			Long copied = clocks.get(phandle);
			if (copied == null) {
				copied = CLOCK_PHANDLE_BASE + clocks.size();
				DtNode clock = provider.get().deepCopy();
				clock.set(DtProperty.cells("phandle", copied));
				bus.add(clock);
				clocks.put(phandle, copied);
			}
			guest[k] = copied;
		}
		node.set(DtProperty.cells("clocks", guest));
		host.property("clock-names").ifPresent(node::set);
	}

	/** Guest phandles of copied clocks: far from GUEST_PHANDLE_GIC and from what dtc numbers. */
	private static final long CLOCK_PHANDLE_BASE = 0x8000;

	private static Optional<DtNode> byPhandle(DtNode root, long phandle) {
		DtNode[] found = new DtNode[1];
		root.walk(n -> {
			if (found[0] == null && n.property("phandle").map(p -> p.cellCount() == 1 && p.cell(0) == phandle)
					.orElse(false)) {
				found[0] = n;
			}
		});
		return Optional.ofNullable(found[0]);
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
