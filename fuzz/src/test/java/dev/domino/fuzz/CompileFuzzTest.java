package dev.domino.fuzz;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import org.junit.jupiter.params.provider.MethodSource;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.domino.fdt.FdtException;
import dev.domino.fdt.FdtReader;

/**
 * Text to `domino compile` (every emitter: device trees, the DTB writer, the boot script, the Xen
 * config, the header, the maps). What it writes must read back: the DTB parses, boot.scr's
 * header and data CRCs hold, and each load line of boot.source quotes exactly one file.
 */
class CompileFuzzTest {
	static Stream<byte[]> seeds() throws Exception {
		return FuzzWorkspace.exampleTexts();
	}

	@MethodSource("seeds")
	@FuzzTest(maxDuration = "20s")
	void compile(byte[] text) throws Exception {
		Path dir = FuzzWorkspace.dir();
		Path file = Files.write(dir.resolve("fuzz-compile.domino"), text);
		Path out = dir.resolve("out");
		Cli.Run run = Cli.run("compile", file.toString(), "-o", out.toString(), "--format", "json");
		Cli.jsonDiagnosticsArePlaced(run);
		if (run.code() != 0) {
			return;
		}
		try (Stream<Path> written = Files.walk(out)) {
			for (Path p : written.filter(Files::isRegularFile).toList()) {
				String name = p.getFileName().toString();
				if (name.endsWith(".dtb")) {
					try {
						FdtReader.read(Files.readAllBytes(p));
					} catch (FdtException e) {
						throw Cli.fail(run, p + " does not read back: " + e.getMessage());
					}
				} else if (name.equals("boot.scr")) {
					scriptImageHolds(run, Files.readAllBytes(p));
				} else if (name.equals("boot.source")) {
					loadLinesQuoteOneFile(run, Files.readString(p, StandardCharsets.UTF_8));
				}
			}
		}
	}

	/** A legacy uImage: magic, header CRC over the header with its CRC field zero, data CRC. */
	private static void scriptImageHolds(Cli.Run run, byte[] image) {
		ByteBuffer b = ByteBuffer.wrap(image);
		byte[] header = java.util.Arrays.copyOf(image, 64);
		ByteBuffer.wrap(header).putInt(4, 0);
		if (b.getInt(0) != 0x27051956 || b.getInt(4) != (int) crc(header, 0, 64) || b.getInt(12) != image.length - 64
				|| b.getInt(24) != (int) crc(image, 64, image.length - 64)) {
			throw Cli.fail(run, "boot.scr is not a valid script image");
		}
	}

	/** The lines before the first fdt/setenv command load one single-quoted file each. */
	private static void loadLinesQuoteOneFile(Cli.Run run, String script) {
		for (String line : script.split("\n")) {
			if (line.startsWith("#")) {
				continue;
			}
			if (line.startsWith("fdt ") || line.startsWith("setenv ")) {
				return;
			}
			int open = line.indexOf('\'');
			if (open < 0 || !line.endsWith("'") || line.indexOf('\'', open + 1) != line.length() - 1
					|| !line.substring(0, open).matches("[^'\"`;#]+ 0x[0-9a-f]+ ")) {
				throw Cli.fail(run, "a load line that is not one command loading one quoted file: " + line);
			}
		}
	}

	private static long crc(byte[] bytes, int offset, int length) {
		CRC32 crc = new CRC32();
		crc.update(bytes, offset, length);
		return crc.getValue();
	}
}
