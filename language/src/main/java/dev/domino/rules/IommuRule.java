package dev.domino.rules;

import dev.domino.diagnostics.Report.RuleReport;
import dev.domino.model.Device;
import dev.domino.model.Domain;
import dev.domino.model.Passthrough;
import dev.domino.model.SystemModel;

/**
 * iommu: Xen assigns a device to a domain only behind an IOMMU, unless the partial device tree
 * says xen,force-assign-without-iommu (passthrough.txt). Without an IOMMU the device's DMA can
 * reach any memory: Domino wants that said out loud ({@code force-assign}) and still warns.
 */
final class IommuRule implements Rule {
	@Override
	public void check(CheckContext context, RuleReport report) {
		SystemModel system = context.system();
		for (Device dev : system.board().devices()) {
			if (dev.iommu() != null && dev.iommu().smmu() != null) {
				Device smmu = system.board().device(dev.iommu().smmu()).orElse(null);
				if (smmu != null && !smmu.isIommu()) {
					report.at(dev.iommu().where(), "device " + dev.name() + " names " + smmu.name()
							+ " as its IOMMU, but " + smmu.name() + " is not an SMMU (compatible arm,smmu-v3,"
							+ " arm,mmu-500 or arm,smmu-...)").emit();
				}
			}
		}
		if (system.isBoardOnly()) {
			return;
		}
		for (Domain d : system.domains()) {
			for (Passthrough p : d.passthroughs()) {
				Device dev = p.device();
				boolean protectedByIommu = dev.iommu() != null && dev.iommu().isProtected();
				if (!protectedByIommu && !p.forceAssign()) {
					String why = dev.iommu() == null ? "board " + system.board().name()
							+ " does not say it is behind an IOMMU" : "it has 'iommu none'";
					report.at(p.deviceWhere(), "device " + dev.name() + " cannot be passed to domain "
							+ d.name() + ": " + why + ", so Xen refuses it unless you add force-assign (its DMA is"
							+ " then not isolated)")
							.fix(Fixes.insert("Add force-assign (DMA is not isolated)", p.deviceWhere(), " force-assign"))
							.emit();
				} else if (!protectedByIommu) {
					report.warning(p.deviceWhere(), "device " + dev.name() + " is passed to domain " + d.name()
							+ " without an IOMMU: its DMA is not isolated and can reach all memory").emit();
				}
			}
		}
	}
}
