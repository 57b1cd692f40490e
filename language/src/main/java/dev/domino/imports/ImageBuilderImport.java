package dev.domino.imports;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import dev.domino.model.U64;
import dev.domino.xen.XenFeature;
import dev.domino.xen.XenVersion;

/**
 * domino import-imagebuilder: a system from an ImageBuilder config (scripts/uboot-script-gen).
 * Every variable with a meaning in Domino is carried over, with ImageBuilder's defaults where
 * the config leaves one out (512 MiB and 1 vCPU per domain, a vpl011 console, its default Xen
 * command line); every other variable is named in a note saying why it was left out.
 */
public final class ImageBuilderImport {
	/** The board the system runs on, as Domino knows it. */
	public record Board(String name, String importPath, Map<String, String> devicesByPath, List<Cpu> cpus) {
	}

	/** A CPU as a cpupool names it: by name, or by index on a board that only counts its CPUs. */
	public record Cpu(String name, long mpidr) {
	}

	/**
	 * @param systemName the system's name
	 * @param xenVersion the Xen release to write, or null for the oldest that has every feature used
	 * @param path turns a file name of the config (relative to its root folder) into one for the system file
	 */
	public record Options(String systemName, String xenVersion, UnaryOperator<String> path) {
	}

	public record Result(String text, List<ImportNote> notes) {
	}

	static final String DEFAULT_XEN_CMD = "console=dtuart dtuart=serial0 dom0_mem=1G dom0_max_vcpus=1 bootscrub=0 vwfi=native sched=null";

	private static final Map<String, String> UNSUPPORTED = unsupported();

	/** Variables read per domain, as DOMU_X[i]. */
	private static final Set<String> DOMAIN_VARIABLES = Set.of("DOMU_KERNEL", "DOMU_CMD", "DOMU_RAMDISK", "DOMU_MEM",
			"DOMU_VCPUS", "DOMU_STATIC_MEM", "DOMU_DIRECT_MAP", "DOMU_ENHANCED", "DOMU_PASSTHROUGH_PATHS",
			"DOMU_PASSTHROUGH_DTB", "DOMU_CPUPOOL", "DOMU_SHARED_MEM", "DOMU_SHARED_MEM_ID", "DOMU_NOBOOT",
			"DOMU_VPL011", "DOMU_NR_SPIS", "DOMU_COLORS", "DOMU_LOAD", "DOMU_CAPS", "DOMU_GRANT_VER",
			"DOMU_GRANT_FRAMES", "DOMU_MAPTRACK_FRAMES", "DOMU_VCPU_HARD_AFFINITY", "DOMU_STATIC_EVTCHNS");

	/** The arrays uboot-script-gen declares associative before it sources the config. */
	private static final Set<String> ASSOCIATIVE = Set.of("DOMU_VCPU_HARD_AFFINITY");

	/** More domains than a config could mean: NUM_DOMUS beyond it is a typo, not a system. */
	private static final int MAX_DOMAINS = 1024;

	private static final Set<String> HANDLED = Set.of("MEMORY_START", "MEMORY_END", "LOAD_CMD", "BOOT_CMD",
			"DEVICE_TREE", "XEN", "XEN_CMD", "XEN_POLICY", "XEN_STATIC_HEAP", "XEN_LOAD", "DOM0_KERNEL", "DOM0_RAMDISK", "DOM0_CMD",
			"DOM0_MEM", "DOM0_VCPUS", "DOM0_LOAD", "NUM_DOMUS", "NUM_CPUPOOLS", "CPUPOOL", "UBOOT_SOURCE",
			"UBOOT_SCRIPT");

	private final ShellConfig config;
	private final Board board;
	private final Options options;
	private final List<ImportNote> notes = new ArrayList<>();
	private final Set<String> taken = new HashSet<>();
	private final Set<XenFeature> features = EnumSet.noneOf(XenFeature.class);

	private ImageBuilderImport(ShellConfig config, Board board, Options options) {
		this.config = config;
		this.board = board;
		this.options = options;
	}

	public static Result run(ShellConfig config, Board board, Options options) {
		return new ImageBuilderImport(config, board, options).system();
	}

	/** The config as uboot-script-gen sources it: DOMU_VCPU_HARD_AFFINITY[i,v] is keyed, not indexed. */
	public static ShellConfig read(String text) {
		return ShellConfig.parse(text, ASSOCIATIVE);
	}

