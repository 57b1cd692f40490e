package dev.domino.imports;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.domino.fdt.DeviceTree;
import dev.domino.fdt.DtNode;
import dev.domino.fdt.DtProperty;
import dev.domino.model.U64;

/**
 * domino import-dtb: a board description from a device tree blob. Memory banks, reserved
 * memory (/reserved-memory and /memreserve/), CPUs, PSCI, and every device with registers or
 * interrupts: its compatible strings, its registers translated through the parent buses'
 * {@code ranges} into CPU addresses, its GIC interrupts (SPI or PPI, through its interrupt
 * parent), its node path and its IOMMU. What cannot be said in Domino is returned as notes,
 * by path.
 */
public final class DtbImport {
	/** The board text, its name, and what was left out. */
	public record Result(String text, String boardName, List<ImportNote> notes) {
	}

	private record Irq(boolean ppi, long number) {
	}

	private record Reg(long base, long size) {
	}

	private static final Set<String> NOT_DEVICES = Set.of("cpus", "chosen", "aliases", "reserved-memory", "psci",
			"__symbols__", "__fixups__", "__local_fixups__", "__overlay__");

	private final DeviceTree tree;
	private final Map<DtNode, DtNode> parents = new IdentityHashMap<>();
	private final Map<DtNode, String> paths = new IdentityHashMap<>();
	private final Map<Long, DtNode> phandles = new LinkedHashMap<>();
	private final Map<String, String> aliases = new LinkedHashMap<>();
	private final List<ImportNote> notes = new ArrayList<>();
	private final Set<String> taken = new HashSet<>();

	private DtbImport(DeviceTree tree) {
		this.tree = tree;
	}

	/**
	 * @param boardName the board's name, made an identifier
	 * @param baseDtb the path the board file should use for the blob (base-dtb), or null for none
	 * @param source how to name the blob in the header comment
	 */
	public static Result run(DeviceTree tree, String boardName, String baseDtb, String source) {
		return new DtbImport(tree).board(boardName, baseDtb, source);
	}

	private Result board(String requestedName, String baseDtb, String source) {
		index(tree.root(), null, "");
		String name = Identifiers.of(requestedName, taken);
		DtNode root = tree.root();
		StringBuilder out = new StringBuilder();
		out.append("// Imported by domino import-dtb from ").append(source);
		root.property("model").ifPresent(p -> out.append(": ").append(p.string()));
		out.append("\n// The blob does not say how many physical address bits the SoC has: set pa-bits to its value.\n");
		out.append("board ").append(name).append(" {\n");

		List<DtNode> cpuNodes = cpus();
		String cpuCompatible = cpuNodes.stream().map(c -> c.property("compatible")).flatMap(Optional::stream)
				.map(DtProperty::string).findFirst().orElse("");
		boolean armv8r = cpuCompatible.matches("arm,cortex-r5[0-9]|arm,cortex-r8[0-9]");
		boolean aarch32 = cpuCompatible.matches("arm,cortex-a(5|7|8|9|12|15|17)|arm,cortex-r5[0-9]|arm,armv7");
		out.append("    arch ").append(aarch32 ? "aarch32" : "aarch64").append('\n');
		out.append("    profile ").append(armv8r ? "armv8r" : "armv8a").append('\n');
		if (!cpuCompatible.isEmpty()) {
			out.setLength(out.length() - 1);
			out.append("          // CPUs: ").append(cpuCompatible).append('\n');
		}
		cpus(out, cpuNodes);
		memory(out);
		reserved(out);
		root.child("psci").flatMap(p -> p.property("method")).map(DtProperty::string).ifPresent(method -> {
			if (method.equals("smc") || method.equals("hvc")) {
				out.append("    psci ").append(method).append('\n');
			} else {
				notes.add(new ImportNote("/psci", "method \"" + method + "\" is neither smc nor hvc: not imported"));
			}
		});
		if (baseDtb != null) {
			out.append("    base-dtb ").append(Identifiers.string(baseDtb)).append('\n');
		}
		devices(out);
		out.append("}\n");
		return new Result(out.toString(), name, List.copyOf(notes));
	}

