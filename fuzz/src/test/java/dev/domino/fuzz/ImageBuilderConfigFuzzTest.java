package dev.domino.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.MethodSource;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.domino.imports.ImageBuilderImport;
import dev.domino.imports.ShellConfig;

/**
 * The ImageBuilder config reader (bash read without running it) and importer in this JVM: any
 * text gives a system file that follows the grammar, with notes for what it could not carry.
 */
class ImageBuilderConfigFuzzTest {
	/** The QEMU virt board as the importer sees it (what Imports.board reads from qemu-virt.domino). */
	private static final ImageBuilderImport.Board BOARD = new ImageBuilderImport.Board("qemu_virt", "qemu-virt.domino",
			devices(), List.of(new ImageBuilderImport.Cpu("cpu0", 0), new ImageBuilderImport.Cpu("cpu1", 1)));

	private static Map<String, String> devices() {
		Map<String, String> devices = new LinkedHashMap<>();
		devices.put("/intc@8000000", "gic");
		devices.put("/pl011@9000000", "uart0");
		devices.put("/pl061@9030000", "gpio");
		devices.put("/pl031@9010000", "rtc");
		return devices;
	}

	static Stream<byte[]> seeds() {
		return ImportImageBuilderFuzzTest.seeds();
	}

	@MethodSource("seeds")
	@FuzzTest(maxDuration = "20s")
	void readConfig(byte[] config) {
		ShellConfig parsed = ImageBuilderImport.read(new String(config, StandardCharsets.UTF_8));
		ImageBuilderImport.parseNotes(parsed);
		String name = config.length % 2 == 0 ? "imported" : "system-2";
		ImageBuilderImport.Result result = ImageBuilderImport.run(parsed, BOARD,
				new ImageBuilderImport.Options(name, config.length % 3 == 0 ? "4.19" : null, file -> file));
		Syntax.parses("the system imported from an ImageBuilder config", result.text());
	}
}
