package dev.domino.rules;

import dev.domino.diagnostics.Report.RuleReport;
import dev.domino.model.Device;
import dev.domino.model.Domain;
import dev.domino.model.Passthrough;
import dev.domino.model.SystemModel;
import dev.domino.xen.CommandLine;

/**
 * iommu (passthrough plumbing): Xen assigns a device to a domain only behind an IOMMU, unless the
 * partial device tree says xen,force-assign-without-iommu (passthrough.txt). Without an IOMMU the
 * device's DMA can reach any memory: Domino wants that said out loud ({@code force-assign}) and
 * still warns; a DMA master without an IOMMU works only in a direct-mapped domain. Xen finds the
 * host node by xen,path, so a board with a base DTB names each passed-through device's path, and
 * a device behind an SMMU its stream id.
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
				if (dev.iommu().streamId() == null && system.board().baseDtb() == null) {
					// the generated tree's iommus = <&smmu stream>: without one the SMMU would match stream 0
					report.at(dev.iommu().where(), "device " + dev.name() + " is behind " + dev.iommu().smmu()
							+ " but gives no stream id: write 'iommu " + dev.iommu().smmu() + " stream-id N'").emit();
				}
			}
		}
		if (system.isBoardOnly()) {
			return;
		}
		boolean iommuOff = CommandLine.parse(system.xen().commandLine()).has("iommu")
				&& CommandLine.iommuOff(CommandLine.parse(system.xen().commandLine()).get("iommu"));
		boolean hostIommu = !iommuOff && system.board().devices().stream().anyMatch(Device::isIommu);
		for (Domain d : system.domains()) {
			if (!system.xen().version().atLeast(4, 17) && !hostIommu && (d.dtb() != null || !d.passthroughs().isEmpty())) {
				// 4.13-4.16 ask for an IOMMU context whenever a domU has a partial DTB: -EINVAL without one
				// (RELEASE-4.13.0:xen/arch/arm/domain_build.c:2477-2478, xen/common/domain.c:321-325)
				report.at(d.passthroughs().isEmpty() ? d.dtb().where() : d.passthroughs().get(0).deviceWhere(),
						"Xen " + system.xen().version() + " gives a domain with a partial device tree an IOMMU context,"
								+ " and with " + (iommuOff ? "the IOMMU turned off (iommu=)" : "no IOMMU on board "
										+ system.board().name())
								+ " creating domain " + d.name() + " fails; Xen 4.17 and later only do so with an IOMMU")
						.emit();
			}
			for (Passthrough p : d.passthroughs()) {
				Device dev = p.device();
				if (system.board().baseDtb() != null && dev.dtPath() == null) {
					report.at(p.deviceWhere(), "device " + dev.name() + " has no path in the base DTB of board "
							+ system.board().name() + ": Xen finds the host node by xen,path for its interrupts and"
							+ " IOMMU; give the device its path \"/...\"").related(dev.where(), "device " + dev.name())
							.emit();
				}
				boolean protectedByIommu = dev.iommu() != null && dev.iommu().isProtected() && !iommuOff;
				if (dev.dma() && !protectedByIommu && !d.directMap()) {
					// without an IOMMU a device's DMA addresses are host addresses; only a 1:1 domain's agree
					report.at(p.deviceWhere(), "device " + dev.name() + " does DMA and is not behind an IOMMU"
							+ (iommuOff ? " (iommu= turns it off)" : "") + ": in domain " + d.name()
							+ ", which is not direct-mapped, its DMA goes to host addresses that are not the guest's;"
							+ " make the domain direct-mapped (memory SIZE static, direct-map) or put the device"
							+ " behind an SMMU").emit();
					continue;
				}
				if (!protectedByIommu && !p.forceAssign()) {
					String why = iommuOff ? "Xen's iommu= option turns the IOMMU off"
							: dev.iommu() == null ? "board " + system.board().name() + " does not say it is behind an IOMMU"
									: "it has 'iommu none'";
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
