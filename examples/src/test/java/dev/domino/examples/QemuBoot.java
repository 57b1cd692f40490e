package dev.domino.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.domino.testing.Examples;
import dev.domino.testing.Tools;

/** Boots compiled outputs under QEMU with tools/qemu-boot.sh; the console goes to NAME.log beside them. */
final class QemuBoot {
	private QemuBoot() {
	}

	/** examples/qemu-virt with its binaries fetched (they are not committed). */
	static Path example() throws Exception {
		return Examples.withBinaries().resolve("qemu-virt");
	}

	/** 0 once every expected line was on the console, 1 on a panic or when the time is up. */
	static Tools.Result boot(Path outputs, Path systemDir, String name, String timeout, String... expect) throws Exception {
		return boot(outputs, systemDir, name, timeout, Map.of(), expect);
	}

	/**
	 * The same on another machine: machine holds tools/qemu-boot.sh's variables (QEMU, QEMU_MACHINE,
	 * QEMU_CPU, UBOOT_BIN, ...), e.g. GICv2 or qemu-system-arm for arm32.
	 */
	static Tools.Result boot(Path outputs, Path systemDir, String name, String timeout, Map<String, String> machine,
			String... expect) throws Exception {
		Map<String, String> env = new java.util.HashMap<>(machine);
		env.put("BOOT_TIMEOUT", timeout);
		List<String> command = new ArrayList<>(List.of(Examples.repository().resolve("tools/qemu-boot.sh").toString(),
				outputs.toString(), systemDir.toString(), log(outputs, name).toString()));
		command.addAll(List.of(expect));
		return Tools.run(null, env, null, command.toArray(String[]::new));
	}

	static Path log(Path outputs, String name) {
		return outputs.resolveSibling(name + ".log");
	}

	/** The last 30 lines of a console, for failure messages. */
	static String tail(String console) {
		String[] lines = console.split("\n");
		return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 30), lines.length));
	}
}