	private void index(DtNode node, DtNode parent, String path) {
		String here = parent == null ? "/" : (path.equals("/") ? "" : path) + "/" + node.name();
		parents.put(node, parent);
		paths.put(node, here);
		for (String p : List.of("phandle", "linux,phandle")) {
			node.property(p).filter(v -> v.length() == 4).ifPresent(v -> phandles.putIfAbsent(v.cell(0), node));
		}
		if (parent != null && parent.name().isEmpty() && node.name().equals("aliases")) {
			for (DtProperty alias : node.properties()) {
				if (alias.length() > 0 && !alias.name().equals("name")) {
					aliases.putIfAbsent(alias.string(), alias.name());
				}
			}
		}
		for (DtNode child : node.children()) {
			index(child, node, here);
		}
	}

	// ------------------------------------------------------------------ CPUs, memory, reserved

	private List<DtNode> cpus() {
		List<DtNode> out = new ArrayList<>();
		tree.root().child("cpus").ifPresent(cpus -> {
			for (DtNode c : cpus.children()) {
				boolean isCpu = c.property("device_type").map(DtProperty::string).map("cpu"::equals)
						.orElse(c.name().startsWith("cpu@"));
				if (isCpu) {
					out.add(c);
				}
			}
		});
		return out;
	}

	private void cpus(StringBuilder out, List<DtNode> cpuNodes) {
		DtNode cpusNode = tree.root().child("cpus").orElse(null);
		for (int i = 0; i < cpuNodes.size(); i++) {
			DtNode c = cpuNodes.get(i);
			Optional<Long> mpidr = cellsValue(c.property("reg"), cpusNode.addressCells());
			if (mpidr.isEmpty()) {
				notes.add(new ImportNote(paths.get(c), "a CPU without a readable reg (its MPIDR): not imported"));
				continue;
			}
			String unit = unitAddress(c.name());
			String cpuName = Identifiers.of("cpu" + (unit.isEmpty() ? String.valueOf(i) : unit), taken);
			out.append("    cpu ").append(cpuName).append(" mpidr ").append(U64.hex(mpidr.get())).append('\n');
		}
	}

	private void memory(StringBuilder out) {
		int n = 0;
		for (DtNode node : tree.root().children()) {
			boolean isMemory = node.property("device_type").map(DtProperty::string).map("memory"::equals)
					.orElse(node.name().equals("memory") || node.name().startsWith("memory@"));
			if (!isMemory) {
				continue;
			}
			for (Reg r : regs(node)) {
				if (r.size() == 0) {
					continue;
				}
				out.append("    memory ").append(Identifiers.of("ram" + n++, taken)).append(" at ").append(U64.hex(r.base()))
						.append(" size ").append(size(r.size())).append('\n');
			}
		}
		if (n == 0) {
			notes.add(new ImportNote("/memory", "the blob describes no memory: add the board's banks by hand"));
		}
	}

	private void reserved(StringBuilder out) {
		int n = 0;
		for (DeviceTree.Reservation r : tree.reservations()) {
			out.append("    reserved ").append(Identifiers.of("memreserve" + n++, taken)).append(" at ")
					.append(U64.hex(r.address())).append(" size ").append(size(r.size()))
					.append("          // /memreserve/\n");
		}
		Optional<DtNode> reservedMemory = tree.root().child("reserved-memory");
		if (reservedMemory.isEmpty()) {
			return;
		}
		for (DtNode node : reservedMemory.get().children()) {
			if (node.property("reg").isEmpty()) {
				notes.add(new ImportNote(paths.get(node), "reserved memory placed at boot (a size and no reg):"
						+ " not imported; Domino reserves fixed ranges only"));
				continue;
			}
			List<Reg> regs = regs(node);
			for (int i = 0; i < regs.size(); i++) {
				Reg r = regs.get(i);
				String base = baseName(node.name()) + (regs.size() > 1 ? "_" + i : "");
				out.append("    reserved ").append(Identifiers.of(base, taken)).append(" at ").append(U64.hex(r.base()))
						.append(" size ").append(size(r.size())).append("          // ").append(paths.get(node))
						.append('\n');
			}
		}
	}

