package dev.domino.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.domino.testing.Examples;
import dev.domino.testing.Workspace;

/**
 * The folder every fuzz target works in, made once per JVM: the QEMU virt and FVP boards with
 * small but real-looking binaries, laid out so that the examples and the mistakes corpus (which
 * import "../qemu-virt/qemu-virt.domino") all resolve from {@link #dir()}.
 */
final class FuzzWorkspace {
	private static Path root;

	private FuzzWorkspace() {
	}

	/** The folder a fuzzed .domino file is written to: qemu-virt/, next to both boards. */
	static synchronized Path dir() {
		if (root == null) {
			try {
				root = Files.createTempDirectory("domino-fuzz");
				Path examples = Examples.dir();
				Workspace qemu = new Workspace(Files.createDirectories(root.resolve("qemu-virt")));
				qemu.qemuBoard();
				Files.copy(examples.resolve("fvp-baser/fvp-baser.domino"), qemu.path("fvp-baser.domino"));
				for (String dir : List.of("qemu-virt", "fvp-baser")) {
					Workspace w = new Workspace(root.resolve(dir));
					w.arm64Image("bin/xen", 983048, 0x1360c8);
					w.arm64Image("bin/zephyr.bin", 1 << 20, 2 << 20);
					w.arm64Image("bin/rtos.bin", 1 << 20, 2 << 20);
				}
				Files.copy(examples.resolve("fvp-baser/fvp-baser.domino"), root.resolve("fvp-baser/fvp-baser.domino"));
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return root.resolve("qemu-virt");
	}

	/** Every .domino file of examples/ (systems, boards and mistakes): the seeds of the text targets. */
	static Stream<byte[]> exampleTexts() throws IOException {
		List<byte[]> texts = new ArrayList<>();
		for (Path p : Examples.sources()) {
			texts.add(Files.readAllBytes(p));
		}
		return texts.stream();
	}

	static byte[] example(String path) {
		try {
			return Files.readAllBytes(Examples.dir().resolve(path));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}
}
