package dev.domino.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.domino.model.Span;

class U64Test {
	@Test
	void additionThatWrapsIsReportedNotWrapped() {
		assertEquals(-1L, U64.add(-2L, 1));
		ArithmeticException e = assertThrows(ArithmeticException.class, () -> U64.add(-1L, 1));
		assertTrue(e.getMessage().contains("does not fit in 64 bits"), e.getMessage());
		assertThrows(ArithmeticException.class, () -> U64.mul(1L << 40, 1L << 30));
		assertEquals(1L << 62, U64.mul(1L << 40, 1L << 22));
		assertThrows(ArithmeticException.class, () -> U64.sub(1, 2));
	}

	@Test
	void comparisonsAreUnsigned() {
		assertTrue(U64.lt(0x7fff_ffff_ffff_ffffL, 0x8000_0000_0000_0000L));
		assertTrue(U64.gt(-1L, 1));
		assertEquals(-1L, U64.max(-1L, 5));
	}

	@Test
	void alignmentHandlesTheTopOfTheAddressSpace() {
		assertEquals(0x4040_0000L, U64.alignUp(0x4020_0001L, 2 << 20));
		assertEquals(0x4020_0000L, U64.alignUp(0x4020_0000L, 2 << 20));
		assertThrows(ArithmeticException.class, () -> U64.alignUp(-5L, 4096));
		assertTrue(U64.isAligned(0x4020_0000L, 2 << 20));
		assertFalse(U64.isAligned(0x4020_1000L, 2 << 20));
	}

	@Test
	void formatsAsUsersWriteNumbers() {
		assertEquals("0x4080_0000", U64.hex(0x4080_0000L));
		assertEquals("0x1_0000_0000", U64.hex(1L << 32));
		assertEquals("0xFFFF_FFFF_FFFF_FFFF", U64.hex(-1L));
		assertEquals("2 MiB", U64.size(2 << 20));
		assertEquals("4660 bytes", U64.size(0x1234));
		assertEquals("[0x4080_0000, 0x4280_0000)", U64.range(0x4080_0000L, 32 << 20));
		assertEquals("[0xFFFF_FFFF_FFFF_F000, 2^64)", U64.range(-4096L, 4096));
		assertEquals("64M", U64.sizeLiteral(64 << 20));
	}

	@Test
	void regionsNeverWrapSilently() {
		assertTrue(new Span(-4096L, 8192).wraps());
		Span top = new Span(-4096L, 4096);
		assertFalse(top.wraps());
		assertEquals(-1L, top.last());
	}
}
