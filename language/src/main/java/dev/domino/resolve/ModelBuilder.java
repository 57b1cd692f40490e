package dev.domino.resolve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;

import dev.domino.ast.AstPackage;
import dev.domino.ast.BaseDtb;
import dev.domino.ast.ArchSetting;
import dev.domino.ast.Boot;
import dev.domino.ast.BootWindow;
import dev.domino.ast.Capabilities;
import dev.domino.ast.Compatible;
import dev.domino.ast.Console;
import dev.domino.ast.CpuCount;
import dev.domino.ast.CpuRef;
import dev.domino.ast.CpupoolItem;
import dev.domino.ast.DeviceItem;
import dev.domino.ast.DeviceTreeMode;
import dev.domino.ast.DirectMap;
import dev.domino.ast.DominoSystem;
import dev.domino.ast.DomainItem;
import dev.domino.ast.DomainMemory;
import dev.domino.ast.DtPath;
import dev.domino.ast.DtbUse;
import dev.domino.ast.Enhanced;
import dev.domino.ast.Interrupt;
import dev.domino.ast.KernelUse;
import dev.domino.ast.LlcColors;
import dev.domino.ast.LoadCommand;
import dev.domino.ast.MemoryBankUse;
import dev.domino.ast.MpuRegions;
import dev.domino.ast.NrSpis;
import dev.domino.ast.PaBits;
import dev.domino.ast.Placement;
import dev.domino.ast.PoolCpus;
import dev.domino.ast.PoolScheduler;
import dev.domino.ast.PoolUse;
import dev.domino.ast.ProfileSetting;
import dev.domino.ast.Psci;
import dev.domino.ast.RamdiskUse;
import dev.domino.ast.RegRange;
import dev.domino.ast.ReservedRange;
import dev.domino.ast.ScriptPlacement;
import dev.domino.ast.Sections;
import dev.domino.ast.ShmItem;
import dev.domino.ast.ShmOwner;
import dev.domino.ast.SystemItem;
import dev.domino.ast.Vcpus;
import dev.domino.ast.XenBootargs;
import dev.domino.ast.XenHeap;
import dev.domino.ast.XenImage;
import dev.domino.ast.XenItem;
import dev.domino.ast.XenOwned;
import dev.domino.ast.XenStart;
import dev.domino.emit.PassthroughTrees;
import dev.domino.fdt.DeviceTree;
import dev.domino.files.FileFacts;
import dev.domino.files.FileInspector;
import dev.domino.model.Arch;
import dev.domino.model.Board;
import dev.domino.model.BootConfig;
import dev.domino.model.BootModule;
import dev.domino.model.Cpu;
import dev.domino.model.Cpupool;
import dev.domino.model.Device;
import dev.domino.model.Domain;
import dev.domino.model.InputFile;
import dev.domino.model.Iommu;
import dev.domino.model.Irq;
import dev.domino.model.NameRef;
import dev.domino.model.Owner;
import dev.domino.model.Passthrough;
import dev.domino.model.Profile;
import dev.domino.model.Region;
import dev.domino.model.RegionKind;
import dev.domino.model.Section;
import dev.domino.model.SharedMemory;
import dev.domino.model.SourceLocation;
import dev.domino.model.SystemModel;
import dev.domino.model.U64;
import dev.domino.model.XenConfig;
import dev.domino.model.XenFeature;
import dev.domino.model.XenVersion;
import dev.domino.rules.Report;

/**
 * Builds the resolved model from the AST: evaluates every value, resolves files against the
 * file that names them, orders domains, and decides which modules are loaded and in which order.
 * Problems found here (bad values, duplicate names, missing blocks) go to the report; what
 * cannot be built is left out, so later stages only see well-formed data.
 */
public final class ModelBuilder {
	/** Boot modules, the boot script and the DTB are placed in 2 MiB steps, as ImageBuilder does. */
	public static final long MODULE_ALIGN = 2L << 20;
	public static final long PAGE = 4096;
	/** The slot reserved for the boot script and for the DTB (a DTB may be at most 2 MiB). */
	public static final long SLOT = 2L << 20;

	private static final AstPackage AST = AstPackage.eINSTANCE;

	private final FileInspector files;
	private final Locations locations;
	private final Report report;
	private final Values values;
	/** Which model object each AST element became, for editor services (hover, inlay hints, lenses). */
	private final Map<EObject, Object> origins = new java.util.IdentityHashMap<>();

	public ModelBuilder(FileInspector files, Locations locations, Report report) {
		this.files = files;
		this.locations = locations;
		this.report = report;
		this.values = new Values(locations, report);
	}

	/** AST element to the model object built from it: Board, Device, Region, Domain, BootModule, ... */
	public Map<EObject, Object> origins() {
		return origins;
	}

	// ------------------------------------------------------------------ boards