	/** What the config holds that is not an assignment (commands, unclosed quotes), by line. */
	public static List<ImportNote> parseNotes(ShellConfig config) {
		List<ImportNote> out = new ArrayList<>();
		for (ShellConfig.Problem p : config.problems()) {
			out.add(new ImportNote("line " + p.line(), p.message()));
		}
		return out;
	}

	private Result system() {
		notes.addAll(parseNotes(config));
		for (Map.Entry<String, ShellConfig.Variable> v : config.variables().entrySet()) {
			String name = v.getKey();
			if (UNSUPPORTED.containsKey(name)) {
				notes.add(new ImportNote(name, "not imported: " + UNSUPPORTED.get(name)));
			} else if (!HANDLED.contains(name) && !DOMAIN_VARIABLES.contains(name)) {
				notes.add(new ImportNote(name, "not an ImageBuilder variable Domino knows: not imported"));
			}
		}
		String loadCommand = config.get("LOAD_CMD");
		if (loadCommand == null || loadCommand.isBlank()) {
			loadCommand = "tftpb";
			notes.add(new ImportNote("LOAD_CMD", "not set (uboot-script-gen -t gives it): using \"tftpb\""));
		}
		for (String perFile : List.of("XEN_LOAD", "DOM0_LOAD")) {
			String value = config.get(perFile);
			if (value != null && !value.equals(loadCommand)) {
				notes.add(new ImportNote(perFile, "Domino loads every file with one command (LOAD_CMD \"" + loadCommand
						+ "\"): \"" + value + "\" is not imported"));
			}
		}

		for (String output : List.of("UBOOT_SOURCE", "UBOOT_SCRIPT")) {
			if (config.get(output) != null) {
				notes.add(new ImportNote(output, "not needed: domino compile -o DIR writes boot.source and boot.scr"));
			}
		}
		taken.add(options.systemName());
		StringBuilder xen = new StringBuilder();
		xen(xen);
		StringBuilder body = new StringBuilder();
		boot(body, loadCommand);
		List<Integer> domains = domainIndexes();
		Map<String, String> kernelModules = sharedModules(domains, "DOMU_KERNEL", "DOM0_KERNEL", "kernel", body);
		Map<String, String> ramdiskModules = sharedModules(domains, "DOMU_RAMDISK", "DOM0_RAMDISK", "ramdisk", body);
		Map<Integer, String> pools = cpupools(body);
		boolean dom0 = config.get("DOM0_KERNEL") != null;
		if (dom0) {
			dom0(body, kernelModules, ramdiskModules);
		}
		Map<Integer, String> domainNames = new LinkedHashMap<>();
		for (int i : domains) {
			domainNames.put(i, Identifiers.of("domU" + i, taken));
		}
		for (int i : domains) {
			domain(body, i, domainNames.get(i), dom0, kernelModules, ramdiskModules, pools, loadCommand);
		}
		sharedMemory(body, domains, domainNames);
		eventChannels(body, domains, domainNames);

		XenVersion version = XenVersion.parse("4.17");
		for (XenFeature f : features) {
			if (f.since().compareTo(version) > 0) {
				version = f.since();
			}
		}
		StringBuilder out = new StringBuilder();
		out.append("// Imported by domino import-imagebuilder. ImageBuilder's defaults are written out; what it\n")
				.append("// does that Domino does not is listed by the import.\n");
		out.append("import ").append(Identifiers.string(board.importPath())).append("\n\n");
		out.append("system ").append(options.systemName()).append(" on ").append(board.name()).append(" {\n");
		out.append("    xen ").append(options.xenVersion() != null ? options.xenVersion() : version.toString()).append(" {");
		if (options.xenVersion() == null) {
			out.append("                 // the oldest Xen with every feature used: say yours");
		}
		out.append('\n').append(xen).append("    }\n").append(body).append("}\n");
		return new Result(out.toString(), List.copyOf(notes));
	}

	// ------------------------------------------------------------------ Xen and boot

