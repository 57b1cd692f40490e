package dev.domino.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.domino.fdt.DeviceTree;
import dev.domino.fdt.DtNode;
import dev.domino.fdt.DtProperty;
import dev.domino.fdt.FdtException;
import dev.domino.fdt.FdtReader;

/**
 * What a compiled system boots, read from its outputs (so that hand-made or patched outputs boot
 * as they are): the files boot.source loads and at which address, the command that starts it,
 * Xen's file, and the guests of system.dtb's /chosen in domain-id order.
 */
public record Compiled(Path outputs, String startCommand, List<Load> loads, String bootCommand, String xenFile,
		String systemName, List<Guest> guests) {

	/** One {@code <load> <address> '<file>'} line. */
	public record Load(long address, String name) {
	}

	/** A domain as Xen will number it; visible when its console reaches Xen's (vpl011, or dom0's hvc0). */
	public record Guest(int id, String name, boolean visible) {
		public String mark() {
			return "d" + id + " " + name;
		}
	}

	private static final Pattern START = Pattern.compile("^# Start it with: (.+)$");
	private static final Pattern SYSTEM = Pattern.compile("^# U-Boot script for system (\\S+) ");
	private static final Pattern LOAD = Pattern.compile("^.* (0x[0-9a-fA-F]+) '(.*)'$");
	private static final Pattern BOOT = Pattern.compile("^(booti|bootz|bootm) (0x[0-9a-fA-F]+) ");

	public static Compiled read(Path outputs) throws RunException {
		Path source = outputs.resolve("boot.source");
		List<String> lines;
		try {
			lines = Files.readAllLines(source);
		} catch (IOException e) {
			throw new RunException(source + ": cannot be read (compile the system first): " + e.getMessage());
		}
		if (!Files.isRegularFile(outputs.resolve("boot.scr"))) {
			throw new RunException(outputs.resolve("boot.scr") + ": no such file");
		}
		String start = null;
		String system = null;
		String boot = null;
		long bootAddress = -1;
		List<Load> loads = new ArrayList<>();
		for (String line : lines) {
			Matcher m = START.matcher(line);
			if (m.find()) {
				start = m.group(1).trim();
				continue;
			}
			m = SYSTEM.matcher(line);
			if (m.find()) {
				system = m.group(1);
				continue;
			}
			if (line.startsWith("#")) {
				continue;
			}
			m = BOOT.matcher(line);
			if (m.find()) {
				boot = m.group(1);
				bootAddress = Long.decode(m.group(2));
				continue;
			}
			m = LOAD.matcher(line);
			if (m.find() && !line.startsWith("fdt ")) {
				loads.add(new Load(Long.decode(m.group(1)), m.group(2)));
			}
		}
		if (start == null || boot == null) {
			throw new RunException(source + ": not a boot script Domino wrote (no '# Start it with:' line or no boot"
					+ " command)");
		}
		String xen = null;
		for (Load l : loads) {
			if (l.address() == bootAddress) {
				xen = l.name();
			}
		}
		return new Compiled(outputs, start, List.copyOf(loads), boot, xen, system, guests(outputs, loads));
	}

	/** The guests of the DTB the script loads (system.dtb; in edit mode the tree is built by the script). */
	private static List<Guest> guests(Path outputs, List<Load> loads) {
		List<Guest> out = new ArrayList<>();
		Path dtb = outputs.resolve("system.dtb");
		if (!Files.isRegularFile(dtb)) {
			return out;
		}
		DeviceTree tree;
		try {
			tree = FdtReader.read(Files.readAllBytes(dtb));
		} catch (IOException | FdtException | RuntimeException e) {
			return out;
		}
		Optional<DtNode> chosen = tree.root().find("/chosen");
		if (chosen.isEmpty()) {
			return out;
		}
		boolean dom0 = false;
		for (DtNode child : chosen.get().children()) {
			if (compatible(child).contains("multiboot,kernel")) {
				dom0 = true;
			}
		}
		if (dom0) {
			out.add(new Guest(0, "dom0", true));
		}
		int id = 1;
		for (DtNode child : chosen.get().children()) {
			if (compatible(child).contains("xen,domain")) {
				out.add(new Guest(id++, child.name(), child.property("vpl011").isPresent()));
			}
		}
		return List.copyOf(out);
	}

	private static List<String> compatible(DtNode node) {
		return node.property("compatible").map(DtProperty::stringList).orElse(List.of());
	}

	/** The same outputs with these guests (from the model, when the outputs have no system.dtb to read). */
	public Compiled withGuests(List<Guest> list) {
		return new Compiled(outputs, startCommand, loads, bootCommand, xenFile, systemName, List.copyOf(list));
	}

	/** Bytes from {@code address} to the next file the script loads above it; -1 when none is above. */
	public long roomAt(long address) {
		long next = -1;
		for (Load l : loads) {
			if (l.address() > address && (next < 0 || l.address() < next)) {
				next = l.address();
			}
		}
		return next < 0 ? -1 : next - address;
	}

	public Optional<Load> load(String name) {
		return loads.stream().filter(l -> l.name().equals(name)).findFirst();
	}

	public boolean hasDom0() {
		return !guests.isEmpty() && guests.get(0).id() == 0;
	}

	public Optional<Guest> guest(int id) {
		return guests.stream().filter(g -> g.id() == id).findFirst();
	}

	public Optional<Guest> guest(String name) {
		return guests.stream().filter(g -> g.name().equals(name)).findFirst();
	}
}
