package dev.domino.fdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.domino.testing.Examples;

/** A malformed DTB is an error message, never a crash: every damaged variant of a real blob. */
class FdtReaderTest {
	private static byte[] qemu() throws Exception {
		return Files.readAllBytes(Examples.dir().resolve("qemu-virt/qemu-virt.dtb"));
	}

	@Test
	void readsQemusTree() throws Exception {
		DeviceTree tree = FdtReader.read(qemu());
		DtNode uart = tree.root().find("/pl011@9000000").orElseThrow();
		assertEquals("arm,pl011", uart.property("compatible").orElseThrow().stringList().get(0));
		assertEquals(2, tree.root().addressCells());
		assertTrue(tree.root().find("/cpus/cpu@1").isPresent());
	}

	@Test
	void badMagic() throws Exception {
		byte[] blob = qemu();
		blob[0] = 0x12;
		assertTrue(error(blob).startsWith("bad magic 0x12"), error(blob));
	}

	@Test
	void truncated() throws Exception {
		assertTrue(error(Arrays.copyOf(qemu(), 1000)).startsWith("truncated"), error(Arrays.copyOf(qemu(), 1000)));
		assertTrue(error(new byte[12]).startsWith("truncated"));
	}

	@Test
	void offsetsOutsideTheBlob() throws Exception {
		byte[] blob = qemu();
		ByteBuffer.wrap(blob).putInt(12, 0x7fff_0000); // strings block offset
		assertTrue(error(blob).contains("bad strings block"), error(blob));
		blob = qemu();
		ByteBuffer.wrap(blob).putInt(8, 4); // structure block inside the header
		assertTrue(error(blob).contains("bad structure block"), error(blob));
	}

	@Test
	void unknownVersion() throws Exception {
		byte[] blob = qemu();
		ByteBuffer.wrap(blob).putInt(20, 3);
		assertTrue(error(blob).contains("unsupported DTB version 3"), error(blob));
	}

	@Test
	void randomCorruptionNeverEscapesAsAnUncheckedException() throws Exception {
		byte[] original = qemu();
		Random random = new Random(42);
		int errors = 0;
		for (int round = 0; round < 3000; round++) {
			byte[] blob = original.clone();
			int flips = 1 + random.nextInt(8);
			for (int i = 0; i < flips; i++) {
				blob[random.nextInt(Math.min(blob.length, 2048))] = (byte) random.nextInt(256);
			}
			try {
				FdtReader.read(blob);
			} catch (FdtException e) {
				errors++;
				assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
			}
		}
		assertTrue(errors > 100, "corruption should usually be detected, was " + errors);
	}

	private static String error(byte[] blob) {
		return assertThrows(FdtException.class, () -> FdtReader.read(blob)).getMessage();
	}
}