	/** The lines inside xen { }. */
	private void xen(StringBuilder out) {
		String xen = config.get("XEN");
		if (xen == null || xen.isBlank()) {
			notes.add(new ImportNote("XEN", "not set: the system has no Xen image to load; add image \"...\""));
		} else {
			out.append("        image ").append(Identifiers.string(options.path().apply(xen))).append('\n');
		}
		String cmd = config.get("XEN_CMD");
		if (cmd == null) {
			cmd = DEFAULT_XEN_CMD;
			String mem = config.get("DOM0_MEM");
			String vcpus = config.get("DOM0_VCPUS");
			if (mem != null) {
				cmd = cmd.replace("dom0_mem=1G", "dom0_mem=" + mem + "M");
			}
			if (vcpus != null) {
				cmd = cmd.replace("dom0_max_vcpus=1", "dom0_max_vcpus=" + vcpus);
			}
			notes.add(new ImportNote("XEN_CMD", "not set: ImageBuilder's default command line is written out"));
		}
		out.append("        bootargs ").append(Identifiers.string(cmd)).append('\n');
		String policy = config.get("XEN_POLICY");
		if (policy != null && !policy.isBlank()) {
			out.append("        policy ").append(Identifiers.string(options.path().apply(policy))).append('\n');
		}
		String heap = config.get("XEN_STATIC_HEAP");
		if (heap != null && !heap.isBlank()) {
			List<Long> numbers = numbers("XEN_STATIC_HEAP", heap);
			if (numbers != null && numbers.size() >= 2 && numbers.size() % 2 == 0) {
				out.append("        heap ").append(size(numbers.get(1))).append(" at ").append(U64.hex(numbers.get(0)))
						.append('\n');
				features.add(XenFeature.STATIC_HEAP);
				if (numbers.size() > 2) {
					notes.add(new ImportNote("XEN_STATIC_HEAP", "Domino gives Xen one static heap region: only the"
							+ " first (" + U64.hex(numbers.get(0)) + ") is imported"));
				}
			} else if (numbers != null) {
				notes.add(new ImportNote("XEN_STATIC_HEAP", "is not \"base size ...\" pairs: not imported"));
			}
		}
	}

	private void boot(StringBuilder out, String loadCommand) {
		String bootCmd = config.get("BOOT_CMD");
		String command = "booti";
		if (bootCmd != null) {
			switch (bootCmd) {
			case "booti", "bootm", "none" -> command = bootCmd;
			default -> notes.add(new ImportNote("BOOT_CMD", "\"" + bootCmd + "\" is not booti, bootm or none: using booti"));
			}
		}
		out.append("    boot uboot ").append(command).append(" {\n");
		out.append("        load ").append(Identifiers.string(loadCommand)).append('\n');
		Long start = number("MEMORY_START");
		Long end = number("MEMORY_END");
		if (start != null && end != null) {
			// uboot-script-gen starts loading 2 MiB into MEMORY_START
			out.append("        window ").append(U64.hex(start + (2L << 20))).append(" .. ").append(U64.hex(end))
					.append('\n');
		} else {
			notes.add(new ImportNote("MEMORY_START/MEMORY_END", "not both set: Domino places the files anywhere in the"
					+ " board's memory"));
		}
		out.append("    }\n");
	}

	// ------------------------------------------------------------------ domains

	private List<Integer> domainIndexes() {
		Long count = number("NUM_DOMUS");
		int n = count == null ? 0 : (int) Math.max(0, Math.min(count, MAX_DOMAINS));
		if (count != null && (count < 0 || count > MAX_DOMAINS)) {
			notes.add(new ImportNote("NUM_DOMUS", count + " is not between 0 and " + MAX_DOMAINS + ": " + n
					+ " domains are read"));
		}
		for (String var : DOMAIN_VARIABLES) {
			ShellConfig.Variable v = config.variables().get(var);
			if (v == null) {
				continue;
			}
			for (int i : v.elements().keySet()) {
				if (i >= n) {
					notes.add(new ImportNote(var + "[" + i + "]", "beyond NUM_DOMUS=" + n + ": ignored, as ImageBuilder does"));
				}
			}
		}
		List<Integer> out = new ArrayList<>();
		int firstWithoutKernel = -1; // a run of domains without a kernel is one note, not one per domain
		for (int i = 0; i <= n; i++) {
			boolean noKernel = i < n && config.get("DOMU_KERNEL", i) == null;
			if (!noKernel && firstWithoutKernel >= 0) {
				int last = i - 1;
				notes.add(firstWithoutKernel == last
						? new ImportNote("DOMU_KERNEL[" + last + "]", "not set: domain " + last + " is not imported")
						: new ImportNote("DOMU_KERNEL[" + firstWithoutKernel + ".." + last + "]", "not set: domains "
								+ firstWithoutKernel + " to " + last + " are not imported"));
				firstWithoutKernel = -1;
			}
			if (i == n) {
				break;
			}
			if (noKernel) {
				firstWithoutKernel = firstWithoutKernel < 0 ? i : firstWithoutKernel;
			} else if (config.get("DOMU_NOBOOT", i) != null) {
				notes.add(new ImportNote("DOMU_NOBOOT[" + i + "]", "domain " + i + " is not started at boot: Domino"
						+ " starts every domain it declares, so it is not imported"));
			} else {
				out.add(i);
			}
		}
		return out;
	}

