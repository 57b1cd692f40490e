package dev.domino.model;

import java.util.List;

/**
 * A device of the board. {@code iommu} is null when the board does not say; {@code dtPath}
 * is the node path in the base DTB ("/pl011@9000000"), or null for a generated node.
 */
public record Device(String name, List<String> compatibles, List<Region> regs, List<Irq> irqs, String dtPath,
		Iommu iommu, boolean declaredUsedByXen, boolean dma, SourceLocation where) {

	public boolean isCompatible(String prefix) {
		return compatibles.stream().anyMatch(c -> c.startsWith(prefix));
	}

	public boolean isInterruptController() {
		return isCompatible("arm,gic") || isCompatible("arm,cortex-a15-gic") || isCompatible("arm,cortex-a9-gic");
	}

	public boolean isIommu() {
		return isCompatible("arm,smmu") || isCompatible("arm,mmu-500") || isCompatible("arm,smmu-v3");
	}

	/** The device's node name in a tree generated from the board: its DT path's last part when it has one. */
	public String nodeName() {
		if (dtPath != null) {
			String[] parts = dtPath.split("/");
			return parts.length == 0 ? dtPath : parts[parts.length - 1];
		}
		return regs.isEmpty() ? name : name + "@" + Long.toHexString(regs.get(0).fixedBase());
	}

	/** The path of the device's node in the tree Xen boots with (its DT path, or the generated node's). */
	public String treePath() {
		return dtPath != null ? dtPath : "/" + nodeName();
	}

	public boolean isTimer() {
		return isCompatible("arm,armv8-timer") || isCompatible("arm,armv7-timer");
	}
}
