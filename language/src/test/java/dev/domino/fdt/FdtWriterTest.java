package dev.domino.fdt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.domino.testing.Dtc;
import dev.domino.testing.Examples;
import dev.domino.testing.Tools;

/** Our DTB writer against dtc itself: the same source must give the same bytes. */
class FdtWriterTest {
	@TempDir
	Path dir;

	@Test
	void writesTheSameBytesAsDtcForATreeWithTrickyValues() throws Exception {
		DtNode root = new DtNode("");
		root.set(DtProperty.cells("#address-cells", 2));
		root.set(DtProperty.cells("#size-cells", 2));
		root.set(DtProperty.strings("compatible", "domino,test", "arm,virt"));
		DtNode chosen = root.add(new DtNode("chosen"));
		chosen.set(DtProperty.strings("bootargs", "quote\" back\\slash tab\t"));
		chosen.set(DtProperty.empty("vpl011"));
		chosen.set(DtProperty.cells("cells", 1, 2)); // shares the tail of "#size-cells" in the strings block
		chosen.set(new DtProperty("bytes", new byte[] { 1, 2, 3 }));
		chosen.set(DtProperty.strings("empty-string", ""));
		DtNode module = chosen.add(new DtNode("module@40400000"));
		module.set(DtProperty.cells("reg", 0, 0x40400000L, 0, 0x1f6dfc0));
		DeviceTree tree = new DeviceTree(root);
		tree.reservations().add(new DeviceTree.Reservation(0x4000_0000L, 0x10_0000L));

		Path dts = dir.resolve("t.dts");
		Files.writeString(dts, DtsWriter.write(tree, "a test tree"));
		Tools.Result dtc = Tools.run(dir, "dtc", "-I", "dts", "-O", "dtb", "-o", "t.dtb", "t.dts");
		assertEquals(0, dtc.exitCode(), dtc.stderr());
		assertArrayEquals(Files.readAllBytes(dir.resolve("t.dtb")), FdtWriter.write(tree));
	}

	@Test
	void rewritesQemusOwnDtbByteForByteAfterReadingIt() throws Exception {
		Path qemu = Examples.dir().resolve("qemu-virt/qemu-virt.dtb");
		DeviceTree tree = FdtReader.read(Files.readAllBytes(qemu));
		Files.writeString(dir.resolve("q.dts"), DtsWriter.write(tree, null));
		Tools.Result dtc = Tools.run(dir, "dtc", "-I", "dts", "-O", "dtb", "-o", "q.dtb", "q.dts");
		assertEquals(0, dtc.exitCode(), dtc.stderr());
		// QEMU's tree written by DtsWriter: its phandles are references, so dtc has nothing to say
		assertEquals(java.util.List.of(), Dtc.unexpectedWarnings(dir.resolve("q.dts")));
		assertArrayEquals(Files.readAllBytes(dir.resolve("q.dtb")), FdtWriter.write(tree));
	}

	@Test
	void dtsIsWhatDtcPrintsWhenItDecompilesTheBlob() throws Exception {
		Path qemu = Examples.dir().resolve("qemu-virt/qemu-virt.dtb");
		DeviceTree tree = FdtReader.read(Files.readAllBytes(qemu));
		Files.writeString(dir.resolve("q.dts"), DtsWriter.write(tree, "comment lines are not part of the tree"));
		Files.write(dir.resolve("q.dtb"), FdtWriter.write(tree));
		String fromSource = Dtc.decompile(dir, "q.dts");
		String fromBlob = Dtc.decompile(dir, "q.dtb");
		assertEquals(fromBlob, Dtc.withoutLabels(fromSource));
		String ours = Files.readString(dir.resolve("q.dts"));
		assertTrue(ours.contains("clocks = <&phandle_8000 &phandle_8000>;"), "phandles are references: " + ours);
	}
}