	/** A module for each file that several domains (dom0 among them) load, so it is loaded once. */
	private Map<String, String> sharedModules(List<Integer> domains, String variable, String dom0Variable, String role,
			StringBuilder out) {
		Map<String, Integer> uses = new LinkedHashMap<>();
		String dom0File = config.get(dom0Variable);
		if (config.get("DOM0_KERNEL") != null && dom0File != null && !dom0File.isBlank()) {
			uses.put(dom0File, 1);
		}
		for (int i : domains) {
			String file = config.get(variable, i);
			if (file != null && !file.isBlank()) {
				uses.merge(file, 1, Integer::sum);
			}
		}
		Map<String, String> modules = new LinkedHashMap<>();
		for (Map.Entry<String, Integer> e : uses.entrySet()) {
			if (e.getValue() > 1) {
				String file = e.getKey();
				String base = file.substring(file.lastIndexOf('/') + 1).replaceAll("\\.(gz|cpio|img|bin)+$", "");
				String name = Identifiers.of(base.isEmpty() ? role : base, taken);
				modules.put(file, name);
				out.append("    module ").append(name).append(' ').append(role).append(' ')
						.append(Identifiers.string(options.path().apply(file))).append('\n');
			}
		}
		return modules;
	}

	/**
	 * The dom0 block. Its memory and vCPUs stay where ImageBuilder puts them, in Xen's command line
	 * (dom0_mem=, dom0_max_vcpus=): Domino reads them from there, and writing them twice is a clash.
	 */
	private void dom0(StringBuilder out, Map<String, String> kernelModules, Map<String, String> ramdiskModules) {
		taken.add("dom0");
		features.add(XenFeature.DOM0);
		out.append("\n    dom0 {\n");
		String cmd = config.get("DOM0_CMD");
		if (cmd == null) {
			cmd = "console=hvc0 earlycon=xen earlyprintk=xen clk_ignore_unused root=/dev/ram0";
		}
		out.append("        kernel ").append(file(config.get("DOM0_KERNEL"), kernelModules)).append(" args ")
				.append(Identifiers.string(cmd)).append('\n');
		String ramdisk = config.get("DOM0_RAMDISK");
		if (ramdisk != null && !ramdisk.isBlank()) {
			out.append("        ramdisk ").append(file(ramdisk, ramdiskModules)).append('\n');
		}
		out.append("    }\n");
		if (config.get("XEN_CMD") != null) {
			for (String ignored : List.of("DOM0_MEM", "DOM0_VCPUS")) {
				if (config.get(ignored) != null) {
					notes.add(new ImportNote(ignored, "only applies when XEN_CMD is not set, as in ImageBuilder: dom0's"
							+ " size is what XEN_CMD says (dom0_mem=, dom0_max_vcpus=)"));
				}
			}
		}
	}