	// ------------------------------------------------------------------ devices

	private void devices(StringBuilder out) {
		List<DtNode> candidates = new ArrayList<>();
		collect(tree.root(), candidates);
		Map<String, Integer> baseCounts = new LinkedHashMap<>();
		for (DtNode d : candidates) {
			baseCounts.merge(baseName(d.name()), 1, Integer::sum);
		}
		Map<DtNode, String> names = new IdentityHashMap<>();
		for (DtNode d : candidates) {
			String alias = aliases.get(paths.get(d));
			String base = baseName(d.name());
			String raw = alias != null ? alias
					: baseCounts.get(base) == 1 || unitAddress(d.name()).isEmpty() ? base : base + "_" + unitAddress(d.name());
			names.put(d, Identifiers.of(raw, taken));
		}
		List<String> skipped = new ArrayList<>();
		for (DtNode d : candidates) {
			String path = paths.get(d);
			List<Reg> regs = regs(d);
			List<Irq> irqs = interrupts(d);
			if (regs.isEmpty() && irqs.isEmpty()) {
				skipped.add(path);
				continue;
			}
			out.append("\n    device ").append(names.get(d)).append(" {\n");
			List<String> compatibles = d.property("compatible").map(DtProperty::stringList).orElse(List.of());
			out.append("        compatible ");
			for (int i = 0; i < compatibles.size(); i++) {
				out.append(i == 0 ? "" : ", ").append(Identifiers.string(compatibles.get(i)));
			}
			out.append('\n');
			for (Reg r : regs) {
				out.append("        reg ").append(U64.hex(r.base())).append(" size ").append(size(r.size())).append('\n');
			}
			for (Irq irq : irqs) {
				out.append("        irq ").append(irq.ppi() ? "ppi " : "spi ").append(irq.number()).append('\n');
			}
			out.append("        path ").append(Identifiers.string(path)).append('\n');
			iommu(d, names).ifPresent(line -> out.append("        ").append(line).append('\n'));
			d.property("status").map(DtProperty::string).filter(s -> !s.equals("okay") && !s.equals("ok"))
					.ifPresent(s -> out.append("        // status \"").append(s).append("\" in the blob\n"));
			out.append("    }\n");
		}
		if (!skipped.isEmpty()) {
			notes.add(new ImportNote(String.join(", ", skipped),
					"no registers and no interrupts (clocks, regulators, keys...): not imported"));
		}
	}

	/** Nodes with a compatible below the root, in document order, except buses that only hold others. */
	private void collect(DtNode node, List<DtNode> out) {
		for (DtNode child : node.children()) {
			if (node == tree.root() && (NOT_DEVICES.contains(child.name()) || child.name().equals("memory")
					|| child.name().startsWith("memory@"))) {
				continue;
			}
			List<String> compatibles = child.property("compatible").map(DtProperty::stringList).orElse(List.of());
			boolean bus = compatibles.contains("simple-bus") || compatibles.contains("arm,amba-bus")
					|| compatibles.contains("simple-mfd");
			if (!compatibles.isEmpty() && !(bus && child.property("reg").isEmpty())) {
				out.add(child);
			}
			collect(child, out);
		}
	}

	/** The node's registers as CPU addresses; what cannot be translated is noted. */
	private List<Reg> regs(DtNode node) {
		Optional<DtProperty> reg = node.property("reg");
		DtNode parent = parents.get(node);
		if (reg.isEmpty() || parent == null) {
			return List.of();
		}
		int ac = parent.addressCells();
		int sc = parent.sizeCells();
		int entry = ac + sc;
		DtProperty p = reg.get();
		if (ac < 0 || sc < 0 || entry == 0 || p.length() % 4 != 0 || p.cellCount() % entry != 0 || ac > 4 || sc > 2) {
			notes.add(new ImportNote(paths.get(node), "reg of " + p.length() + " bytes is not a list of (" + ac
					+ " address + " + sc + " size)-cell entries: registers not imported"));
			return List.of();
		}
		if (sc == 0) {
			return List.of(); // not memory-mapped (CPUs, I2C or SPI addresses...)
		}
		List<Reg> out = new ArrayList<>();
		for (int i = 0; i < p.cellCount(); i += entry) {
			Optional<Long> address = cells(p, i, ac);
			Optional<Long> size = cells(p, i + ac, sc);
			if (address.isEmpty() || size.isEmpty()) {
				notes.add(new ImportNote(paths.get(node), "a reg entry wider than 64 bits: not imported"));
				continue;
			}
			Optional<Long> cpu = translate(parent, address.get());
			if (cpu.isEmpty()) {
				notes.add(new ImportNote(paths.get(node), "register " + U64.hex(address.get())
						+ " is not mapped into the CPU address space by the parents' ranges: not imported"));
				continue;
			}
			out.add(new Reg(cpu.get(), size.get()));
		}
		return out;
	}

