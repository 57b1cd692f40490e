package dev.domino.resolve;

import java.util.List;

import dev.domino.ast.AstPackage;
import dev.domino.ast.DominoSystem;
import dev.domino.ast.XenBootargs;
import dev.domino.ast.XenBuildConfig;
import dev.domino.ast.XenHeap;
import dev.domino.ast.XenImage;
import dev.domino.ast.XenItem;
import dev.domino.ast.XenMpuImageRegions;
import dev.domino.ast.XenPolicy;
import dev.domino.ast.XenStart;
import dev.domino.diagnostics.RuleId;
import dev.domino.model.BootModule;
import dev.domino.model.InputFile;
import dev.domino.model.Owner;
import dev.domino.model.Region;
import dev.domino.model.RegionKind;
import dev.domino.model.SourceLocation;
import dev.domino.model.U64;
import dev.domino.model.XenBuild;
import dev.domino.model.XenConfig;
import dev.domino.xen.ImageBuilder;
import dev.domino.xen.XenVersion;

/** Resolves a system's xen block: version, image, command line, static heap, start address. */
final class XenBuilder {
	private static final AstPackage AST = AstPackage.eINSTANCE;

	/** The legacy-image header mkimage puts before an arm32 Xen for bootm. */
	static final long UIMAGE_HEADER = 64;
	/** The file name of that image among the outputs. */
	public static final String WRAPPED_NAME = "xen.uimg";

	private final BuildContext context;
	private final ModuleTable modules;

	XenBuilder(BuildContext context, ModuleTable modules) {
		this.context = context;
		this.modules = modules;
	}