	private void domain(StringBuilder out, int i, String name, boolean dom0, Map<String, String> kernelModules,
			Map<String, String> ramdiskModules, Map<Integer, String> pools, String loadCommand) {
		String at = "[" + i + "]";
		out.append("\n    domain ").append(name).append(" {\n");
		Long vcpus = number("DOMU_VCPUS", i);
		out.append("        vcpus ").append(vcpus == null ? 1 : vcpus).append('\n');

		Long mem = number("DOMU_MEM", i);
		String staticMem = config.get("DOMU_STATIC_MEM", i);
		List<Long> banks = staticMem == null ? null : numbers("DOMU_STATIC_MEM" + at, staticMem);
		if (banks != null && (banks.isEmpty() || banks.size() % 2 != 0)) {
			notes.add(new ImportNote("DOMU_STATIC_MEM" + at, "is not \"base size ...\" pairs: not imported"));
			banks = null;
		}
		if (banks != null) {
			long total = 0;
			StringBuilder bankText = new StringBuilder();
			for (int b = 0; b < banks.size(); b += 2) {
				total += banks.get(b + 1);
				bankText.append(" bank at ").append(U64.hex(banks.get(b))).append(" size ").append(size(banks.get(b + 1)));
			}
			long memory = mem != null ? mem << 20 : total;
			if (mem == null) {
				notes.add(new ImportNote("DOMU_MEM" + at, "not set: the memory is the sum of DOMU_STATIC_MEM" + at
						+ " (ImageBuilder would say 512 MB)"));
			}
			out.append("        memory ").append(size(memory)).append(" static").append(bankText).append('\n');
			features.add(XenFeature.STATIC_MEMORY);
			if (!"0".equals(config.get("DOMU_DIRECT_MAP", i))) {
				out.append("        direct-map\n");
				features.add(XenFeature.DIRECT_MAP);
			}
		} else {
			out.append("        memory ").append(mem == null ? 512 : mem).append("M\n");
			if (config.get("DOMU_DIRECT_MAP", i) != null) {
				notes.add(new ImportNote("DOMU_DIRECT_MAP" + at, "only applies with DOMU_STATIC_MEM" + at + ": ignored"));
			}
		}

		boolean vpl011 = !"0".equals(config.get("DOMU_VPL011", i));
		String kernel = config.get("DOMU_KERNEL", i);
		String cmd = config.get("DOMU_CMD", i);
		if (cmd == null && vpl011) {
			cmd = "console=ttyAMA0";
		}
		out.append("        kernel ").append(file(kernel, kernelModules));
		if (cmd != null) {
			out.append(" args ").append(Identifiers.string(cmd));
		}
		out.append('\n');
		String ramdisk = config.get("DOMU_RAMDISK", i);
		if (ramdisk != null && !ramdisk.isBlank()) {
			out.append("        ramdisk ").append(file(ramdisk, ramdiskModules)).append('\n');
		}
		String dtb = config.get("DOMU_PASSTHROUGH_DTB", i);
		if (dtb != null && !dtb.isBlank()) {
			out.append("        dtb ").append(Identifiers.string(options.path().apply(dtb))).append('\n');
		}
		out.append("        console ").append(vpl011 ? "vpl011" : "none").append('\n');
		String paths = config.get("DOMU_PASSTHROUGH_PATHS", i);
		if (paths != null) {
			for (String path : paths.trim().split("\\s+")) {
				if (path.isEmpty()) {
					continue;
				}
				String device = board.devicesByPath().get(path);
				if (device == null) {
					notes.add(new ImportNote("DOMU_PASSTHROUGH_PATHS" + at, path + " is not the path of a device of board "
							+ board.name() + ": not imported"));
				} else {
					out.append("        passthrough ").append(device).append('\n');
					features.add(XenFeature.DEVICE_PASSTHROUGH);
				}
			}
		}
		Long spis = number("DOMU_NR_SPIS", i);
		if (spis != null) {
			out.append("        nr_spis ").append(spis).append('\n');
			features.add(XenFeature.NR_SPIS);
		}
		String enhanced = config.get("DOMU_ENHANCED", i);
		if ("1".equals(enhanced) || enhanced == null && dom0) {
			out.append("        enhanced\n");
			features.add(XenFeature.ENHANCED);
		} else if ("2".equals(enhanced)) {
			out.append("        enhanced no-xenstore\n");
			features.add(XenFeature.ENHANCED);
		} else if (enhanced != null && !"0".equals(enhanced)) {
			notes.add(new ImportNote("DOMU_ENHANCED" + at, "\"" + enhanced + "\" is not 0, 1 or 2: not imported"));
		}
		String colors = config.get("DOMU_COLORS", i);
		if (colors != null && !colors.isBlank()) {
			out.append("        llc-colors ").append(Identifiers.string(colors)).append('\n');
			features.add(XenFeature.LLC_COLORS);
		}
		capabilities(out, i);
		grantLimit(out, i, "DOMU_GRANT_VER", "grant-version");
		grantLimit(out, i, "DOMU_GRANT_FRAMES", "grant-frames");
		grantLimit(out, i, "DOMU_MAPTRACK_FRAMES", "maptrack-frames");
		affinities(out, i, vcpus == null ? 1 : vcpus);
		Long pool = number("DOMU_CPUPOOL", i);
		if (pool != null) {
			if (pools.containsKey(pool.intValue())) {
				out.append("        cpupool ").append(pools.get(pool.intValue())).append('\n');
			} else {
				notes.add(new ImportNote("DOMU_CPUPOOL" + at, "names cpupool " + pool + ", which CPUPOOL does not create:"
						+ " not imported"));
			}
		}
		String load = config.get("DOMU_LOAD", i);
		if (load != null && !load.equals(loadCommand)) {
			notes.add(new ImportNote("DOMU_LOAD" + at, "Domino loads every file with one command (LOAD_CMD \""
					+ loadCommand + "\"): \"" + load + "\" is not imported"));
		}
		out.append("    }\n");
	}

