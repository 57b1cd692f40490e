package dev.domino.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValuesTest {
	@Test
	void readsDecimalHexSeparatorsAndSizeSuffixes() {
		assertEquals(4096, Values.parse("4096"));
		assertEquals(0x4000_0000L, Values.parse("0x4000_0000"));
		assertEquals(0xB000_0000L, Values.parse("0XB000_0000"));
		assertEquals(2L << 30, Values.parse("2G"));
		assertEquals(64L << 20, Values.parse("64M"));
		assertEquals(4L << 10, Values.parse("4K"));
		assertEquals(1L << 40, Values.parse("1T"));
		assertEquals(1_000_000, Values.parse("1_000_000"));
		assertEquals(0x10L << 20, Values.parse("0x10M"));
		assertEquals(-1L, Values.parse("0xFFFF_FFFF_FFFF_FFFF"));
	}

	@Test
	void saysWhatIsWrongWithABadNumber() {
		assertTrue(message("0x1_0000_0000_0000_0000").contains("does not fit in 64 bits"));
		assertTrue(message("16777216T").contains("does not fit in 64 bits"));
		assertTrue(message("12k").contains("unknown size suffix 'k'"));
		assertTrue(message("0xZZ").contains("is not a number"));
		assertTrue(message("0x").contains("is not a number"));
	}

	private static String message(String text) {
		return assertThrows(NumberFormatException.class, () -> Values.parse(text)).getMessage();
	}
}