	/** An address on {@code bus} as seen by the CPUs, following each bus's ranges up to the root. */
	private Optional<Long> translate(DtNode bus, long address) {
		long a = address;
		for (DtNode b = bus; parents.get(b) != null; b = parents.get(b)) {
			Optional<DtProperty> ranges = b.property("ranges");
			if (ranges.isEmpty()) {
				return Optional.empty();
			}
			if (ranges.get().length() == 0) {
				continue; // identity
			}
			int childCells = b.addressCells();
			int parentCells = parents.get(b).addressCells();
			int sizeCells = b.sizeCells();
			int entry = childCells + parentCells + sizeCells;
			DtProperty r = ranges.get();
			if (childCells < 0 || parentCells < 0 || sizeCells < 0 || childCells > 4 || parentCells > 4 || sizeCells > 2
					|| entry == 0 || r.length() % 4 != 0 || r.cellCount() % entry != 0) {
				return Optional.empty();
			}
			boolean found = false;
			for (int i = 0; i < r.cellCount(); i += entry) {
				Optional<Long> child = cells(r, i, childCells);
				Optional<Long> parent = cells(r, i + childCells, parentCells);
				Optional<Long> length = cells(r, i + childCells + parentCells, sizeCells);
				if (child.isEmpty() || parent.isEmpty() || length.isEmpty()) {
					continue;
				}
				long offset = a - child.get();
				if (Long.compareUnsigned(a, child.get()) >= 0 && Long.compareUnsigned(offset, length.get()) < 0) {
					a = parent.get() + offset;
					found = true;
					break;
				}
			}
			if (!found) {
				return Optional.empty();
			}
		}
		return Optional.of(a);
	}

	/** GIC interrupts of a node, from interrupts (with its interrupt parent) or interrupts-extended. */
	private List<Irq> interrupts(DtNode node) {
		List<Irq> out = new ArrayList<>();
		Optional<DtProperty> extended = node.property("interrupts-extended");
		if (extended.isPresent()) {
			DtProperty p = extended.get();
			int i = 0;
			while (i < p.cellCount()) {
				DtNode controller = phandles.get(p.cell(i));
				int cells = controller == null ? -1 : interruptCells(controller);
				if (cells <= 0 || i + 1 + cells > p.cellCount()) {
					notes.add(new ImportNote(paths.get(node), "interrupts-extended names an unknown controller: the rest"
							+ " of its interrupts are not imported"));
					break;
				}
				gicInterrupt(node, controller, p, i + 1, cells).ifPresent(out::add);
				i += 1 + cells;
			}
			return out;
		}
		Optional<DtProperty> interrupts = node.property("interrupts");
		if (interrupts.isEmpty()) {
			return out;
		}
		DtNode controller = interruptParent(node);
		if (controller == null) {
			notes.add(new ImportNote(paths.get(node), "interrupts without an interrupt parent: not imported"));
			return out;
		}
		int cells = interruptCells(controller);
		DtProperty p = interrupts.get();
		if (cells <= 0 || p.length() % 4 != 0 || p.cellCount() % cells != 0) {
			notes.add(new ImportNote(paths.get(node), "interrupts do not match #interrupt-cells of "
					+ paths.get(controller) + ": not imported"));
			return out;
		}
		for (int i = 0; i < p.cellCount(); i += cells) {
			gicInterrupt(node, controller, p, i, cells).ifPresent(out::add);
		}
		return out;
	}

