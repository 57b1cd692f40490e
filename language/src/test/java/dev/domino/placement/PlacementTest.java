package dev.domino.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.domino.compiler.Analysis;
import dev.domino.model.BootModule;
import dev.domino.model.SystemModel;
import dev.domino.model.U64;
import dev.domino.testing.Workspace;

/** Placement follows ImageBuilder: 2 MiB steps in the boot window, a shared module once, Xen then the DTB last. */
class PlacementTest {
	@TempDir
	Path dir;
	Workspace ws;

	@BeforeEach
	void setUp() throws Exception {
		ws = new Workspace(dir);
		ws.qemuBoard();
	}

	private PlacedSystem placed;

	private SystemModel place(String body) throws Exception {
		ws.write("s.domino", "import \"qemu-virt.domino\"\nsystem s on qemu_virt {\n" + body + "\n}\n");
		Analysis a = ws.analyse("s.domino");
		placed = a.systems().get(0).placed();
		return placed.model();
	}

	private String at(dev.domino.model.Region r) {
		return U64.hex(placed.base(r));
	}

	@Test
	void bootFilesFollowImageBuilderOrderInTwoMebibyteSteps() throws Exception {
		SystemModel m = place("""
				xen 4.17 { image "bin/xen" }
				boot uboot booti { load "load virtio 0" window 0x4020_0000 .. 0xB000_0000 }
				module linux kernel "bin/Image"
				domain web { memory 128M kernel linux ramdisk "bin/web.cpio.gz" }
				domain rt { memory 128M kernel linux ramdisk "bin/rt.cpio.gz" }
				""");
		assertEquals("0x4020_0000", at(m.boot().script()));
		// kernel footprint 0x201_0000 (from the Image header, larger than the 4 MiB file)
		assertEquals("0x4040_0000", at(m.modules().get(0).region()));
		assertEquals("0x4260_0000", at(m.modules().get(1).region())); // web ramdisk
		assertEquals("0x4280_0000", at(m.modules().get(2).region())); // rt ramdisk; the kernel is not loaded twice
		assertEquals(BootModule.Role.XEN, m.modules().get(3).role());
		assertEquals("0x42A0_0000", at(m.modules().get(3).region()));
		assertEquals("0x42C0_0000", at(m.boot().deviceTree()));
		assertEquals(4, m.modules().size());
	}

	@Test
	void placementSkipsReservedAndFixedRanges() throws Exception {
		SystemModel m = place("""
				xen 4.17 { image "bin/xen" }
				boot uboot booti { load "tftpb" }
				module fixed ramdisk "bin/rt.cpio.gz" at 0x4060_0000
				domain web { memory 128M kernel "bin/Image" ramdisk fixed }
				""");
		// the window defaults to the RAM bank; QEMU's DTB (reserved, 1 MiB) is skipped
		assertEquals("0x4020_0000", at(m.boot().script()));
		// the kernel (32 MiB) does not fit below the fixed ramdisk at 0x4060_0000
		assertEquals("0x4080_0000", at(m.domains().get(0).kernelModule().region()));
		assertEquals("0x4060_0000", at(m.domains().get(0).ramdisk().region()));
		assertFalse(m.domains().get(0).ramdisk().region().isAuto());
	}

	@Test
	void heapAndStaticMemoryComeFromTheTopOfFreeRam() throws Exception {
		SystemModel m = place("""
				xen 4.17 { image "bin/xen" heap 256M }
				domain rt { memory 64M static direct-map kernel "bin/Image" }
				shared-memory shm0 size 4K { owner rt }
				""");
		assertEquals("0xB000_0000", at(m.xen().heap()));
		assertEquals("0xAC00_0000", at(m.domains().get(0).staticBanks().get(0)));
		assertEquals("0xABFF_F000", at(m.sharedMemories().get(0).host()));
	}

	@Test
	void whatDoesNotFitIsReportedAndLeftUnplaced() throws Exception {
		ws.write("s.domino", """
				import "qemu-virt.domino"
				system s on qemu_virt {
				    xen 4.17 { image "bin/xen" }
				    boot uboot booti { window 0x4020_0000 .. 0x4100_0000 }
				    domain web { memory 128M kernel "bin/Image" }
				}
				""");
		Analysis a = ws.analyse("s.domino");
		String out = Workspace.format(a.diagnostics());
		assertTrue(out.contains("s.domino:5:37: error[contain]: no room for the kernel of domain web (32832 KiB) in the boot window "
				+ "[0x4020_0000, 0x4100_0000) after 0x4040_0000"), out);
		assertFalse(a.systems().get(0).placed().isPlaced(a.systems().get(0).model().domains().get(0).kernelModule().region()));
		assertEquals(1, a.systems().get(0).placed().placement().unplaced().size());
	}

	@Test
	void placementIsDeterministic() throws Exception {
		String body = """
				xen 4.17 { image "bin/xen" heap 128M }
				module linux kernel "bin/Image"
				domain a { memory 32M static kernel linux }
				domain b { memory 32M static kernel linux ramdisk "bin/web.cpio.gz" }
				""";
		place(body);
		String first = dev.domino.emit.TextMap.emit(placed);
		place(body);
		String second = dev.domino.emit.TextMap.emit(placed);
		assertEquals(first, second);
	}
}
