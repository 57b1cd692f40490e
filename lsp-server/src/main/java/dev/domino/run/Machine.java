package dev.domino.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.domino.model.Arch;
import dev.domino.model.Board;
import dev.domino.model.Region;

/**
 * The QEMU machine a board is: QEMU's {@code virt} (arm64 with qemu-system-aarch64, arm32 with
 * qemu-system-arm), its GIC version, CPUs and RAM from the board, EL2 on, ACPI off (with ACPI QEMU
 * replaces the PL061 by a GED device), no network (no ipxe ROM needed), and Debian's U-Boot for it.
 */
public record Machine(Arch arch, String qemu, String machine, String cpu, int smp, long memoryMiB, Path uboot) {
	/** Where QEMU's virt machine has its RAM. */
	public static final long VIRT_RAM = 0x4000_0000L;

	/** The machine of {@code board} (null: QEMU's arm64 virt with GICv3, 2 CPUs, 2 GiB), then the options' changes. */
	public static Machine of(Board board, RunOptions o) throws RunException {
		Arch arch = board == null ? Arch.AARCH64 : board.arch();
		int gic = board == null ? 3 : board.gicVersion();
		int smp = board == null || board.cpus().isEmpty() ? 2 : board.cpus().size();
		long memory = 2048;
		if (board != null) {
			memory = memoryMiB(board);
			if (memory < 0 && o.memoryMiB() == null) {
				throw new RunException("board " + board.name() + " is not QEMU's virt machine: its RAM does not start"
						+ " at 0x4000_0000 (give --memory and --machine to run it anyway)");
			}
		}
		boolean arm64 = arch == Arch.AARCH64;
		String qemu = o.qemu() != null ? o.qemu() : arm64 ? "qemu-system-aarch64" : "qemu-system-arm";
		String machine = o.machine() != null ? o.machine()
				: arm64 ? "virt,gic-version=" + gic + ",virtualization=true,acpi=off"
						: "virt,virtualization=on" + (gic == 3 ? ",gic-version=3" : "");
		String cpu = o.cpu() != null ? o.cpu() : arm64 ? "cortex-a57" : "cortex-a15";
		Path uboot = o.uboot() != null ? o.uboot()
				: Path.of(arm64 ? "/usr/lib/u-boot/qemu_arm64/u-boot.bin" : "/usr/lib/u-boot/qemu_arm/u-boot.bin");
		return new Machine(arch, qemu, machine, cpu, o.smp() != null ? o.smp() : smp,
				o.memoryMiB() != null ? o.memoryMiB() : memory, uboot);
	}

	/** MiB of RAM from 0x4000_0000 on, contiguous; -1 when no bank starts there. */
	static long memoryMiB(Board board) {
		long end = VIRT_RAM;
		boolean found = false;
		boolean grew = true;
		while (grew) {
			grew = false;
			for (Region bank : board.banks()) {
				if (bank.isFixed() && bank.fixedBase() == end && bank.size() > 0) {
					end += bank.size();
					found = true;
					grew = true;
				}
			}
		}
		return found ? (end - VIRT_RAM) >>> 20 : -1;
	}

	/** The QEMU command line; the flash images, the disk and the console are the run's. */
	public List<String> command(Path ubootFlash, Path envFlash, Path disk, List<String> extra) {
		List<String> c = new ArrayList<>(List.of(qemu, "-machine", machine, "-cpu", cpu, "-smp", String.valueOf(smp),
				"-m", String.valueOf(memoryMiB), "-display", "none", "-monitor", "none", "-nic", "none", "-no-reboot",
				"-serial", "stdio",
				"-drive", "if=pflash,format=raw,index=0,file=" + ubootFlash + ",readonly=on",
				"-drive", "if=pflash,format=raw,index=1,file=" + envFlash,
				"-drive", "if=none,file=" + disk + ",format=raw,id=disk", "-device", "virtio-blk-device,drive=disk"));
		c.addAll(extra);
		return c;
	}

	/** Refuses to start when QEMU, U-Boot or mtools is missing, saying which package brings it. */
	public void checkTools() throws RunException {
		if (!executable(qemu)) {
			throw new RunException(qemu + " is not installed (apt-get install qemu-system-arm)");
		}
		if (!Files.isRegularFile(uboot)) {
			throw new RunException(uboot + " is missing: U-Boot for QEMU is not installed (apt-get install u-boot-qemu)");
		}
		for (String tool : List.of("mformat", "mmd", "mcopy")) {
			if (!executable(tool)) {
				throw new RunException(tool + " is not installed (apt-get install mtools)");
			}
		}
	}

	static boolean executable(String command) {
		if (command.contains("/")) {
			return Files.isExecutable(Path.of(command));
		}
		String path = System.getenv("PATH");
		for (String dir : path == null ? new String[0] : path.split(java.io.File.pathSeparator)) {
			if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
				return true;
			}
		}
		return false;
	}
}