	private Map<Integer, String> cpupools(StringBuilder out) {
		Map<Integer, String> pools = new LinkedHashMap<>();
		Long count = number("NUM_CPUPOOLS");
		ShellConfig.Variable defined = config.variables().get("CPUPOOL");
		if (defined == null) {
			return pools;
		}
		int n = count == null ? defined.elements().size() : count.intValue();
		for (Map.Entry<Integer, String> e : defined.elements().entrySet()) {
			int i = e.getKey();
			String at = "CPUPOOL[" + i + "]";
			if (i >= n) {
				notes.add(new ImportNote(at, "beyond NUM_CPUPOOLS=" + n + ": ignored, as ImageBuilder does"));
				continue;
			}
			String[] parts = e.getValue().trim().split("\\s+");
			List<String> cpus = new ArrayList<>();
			boolean ok = true;
			for (String cpu : parts[0].split(",")) {
				String name = cpu(cpu.trim());
				if (name == null) {
					notes.add(new ImportNote(at, cpu + " is not a CPU of board " + board.name() + ": cpupool " + i
							+ " is not imported"));
					ok = false;
					break;
				}
				cpus.add(name);
			}
			if (!ok) {
				continue;
			}
			String name = Identifiers.of("pool" + i, taken);
			pools.put(i, name);
			out.append("    cpupool ").append(name).append(" { cpus ").append(String.join(", ", cpus));
			if (parts.length > 1) {
				out.append(" scheduler ").append(parts[1]);
			}
			out.append(" }\n");
			features.add(XenFeature.CPUPOOLS);
		}
		return pools;
	}

	/** "cpu@1" or "/cpus/cpu@1": the board's CPU with that MPIDR, by name. */
	private String cpu(String node) {
		String unit = node.substring(node.lastIndexOf('/') + 1);
		int at = unit.indexOf('@');
		if (at < 0) {
			return null;
		}
		try {
			long mpidr = Long.parseUnsignedLong(unit.substring(at + 1), 16);
			return board.cpus().stream().filter(c -> c.mpidr() == mpidr).map(Cpu::name).findFirst().orElse(null);
		} catch (NumberFormatException e) {
			return null;
		}
	}

	/** DOMU_SHARED_MEM[i]="ID HPA GPA size" (or "HPA GPA size" with DOMU_SHARED_MEM_ID[i]). */
	private void sharedMemory(StringBuilder out, List<Integer> domains, Map<Integer, String> names) {
		record Use(String domain, long host, long guest, long size) {
		}
		Map<String, List<Use>> regions = new LinkedHashMap<>();
		for (int i : domains) {
			String value = config.get("DOMU_SHARED_MEM", i);
			if (value == null || value.isBlank()) {
				continue;
			}
			String at = "DOMU_SHARED_MEM[" + i + "]";
			String[] parts = value.trim().split("\\s+");
			String id;
			List<Long> numbers;
			if (parts.length == 4) {
				id = parts[0];
				numbers = numbers(at, String.join(" ", List.of(parts).subList(1, 4)));
			} else if (parts.length == 3) {
				id = config.get("DOMU_SHARED_MEM_ID", i);
				numbers = numbers(at, value);
				if (id == null) {
					id = "shm" + i;
				}
			} else {
				notes.add(new ImportNote(at, "is not \"ID HPA GPA size\": not imported"));
				continue;
			}
			if (numbers == null || numbers.size() != 3) {
				continue;
			}
			regions.computeIfAbsent(id, k -> new ArrayList<>())
					.add(new Use(names.get(i), numbers.get(0), numbers.get(1), numbers.get(2)));
		}
		for (Map.Entry<String, List<Use>> r : regions.entrySet()) {
			Use first = r.getValue().get(0);
			if (r.getValue().stream().anyMatch(u -> u.host() != first.host() || u.size() != first.size())) {
				notes.add(new ImportNote("DOMU_SHARED_MEM", "the domains sharing " + r.getKey()
						+ " do not agree on its host address and size: not imported"));
				continue;
			}
			String name = Identifiers.of(r.getKey(), taken);
			out.append("\n    // owned by Xen (DOMID_IO), as ImageBuilder does");
			out.append("\n    shared-memory ").append(name).append(" size ").append(size(first.size())).append(" at ")
					.append(U64.hex(first.host())).append(" {");
			for (Use u : r.getValue()) {
				out.append(" borrower ").append(u.domain()).append(" at ").append(U64.hex(u.guest()));
			}
			out.append(" }\n");
			features.add(XenFeature.SHARED_MEMORY);
		}
	}

