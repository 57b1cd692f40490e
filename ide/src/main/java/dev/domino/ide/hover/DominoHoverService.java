package dev.domino.ide.hover;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.xtext.ide.server.hover.HoverContext;
import org.eclipse.xtext.ide.server.hover.HoverService;

import com.google.inject.Inject;

import dev.domino.compiler.Analysis;
import dev.domino.compiler.AnalysisCache;
import dev.domino.emit.TextMap;
import dev.domino.files.FileFacts;
import dev.domino.model.Board;
import dev.domino.model.BootModule;
import dev.domino.model.Device;
import dev.domino.model.Domain;
import dev.domino.model.Irq;
import dev.domino.model.Passthrough;
import dev.domino.model.Region;
import dev.domino.model.SharedMemory;
import dev.domino.model.SystemModel;
import dev.domino.model.U64;
import dev.domino.mpu.MpuPlan;
import dev.domino.mpu.MpuPlanner;
import dev.domino.placement.PlacedRegion;
import dev.domino.placement.PlacedSystem;
import dev.domino.rules.CheckContext;

/**
 * Hover shows what Domino resolved: the range, size, end and owner of anything placed (and
 * whether Domino chose it), a module's file and image header, a device's registers and users,
 * a domain's memory map and MPU usage, a system's whole map.
 */
public class DominoHoverService extends HoverService {
	@Inject
	private AnalysisCache analyses;

	@Override
	protected Hover hover(HoverContext context) {
		EObject element = context == null ? null : context.getElement();
		if (element == null) {
			return null; // nothing under the cursor
		}
		Analysis analysis = analyses.get(context.getResource(), CheckContext.Mode.EDIT);
		Object origin = analysis.origin(element);
		Analysis.Unit unit = analysis.unitOf(element);
		String text = origin == null || unit == null ? null : describe(origin, unit);
		if (text == null) {
			return super.hover(context);
		}
		return new Hover(new MarkupContent(MarkupKind.MARKDOWN, text), getRange(context));
	}

	static String describe(Object origin, Analysis.Unit unit) {
		PlacedSystem placed = unit.placed();
		SystemModel system = unit.model();
		if (origin instanceof BootModule m) {
			return module(placed, m);
		}
		if (origin instanceof Region r) {
			return region(placed, r);
		}
		if (origin instanceof Domain d) {
			return domain(d, placed, unit.mpuPlan());
		}
		if (origin instanceof Device d) {
			return device(d, system);
		}
		if (origin instanceof SharedMemory s) {
			StringBuilder out = new StringBuilder(region(placed, s.host()));
			PlacedRegion host = placed.at(s.host());
			for (SharedMemory.Peer p : s.peers()) {
				out.append("\n- domain `").append(p.domain().name()).append("` (").append(p == s.owner() ? "owner" : "borrower")
						.append(") sees it at `").append(host != null ? U64.hex(SharedMemory.guestAddress(p, host.base())) : "?")
						.append('`');
			}
			return out.toString();
		}
		if (origin instanceof SystemModel s) {
			return "**system " + s.name() + "** on board `" + s.board().name() + "`\n```\n" + TextMap.emit(placed) + "```";
		}
		if (origin instanceof Board b) {
			return "**board " + b.name() + "** (" + b.arch().name().toLowerCase() + ", " + b.profile().name().toLowerCase()
					+ ", " + b.cpus().size() + " CPUs, " + b.paBits() + "-bit physical addresses"
					+ (b.hasMpu() ? ", " + b.mpuRegions() + " MPU regions" : "") + ")\n```\n" + TextMap.emit(placed) + "```";
		}
		return null;
	}

	static String region(PlacedSystem placed, Region region) {
		StringBuilder out = new StringBuilder();
		out.append("**").append(region.label()).append("**");
		PlacedRegion r = placed.at(region);
		if (r == null) {
			return out.append(": not placed (see the diagnostics)").toString();
		}
		out.append("\n\n`").append(r.describeRange()).append("`  \n");
		out.append("base `").append(U64.hex(r.base())).append("`, size ").append(U64.size(r.size())).append(" (`")
				.append(U64.hex(r.size())).append("`), end `").append(U64.hex(r.end())).append("`  \n");
		out.append("owner: ").append(r.owner().describe());
		if (region.isAuto()) {
			out.append(", placed by Domino (aligned to ").append(U64.size(region.align())).append(')');
		}
		return out.toString();
	}

