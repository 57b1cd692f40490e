package dev.domino.model;

/** How a device is behind an IOMMU: {@code none}, or the SMMU device and stream id. */
public record Iommu(boolean none, String smmu, Long streamId, SourceLocation where) {
	public boolean isProtected() {
		return !none && smmu != null;
	}
}