	/** DOMU_CAPS[i]: "control|hardware|xenstore", "dom0" (all three), "none", or the bits 1, 2 and 4. */
	private void capabilities(StringBuilder out, int i) {
		String caps = config.get("DOMU_CAPS", i);
		if (caps == null || caps.isBlank()) {
			return;
		}
		String at = "DOMU_CAPS[" + i + "]";
		List<String> names = List.of("control", "hardware", "xenstore");
		int bits = 0;
		Long number = Arithmetic.evaluate(caps.trim(), n -> null);
		if (number != null) {
			if (number < 0 || number > 7) {
				notes.add(new ImportNote(at, caps + " is not a sum of 1 (control), 2 (hardware) and 4 (xenstore): not"
						+ " imported"));
				return;
			}
			bits = number.intValue();
		} else {
			for (String cap : caps.trim().split("\\|")) {
				String c = cap.trim();
				if (c.equals("dom0")) {
					bits |= 7;
				} else if (names.contains(c)) {
					bits |= 1 << names.indexOf(c);
				} else if (!c.equals("none")) {
					notes.add(new ImportNote(at, "\"" + c + "\" is not control, hardware, xenstore, dom0 or none: not"
							+ " imported"));
					return;
				}
			}
		}
		if (bits == 0) {
			return; // a domU has no capabilities unless given some
		}
		out.append("        capabilities");
		for (int b = 0; b < names.size(); b++) {
			if ((bits & 1 << b) != 0) {
				out.append(' ').append(names.get(b));
			}
		}
		out.append('\n');
		features.add(XenFeature.CAPABILITIES);
	}

	private void grantLimit(StringBuilder out, int i, String variable, String keyword) {
		Long value = number(variable, i);
		if (value != null) {
			out.append("        ").append(keyword).append(' ').append(value).append('\n');
			features.add(XenFeature.GRANT_LIMITS);
		}
	}

	/** DOMU_VCPU_HARD_AFFINITY[i,v]="0-1,3": vCPU v of domain i runs on those physical CPUs. */
	private void affinities(StringBuilder out, int i, long vcpus) {
		ShellConfig.Variable v = config.variables().get("DOMU_VCPU_HARD_AFFINITY");
		if (v == null) {
			return;
		}
		for (Map.Entry<String, String> e : v.keyed().entrySet()) {
			String[] key = e.getKey().split(",", -1);
			if (key.length != 2 || !key[0].trim().equals(Integer.toString(i))) {
				continue;
			}
			String at = "DOMU_VCPU_HARD_AFFINITY[" + e.getKey() + "]";
			Long vcpu = number(at, key[1]);
			if (vcpu == null) {
				continue;
			}
			if (vcpu < 0 || vcpu >= vcpus) {
				notes.add(new ImportNote(at, "vCPU " + vcpu + " is not one of domain " + i + "'s " + vcpus
						+ " vCPUs: not imported"));
				continue;
			}
			out.append("        vcpu ").append(vcpu).append(" affinity ").append(Identifiers.string(e.getValue().trim()))
					.append('\n');
			features.add(XenFeature.VCPU_AFFINITY);
		}
	}

	/**
	 * DOMU_STATIC_EVTCHNS[i]="local_port remote_domain_index remote_port; ...": each channel is
	 * listed by both of its domains; Domino writes it once, with both ends.
	 */
	private void eventChannels(StringBuilder out, List<Integer> domains, Map<Integer, String> names) {
		record End(int domain, long port) {
		}
		Map<Set<End>, List<End>> channels = new LinkedHashMap<>();
		Map<Set<End>, Integer> listings = new LinkedHashMap<>();
		for (int i : domains) {
			String value = config.get("DOMU_STATIC_EVTCHNS", i);
			if (value == null || value.isBlank()) {
				continue;
			}
			String at = "DOMU_STATIC_EVTCHNS[" + i + "]";
			for (String entry : value.split(";")) {
				if (entry.isBlank()) {
					continue;
				}
				List<Long> n = numbers(at, entry);
				if (n == null) {
					continue;
				}
				if (n.size() != 3) {
					notes.add(new ImportNote(at, "\"" + entry.trim() + "\" is not \"local_port remote_domain remote_port\":"
							+ " not imported"));
					continue;
				}
				int remote = (int) Math.max(-1, Math.min(n.get(1), Integer.MAX_VALUE));
				if (!names.containsKey(remote) || remote == i) {
					notes.add(new ImportNote(at, "\"" + entry.trim() + "\" names domain " + n.get(1) + ", which is not"
							+ " another imported domain: not imported"));
					continue;
				}
				End local = new End(i, n.get(0));
				End peer = new End(remote, n.get(2));
				Set<End> key = Set.of(local, peer);
				channels.putIfAbsent(key, List.of(local, peer));
				listings.merge(key, 1, Integer::sum);
			}
		}
		for (Map.Entry<Set<End>, List<End>> c : channels.entrySet()) {
			End a = c.getValue().get(0);
			End b = c.getValue().get(1);
			String name = Identifiers.of("evtchn_" + names.get(a.domain()) + "_" + a.port(), taken);
			out.append("\n    event-channel ").append(name).append(" { ").append(names.get(a.domain())).append(" port ")
					.append(a.port()).append(' ').append(names.get(b.domain())).append(" port ").append(b.port())
					.append(" }\n");
			features.add(XenFeature.STATIC_EVTCHN);
			if (listings.get(c.getKey()) == 1) {
				notes.add(new ImportNote("DOMU_STATIC_EVTCHNS[" + b.domain() + "]", "does not list the channel from "
						+ names.get(a.domain()) + " port " + a.port() + ": imported with both ends, as Xen needs"));
			}
		}
	}

