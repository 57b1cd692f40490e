package dev.domino.devicetree;

import java.util.Optional;

import dev.domino.fdt.DeviceTree;
import dev.domino.fdt.DtNode;
import dev.domino.fdt.DtProperty;
import dev.domino.model.Board;
import dev.domino.model.Device;
import dev.domino.model.Domain;
import dev.domino.model.Located;
import dev.domino.model.Passthrough;
import dev.domino.mpu.MpuPlan;
import dev.domino.placement.PlacedSystem;

/**
 * The device tree Xen boots with (system.dts / system.dtb): the board's base DTB or a tree
 * generated from the board description ({@link BoardTree}), Xen's dom0less bindings under
 * {@code /chosen} ({@link XenBindings}), and {@code xen,passthrough} on every device given to a domain
 * or hidden from dom0.
 */
public final class SystemTree {
	private SystemTree() {
	}

	/** The board alone: the base DTB, or a tree generated from the description. */
	public static DeviceTree board(Board board, DeviceTree baseTree) {
		return baseTree != null ? baseTree.deepCopy() : BoardTree.generate(board);
	}

	public static DeviceTree build(PlacedSystem placed, DeviceTree baseTree, MpuPlan plan) {
		DeviceTree tree = board(placed.model().board(), baseTree);
		XenBindings.add(tree, placed, plan);
		// what a domU takes or dom0 must not see: Xen keeps it from dom0 (RELEASE-4.13.0:xen/arch/arm/domain_build.c:581-582)
		for (Domain d : placed.model().domains()) {
			for (Passthrough p : d.passthroughs()) {
				deviceNode(tree, p.device()).ifPresent(node -> node.set(DtProperty.empty("xen,passthrough")));
			}
			for (Located<Device> hidden : d.devices().hidden()) {
				deviceNode(tree, hidden.value()).ifPresent(node -> node.set(DtProperty.empty("xen,passthrough")));
			}
		}
		return tree;
	}

	/** The node of a board device: its DT path, or the node a generated tree gave it. */
	public static Optional<DtNode> deviceNode(DeviceTree tree, Device device) {
		if (device.dtPath() != null) {
			return tree.root().find(device.dtPath());
		}
		return tree.root().child(device.nodeName());
	}
}
