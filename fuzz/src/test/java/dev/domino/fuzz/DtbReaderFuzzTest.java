package dev.domino.fuzz;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.MethodSource;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.domino.fdt.DeviceTree;
import dev.domino.fdt.DtsWriter;
import dev.domino.fdt.FdtException;
import dev.domino.fdt.FdtReader;
import dev.domino.fdt.FdtWriter;
import dev.domino.imports.DtbImport;

/**
 * The DTB reader and importer in this JVM, without the command line around them (thousands of
 * blobs a second): a blob is read or refused with an FdtException; a tree that reads becomes a
 * board file that parses, a .dts, and a blob that reads back to the same bytes.
 */
class DtbReaderFuzzTest {
	static Stream<byte[]> seeds() throws Exception {
		return ImportDtbFuzzTest.seeds();
	}

	@MethodSource("seeds")
	@FuzzTest(maxDuration = "20s")
	void readAndImport(byte[] blob) {
		DeviceTree tree;
		try {
			tree = FdtReader.read(blob);
		} catch (FdtException e) {
			return; // refused with a message: what import-dtb reports
		}
		DtbImport.Result board = DtbImport.run(tree, "fuzzed", "fuzz.dtb", "fuzz.dtb");
		Syntax.parses("the board imported from a DTB", board.text());
		DtsWriter.write(tree, "fuzzed");
		byte[] written = FdtWriter.write(tree);
		try {
			if (!Arrays.equals(written, FdtWriter.write(FdtReader.read(written)))) {
				throw new AssertionError("a DTB written from a tree reads back to a different tree");
			}
		} catch (FdtException e) {
			throw new AssertionError("a DTB written from a tree does not read back: " + e.getMessage(), e);
		}
	}
}