	static String module(PlacedSystem placed, BootModule m) {
		StringBuilder out = new StringBuilder(region(placed, m.region()));
		out.append("\n\n").append(m.role().description()).append(" loaded as `").append(m.bootName()).append('`');
		if (m.isGenerated()) {
			out.append(", written by Domino (").append(m.loadSize()).append(" bytes)");
		} else if (m.file() != null) {
			FileFacts f = m.file().facts();
			if (f.ok()) {
				out.append(": ").append(f.type().description()).append(", ").append(f.size()).append(" bytes");
				if (f.imageSize() != 0) {
					out.append(", image size ").append(U64.size(f.imageSize())).append(" from its header, so it takes ")
							.append(U64.size(f.footprint()));
				}
			} else {
				out.append(": ").append(f.problem());
			}
		}
		if (!m.users().isEmpty()) {
			out.append("\n\nused by: ").append(String.join(", ", m.users()));
		}
		return out.toString();
	}


	static String domain(Domain d, PlacedSystem placed, MpuPlan plan) {
		SystemModel system = placed.model();
		StringBuilder out = new StringBuilder();
		if (d.isDom0()) {
			// dom0's size is what Xen's command line says, whether written there or in the block
			out.append("**dom0**: ").append(d.vcpus()).append(d.vcpus() == 1 ? " vCPU, " : " vCPUs, ")
					.append(U64.size(d.memory().size())).append(" allocated 1:1 by Xen (dom0_mem=")
					.append(U64.sizeLiteral(d.memory().size())).append("), domain id 0; it owns every device no domU"
							+ " is given");
			if (!d.devices().hidden().isEmpty()) {
				out.append(" except the hidden ").append(String.join(", ",
						d.devices().hidden().stream().map(h -> h.value().name()).toList()));
			}
		} else {
			out.append("**domain ").append(d.name()).append("**: ").append(d.vcpus())
					.append(d.vcpus() == 1 ? " vCPU, " : " vCPUs, ").append(U64.size(d.memory().size()))
					.append(d.isStatic() ? " static" : " allocated by Xen").append(d.directMap() ? ", direct-mapped" : "")
					.append(d.vpl011() ? ", vpl011 console" : "");
			out.append(", domain id ").append(system.domainId(d));
		}
		List<Region> regions = new ArrayList<>(d.staticBanks());
		for (BootModule m : new BootModule[] { d.kernelModule(), d.ramdisk(), d.dtb() }) {
			if (m != null) {
				regions.add(m.region());
			}
		}
		for (SharedMemory s : system.sharedMemories()) {
			if (s.peerOf(d) != null) {
				regions.add(s.host());
			}
		}
		for (Passthrough p : d.passthroughs()) {
			regions.addAll(p.device().regs());
		}
		List<PlacedRegion> at = new ArrayList<>();
		for (Region r : regions) {
			if (placed.isPlaced(r)) {
				at.add(placed.at(r));
			}
		}
		out.append("\n```\n").append(TextMap.lines(at)).append("```");
		if (plan != null) {
			out.append("\nMPU: ").append(plan.usage(d.name()));
		}
		return out.toString();
	}

	static String device(Device d, SystemModel system) {
		StringBuilder out = new StringBuilder();
		out.append("**device ").append(d.name()).append("**");
		if (!d.compatibles().isEmpty()) {
			out.append(" (`").append(String.join("`, `", d.compatibles())).append("`)");
		}
		out.append('\n');
		for (Region r : d.regs()) {
			out.append("\n- registers `").append(U64.range(r.fixedBase(), r.size())).append("`, ").append(U64.size(r.size()));
		}
		for (Irq irq : d.irqs()) {
			out.append("\n- interrupt ").append(irq.describe());
		}
		if (d.dtPath() != null) {
			out.append("\n- node `").append(d.dtPath()).append('`');
		}
		out.append("\n- IOMMU: ").append(d.iommu() == null ? "not declared"
				: d.iommu().none() ? "none" : d.iommu().smmu() + (d.iommu().streamId() == null ? "" : " stream " + d.iommu().streamId()));
		if (!system.isBoardOnly()) {
			List<String> users = new ArrayList<>();
			if (MpuPlanner.usedByXen(system, d)) {
				users.add("Xen");
			}
			for (Domain dom : system.domains()) {
				if (dom.passthroughs().stream().anyMatch(p -> p.device() == d)) {
					users.add("domain " + dom.name());
				}
			}
			system.dom0().ifPresent(dom0 -> {
				boolean hidden = dom0.devices().hidden().stream().anyMatch(h -> h.value() == d);
				if (users.isEmpty() && !hidden) {
					users.add("dom0 (it owns every device no domU is given)");
				} else if (hidden) {
					users.add("hidden from dom0");
				}
			});
			out.append("\n- used by: ").append(users.isEmpty() ? "nobody in system " + system.name() : String.join(", ", users));
		}
		return out.toString();
	}
}
