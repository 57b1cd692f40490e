package dev.domino.resolve;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;

import dev.domino.ast.ArchSetting;
import dev.domino.ast.AstPackage;
import dev.domino.ast.BaseDtb;
import dev.domino.ast.Compatible;
import dev.domino.ast.CpuCount;
import dev.domino.ast.DeviceItem;
import dev.domino.ast.DmaMaster;
import dev.domino.ast.DtPath;
import dev.domino.ast.Interrupt;
import dev.domino.ast.MpuRegions;
import dev.domino.ast.PaBits;
import dev.domino.ast.ProfileSetting;
import dev.domino.ast.Psci;
import dev.domino.ast.RegRange;
import dev.domino.ast.ReservedRange;
import dev.domino.ast.XenOwned;
import dev.domino.diagnostics.RuleId;
import dev.domino.model.Arch;
import dev.domino.model.Board;
import dev.domino.model.Cpu;
import dev.domino.model.Device;
import dev.domino.model.InputFile;
import dev.domino.model.Iommu;
import dev.domino.model.Irq;
import dev.domino.model.Owner;
import dev.domino.model.Profile;
import dev.domino.model.Region;
import dev.domino.model.RegionKind;
import dev.domino.model.SourceLocation;

/** Resolves a board: architecture, CPUs, memory banks, reserved ranges, the base DTB and devices. */
final class BoardBuilder {
	private static final AstPackage AST = AstPackage.eINSTANCE;

	private final BuildContext context;

	BoardBuilder(BuildContext context) {
		this.context = context;
	}

	Board build(dev.domino.ast.Board board) {
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
		Set<String> seenSettings = new HashSet<>();
		Names names = new Names("board " + board.getName(), context.report);
		Locations locations = context.locations;

		for (EObject item : board.getItems()) {
			if (isSetting(item) && !seenSettings.add(item.eClass().getName())) {
				context.report.at(RuleId.ORDER, locations.head(item), "'" + Syntax.firstWord(item)
						+ "' is set twice in board " + board.getName()).emit();
				continue;
			}
			if (item instanceof ArchSetting a) {
				arch = a.getArch() == dev.domino.ast.Arch.AARCH32 ? Arch.AARCH32 : Arch.AARCH64;
			} else if (item instanceof ProfileSetting p) {
				profile = p.getProfile() == dev.domino.ast.Profile.ARMV8R ? Profile.ARMV8R : Profile.ARMV8A;
			} else if (item instanceof PaBits p) {
				paBits = context.values.count(p.getBits(), "pa-bits", 32, 64);
			} else if (item instanceof CpuCount c) {
				Integer n = context.values.count(c.getCount(), "cpus", 1, 4096);
				counted = true;
				if (n != null) {
					for (int i = 0; i < n; i++) {
						cpus.add(new Cpu("cpu" + i, i, locations.of(c)));
					}
				}
			} else if (item instanceof dev.domino.ast.Cpu c) {
				named = true;
				if (names.add(c.getName(), "cpu", locations.of(c, AST.getCpu_Name()))) {
					Long mpidr = c.getMpidr() == null ? Long.valueOf(cpus.size()) : context.values.eval(c.getMpidr());
					if (mpidr != null) {
						cpus.add(context.origin(c, new Cpu(c.getName(), mpidr, locations.of(c, AST.getCpu_Name()))));
					}
				}
			} else if (item instanceof dev.domino.ast.MemoryBank m) {
				if (names.add(m.getName(), "memory bank", locations.of(m, AST.getMemoryBank_Name()))) {
					add(banks, m, region(m.getBase(), m.getSize(), "board." + m.getName(), RegionKind.RAM_BANK,
							Owner.board(m.getName()), "memory bank " + m.getName(),
							locations.of(m, AST.getMemoryBank_Name())));
				}
			} else if (item instanceof ReservedRange r) {
				if (names.add(r.getName(), "reserved range", locations.of(r, AST.getReservedRange_Name()))) {
					add(reserved, r, region(r.getBase(), r.getSize(), "reserved." + r.getName(), RegionKind.RESERVED,
							new Owner(Owner.Kind.FIRMWARE, r.getName()), "reserved range " + r.getName(),
							locations.of(r, AST.getReservedRange_Name())));
				}
			} else if (item instanceof BaseDtb b && b.getPath() != null) { // no path: the parser reported it
				baseDtb = context.inputFile(board, b.getPath(), locations.of(b, AST.getBaseDtb_Path()), null);
			} else if (item instanceof MpuRegions m) {
				Integer n = context.values.count(m.getCount(), "mpu regions", 1, 255);
				mpuRegions = n == null ? 0 : n;
			} else if (item instanceof Psci p) {
				psci = p.getMethod() == dev.domino.ast.PsciMethod.HVC ? Board.PsciMethod.HVC : Board.PsciMethod.SMC;
			} else if (item instanceof dev.domino.ast.Device d) {
				if (names.add(d.getName(), "device", locations.of(d, AST.getDevice_Name()))) {
					devices.add(context.origin(d, device(d)));
				}
			}
		}
		if (named && counted) {
			context.report.at(RuleId.CPUS, locations.of(board, AST.getTopLevel_Name()), "board " + board.getName()
					+ " gives both 'cpus N' and named cpus; use one or the other").emit();
		}
		if (cpus.isEmpty()) {
			cpus.add(new Cpu("cpu0", 0, locations.of(board, AST.getTopLevel_Name())));
		}
		int bits = paBits != null ? paBits : arch == Arch.AARCH64 ? 48 : 40;
		return context.origin(board, new Board(board.getName(), arch, profile, bits, cpus, named, banks, reserved,
				devices, baseDtb, mpuRegions, psci, locations.of(board, AST.getTopLevel_Name())));
	}