	public Board buildBoard(dev.domino.ast.Board board) {
		Arch arch = Arch.AARCH64;
		Profile profile = Profile.ARMV8A;
		Integer paBits = null;
		List<Cpu> cpus = new ArrayList<>();
		boolean named = false;
		boolean counted = false;
		List<Region> banks = new ArrayList<>();
		List<Region> reserved = new ArrayList<>();
		List<Device> devices = new ArrayList<>();
		InputFile baseDtb = null;
		int mpuRegions = 0;
		Board.PsciMethod psci = null;
		Set<EClassKey> seenSettings = new java.util.HashSet<>();
		Names names = new Names("board " + board.getName());

		for (EObject item : board.getItems()) {
			if (isSetting(item) && !seenSettings.add(new EClassKey(item.eClass().getName()))) {
				report.error("order", locations.head(item), "'" + keyword(item) + "' is set twice in board "
						+ board.getName()).emit();
				continue;
			}
			if (item instanceof ArchSetting a) {
				arch = a.getArch() == dev.domino.ast.Arch.AARCH32 ? Arch.AARCH32 : Arch.AARCH64;
			} else if (item instanceof ProfileSetting p) {
				profile = p.getProfile() == dev.domino.ast.Profile.ARMV8R ? Profile.ARMV8R : Profile.ARMV8A;
			} else if (item instanceof PaBits p) {
				paBits = values.count(p.getBits(), "pa-bits", 32, 64);
			} else if (item instanceof CpuCount c) {
				Integer n = values.count(c.getCount(), "cpus", 1, 4096);
				counted = true;
				if (n != null) {
					for (int i = 0; i < n; i++) {
						cpus.add(new Cpu("cpu" + i, i, locations.of(c)));
					}
				}
			} else if (item instanceof dev.domino.ast.Cpu c) {
				named = true;
				if (names.add(c.getName(), "cpu", locations.of(c, AST.getCpu_Name()))) {
					Long mpidr = c.getMpidr() == null ? Long.valueOf(cpus.size()) : values.eval(c.getMpidr());
					if (mpidr != null) {
						cpus.add(new Cpu(c.getName(), mpidr, locations.of(c, AST.getCpu_Name())));
						origins.put(c, cpus.get(cpus.size() - 1));
					}
				}
			} else if (item instanceof dev.domino.ast.MemoryBank m) {
				if (names.add(m.getName(), "memory bank", locations.of(m, AST.getMemoryBank_Name()))) {
					region(m.getBase(), m.getSize(), "board." + m.getName(), RegionKind.RAM_BANK,
							Owner.board(m.getName()), "memory bank " + m.getName(),
							locations.of(m, AST.getMemoryBank_Name()), banks);
					origin(m, banks);
				}
			} else if (item instanceof ReservedRange r) {
				if (names.add(r.getName(), "reserved range", locations.of(r, AST.getReservedRange_Name()))) {
					region(r.getBase(), r.getSize(), "reserved." + r.getName(), RegionKind.RESERVED,
							new Owner(Owner.Kind.FIRMWARE, r.getName()), "reserved range " + r.getName(),
							locations.of(r, AST.getReservedRange_Name()), reserved);
					origin(r, reserved);
				}
			} else if (item instanceof BaseDtb b) {
				baseDtb = inputFile(board, b.getPath(), locations.of(b, AST.getBaseDtb_Path()), null);
			} else if (item instanceof MpuRegions m) {
				Integer n = values.count(m.getCount(), "mpu regions", 1, 255);
				mpuRegions = n == null ? 0 : n;
			} else if (item instanceof Psci p) {
				psci = p.getMethod() == dev.domino.ast.PsciMethod.HVC ? Board.PsciMethod.HVC : Board.PsciMethod.SMC;
			} else if (item instanceof dev.domino.ast.Device d) {
				if (names.add(d.getName(), "device", locations.of(d, AST.getDevice_Name()))) {
					devices.add(device(d));
					origins.put(d, devices.get(devices.size() - 1));
				}
			}
		}
		if (named && counted) {
			report.error("cpus", locations.of(board, AST.getTopLevel_Name()),
					"board " + board.getName() + " gives both 'cpus N' and named cpus; use one or the other").emit();
		}
		if (cpus.isEmpty()) {
			cpus.add(new Cpu("cpu0", 0, locations.of(board, AST.getTopLevel_Name())));
		}
		int bits = paBits != null ? paBits : arch == Arch.AARCH64 ? 48 : 40;
		Board built = new Board(board.getName(), arch, profile, bits, cpus, named, banks, reserved, devices, baseDtb,
				mpuRegions, psci, locations.of(board, AST.getTopLevel_Name()));
		origins.put(board, built);
		return built;
	}

	/** Records the region just added to {@code list} (if one was) as built from {@code element}. */
	private void origin(EObject element, List<Region> list) {
		if (!list.isEmpty() && !origins.containsValue(list.get(list.size() - 1))) {
			origins.put(element, list.get(list.size() - 1));
		}
	}

	private record EClassKey(String name) {
	}

	private static boolean isSetting(EObject item) {
		return item instanceof ArchSetting || item instanceof ProfileSetting || item instanceof PaBits
				|| item instanceof BaseDtb || item instanceof MpuRegions || item instanceof Psci
				|| item instanceof CpuCount;
	}

	private String keyword(EObject item) {
		SourceLocation head = locations.head(item);
		return head == null ? item.eClass().getName() : firstWord(item);
	}

	private static String firstWord(EObject item) {
		var node = org.eclipse.xtext.nodemodel.util.NodeModelUtils.getNode(item);
		if (node == null) {
			return item.eClass().getName();
		}
		for (var leaf : node.getLeafNodes()) {
			if (!leaf.isHidden()) {
				return leaf.getText();
			}
		}
		return item.eClass().getName();
	}

