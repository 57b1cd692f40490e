package dev.domino.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.domino.cli.Main;
import dev.domino.fdt.DeviceTree;
import dev.domino.fdt.DtNode;
import dev.domino.fdt.DtProperty;
import dev.domino.fdt.FdtReader;
import dev.domino.fdt.FdtWriter;
import dev.domino.testing.Examples;
import dev.domino.testing.Tools;

/**
 * The boot matrix (examples/boot-matrix, docs/boot-recipes.md): each system compiled by the domino
 * command, Xen 4.17 built from the xen.config it wrote (tools/xen-build.sh; a line olddefconfig
 * loses fails the test), booted under QEMU with every domain printing its banner, and the feature's
 * visible effect checked on the console. dom0 prints on hvc0, raw; domUs as "(XEN) DOMn:" lines.
 * The negative twins: for each way an accepted system used not to boot, Domino rejects the system
 * with the rule's id, and where it is cheap the forced build (outputs edited here) fails the way
 * the rule says.
 */
class BootMatrixTest {
	static Path matrix;
	static Path work;
	static final Map<String, String> GICV2 = Map.of("QEMU_MACHINE", "virt,gic-version=2,virtualization=true,acpi=off");
	static final Map<String, String> ARM32 = Map.of("QEMU", "qemu-system-arm", "QEMU_MACHINE", "virt,virtualization=on",
			"QEMU_CPU", "cortex-a15", "UBOOT_BIN", "/usr/lib/u-boot/qemu_arm/u-boot.bin");

	@BeforeAll
	static void binaries() throws Exception {
		QemuBoot.example();
		Tools.Result fetch = Tools.run(null, Examples.dir().resolve("qemu-virt/fetch-matrix.sh").toString());
		assertEquals(0, fetch.exitCode(), fetch.stdout() + fetch.stderr());
		matrix = Examples.dir().resolve("boot-matrix");
		work = Path.of("target/boot-matrix").toAbsolutePath();
		Files.createDirectories(work);
	}