	private Optional<Irq> gicInterrupt(DtNode node, DtNode controller, DtProperty p, int at, int cells) {
		if (!isGic(controller)) {
			notes.add(new ImportNote(paths.get(node), "an interrupt routed through " + paths.get(controller)
					+ ", which is not the GIC: not imported"));
			return Optional.empty();
		}
		if (cells < 2) {
			return Optional.empty();
		}
		long type = p.cell(at);
		long number = p.cell(at + 1);
		if (type == 0) {
			return Optional.of(new Irq(false, number));
		}
		if (type == 1) {
			return Optional.of(new Irq(true, number));
		}
		notes.add(new ImportNote(paths.get(node), "a GIC interrupt of type " + type
				+ " (neither SPI nor PPI, such as an extended range): not imported"));
		return Optional.empty();
	}

	private DtNode interruptParent(DtNode node) {
		for (DtNode n = node; n != null; n = parents.get(n)) {
			Optional<DtProperty> parent = n.property("interrupt-parent");
			if (parent.isPresent() && parent.get().length() == 4) {
				return phandles.get(parent.get().cell(0));
			}
		}
		return null;
	}

	private static int interruptCells(DtNode controller) {
		return controller.property("#interrupt-cells").filter(p -> p.length() == 4).map(p -> (int) p.cell(0))
				.orElse(-1);
	}

	private static boolean isGic(DtNode node) {
		return node.property("compatible").map(DtProperty::stringList).orElse(List.of()).stream()
				.anyMatch(c -> c.startsWith("arm,gic") || c.equals("arm,cortex-a15-gic") || c.equals("arm,cortex-a9-gic"));
	}

	private Optional<String> iommu(DtNode node, Map<DtNode, String> names) {
		Optional<DtProperty> iommus = node.property("iommus");
		if (iommus.isEmpty() || iommus.get().length() < 4 || iommus.get().length() % 4 != 0) {
			return Optional.empty();
		}
		DtProperty p = iommus.get();
		DtNode smmu = phandles.get(p.cell(0));
		if (smmu == null || !names.containsKey(smmu)) {
			notes.add(new ImportNote(paths.get(node), "iommus names a node that is not an imported device: not imported"));
			return Optional.empty();
		}
		int cells = smmu.property("#iommu-cells").filter(c -> c.length() == 4).map(c -> (int) c.cell(0)).orElse(1);
		if (p.cellCount() > 1 + cells) {
			notes.add(new ImportNote(paths.get(node), "more than one IOMMU master ID: only the first is imported"));
		}
		String line = "iommu " + names.get(smmu);
		if (cells >= 1 && p.cellCount() >= 2) {
			line += " stream-id " + U64.hex(p.cell(1));
		}
		return Optional.of(line);
	}

	// ------------------------------------------------------------------ values

	/** {@code count} cells from {@code at} as one number, if it fits in 64 bits. */
	private static Optional<Long> cells(DtProperty p, int at, int count) {
		long v = 0;
		for (int i = 0; i < count; i++) {
			if (i < count - 2 && p.cell(at + i) != 0) {
				return Optional.empty();
			}
			v = (v << 32) | p.cell(at + i);
		}
		return Optional.of(v);
	}

	private static Optional<Long> cellsValue(Optional<DtProperty> p, int count) {
		if (p.isEmpty() || count <= 0 || p.get().length() != count * 4) {
			return Optional.empty();
		}
		return cells(p.get(), 0, count);
	}

	private static String size(long size) {
		return Long.remainderUnsigned(size, 1024) == 0 ? U64.sizeLiteral(size) : U64.hex(size);
	}

	private static String baseName(String nodeName) {
		int at = nodeName.indexOf('@');
		return at < 0 ? nodeName : nodeName.substring(0, at);
	}

	private static String unitAddress(String nodeName) {
		int at = nodeName.indexOf('@');
		return at < 0 ? "" : nodeName.substring(at + 1).toLowerCase(Locale.ROOT).replace(',', '_');
	}
}
