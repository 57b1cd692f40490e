package dev.domino.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.domino.testing.Workspace;

/** import-dtb and import-imagebuilder as scripts see them: files written, left-outs named, malformed input refused. */
class ImportCommandsTest {
	@TempDir
	Path dir;


	@BeforeEach
	void setUp() throws Exception {
		new Workspace(dir).qemuBoard();
	}

	private static CliRun run(String... args) {
		return CliRun.of(args);
	}

	private String f(String name) {
		return dir.resolve(name).toString();
	}

	@Test
	void importDtbWritesABoardThatChecksClean() throws Exception {
		CliRun r = run("import-dtb", f("qemu-virt.dtb"), "-o", f("boards/virt.domino"), "--name", "virt");
		assertEquals(0, r.code(), r.out() + r.err());
		assertTrue(r.out().contains("imported board virt into " + f("boards/virt.domino") + ": 2 CPUs, 1 memory bank,"
				+ " 0 reserved ranges, "), r.out());
		String board = Files.readString(dir.resolve("boards/virt.domino"));
		assertTrue(board.contains("base-dtb \"../qemu-virt.dtb\""), "the blob, relative to the board file\n" + board);
		assertTrue(board.contains("device pl011 {"), board);
		assertTrue(r.err().contains("/gpio-keys"), "what is left out is named: " + r.err());
		assertEquals(0, run("check", f("boards/virt.domino")).code());

		CliRun stdout = run("import-dtb", f("qemu-virt.dtb"), "--no-base-dtb");
		assertEquals(0, stdout.code());
		assertTrue(stdout.out().startsWith("// Imported by domino import-dtb from qemu-virt.dtb") && !stdout.out().contains("base-dtb"),
				stdout.out());
	}

	@Test
	void aMalformedBlobIsAnErrorAndLeavesThePreviousFileAlone() throws Exception {
		byte[] blob = Files.readAllBytes(dir.resolve("qemu-virt.dtb"));
		Files.writeString(dir.resolve("board.domino"), "// mine\n");
		blob[0] = 0x12;
		Files.write(dir.resolve("bad.dtb"), blob);
		CliRun bad = run("import-dtb", f("bad.dtb"), "-o", f("board.domino"));
		assertEquals(1, bad.code());
		assertTrue(bad.err().contains("bad.dtb is not a valid device tree blob: bad magic 0x12"), bad.err());
		Files.write(dir.resolve("short.dtb"), Arrays.copyOf(Files.readAllBytes(dir.resolve("qemu-virt.dtb")), 100));
		CliRun truncated = run("import-dtb", f("short.dtb"), "-o", f("board.domino"));
		assertEquals(1, truncated.code());
		assertTrue(truncated.err().contains("truncated"), truncated.err());
		assertEquals("// mine\n", Files.readString(dir.resolve("board.domino")), "nothing written over");

		CliRun missing = run("import-dtb", f("nope.dtb"));
		assertEquals(2, missing.code());
		assertTrue(missing.err().contains("nope.dtb does not exist"), missing.err());
		assertEquals(2, run("import-dtb").code());
		assertEquals(2, run("import-dtb", f("qemu-virt.dtb"), "--frobnicate").code());
	}

	@Test
	void importImageBuilderWritesTheSystemAndNamesWhatItLeftOut() throws Exception {
		Files.writeString(dir.resolve("config"), """
				MEMORY_START=0x40000000
				MEMORY_END=0xB0000000
				LOAD_CMD="load virtio 0"
				DEVICE_TREE=qemu-virt.dtb
				XEN=bin/xen
				XEN_CMD="console=dtuart dtuart=/pl011@9000000"
				NUM_DOMUS=1
				DOMU_KERNEL[0]=bin/Image
				DOMU_RAMDISK[0]=bin/web.cpio.gz
				DOMU_MEM[0]=128
				DOMU_PASSTHROUGH_PATHS[0]="/pl031@9010000"
				FIT=boot.fit
				FOO=bar
				$(reboot)
				""");
		CliRun r = run("import-imagebuilder", f("config"), "--board", f("qemu-virt.domino"), "-o", f("system.domino"),
				"--name", "migrated");
		String system = Files.readString(dir.resolve("system.domino"));
		assertTrue(system.contains("import \"qemu-virt.domino\"") && system.contains("system migrated on qemu_virt {"), system);
		assertTrue(system.contains("passthrough rtc"), "the DT path is the board's rtc device\n" + system);
		assertTrue(r.err().contains("domino: import-imagebuilder: FIT: not imported: Domino's boot script loads separate files"), r.err());
		assertTrue(r.err().contains("domino: import-imagebuilder: FOO: not an ImageBuilder variable Domino knows"), r.err());
		assertTrue(r.err().contains("line 14: '$(reboot)' is a command, not an assignment"), r.err());
		// rtc has 'iommu none' on this board: Domino says force-assign is needed, so the import exits 1
		assertEquals(1, r.code(), r.out() + r.err());
		assertTrue(r.err().contains("error[iommu]: device rtc cannot be passed to domain domU0"), r.err());

		Files.writeString(dir.resolve("config"), Files.readString(dir.resolve("config")).replace("DOMU_PASSTHROUGH_PATHS[0]=\"/pl031@9010000\"\n", ""));
		CliRun clean = run("import-imagebuilder", f("config"), "--board", f("qemu-virt.domino"), "-o", f("system.domino"));
		assertEquals(0, clean.code(), clean.err());
		assertEquals(0, run("check", f("system.domino")).code());
	}

	@Test
	void importImageBuilderImportsTheDeviceTreeWhenNoBoardIsGiven() throws Exception {
		Files.writeString(dir.resolve("config"), "DEVICE_TREE=qemu-virt.dtb\nXEN=bin/xen\nNUM_DOMUS=0\nLOAD_CMD=tftpb\n");
		CliRun r = run("import-imagebuilder", f("config"), "-o", f("out/system.domino"));
		assertEquals(0, r.code(), r.err());
		assertTrue(Files.readString(dir.resolve("out/qemu-virt.domino")).contains("base-dtb \"../qemu-virt.dtb\""));
		assertTrue(Files.readString(dir.resolve("out/system.domino")).contains("system imported on qemu-virt {"));

		Files.writeString(dir.resolve("config"), "XEN=bin/xen\n");
		CliRun noBoard = run("import-imagebuilder", f("config"));
		assertEquals(2, noBoard.code());
		assertTrue(noBoard.err().contains("the config names no DEVICE_TREE: give the board with --board BOARD.domino"), noBoard.err());
		// an unclosed quote swallows the DEVICE_TREE line after it: the user is told why it is missing
		Files.writeString(dir.resolve("config"), "XEN=\"bin/xen\nDEVICE_TREE=qemu-virt.dtb\n");
		CliRun unclosed = run("import-imagebuilder", f("config"));
		assertEquals(2, unclosed.code());
		assertTrue(unclosed.err().contains("domino: import-imagebuilder: line 1: a \" quote is not closed"), unclosed.err());
		assertEquals(2, run("import-imagebuilder", f("config"), "--board", f("qemu-virt.domino"), "--xen", "latest").code());
	}

	@Test
	void theLaunchersTrainingRunsWork() {
		assertEquals(0, run("train-archive", "cli").code());
		assertEquals(2, run("train-archive", "gpu").code());
	}
}
