package dev.domino.emit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.domino.model.BootModule;
import dev.domino.model.Domain;
import dev.domino.model.SourceLocation;
import dev.domino.model.SystemModel;
import dev.domino.model.U64;
import dev.domino.mpu.MpuPlan;
import dev.domino.mpu.MpuRegion;
import dev.domino.placement.PlacedRegion;
import dev.domino.placement.PlacedSystem;

/**
 * layout.json: the placed address space for scripts. Addresses are hex strings (JSON numbers
 * cannot hold every 64-bit value); source files are relative to the system file's folder so the
 * output does not depend on where Domino ran.
 */
public final class LayoutJson {
	private LayoutJson() {
	}

	public static String emit(PlacedSystem placed, MpuPlan plan, Path systemDir) {
		return JsonText.write(tree(placed, plan, systemDir));
	}

	/** The layout as plain maps and lists (what {@code domino map --format json} lists per system). */
	public static Map<String, Object> tree(PlacedSystem placed, MpuPlan plan, Path systemDir) {
		SystemModel system = placed.model();
		Map<String, Object> root = new LinkedHashMap<>();
		if (!system.isBoardOnly()) { // a board mapped on its own has no system, Xen or boot
			root.put("system", system.name());
		}
		root.put("board", system.board().name());
		if (!system.isBoardOnly()) {
			root.put("xen", system.xen().version().toString());
		}
		PlacedRegion script = system.isBoardOnly() ? null : placed.at(system.boot().script());
		PlacedRegion dtb = system.isBoardOnly() ? null : placed.at(system.boot().deviceTree());
		if (script != null && dtb != null && system.boot().hasScript()) {
			Map<String, Object> boot = new LinkedHashMap<>();
			boot.put("script", U64.plainHex(script.base()));
			boot.put("start", BootScript.startCommand(placed));
			boot.put("deviceTree", U64.plainHex(dtb.base()));
			boot.put("deviceTreeFile", BootScript.loadedDtb(system));
			root.put("boot", boot);
		}
		List<Object> regions = new ArrayList<>();
		for (PlacedRegion r : placed.regions()) {
			Map<String, Object> o = new LinkedHashMap<>();
			o.put("id", r.id());
			o.put("kind", r.kind().description());
			o.put("owner", r.owner().describe());
			o.put("label", r.label());
			o.put("base", U64.plainHex(r.base()));
			o.put("size", U64.plainHex(r.size()));
			o.put("end", U64.plainHex(r.end()));
			o.put("auto", r.region().isAuto());
			putWhere(o, r.where(), systemDir);
			regions.add(o);
		}
		root.put("regions", regions);
		List<Object> modules = new ArrayList<>();
		for (BootModule m : system.modules()) {
			PlacedRegion at = placed.at(m.region());
			if (at == null) {
				continue;
			}
			Map<String, Object> o = new LinkedHashMap<>();
			o.put("name", m.name());
			o.put("role", m.role().description());
			o.put("file", m.bootName());
			o.put("address", U64.plainHex(at.base()));
			o.put("size", U64.plainHex(m.loadSize()));
			o.put("users", new ArrayList<Object>(m.users()));
			modules.add(o);
		}
		root.put("modules", modules);
		List<Object> domains = new ArrayList<>();
		for (Domain d : system.domains()) {
			Map<String, Object> o = new LinkedHashMap<>();
			o.put("name", d.name());
			o.put("domid", system.domainId(d));
			o.put("kind", d.isDom0() ? "dom0" : "domU");
			o.put("vcpus", d.vcpus());
			o.put("memory", U64.plainHex(d.memory().size()));
			o.put("static", d.isStatic());
			o.put("directMap", d.directMap());
			o.put("vpl011", d.vpl011());
			o.put("passthrough", new ArrayList<Object>(d.passthroughs().stream().map(p -> p.device().name()).toList()));
			if (plan != null) {
				o.put("mpuRegions", plan.domainCount(d.name()));
				o.put("mpuUsage", plan.usage(d.name()));
			}
			putWhere(o, d.where(), systemDir);
			domains.add(o);
		}
		root.put("domains", domains);
		if (plan != null) {
			Map<String, Object> mpu = new LinkedHashMap<>();
			mpu.put("budget", plan.budget());
			mpu.put("xenRegions", plan.xenCount());
			if (plan.xenStart() != null) {
				mpu.put("xenStartAddress", U64.plainHex(plan.xenStart()));
			}
			List<Object> xen = new ArrayList<>();
			for (MpuRegion r : plan.xen()) {
				Map<String, Object> o = new LinkedHashMap<>();
				o.put("what", r.what());
				o.put("count", r.count());
				if (r.hasRange()) {
					o.put("base", U64.plainHex(r.base()));
					o.put("limit", U64.plainHex(r.limit()));
				}
				xen.add(o);
			}
			mpu.put("xen", xen);
			root.put("mpu", mpu);
		}
		return root;
	}

	private static void putWhere(Map<String, Object> o, SourceLocation where, Path systemDir) {
		if (where == null) {
			return;
		}
		o.put("file", relative(where, systemDir));
		o.put("line", where.line());
		o.put("column", where.column());
	}

	static String relative(SourceLocation where, Path systemDir) {
		try {
			org.eclipse.emf.common.util.URI uri = org.eclipse.emf.common.util.URI.createURI(where.uri());
			if (uri.isFile() && systemDir != null) {
				return systemDir.relativize(Path.of(uri.toFileString()).toAbsolutePath().normalize()).toString()
						.replace('\\', '/');
			}
		} catch (IllegalArgumentException e) {
			// not a file URI: fall back to what users see
		}
		return where.displayPath();
	}
}
