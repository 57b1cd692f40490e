package dev.domino.fdt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Properties encode as a DTB holds them, and stay as made: one may sit in many nodes. */
class DtPropertyTest {
	@Test
	void cellsAreBigEndian32BitWords() {
		DtProperty p = DtProperty.cells("reg", 0x1_2345_6789L, 0xFFFF_FFFFL, 0x8000_0000L, 0);
		assertArrayEquals(new byte[] { 0x23, 0x45, 0x67, (byte) 0x89, -1, -1, -1, -1, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0 },
				p.value()); // a cell keeps the low 32 bits of its value
		assertEquals(0xFFFF_FFFFL, p.cell(1));
		assertEquals(4, p.cellCount());
	}

	@Test
	void stringsAreEachNulTerminated() {
		DtProperty p = DtProperty.strings("compatible", "multiboot,kernel", "multiboot,module");
		assertArrayEquals("multiboot,kernel\0multiboot,module\0".getBytes(java.nio.charset.StandardCharsets.UTF_8), p.value());
		assertEquals(List.of("multiboot,kernel", "multiboot,module"), p.stringList());
		assertEquals(0, DtProperty.empty("direct-map").length());
	}

	@Test
	void neitherTheMakerNorAReaderCanChangeAProperty() {
		byte[] bytes = { 1, 2, 3, 4 };
		DtProperty p = new DtProperty("x", bytes);
		bytes[0] = 9;
		p.value()[1] = 9;
		assertArrayEquals(new byte[] { 1, 2, 3, 4 }, p.value());
		DtProperty empty = DtProperty.empty("a");
		assertEquals(0, empty.value().length);
	}
}