	static String[] domino(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
		return new String[] { String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8) };
	}

	/** examples/boot-matrix/NAME.domino compiled into target/boot-matrix/NAME. */
	static Path compile(String name) throws Exception {
		Path out = work.resolve(name);
		String[] r = domino("compile", matrix.resolve(name + ".domino").toString(), "-o", out.toString());
		assertEquals("0", r[0], r[1] + r[2]);
		return out;
	}

	/** Compiled, with Xen 4.17 (arm64) built from its own xen.config where the script loads bin/xen. */
	static Path compileWithItsXen(String name) throws Exception {
		Path out = compile(name);
		XenBuild.install(XenBuild.build("4.17", out.resolve("xen.config")), out, "bin/xen");
		return out;
	}

	/** Boots OUT, fails unless every expected line appears; returns the console. */
	static String boots(Path out, String name, Map<String, String> machine, String... expect) throws Exception {
		long start = System.nanoTime();
		Tools.Result r = QemuBoot.boot(out, matrix, name, "110", machine, expect);
		String console = Files.readString(QemuBoot.log(out, name), StandardCharsets.ISO_8859_1);
		assertEquals(0, r.exitCode(), name + " did not boot: " + r.stderr() + "\n" + QemuBoot.tail(console));
		assertFalse(console.contains("Panic on CPU"), QemuBoot.tail(console));
		System.out.printf("boot-matrix: %s booted in %.1f s%n", name, (System.nanoTime() - start) / 1e9);
		return console;
	}

	/** The boot fails (domino run ends 1 on a panic, a BUG or silence); returns the console. */
	static String fails(Path out, String name, String timeout, String... expect) throws Exception {
		Tools.Result r = QemuBoot.boot(out, matrix, name, timeout, Map.of(), expect);
		String console = Files.readString(QemuBoot.log(out, name), StandardCharsets.ISO_8859_1);
		assertEquals(1, r.exitCode(), name + " must not boot:\n" + QemuBoot.tail(console));
		return console;
	}

	/** A line of the console that dom0 wrote on hvc0: raw, with no "(XEN)" before it. */
	static boolean raw(String console, String prefix) {
		return console.lines().anyMatch(l -> l.startsWith(prefix));
	}

	/** A copy of a compiled system whose DTB the edit changes: a build the CLI would refuse to write. */
	static Path forced(Path out, String name, java.util.function.Consumer<DeviceTree> edit) throws Exception {
		Path bad = work.resolve(name);
		Tools.run(null, "rm", "-rf", bad.toString());
		Tools.run(null, "cp", "-r", out.toString(), bad.toString());
		DeviceTree tree = FdtReader.read(Files.readAllBytes(out.resolve("system.dtb")));
		edit.accept(tree);
		Files.write(bad.resolve("system.dtb"), FdtWriter.write(tree));
		return bad;
	}

	static String check(Path file) {
		String[] r = domino("check", file.toString());
		assertEquals("1", r[0], file + " must be rejected: " + r[1] + r[2]);
		return r[1] + r[2];
	}

	static long reg(DtNode node, int cell) {
		DtProperty reg = node.property("reg").orElseThrow();
		return (reg.cell(cell) << 32) | reg.cell(cell + 1);
	}

	// ------------------------------------------------------------------ the matrix

	@Test
	void classicDom0NextToTwoDomUs() throws Exception {
		Path out = compileWithItsXen("dom0-domus");
		String console = boots(out, "dom0-domus", Map.of(), "DOMINO-BANNER dom0: memory", "DOM1: DOMINO-BANNER web",
				"DOM2: DOMINO-BANNER rt");
		assertTrue(raw(console, "DOMINO-BANNER dom0: hello from dom0"), "dom0's hvc0 is raw: " + QemuBoot.tail(console));
		assertTrue(console.contains("*** LOADING DOMAIN 0 ***"), QemuBoot.tail(console));
		assertTrue(console.contains("GICv3 initialization"), "the default machine is GICv3: " + QemuBoot.tail(console));
		assertTrue(raw(console, "DOMINO-BANNER dom0: memory memory@"), "dom0 has 512 MiB: " + QemuBoot.tail(console));
		assertTrue(console.contains("00000000 20000000"), "dom0 has 512 MiB: " + QemuBoot.tail(console));
	}

	@Test
	void gicv2() throws Exception {
		Path out = compileWithItsXen("gicv2");
		String console = boots(out, "gicv2", GICV2, "GICv2 initialization", "DOMINO-BANNER dom0: memory",
				"DOM1: DOMINO-BANNER web");
		assertTrue(raw(console, "DOMINO-BANNER dom0: hello from dom0"), QemuBoot.tail(console));
	}

	@Test
	void staticMemoryDirectMappedIsSeenAtItsHostAddress() throws Exception {
		Path out = compileWithItsXen("static-direct");
		assertTrue(Files.readString(out.resolve("xen.config")).contains("CONFIG_STATIC_MEMORY=y"));
		String console = boots(out, "static-direct", Map.of(),
				"DOM1: DOMINO-BANNER direct: memory memory@50000000: 00000000 50000000 00000000 08000000",
				"DOM2: DOMINO-BANNER web");
		assertTrue(console.contains("d1: STATIC BANK[0] 0x00000050000000-0x00000058000000"), QemuBoot.tail(console));
	}

	@Test
	void staticHeapGivesDom0ItsMemory() throws Exception {
		Path out = compileWithItsXen("static-heap");
		String console = boots(out, "static-heap", Map.of(), "DOMINO-BANNER dom0: memory", "DOM1: DOMINO-BANNER web");
		// dom0 is 1:1, so its bank is a host address: inside the heap at 0x8000_0000 + 512 MiB
		Matcher m = Pattern.compile("(?m)^DOMINO-BANNER dom0: memory memory@\\S+: ([0-9a-f]{8}) ([0-9a-f]{8}) ([0-9a-f]{8}) ([0-9a-f]{8})")
				.matcher(console);
		assertTrue(m.find(), QemuBoot.tail(console));
		long base = Long.parseLong(m.group(1) + m.group(2), 16);
		long size = Long.parseLong(m.group(3) + m.group(4), 16);
		assertTrue(base >= 0x8000_0000L && base + size <= 0xA000_0000L,
				"dom0's bank 0x" + Long.toHexString(base) + " + 0x" + Long.toHexString(size) + " is in the static heap");
	}

	@Test
	void staticSharedMemoryOwnerAndBorrower() throws Exception {
		Path out = compileWithItsXen("shm-owner");
		String console = boots(out, "shm-owner", Map.of(), "DOM1: DOMINO-BANNER owner: shm wrote 0xd0d0cafe at 0x2000000",
				"DOM2: DOMINO-BANNER borrower: shm read 0xD0D0CAFE at 0x2100000");
		assertTrue(console.contains("d1: allocate static shared memory BANK"), "the owner acquires the page: " + QemuBoot.tail(console));
	}

	@Test
	void staticSharedMemoryOwnedByXen() throws Exception {
		Path out = compileWithItsXen("shm-xen");
		assertFalse(Files.readString(out.resolve("system.dts")).contains("role ="), "no role: DOMID_IO owns it");
		String console = boots(out, "shm-xen", Map.of(), "DOM1: DOMINO-BANNER owner: shm wrote 0xd0d0cafe at 0x2000000",
				"DOM2: DOMINO-BANNER borrower: shm read 0xD0D0CAFE at 0x2100000");
		assertTrue(console.contains("d[IO]: allocate static shared memory BANK"), QemuBoot.tail(console));
	}

	@Test
	void staticSharedMemoryBetweenDynamicDomains() throws Exception {
		Path out = compileWithItsXen("shm-dyn");
		String config = Files.readString(out.resolve("xen.config"));
		assertTrue(config.contains("CONFIG_STATIC_MEMORY=y") && config.contains("CONFIG_STATIC_SHM=y"), config);
		String console = boots(out, "shm-dyn", Map.of(), "DOM1: DOMINO-BANNER owner: shm wrote 0xd0d0cafe at 0x2000000",
				"DOM2: DOMINO-BANNER borrower: shm read 0xD0D0CAFE at 0x2100000");
		assertTrue(console.contains("d[IO]: allocate static shared memory BANK"), QemuBoot.tail(console));
	}

	@Test
	void bootTimeCpupoolWithTheNullScheduler() throws Exception {
		Path out = compileWithItsXen("cpupool-null");
		String console = boots(out, "cpupool-null", Map.of(), "Initializing null scheduler", "DOM1: DOMINO-BANNER web",
				"DOM2: DOMINO-BANNER rt");
		assertTrue(console.contains("Logical CPU 1 in Pool-1"), QemuBoot.tail(console));
	}

	@Test
	void passthroughOfThePl061WithForceAssign() throws Exception {
		Path out = compileWithItsXen("passthrough");
		String console = boots(out, "passthrough", Map.of(), "DOMINO-BANNER dom0: gpio devices",
				"DOM1: DOMINO-BANNER gpio: gpio devices: 9030000.pl061", "PL061 GPIO chip registered");
		String dom0 = console.lines().filter(l -> l.startsWith("DOMINO-BANNER dom0: gpio devices")).findFirst().orElseThrow();
		assertFalse(dom0.contains("pl061"), "dom0 must not see the PL061: " + dom0);
		// the kernel's own line under DOM1 (the ramdisk's dmesg banner may come after the run has ended)
		assertTrue(console.lines().anyMatch(l -> l.contains("DOM1:") && l.contains("PL061 GPIO chip registered")),
				"the domU's kernel probes it: " + QemuBoot.tail(console));
	}

	@Test
	void arm32Dom0AndDomU() throws Exception {
		// Debian's armhf Xen 4.17 binary (its xen.config asks for nothing beyond defconfig)
		Path out = compile("arm32");
		assertTrue(XenBuild.assignments(Files.readAllLines(out.resolve("xen.config"))).isEmpty());
		String console = boots(out, "arm32", ARM32, "DOM1: DOMINO-BANNER domu: memory memory@40000000",
				"DOMINO-BANNER dom0: memory");
		assertTrue(raw(console, "DOMINO-BANNER dom0: hello from an arm32 dom0"), QemuBoot.tail(console));
		assertTrue(console.contains("arm-linux-gnueabihf-gcc"), "the arm32 Xen ran: " + QemuBoot.tail(console));
	}

	@Test
	void arm32WithXenWrappedForBootm() throws Exception {
		Path out = compile("arm32-bootm");
		assertTrue(Files.readString(out.resolve("boot.source")).contains("bootm "), "bootm of xen.uimg");
		String console = boots(out, "arm32-bootm", ARM32, "DOM1: DOMINO-BANNER domu: memory memory@40000000",
				"DOMINO-BANNER dom0: memory");
		assertTrue(console.contains("Loading Kernel Image"), "U-Boot unpacks the legacy image: " + QemuBoot.tail(console));
	}

	@Test
	void xen420WithStaticEventChannelsAndPassthrough() throws Exception {
		// Debian's 4.20 binary: every line of the system's xen.config is in the .config it was built with
		Path out = compile("xen-4.20");
		Path debian = Examples.dir().resolve("qemu-virt/bin/xen-4.20.config");
		assertEquals(List.of(), XenBuild.lost(out.resolve("xen.config"), debian));
		assertTrue(Files.readString(out.resolve("xen.config")).contains("CONFIG_STATIC_EVTCHN=y"));
		assertTrue(Files.readString(out.resolve("system.dts")).contains("xen,evtchn"));
		// on 4.18+ the domain with the console input (DOM1, there is no dom0) prints without "DOMn:"
		String console = boots(out, "xen-4.20", Map.of(), "(XEN) DOMINO-BANNER web",
				"DOM2: DOMINO-BANNER gpio: gpio devices: 9030000.pl061");
		assertTrue(console.contains("Xen version 4.20"), QemuBoot.tail(console));
	}

	// ------------------------------------------------------------------ the negative twins

	@Test
	void aDomainSmallerThanItsKernelIsRejectedAndItsForcedBuildPanics() throws Exception {
		String said = check(Examples.dir().resolve("mistakes/kernel-bigger-than-first-bank.domino"));
		assertTrue(said.contains("error[memory-budget]"), said);
		Path out = compileWithItsXen("dom0-domus");
		Path bad = forced(out, "forced-small-domain", tree -> tree.root().find("/chosen/web").orElseThrow()
				.set(DtProperty.cells("memory", 0, 32 * 1024)));
		String console = fails(bad, "forced-small-domain", "90", "DOM1: DOMINO-BANNER web", "DOM2: DOMINO-BANNER rt");
		assertTrue(console.contains("Not enough memory in the first bank for the kernel+dtb+initrd"), QemuBoot.tail(console));
	}

	@Test
	void overlappingModulesAreRejectedAndTheirForcedBuildFails() throws Exception {
		String said = check(Examples.dir().resolve("mistakes/overlapping-modules.domino"));
		assertTrue(said.contains("error[overlap]"), said);
		Path out = compileWithItsXen("dom0-domus");
		// web's ramdisk module now starts inside the kernel module: two modules share pages
		Path bad = forced(out, "forced-overlap", tree -> {
			DtNode web = tree.root().find("/chosen/web").orElseThrow();
			DtNode kernel = web.children().get(0);
			DtNode ramdisk = web.children().get(1);
			long inside = reg(kernel, 0) + 0x10_0000;
			DtProperty r = ramdisk.property("reg").orElseThrow();
			ramdisk.set(DtProperty.cells("reg", inside >>> 32, inside & 0xffffffffL, r.cell(2), r.cell(3)));
		});
		String console = fails(bad, "forced-overlap", "90", "DOM1: DOMINO-BANNER web", "DOM2: DOMINO-BANNER rt");
		// Xen 4.17 does not check it: it frees the boot modules' pages twice
		assertTrue(console.contains("Xen BUG at common/page_alloc.c"), QemuBoot.tail(console));
	}

	@Test
	void aNullSchedulerWithoutExpertIsRejectedAndKconfigDropsIt() throws Exception {
		String said = check(Examples.dir().resolve("mistakes/null-scheduler-without-expert.domino"));
		assertTrue(said.contains("error[requires]") && said.contains("CONFIG_EXPERT"), said);
		// the forced build: Domino's xen.config for the cpupool without CONFIG_EXPERT
		Path out = compile("cpupool-null");
		Path fragment = work.resolve("cpupool-null-without-expert.config");
		Files.write(fragment, Files.readAllLines(out.resolve("xen.config")).stream()
				.filter(l -> !l.startsWith("CONFIG_EXPERT=")).toList());
		XenBuild.Result r = XenBuild.run("4.17", fragment, Map.of());
		assertEquals(3, r.exitCode(), "olddefconfig must drop the null scheduler: " + r.stderr());
		assertTrue(r.stderr().contains("CONFIG_SCHED_NULL=y"), r.stderr());
		// the Xen Kconfig makes of it (no EXPERT, so no SCHED_NULL) panics on the cpupool
		Path kept = work.resolve("cpupool-null-as-kconfig-keeps-it.config");
		Files.write(kept, Files.readAllLines(fragment).stream().filter(l -> !l.startsWith("CONFIG_SCHED_NULL=")).toList());
		Path bad = forced(out, "forced-no-null-scheduler", tree -> {
		});
		XenBuild.install(XenBuild.build("4.17", kept), bad, "bin/xen");
		String console = fails(bad, "forced-no-null-scheduler", "90", "DOM1: DOMINO-BANNER web", "DOM2: DOMINO-BANNER rt");
		assertTrue(console.contains("Scheduler null does not exists!"), QemuBoot.tail(console));
	}

	@Test
	void sharedMemoryOnAXenWithoutStaticMemoryIsRejectedAndKconfigDropsIt() throws Exception {
		String said = check(Examples.dir().resolve("mistakes/shared-memory-on-a-xen-without-static-memory.domino"));
		assertTrue(said.contains("error[requires]") && said.contains("CONFIG_STATIC_SHM"), said);
		// the forced build: Domino's xen.config for dynamic domains sharing memory, without STATIC_MEMORY
		Path out = compile("shm-dyn");
		Path fragment = work.resolve("shm-dyn-without-static-memory.config");
		Files.write(fragment, Files.readAllLines(out.resolve("xen.config")).stream()
				.filter(l -> !l.startsWith("CONFIG_STATIC_MEMORY=")).toList());
		XenBuild.Result r = XenBuild.run("4.17", fragment, Map.of());
		assertEquals(3, r.exitCode(), "olddefconfig must drop STATIC_SHM: " + r.stderr());
		assertTrue(r.stderr().contains("CONFIG_STATIC_SHM=y"), r.stderr());
	}
}
