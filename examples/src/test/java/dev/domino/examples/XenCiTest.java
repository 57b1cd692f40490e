package dev.domino.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.domino.cli.Main;
import dev.domino.testing.Examples;
import dev.domino.testing.Tools;

/**
 * Xen's own CI systems (examples/xen-ci: the ImageBuilder configs of its QEMU smoke tests), each
 * imported with {@code domino import-imagebuilder X.config --xen 4.17} (the board imported from
 * the DTB QEMU dumps for the config's GIC version), compiled without errors, and booted with Xen
 * 4.17 built from the xen.config Domino wrote: dom0 prints raw on hvc0, each domU as
 * "(XEN) DOMn:" lines. Only the load command changes: U-Boot loads from the harness's virtio disk,
 * not from TFTP.
 */
class XenCiTest {
	static Path work;
	static Path bin;

	@BeforeAll
	static void setUp() throws Exception {
		bin = QemuBoot.example().resolve("bin");
		Tools.Result fetch = Tools.run(null, Examples.dir().resolve("qemu-virt/fetch-matrix.sh").toString());
		assertEquals(0, fetch.exitCode(), fetch.stdout() + fetch.stderr());
		work = Path.of("target/xen-ci").toAbsolutePath();
		Tools.run(null, "rm", "-rf", work.toString());
		Files.createDirectories(work);
		for (int gic : new int[] { 2, 3 }) {
			Tools.Result dump = Tools.run(work, "qemu-system-aarch64", "-machine", "virt,gic-version=" + gic
					+ ",virtualization=true,acpi=off,dumpdtb=" + work.resolve("virt-gicv" + gic + ".dtb"), "-cpu", "cortex-a57",
					"-smp", "2", "-m", "2048", "-display", "none", "-nic", "none");
			assertEquals(0, dump.exitCode(), dump.stderr());
		}
		// the files the configs name: Debian's Xen until the one built from xen.config replaces it
		// in the outputs, Debian's kernel, the banner ramdisks
		Files.copy(bin.resolve("xen"), work.resolve("xen"), StandardCopyOption.REPLACE_EXISTING);
		Files.createSymbolicLink(work.resolve("Image"), bin.resolve("Image"));
		Files.copy(bin.resolve("dom0.cpio.gz"), work.resolve("dom0-rootfs.cpio.gz"), StandardCopyOption.REPLACE_EXISTING);
		Files.copy(bin.resolve("web.cpio.gz"), work.resolve("initrd"), StandardCopyOption.REPLACE_EXISTING);
	}

	static Stream<String> configs() throws Exception {
		try (Stream<Path> files = Files.list(Examples.dir().resolve("xen-ci"))) {
			return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".config"))
					.map(n -> n.substring(0, n.length() - ".config".length())).sorted().toList().stream();
		}
	}

	private static String[] domino(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new String[] { String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8) };
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("configs")
	void importedCompiledAndBootedWithXenBuiltFromItsXenConfig(String name) throws Exception {
		long start = System.nanoTime();
		Path config = work.resolve(name + ".config");
		Files.copy(Examples.dir().resolve("xen-ci/" + name + ".config"), config, StandardCopyOption.REPLACE_EXISTING);
		Path system = work.resolve(name + ".domino");
		String[] imported = domino("import-imagebuilder", config.toString(), "--xen", "4.17", "-o", system.toString());
		assertEquals("0", imported[0], imported[1] + imported[2]);
		String text = Files.readString(system);
		assertTrue(text.contains("load \"tftpb\""), text);
		Files.writeString(system, text.replace("load \"tftpb\"", "load \"load virtio 0\""));

		Path out = work.resolve("out-" + name);
		String[] compiled = domino("compile", system.toString(), "-o", out.toString());
		assertEquals("0", compiled[0], compiled[1] + compiled[2]);
		assertFalse((compiled[1] + compiled[2]).contains("error["), compiled[1] + compiled[2]);
		XenBuild.install(XenBuild.build("4.17", out.resolve("xen.config")), out, "xen");

		List<String> expect = new ArrayList<>(List.of("DOMINO-BANNER dom0: memory"));
		int domUs = (int) text.lines().filter(l -> l.trim().startsWith("domain ")).count();
		for (int i = 1; i <= domUs; i++) {
			expect.add("DOM" + i + ": DOMINO-BANNER web");
		}
		String dtb = Files.readString(config).contains("virt-gicv2.dtb") ? "2" : "3";
		Map<String, String> machine = Map.of("QEMU_MACHINE", "virt,gic-version=" + dtb + ",virtualization=true,acpi=off");
		Tools.Result boot = QemuBoot.boot(out, work, name, "110", machine, expect.toArray(String[]::new));
		String console = Files.readString(QemuBoot.log(out, name), StandardCharsets.ISO_8859_1);
		assertEquals(0, boot.exitCode(), name + ": " + boot.stderr() + "\n" + QemuBoot.tail(console));
		assertTrue(console.lines().anyMatch(l -> l.startsWith("DOMINO-BANNER dom0: hello from dom0")),
				"dom0 prints raw on hvc0: " + QemuBoot.tail(console));
		assertTrue(console.contains("GICv" + dtb), QemuBoot.tail(console));
		System.out.printf("xen-ci: %s (%d domUs) imported, built and booted in %.1f s%n", name, domUs,
				(System.nanoTime() - start) / 1e9);
	}
}