	private Device device(dev.domino.ast.Device d) {
		List<String> compatibles = new ArrayList<>();
		List<Region> regs = new ArrayList<>();
		List<Irq> irqs = new ArrayList<>();
		String path = null;
		Iommu iommu = null;
		boolean usedByXen = false;
		int index = 0;
		for (DeviceItem item : d.getItems()) {
			if (item instanceof Compatible c) {
				compatibles.addAll(c.getValues());
			} else if (item instanceof RegRange r) {
				region(r.getBase(), r.getSize(), "device." + d.getName() + ".reg" + index, RegionKind.DEVICE,
						Owner.board(d.getName()), "registers of device " + d.getName()
								+ (index > 0 ? " (range " + index + ")" : ""),
						locations.of(r), regs);
				index++;
			} else if (item instanceof Interrupt i) {
				Long n = values.eval(i.getNumber());
				if (n != null) {
					irqs.add(irq(i, n));
				}
			} else if (item instanceof DtPath p) {
				path = p.getPath();
				if (!path.startsWith("/")) {
					report.error("value", locations.of(p, AST.getDtPath_Path()),
							"a device-tree path starts with '/': \"" + path + "\"").emit();
				}
			} else if (item instanceof dev.domino.ast.Iommu i) {
				Long stream = i.getStreamId() == null ? null : values.eval(i.getStreamId());
				iommu = new Iommu(i.isNone(), i.getSmmu() == null ? null : i.getSmmu().getName(), stream,
						locations.of(i));
			} else if (item instanceof XenOwned) {
				usedByXen = true;
			}
		}
		return new Device(d.getName(), compatibles, regs, irqs, path, iommu, usedByXen,
				locations.of(d, AST.getDevice_Name()));
	}

	private Irq irq(Interrupt i, long n) {
		SourceLocation where = locations.of(i);
		if (!i.isSpi() && !i.isPpi()) {
			// a bare number is a GIC INTID
			if (Long.compareUnsigned(n, 32) >= 0) {
				return new Irq(Irq.Type.SPI, n - 32, where);
			}
			if (n >= 16) {
				return new Irq(Irq.Type.PPI, n - 16, where);
			}
			report.error("value", where, "INTID " + n + " is an SGI; devices use SPIs (32 and up) or PPIs (16-31)")
					.emit();
			return new Irq(Irq.Type.PPI, 0, where);
		}
		if (i.isPpi()) {
			if (Long.compareUnsigned(n, 16) >= 0) {
				report.error("value", where, "PPI " + n + " does not exist (PPIs are 0-15)").emit();
			}
			return new Irq(Irq.Type.PPI, n, where);
		}
		if (Long.compareUnsigned(n, 988) >= 0) {
			report.error("value", where, "SPI " + Long.toUnsignedString(n) + " does not exist (SPIs are 0-987)")
					.emit();
		}
		return new Irq(Irq.Type.SPI, n, where);
	}

	private void region(dev.domino.ast.Value base, dev.domino.ast.Value size, String id, RegionKind kind,
			Owner owner, String label, SourceLocation where, List<Region> into) {
		Long b = values.eval(base);
		Long s = values.size(size, "the size of " + label);
		if (b != null && s != null) {
			Region r = Region.fixed(id, kind, owner, label, b, s, where);
			r.describeValues(locations.of(base), locations.of(size));
			into.add(r);
		}
	}

	// ------------------------------------------------------------------ systems

	public SystemModel buildSystem(DominoSystem system, Board board) {
		SourceLocation systemWhere = locations.of(system, AST.getTopLevel_Name());
		Names names = new Names("system " + system.getName());
		Map<String, dev.domino.ast.Domain> astDomains = new LinkedHashMap<>();
		List<dev.domino.ast.BootModule> declaredModules = new ArrayList<>();
		dev.domino.ast.Xen astXen = null;
		Boot astBoot = null;
		Sections astSections = null;
		for (SystemItem item : system.getItems()) {
			if (item instanceof dev.domino.ast.Xen x) {
				if (astXen != null) {
					report.error("order", locations.head(x), "system " + system.getName() + " has two xen blocks")
							.related(locations.head(astXen), "the first xen block").emit();
				} else {
					astXen = x;
				}
			} else if (item instanceof Boot b) {
				if (astBoot != null) {
					report.error("order", locations.head(b), "system " + system.getName() + " has two boot blocks")
							.emit();
				} else {
					astBoot = b;
				}
			} else if (item instanceof Sections s) {
				astSections = s;
			} else if (item instanceof dev.domino.ast.Domain d) {
				if (names.add(d.getName(), "domain", locations.of(d, AST.getDomain_Name()))) {
					astDomains.put(d.getName(), d);
				}
			} else if (item instanceof dev.domino.ast.BootModule m) {
				if (names.add(m.getName(), "module", locations.of(m, AST.getTopLevel_Name()))) {
					declaredModules.add(m);
				}
			} else if (item instanceof dev.domino.ast.SharedMemory s) {
				names.add(s.getName(), "shared memory", locations.of(s, AST.getSharedMemory_Name()));
			} else if (item instanceof dev.domino.ast.Cpupool c) {
				names.add(c.getName(), "cpupool", locations.of(c, AST.getCpupool_Name()));
			}
		}

		XenConfig xen = xen(system, astXen, systemWhere);
		BootConfig boot = boot(system, astBoot, board, systemWhere);
		DeviceTree baseTree = baseTree(board);

		// Domains in creation order; modules in ImageBuilder order: each domain's kernel,
		// ramdisk and device tree (a shared module at its first use), then Xen.
		List<dev.domino.ast.Domain> ordered = DomainOrder.sort(new ArrayList<>(astDomains.values()), locations,
				report);
		Map<Object, BootModule> modules = new LinkedHashMap<>();
		List<Domain> domains = new ArrayList<>();
		for (dev.domino.ast.Domain d : ordered) {
			domains.add(domain(system, d, board, baseTree, modules));
		}
		List<BootModule> loadOrder = new ArrayList<>(modules.values());
		if (xen != null && xen.image() != null) {
			loadOrder.add(xen.image());
		}
		for (dev.domino.ast.BootModule m : declaredModules) {
			if (!modules.containsKey(m)) {
				report.warning("file", locations.of(m, AST.getTopLevel_Name()),
						"module " + m.getName() + " is not used by any domain, so it is not loaded").emit();
			}
		}

		List<SharedMemory> shms = new ArrayList<>();
		List<Cpupool> pools = new ArrayList<>();
		Map<String, Long> guestCursor = new HashMap<>();
		for (Domain d : domains) {
			if (!d.directMap()) {
				guestCursor.put(d.name(), dev.domino.rules.GuestLayout.SHARED_MEMORY_WINDOW);
			}
		}
		for (SystemItem item : system.getItems()) {
			if (item instanceof dev.domino.ast.SharedMemory s) {
				SharedMemory shm = sharedMemory(s, guestCursor);
				if (shm != null) {
					shms.add(shm);
				}
			} else if (item instanceof dev.domino.ast.Cpupool c) {
				pools.add(cpupool(c, board));
			}
		}
		List<Section> sections = astSections == null ? List.of() : sections(astSections);
		SystemModel model = new SystemModel(system.getName(), systemWhere, board, xen, boot, loadOrder, domains, shms,
				pools, sections);
		origins.put(system, model);
		for (int i = 0; i < ordered.size(); i++) {
			origins.put(ordered.get(i), domains.get(i));
		}
		return model;
	}