	private void add(List<Region> into, EObject element, Region r) {
		if (r != null) {
			into.add(context.origin(element, r));
		}
	}

	private static boolean isSetting(EObject item) {
		return item instanceof ArchSetting || item instanceof ProfileSetting || item instanceof PaBits
				|| item instanceof BaseDtb || item instanceof MpuRegions || item instanceof Psci
				|| item instanceof CpuCount;
	}

	private Device device(dev.domino.ast.Device d) {
		List<String> compatibles = new ArrayList<>();
		List<Region> regs = new ArrayList<>();
		List<Irq> irqs = new ArrayList<>();
		String path = null;
		Iommu iommu = null;
		boolean usedByXen = false;
		boolean dma = false;
		for (DeviceItem item : d.getItems()) {
			if (item instanceof Compatible c) {
				compatibles.addAll(c.getValues());
			} else if (item instanceof RegRange r) {
				int index = regs.size();
				Region reg = region(r.getBase(), r.getSize(), "device." + d.getName() + ".reg" + index,
						RegionKind.DEVICE, Owner.board(d.getName()),
						"registers of device " + d.getName() + (index > 0 ? " (range " + index + ")" : ""),
						context.locations.of(r));
				if (reg != null) {
					regs.add(reg);
				}
			} else if (item instanceof Interrupt i) {
				Long n = context.values.eval(i.getNumber());
				if (n != null) {
					irqs.add(irq(i, n));
				}
			} else if (item instanceof DtPath p) {
				path = p.getPath();
				if (!path.startsWith("/")) {
					context.report.at(RuleId.VALUE, context.locations.of(p, AST.getDtPath_Path()),
							"a device-tree path starts with '/': \"" + path + "\"").emit();
				}
			} else if (item instanceof dev.domino.ast.Iommu i) {
				Long stream = i.getStreamId() == null ? null : context.values.eval(i.getStreamId());
				iommu = new Iommu(i.isNone(), i.getSmmu() == null ? null : i.getSmmu().getName(), stream,
						context.locations.of(i));
			} else if (item instanceof XenOwned) {
				usedByXen = true;
			} else if (item instanceof DmaMaster) {
				dma = true;
			}
		}
		return new Device(d.getName(), compatibles, regs, irqs, path, iommu, usedByXen, dma,
				context.locations.of(d, AST.getDevice_Name()));
	}

	private Irq irq(Interrupt i, long n) {
		SourceLocation where = context.locations.of(i);
		if (!i.isSpi() && !i.isPpi()) {
			// a bare number is a GIC INTID
			if (Long.compareUnsigned(n, 32) >= 0) {
				return new Irq(Irq.Type.SPI, n - 32, where);
			}
			if (n >= 16) {
				return new Irq(Irq.Type.PPI, n - 16, where);
			}
			context.report.at(RuleId.VALUE, where, "INTID " + n
					+ " is an SGI; devices use SPIs (32 and up) or PPIs (16-31)").emit();
			return new Irq(Irq.Type.PPI, 0, where);
		}
		if (i.isPpi()) {
			if (Long.compareUnsigned(n, 16) >= 0) {
				context.report.at(RuleId.VALUE, where, "PPI " + n + " does not exist (PPIs are 0-15)").emit();
			}
			return new Irq(Irq.Type.PPI, n, where);
		}
		if (Long.compareUnsigned(n, 988) >= 0) {
			context.report.at(RuleId.VALUE, where, "SPI " + Long.toUnsignedString(n)
					+ " does not exist (SPIs are 0-987)").emit();
		}
		return new Irq(Irq.Type.SPI, n, where);
	}

	/** A fixed range from an address and a size value; null (after reporting) when either has no value. */
	private Region region(dev.domino.ast.Value base, dev.domino.ast.Value size, String id, RegionKind kind,
			Owner owner, String label, SourceLocation where) {
		Long b = context.values.eval(base);
		Long s = context.values.size(size, "the size of " + label);
		if (b == null || s == null) {
			return null;
		}
		return Region.fixed(id, kind, owner, label, b, s, where).writtenAt(context.locations.of(base),
				context.locations.of(size));
	}
}
