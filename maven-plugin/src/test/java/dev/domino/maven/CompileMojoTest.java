package dev.domino.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal run as Maven runs it, with its parameters injected: two systems on one board. */
class CompileMojoTest {
	@TempDir
	Path dir;

	private static final String BOARD = """
			board b {
			    pa-bits 40
			    cpus 4
			    memory ram at 0x4000_0000 size 2G
			    device uart0 { compatible "arm,pl011" reg 0x900_0000 size 4K irq spi 1 }
			}
			""";

	private static String system(String name, String size) {
		return "import \"board.domino\"\nsystem " + name + " on b {\n"
				+ "    xen 4.19 { image \"Image\" bootargs \"console=dtuart dtuart=uart0\" }\n"
				+ "    boot uboot booti { load \"tftpb\" window 0x4020_0000 .. 0x8000_0000 }\n"
				+ "    module linux kernel \"Image\"\n"
				+ "    domain web { memory " + size + " kernel linux }\n}\n";
	}

	private CompileMojo mojo(Path src) {
		CompileMojo mojo = new CompileMojo();
		mojo.sourceDirectory = src.toFile();
		mojo.outputDirectory = dir.resolve("target/domino").toFile();
		mojo.outputTimestamp = "2026-01-01T00:00:00Z";
		return mojo;
	}

	private Path sources() throws Exception {
		Path src = Files.createDirectories(dir.resolve("src/main/domino"));
		Files.writeString(src.resolve("board.domino"), BOARD);
		ByteBuffer image = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
		image.putLong(16, 2 << 20);
		image.putInt(56, 0x644d5241);
		Files.write(src.resolve("Image"), image.array());
		return src;
	}

	@Test
	void compilesEverySystemUnderTheSourceDirectory() throws Exception {
		Path src = sources();
		Files.writeString(src.resolve("one.domino"), system("one", "64M"));
		Files.writeString(src.resolve("two.domino"), system("two", "128M"));
		mojo(src).execute();
		for (String name : new String[] { "one", "two" }) {
			Path out = dir.resolve("target/domino").resolve(name);
			assertTrue(Files.isRegularFile(out.resolve("system.dtb")), name + ": " + out);
			assertTrue(Files.isRegularFile(out.resolve("boot.scr")), name);
			assertTrue(Files.readString(out.resolve("boot.source")).contains(name + ".domino"),
					"the script names the file its system came from");
		}
		// a second execution in the same build reuses the compiler, and gives the same bytes
		byte[] first = Files.readAllBytes(dir.resolve("target/domino/one/system.dtb"));
		mojo(src).execute();
		assertEquals(java.util.Arrays.toString(first),
				java.util.Arrays.toString(Files.readAllBytes(dir.resolve("target/domino/one/system.dtb"))));
	}

	@Test
	void anErrorFailsTheBuildAndWritesNothing() throws Exception {
		Path src = sources();
		Files.writeString(src.resolve("big.domino"), system("big", "64G"));
		MojoFailureException e = assertThrows(MojoFailureException.class, () -> mojo(src).execute());
		assertTrue(e.getMessage().contains("nothing written"), e.getMessage());
		assertFalse(Files.exists(dir.resolve("target/domino/big")));
	}

	@Test
	void timestampsAsMavenWritesThem() {
		assertEquals(0, CompileMojo.timestamp(null));
		assertEquals(0, CompileMojo.timestamp("a"));
		assertEquals(1700000000L, CompileMojo.timestamp("1700000000"));
		assertEquals(1767225600L, CompileMojo.timestamp("2026-01-01T00:00:00Z"));
	}
}