	/** Null (after reporting) for a system without a xen block. */
	/** @param wrap whether Xen is loaded wrapped as a legacy uImage (arm32 with bootm) */
	XenConfig build(DominoSystem system, dev.domino.ast.Xen x, SourceLocation systemWhere, boolean wrap) {
		Locations locations = context.locations;
		if (x == null) {
			context.report.at(RuleId.REQUIRES, systemWhere, "system " + system.getName()
					+ " has no xen block: add xen 4.17 { image \"path/to/xen\" }").emit();
			return null;
		}
		XenVersion version;
		SourceLocation versionWhere = locations.of(x, AST.getXen_Version());
		try {
			version = XenVersion.parse(x.getVersion());
		} catch (IllegalArgumentException e) {
			if (x.getVersion() != null) { // none: half-typed, and the parser said so
				context.report.at(RuleId.VALUE, versionWhere, "'" + x.getVersion() + "' is not a Xen version like 4.17")
						.emit();
			}
			version = new XenVersion(4, 17);
		}
		BootModule image = null;
		String bootargs = "";
		SourceLocation bootargsWhere = null;
		Region heap = null;
		Long start = null;
		boolean startAuto = false;
		SourceLocation startWhere = null;
		Integer mpuImageRegions = null;
		XenImage imageAst = null;
		BootModule policy = null;
		XenBuild build = null;
		for (XenItem item : x.getItems()) {
			if (item instanceof XenImage i && i.getPath() != null) { // no path: the parser reported it
				SourceLocation where = locations.of(i, AST.getXenImage_Path());
				InputFile file = context.inputFile(system, i.getPath(), where, null);
				wrap &= file.facts().type() != dev.domino.files.FileType.UIMAGE; // a uImage given is loaded as it is
				Region region = modules.fileRegion("xen.image", RegionKind.XEN_IMAGE, Owner.XEN, "Xen image", file,
						i.getPlacement(), where, wrap ? UIMAGE_HEADER : 0);
				image = new BootModule("xen", BootModule.Role.XEN, file, wrap ? WRAPPED_NAME : null, region,
						file.facts().size() + (wrap ? UIMAGE_HEADER : 0), List.of(), where);
				imageAst = i;
			} else if (item instanceof XenBootargs b) {
				bootargs = b.getValue();
				bootargsWhere = locations.of(b, AST.getXenBootargs_Value());
			} else if (item instanceof XenHeap h) {
				Long size = context.values.size(h.getSize(), "the static heap");
				if (size != null) {
					heap = context.origin(h, modules.placed(h.getPlacement(), "xen.heap", RegionKind.STATIC_HEAP,
							Owner.XEN, "static heap", size, ImageBuilder.MODULE_STEP, locations.head(h),
							locations.of(h.getSize())));
				}
			} else if (item instanceof XenPolicy p) {
				SourceLocation where = locations.of(p, AST.getXenPolicy_Path());
				InputFile file = context.inputFile(p, p.getPath(), where, system);
				Region region = modules.fileRegion("xen.policy", RegionKind.MODULE, Owner.module("xsm-policy"),
						"XSM policy", file, p.getPlacement(), where);
				policy = context.origin(p, new BootModule("xsm-policy", BootModule.Role.XSM, file, null, region,
						file.facts().size(), List.of(), where));
			} else if (item instanceof XenBuildConfig c) {
				build = build(context.inputFile(c, c.getPath(), locations.of(c, AST.getXenBuildConfig_Path()), system),
						true);
			} else if (item instanceof XenMpuImageRegions m) {
				mpuImageRegions = context.values.count(m.getCount(), "mpu-image-regions", 1, 255);
			} else if (item instanceof XenStart s) {
				startWhere = locations.of(s);
				startAuto = s.isAuto();
				start = s.isAuto() ? null : context.values.eval(s.getAddress());
			}
		}
		if (build == null && image != null && image.file().path().getFileName() != null) {
			// Debian ships boot/xen-4.17-arm64.config beside boot/xen-4.17-arm64: the same next to the image
			var beside = image.file().path().resolveSibling(image.file().path().getFileName() + ".config");
			if (java.nio.file.Files.isRegularFile(beside)) {
				build = build(context.inputFile(system, image.file().written() + ".config", image.where(), system),
						false);
			}
		}
		if (image == null) {
			context.report.at(RuleId.REQUIRES, locations.head(x),
					"the xen block needs the hypervisor: image \"path/to/xen\"").emit();
		} else if (start != null) {
			image = linkedAt(image, start, startWhere);
		}
		context.origin(imageAst, image);
		return new XenConfig(version, versionWhere, image, bootargs, bootargsWhere, bootargs, heap, start, startAuto,
				startWhere, mpuImageRegions, policy, build, locations.head(x));
	}

	/** A build configuration read from disk; one that cannot be read is a file error when named, else ignored. */
	private XenBuild build(InputFile file, boolean named) {
		java.util.Map<String, Boolean> options = file.facts().ok() ? context.files.kconfig(file.path()) : null;
		if (options == null || options.isEmpty()) {
			if (named) {
				context.report.at(RuleId.FILE, file.where(), "the Xen build configuration \"" + file.written() + "\" "
						+ (file.facts().ok() ? "is not a Kconfig .config (no CONFIG_ line)" : file.facts().problem()))
						.emit();
			}
			return null;
		}
		return new XenBuild(file, options, file.where());
	}

	/** Xen runs where it was linked (XEN_START_ADDRESS): its image is loaded there. */
	private BootModule linkedAt(BootModule image, long start, SourceLocation startWhere) {
		Region region = image.region();
		if (region.isAuto()) {
			Region fixed = Region.fixed("xen.image", RegionKind.XEN_IMAGE, Owner.XEN, "Xen image", start,
					region.size(), region.where()).writtenAt(startWhere, null);
			return new BootModule(image.name(), image.role(), image.file(), null, fixed, image.loadSize(),
					image.users(), image.where());
		}
		if (region.fixedBase() != start) {
			context.report.at(RuleId.REQUIRES, image.where(), "Xen's image is loaded at " + U64.hex(region.fixedBase())
					+ " but Xen is linked to run at XEN_START_ADDRESS " + U64.hex(start))
					.related(startWhere, "the start address").emit();
		}
		return image;
	}
}