	// ------------------------------------------------------------------ values

	/** A file as the system names it: its shared module, or its path. */
	private String file(String file, Map<String, String> modules) {
		return modules.containsKey(file) ? modules.get(file) : Identifiers.string(options.path().apply(file));
	}

	private Long number(String variable) {
		String v = config.get(variable);
		return v == null ? null : number(variable, v);
	}

	private Long number(String variable, int index) {
		String v = config.get(variable, index);
		return v == null ? null : number(variable + "[" + index + "]", v);
	}

	private Long number(String subject, String text) {
		Long v = Arithmetic.evaluate(text.trim(), n -> null);
		if (v == null) {
			notes.add(new ImportNote(subject, "\"" + text + "\" is not a number: not imported"));
		}
		return v;
	}

	private List<Long> numbers(String subject, String text) {
		List<Long> out = new ArrayList<>();
		for (String part : text.trim().split("\\s+")) {
			Long v = number(subject, part);
			if (v == null) {
				return null;
			}
			out.add(v);
		}
		return out;
	}

	private static String size(long size) {
		return Long.remainderUnsigned(size, 1024) == 0 ? U64.sizeLiteral(size) : U64.hex(size);
	}

	private static Map<String, String> unsupported() {
		Map<String, String> m = new LinkedHashMap<>();
		String disk = "disk_image builds partitions; Domino does not";
		m.put("XEN_COLORS", "Domino gives cache colours to domains only (llc-colors)");
		m.put("DOM0_COLORS", "Domino gives cache colours to domains only (llc-colors)");
		m.put("DOM0_ROOTFS", disk);
		m.put("DOMU_ROOTFS", disk);
		m.put("NUM_BOOT_AUX_FILE", disk);
		m.put("BOOT_AUX_FILE", disk);
		m.put("DOMU_DRIVER_DOMAIN", "it only goes into xl configs written by disk_image");
		m.put("NUM_DT_OVERLAY", "device tree overlays are not applied at boot by Domino");
		m.put("DT_OVERLAY", "device tree overlays are not applied at boot by Domino");
		m.put("PASSTHROUGH_DTS_REPO", "Domino writes each domain's partial device tree itself from its passthrough devices");
		m.put("LOPPER_PATH", "Domino writes each domain's partial device tree itself from its passthrough devices");
		m.put("LOPPER_CMD", "Domino writes each domain's partial device tree itself from its passthrough devices");
		m.put("XEN_PASSTHROUGH_PATHS", "Domino marks xen,passthrough on the devices a domain is given");
		m.put("LINUX", "booting Linux without Xen is not a Domino system");
		m.put("LINUX_CMD", "booting Linux without Xen is not a Domino system");
		m.put("LINUX_RAMDISK", "booting Linux without Xen is not a Domino system");
		m.put("LINUX_ROOTFS", "booting Linux without Xen is not a Domino system");
		m.put("BITSTREAM", "FPGA bitstreams are not loaded by Domino's boot script");
		m.put("APPEND_EXTRA_CMDS", "extra U-Boot commands are not added to Domino's boot script");
		m.put("FDTEDIT", "Domino writes the edited device tree as system.dtb itself");
		m.put("FIT", "Domino's boot script loads separate files, not a FIT image");
		m.put("FIT_ENC_KEY_DIR", "Domino's boot script loads separate files, not a FIT image");
		m.put("FIT_ENC_UB_DTB", "Domino's boot script loads separate files, not a FIT image");
		return m;
	}
}