	private XenConfig xen(DominoSystem system, dev.domino.ast.Xen x, SourceLocation systemWhere) {
		if (x == null) {
			report.error("requires", systemWhere, "system " + system.getName()
					+ " has no xen block: add xen 4.17 { image \"path/to/xen\" }").emit();
			return null;
		}
		XenVersion version;
		SourceLocation versionWhere = locations.of(x, AST.getXen_Version());
		try {
			version = XenVersion.parse(x.getVersion());
		} catch (IllegalArgumentException e) {
			report.error("value", versionWhere, "'" + x.getVersion() + "' is not a Xen version like 4.17").emit();
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
		for (XenItem item : x.getItems()) {
			if (item instanceof XenImage i) {
				InputFile file = inputFile(system, i.getPath(), locations.of(i, AST.getXenImage_Path()), null);
				Region region = moduleRegion("xen.image", RegionKind.XEN_IMAGE, Owner.XEN, "Xen image", file,
						i.getPlacement(), locations.of(i, AST.getXenImage_Path()));
				image = new BootModule("xen", BootModule.Role.XEN, file, null, null, region, file.facts().size(),
						List.of(), locations.of(i, AST.getXenImage_Path()));
				imageAst = i;
			} else if (item instanceof XenBootargs b) {
				bootargs = b.getValue();
				bootargsWhere = locations.of(b, AST.getXenBootargs_Value());
			} else if (item instanceof XenHeap h) {
				Long size = values.size(h.getSize(), "the static heap");
				if (size != null) {
					heap = placed(h.getPlacement(), "xen.heap", RegionKind.STATIC_HEAP, Owner.XEN, "static heap", size,
							MODULE_ALIGN, locations.head(h), locations.of(h.getSize()));
					origins.put(h, heap);
				}
			} else if (item instanceof dev.domino.ast.XenMpuImageRegions m) {
				mpuImageRegions = values.count(m.getCount(), "mpu-image-regions", 1, 255);
			} else if (item instanceof XenStart s) {
				startWhere = locations.of(s);
				startAuto = s.isAuto();
				start = s.isAuto() ? null : values.eval(s.getAddress());
			}
		}
		if (image == null) {
			report.error("requires", locations.head(x), "the xen block needs the hypervisor: image \"path/to/xen\"")
					.emit();
		} else if (start != null) {
			// Xen runs where it was linked (XEN_START_ADDRESS): its image is loaded there
			if (image.region().isAuto()) {
				Region fixed = Region.fixed("xen.image", RegionKind.XEN_IMAGE, Owner.XEN, "Xen image", start,
						image.region().size(), image.region().where());
				fixed.describeValues(startWhere, null);
				image = new BootModule(image.name(), image.role(), image.file(), null, null, fixed, image.loadSize(),
						image.users(), image.where());
			} else if (image.region().base() != start) {
				report.error("requires", image.where(), "Xen's image is loaded at " + U64.hex(image.region().base())
						+ " but Xen is linked to run at XEN_START_ADDRESS " + U64.hex(start)).related(startWhere,
								"the start address").emit();
			}
		}
		if (imageAst != null && image != null) {
			origins.put(imageAst, image);
		}
		return new XenConfig(version, versionWhere, image, bootargs, bootargsWhere, heap, start, startAuto,
				startWhere, mpuImageRegions, locations.head(x));
	}

	private BootConfig boot(DominoSystem system, Boot b, Board board, SourceLocation systemWhere) {
		BootConfig.Command command = BootConfig.Command.BOOTI;
		String load = "load mmc 0:1";
		SourceLocation loadWhere = null;
		Region window = null;
		Region script = null;
		BootConfig.DeviceTreeMode mode = BootConfig.DeviceTreeMode.PREBAKED;
		SourceLocation where = systemWhere;
		if (b != null) {
			where = locations.head(b);
			command = switch (b.getCommand()) {
			case BOOTM -> BootConfig.Command.BOOTM;
			case NONE -> BootConfig.Command.NONE;
			default -> BootConfig.Command.BOOTI;
			};
			for (EObject item : b.getItems()) {
				if (item instanceof LoadCommand l) {
					load = l.getCommand();
					loadWhere = locations.of(l, AST.getLoadCommand_Command());
				} else if (item instanceof BootWindow w) {
					Long from = values.eval(w.getFrom());
					Long to = values.eval(w.getTo());
					if (from != null && to != null) {
						if (Long.compareUnsigned(to, from) <= 0) {
							report.error("value", locations.of(w), "the boot window ends before it starts").emit();
						} else {
							window = Region.fixed("boot.window", RegionKind.BOOT_WINDOW, Owner.BOOT, "boot window", from,
									to - from, locations.of(w));
							window.describeValues(locations.of(w.getFrom()), locations.of(w.getTo()));
						}
					}
				} else if (item instanceof ScriptPlacement s) {
					script = placed(s.getPlacement(), "boot.script", RegionKind.BOOT_SCRIPT, Owner.BOOT, "boot script",
							SLOT, MODULE_ALIGN, locations.of(s), null);
					origins.put(s, script);
				} else if (item instanceof DeviceTreeMode m) {
					mode = m.getMode() == dev.domino.ast.DtMode.EDIT ? BootConfig.DeviceTreeMode.EDIT
							: BootConfig.DeviceTreeMode.PREBAKED;
				}
			}
		}
		if (window == null && !board.banks().isEmpty()) {
			Region bank = board.banks().get(0);
			window = Region.fixed("boot.window", RegionKind.BOOT_WINDOW, Owner.BOOT, "boot window (memory bank "
					+ bank.owner().name() + ")", bank.base(), bank.size(), bank.where());
		}
		if (command != BootConfig.Command.NONE && script == null) {
			script = Region.auto("boot.script", RegionKind.BOOT_SCRIPT, Owner.BOOT, "boot script", SLOT,
					MODULE_ALIGN, where);
		}
		Region dtb = Region.auto("boot.dtb", RegionKind.HOST_DTB, Owner.XEN, "device tree", SLOT, MODULE_ALIGN,
				where);
		return new BootConfig(command, load, loadWhere, window, script, mode, dtb, where);
	}

	private DeviceTree baseTree(Board board) {
		if (board.baseDtb() == null || !board.baseDtb().facts().ok()) {
			return null;
		}
		FileInspector.TreeResult result = files.deviceTree(board.baseDtb().path());
		if (result.tree() == null) {
			report.error("file", board.baseDtb().where(),
					"base-dtb \"" + board.baseDtb().written() + "\" is not a valid device tree: " + result.error())
					.emit();
		}
		return result.tree();
	}

	private Domain domain(DominoSystem system, dev.domino.ast.Domain d, Board board, DeviceTree baseTree,
			Map<Object, BootModule> modules) {
		String name = d.getName();
		SourceLocation where = locations.of(d, AST.getDomain_Name());
		long vcpus = 1;
		Long memory = null;
		SourceLocation memoryWhere = where;
		List<Region> banks = new ArrayList<>();
		boolean directMap = false;
		BootModule kernel = null;
		String args = null;
		SourceLocation kernelWhere = null;
		BootModule ramdisk = null;
		BootModule dtb = null;
		boolean vpl011 = false;
		List<Passthrough> passthroughs = new ArrayList<>();
		List<NameRef> after = new ArrayList<>();
		NameRef pool = null;
		Long nrSpis = null;
		SourceLocation nrSpisWhere = null;
		Domain.Enhanced enhanced = Domain.Enhanced.NONE;
		String llc = null;
		Set<Domain.Capability> caps = EnumSet.noneOf(Domain.Capability.class);
		Map<XenFeature, SourceLocation> features = new EnumMap<>(XenFeature.class);
		Set<org.eclipse.emf.ecore.EClass> seen = new java.util.HashSet<>();

		for (DomainItem item : d.getItems()) {
			boolean repeatable = item instanceof dev.domino.ast.Passthrough || item instanceof dev.domino.ast.After;
			if (!repeatable && !seen.add(item.eClass())) {
				report.error("order", locations.head(item), "'" + firstWord(item) + "' is given twice in domain " + name)
						.emit();
				continue;
			}
			if (item instanceof Vcpus v) {
				Integer n = values.count(v.getCount(), "vcpus", 1, 1024);
				vcpus = n == null ? 1 : n;
			} else if (item instanceof DomainMemory m) {
				memoryWhere = locations.of(m.getSize());
				memory = values.size(m.getSize(), "the memory of domain " + name);
				memoryBanks(name, m, memory, banks);
				if (m.getBanks().isEmpty() && banks.size() == 1) {
					origins.put(m, banks.get(0));
				}
				if (!banks.isEmpty()) {
					features.put(XenFeature.STATIC_MEMORY, locations.head(m));
				}
			} else if (item instanceof DirectMap) {
				directMap = true;
				features.put(XenFeature.DIRECT_MAP, locations.of(item));
			} else if (item instanceof KernelUse k) {
				kernelWhere = locations.of(k);
				kernel = use(system, name, k.getModule(), k.getPath(), k.getPlacement(), BootModule.Role.KERNEL, k,
						AST.getKernelUse_Path(), modules);
				args = k.getArgs();
			} else if (item instanceof RamdiskUse r) {
				ramdisk = use(system, name, r.getModule(), r.getPath(), r.getPlacement(), BootModule.Role.RAMDISK, r,
						AST.getRamdiskUse_Path(), modules);
			} else if (item instanceof DtbUse t) {
				dtb = use(system, name, t.getModule(), t.getPath(), t.getPlacement(), BootModule.Role.DTB, t,
						AST.getDtbUse_Path(), modules);
			} else if (item instanceof Console c) {
				vpl011 = c.getKind() == dev.domino.ast.ConsoleKind.VPL011;
			} else if (item instanceof dev.domino.ast.Passthrough p) {
				if (p.getDevice() != null && p.getDevice().getName() != null) {
					Long guest = p.getGuestAddress() == null ? null : values.eval(p.getGuestAddress());
					passthroughs.add(new Passthrough(p.getDevice().getName(), p.isForceAssign(), guest,
							locations.of(p), locations.of(p, AST.getPassthrough_Device())));
					features.putIfAbsent(XenFeature.PASSTHROUGH, locations.head(p));
				}
			} else if (item instanceof dev.domino.ast.After a) {
				List<org.eclipse.xtext.nodemodel.INode> refs = org.eclipse.xtext.nodemodel.util.NodeModelUtils
						.findNodesForFeature(a, AST.getAfter_Domains());
				for (int i = 0; i < a.getDomains().size(); i++) {
					dev.domino.ast.Domain target = a.getDomains().get(i);
					String targetName = target.eIsProxy() ? refs.get(i).getText().trim() : target.getName();
					after.add(new NameRef(targetName, locations.of(a)));
				}
			} else if (item instanceof PoolUse p) {
				if (p.getPool() != null && !p.getPool().eIsProxy()) {
					pool = new NameRef(p.getPool().getName(), locations.of(p, AST.getPoolUse_Pool()));
				}
				features.put(XenFeature.CPUPOOLS, locations.head(p));
			} else if (item instanceof NrSpis n) {
				nrSpis = values.eval(n.getCount());
				nrSpisWhere = locations.of(n.getCount());
				features.put(XenFeature.NR_SPIS, locations.head(n));
			} else if (item instanceof Enhanced e) {
				enhanced = e.isNoXenstore() ? Domain.Enhanced.NO_XENSTORE : Domain.Enhanced.ENABLED;
				features.put(XenFeature.ENHANCED, locations.head(e));
			} else if (item instanceof LlcColors l) {
				llc = l.getColors();
				features.put(XenFeature.LLC_COLORS, locations.head(l));
			} else if (item instanceof Capabilities c) {
				for (dev.domino.ast.Capability cap : c.getCapabilities()) {
					caps.add(Domain.Capability.valueOf(cap.name()));
				}
				features.put(XenFeature.CAPABILITIES, locations.head(c));
			}
		}
		if (memory == null && !seen.contains(AST.getDomainMemory())) {
			report.error("requires", where, "domain " + name + " needs its memory: memory 256M").emit();
		}
		if (kernel == null && !seen.contains(AST.getKernelUse())) {
			report.error("requires", where, "domain " + name + " needs a kernel: kernel \"path/to/Image\"").emit();
		}
		if (board.hasMpu()) {
			features.put(XenFeature.MPU_GUESTS, where);
		}
		// A partial device tree for passthrough: the user's, or one Domino writes.
		if (dtb == null && !passthroughs.isEmpty()) {
			byte[] bytes = PassthroughTrees.dtb(board, baseTree, passthroughs, directMap);
			String fileName = "passthrough/" + name + ".dtb";
			Region region = Region.auto("domain." + name + ".passthrough-dtb", RegionKind.MODULE,
					Owner.module(name + "-passthrough"), "passthrough device tree of domain " + name, bytes.length,
					MODULE_ALIGN, where);
			dtb = new BootModule(name + "-passthrough", BootModule.Role.DTB, null, bytes, fileName, region,
					bytes.length, List.of(name), where);
			modules.put("passthrough:" + name, dtb);
		}
		return new Domain(name, vcpus, memory == null ? 0 : memory, memoryWhere, banks, directMap, kernel, args,
				kernelWhere, ramdisk, dtb, vpl011, passthroughs, after, pool, nrSpis, nrSpisWhere, enhanced, llc, caps,
				features, where);
	}

	private void memoryBanks(String domain, DomainMemory m, Long memory, List<Region> banks) {
		String label = "static memory of domain " + domain;
		if (m.getBanks().isEmpty()) {
			if (memory == null) {
				return;
			}
			if (m.isStatic()) {
				Region r = Region.auto("domain." + domain + ".memory0", RegionKind.STATIC_MEMORY,
						Owner.domain(domain), label, memory, MODULE_ALIGN, locations.head(m));
				r.describeValues(null, locations.of(m.getSize()));
				banks.add(r);
			} else if (m.getAddress() != null) {
				Long base = values.eval(m.getAddress());
				if (base != null) {
					Region r = Region.fixed("domain." + domain + ".memory0", RegionKind.STATIC_MEMORY,
							Owner.domain(domain), label, base, memory, locations.head(m));
					r.describeValues(locations.of(m.getAddress()), locations.of(m.getSize()));
					banks.add(r);
				}
			}
			return;
		}
		int i = 0;
		for (MemoryBankUse bank : m.getBanks()) {
			int before = banks.size();
			Long size = values.size(bank.getSize(), "a static memory bank");
			String id = "domain." + domain + ".memory" + i;
			String bankLabel = label + " (bank " + i + ")";
			i++;
			if (size == null) {
				continue;
			}
			if (bank.getAddress() == null) {
				Region r = Region.auto(id, RegionKind.STATIC_MEMORY, Owner.domain(domain), bankLabel, size,
						MODULE_ALIGN, locations.of(bank));
				r.describeValues(null, locations.of(bank.getSize()));
				banks.add(r);
			} else {
				Long base = values.eval(bank.getAddress());
				if (base != null) {
					Region r = Region.fixed(id, RegionKind.STATIC_MEMORY, Owner.domain(domain), bankLabel, base, size,
							locations.of(bank));
					r.describeValues(locations.of(bank.getAddress()), locations.of(bank.getSize()));
					banks.add(r);
				}
			}
			if (banks.size() > before) {
				origins.put(bank, banks.get(banks.size() - 1));
			}
		}
	}

	/** A module used by a domain: a named module (loaded once however many use it) or an inline path. */
	private BootModule use(DominoSystem system, String domain, dev.domino.ast.BootModule ref, String path,
			Placement placement, BootModule.Role role, EObject use, org.eclipse.emf.ecore.EAttribute pathFeature,
			Map<Object, BootModule> modules) {
		if (ref != null) {
			if (ref.eIsProxy()) {
				return null; // the linker reports the unknown name
			}
			BootModule existing = modules.get(ref);
			if (existing != null) {
				existing.users().add(domain);
				origins.put(use, existing);
				return existing;
			}
			BootModule.Role declared = ref.eIsSet(AST.getBootModule_Role()) ? role(ref.getRole()) : null;
			SourceLocation where = locations.of(ref, AST.getTopLevel_Name());
			if (declared != null && declared != role) {
				report.error("file", locations.of(use), "module " + ref.getName() + " is declared as a "
						+ declared.description() + " but domain " + domain + " uses it as its " + role.description())
						.related(where, "module " + ref.getName() + " is declared here").emit();
			}
			InputFile file = inputFile(ref, ref.getPath(), locations.of(ref, AST.getBootModule_Path()), system);
			Region region = moduleRegion("module." + ref.getName(), RegionKind.MODULE, Owner.module(ref.getName()),
					"module " + ref.getName(), file, ref.getPlacement(), where);
			BootModule module = new BootModule(ref.getName(), role, file, null, null, region, file.facts().size(),
					new ArrayList<>(List.of(domain)), where);
			modules.put(ref, module);
			origins.put(ref, module);
			origins.put(use, module);
			return module;
		}
		if (path == null) {
			return null;
		}
		String name = domain + "-" + role.name().toLowerCase(java.util.Locale.ROOT);
		SourceLocation where = locations.of(use, pathFeature);
		InputFile file = inputFile(use, path, where, system);
		Region region = moduleRegion("domain." + domain + "." + role.name().toLowerCase(java.util.Locale.ROOT),
				RegionKind.MODULE, Owner.module(name), role.description() + " of domain " + domain, file, placement,
				where);
		BootModule module = new BootModule(name, role, file, null, null, region, file.facts().size(),
				new ArrayList<>(List.of(domain)), where);
		modules.put(use, module);
		origins.put(use, module);
		return module;
	}

	private static BootModule.Role role(dev.domino.ast.ModuleRole role) {
		return switch (role) {
		case RAMDISK -> BootModule.Role.RAMDISK;
		case DTB -> BootModule.Role.DTB;
		case XSM -> BootModule.Role.XSM;
		default -> BootModule.Role.KERNEL;
		};
	}

	private Region moduleRegion(String id, RegionKind kind, Owner owner, String label, InputFile file,
			Placement placement, SourceLocation where) {
		long footprint = Math.max(1, file.facts().ok() ? file.facts().footprint() : 0);
		if (!file.facts().ok()) {
			// a missing file still takes a slot, so the rest of the layout stays stable while editing
			footprint = MODULE_ALIGN;
		}
		return placed(placement, id, kind, owner, label, footprint, MODULE_ALIGN, where, null);
	}

	private Region placed(Placement placement, String id, RegionKind kind, Owner owner, String label, long size,
			long align, SourceLocation where, SourceLocation sizeWhere) {
		if (placement != null && !placement.isAuto() && placement.getAddress() != null) {
			Long base = values.eval(placement.getAddress());
			if (base != null) {
				Region r = Region.fixed(id, kind, owner, label, base, size, where);
				r.describeValues(locations.of(placement.getAddress()), sizeWhere);
				return r;
			}
		}
		Region r = Region.auto(id, kind, owner, label, size, align, where);
		r.describeValues(null, sizeWhere);
		return r;
	}

	private InputFile inputFile(EObject context, String written, SourceLocation where, DominoSystem system) {
		URI uri = context.eResource() == null ? null : context.eResource().getURI();
		Path path = null;
		String bootName = written;
		if (uri != null && uri.isFile()) {
			Path dir = Path.of(uri.toFileString()).toAbsolutePath().getParent();
			path = dir.resolve(written).normalize();
			URI systemUri = system == null || system.eResource() == null ? uri : system.eResource().getURI();
			if (systemUri.isFile()) {
				Path systemDir = Path.of(systemUri.toFileString()).toAbsolutePath().getParent();
				bootName = systemDir.relativize(path).toString().replace('\\', '/');
			}
		}
		FileFacts facts = path == null ? FileFacts.problem(Path.of(written), FileFacts.Status.MISSING,
				"cannot be found (the file that names it is not on disk)") : files.inspect(path);
		return new InputFile(written, path == null ? Path.of(written) : path, bootName, facts, where);
	}

	/**
	 * Shared memory. A peer that is not direct-mapped and gives no guest address gets the next
	 * page-aligned address in the hole between the guest RAM banks ({@code guestCursor}).
	 */
	private SharedMemory sharedMemory(dev.domino.ast.SharedMemory s, Map<String, Long> guestCursor) {
		Long size = values.size(s.getSize(), "shared memory " + s.getName());
		if (size == null) {
			return null;
		}
		SourceLocation where = locations.of(s, AST.getSharedMemory_Name());
		Region host = placed(s.getPlacement(), "shm." + s.getName(), RegionKind.SHARED_MEMORY,
				new Owner(Owner.Kind.SHARED, s.getName()), "shared memory " + s.getName(), size, PAGE, where,
				locations.of(s.getSize()));
		SharedMemory.Peer owner = null;
		List<SharedMemory.Peer> borrowers = new ArrayList<>();
		for (ShmItem item : s.getItems()) {
			dev.domino.ast.Domain target = item.getDomain();
			dev.domino.ast.Value guest = item.getGuestAddress();
			if (target == null || target.eIsProxy()) {
				continue;
			}
			Long guestAddress = guest == null ? null : values.eval(guest);
			Long cursor = guestCursor.get(target.getName());
			if (guest == null && cursor != null) {
				guestAddress = cursor;
				guestCursor.put(target.getName(), U64.alignUp(cursor + size, PAGE));
			}
			SharedMemory.Peer peer = new SharedMemory.Peer(new NameRef(target.getName(), locations.of(item)),
					guestAddress, locations.of(item));
			if (item instanceof ShmOwner) {
				if (owner != null) {
					report.error("requires", locations.of(item), "shared memory " + s.getName() + " has two owners")
							.related(owner.where(), "the first owner").emit();
				} else {
					owner = peer;
				}
			} else {
				borrowers.add(peer);
			}
		}
		SharedMemory shm = new SharedMemory(s.getName(), host, owner, borrowers, where);
		origins.put(s, shm);
		return shm;
	}

	private Cpupool cpupool(dev.domino.ast.Cpupool c, Board board) {
		List<NameRef> cpus = new ArrayList<>();
		String scheduler = null;
		for (CpupoolItem item : c.getItems()) {
			if (item instanceof PoolCpus p) {
				for (CpuRef ref : p.getCpus()) {
					SourceLocation where = locations.of(ref);
					if (ref.getIndex() != null) {
						Long index = values.eval(ref.getIndex());
						if (index != null) {
							boolean exists = Long.compareUnsigned(index, board.cpus().size()) < 0;
							cpus.add(new NameRef(exists ? board.cpus().get(index.intValue()).name() : "#" + index,
									where));
						}
					} else if (ref.getCpu() != null && !ref.getCpu().eIsProxy()) {
						cpus.add(new NameRef(ref.getCpu().getName(), where));
					}
				}
			} else if (item instanceof PoolScheduler s) {
				scheduler = s.getScheduler();
			}
		}
		Cpupool pool = new Cpupool(c.getName(), cpus, scheduler, locations.of(c, AST.getCpupool_Name()));
		origins.put(c, pool);
		return pool;
	}

	private List<Section> sections(Sections s) {
		List<Section> out = new ArrayList<>();
		for (dev.domino.ast.Section section : s.getItems()) {
			Section.Kind kind = switch (section.getKind()) {
			case GUEST_MEMORY -> Section.Kind.GUEST_MEMORY;
			case DEVICE_MEMORY -> Section.Kind.DEVICE_MEMORY;
			default -> Section.Kind.BOOT_MODULES;
			};
			SourceLocation where = locations.of(section);
			String id = "section." + kind.keyword();
			Owner owner = new Owner(Owner.Kind.SECTION, kind.keyword());
			String label = "section " + kind.keyword();
			Region region = null;
			if (section.getFrom() != null) {
				Long from = values.eval(section.getFrom());
				Long to = values.eval(section.getTo());
				if (from != null && to != null && Long.compareUnsigned(to, from) > 0) {
					region = Region.fixed(id, RegionKind.SECTION, owner, label, from, to - from, where);
				} else if (from != null && to != null) {
					report.error("value", where, "section " + kind.keyword() + " ends before it starts").emit();
				}
			} else if (section.getBase() != null) {
				Long base = values.eval(section.getBase());
				Long size = values.size(section.getSize(), "section " + kind.keyword());
				if (base != null && size != null) {
					region = Region.fixed(id, RegionKind.SECTION, owner, label, base, size, where);
				}
			}
			if (out.stream().anyMatch(o -> o.kind() == kind)) {
				report.error("order", where, "section " + kind.keyword() + " is given twice").emit();
				continue;
			}
			out.add(new Section(kind, region, where));
			origins.put(section, out.get(out.size() - 1));
		}
		return out;
	}

	/** Tracks names in one scope and reports duplicates (rule {@code order}). */
	private final class Names {
		private final String scope;
		private final Map<String, SourceLocation> seen = new HashMap<>();

		Names(String scope) {
			this.scope = scope;
		}

		boolean add(String name, String what, SourceLocation where) {
			if (name == null) {
				return false;
			}
			SourceLocation first = seen.putIfAbsent(name, where);
			if (first != null) {
				report.error("order", where, "duplicate name '" + name + "' in " + scope + ": a " + what
						+ " cannot reuse it").related(first, "'" + name + "' is first declared here").emit();
				return false;
			}
			return true;
		}
	}
}
