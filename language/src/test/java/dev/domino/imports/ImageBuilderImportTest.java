package dev.domino.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.domino.compiler.Analysis;
import dev.domino.model.Domain;
import dev.domino.model.SystemModel;
import dev.domino.rules.CheckContext;
import dev.domino.testing.Workspace;

/** Every ImageBuilder variable with a meaning in Domino is carried over; every other one is named. */
class ImageBuilderImportTest {
	@TempDir
	Path dir;

	private static final ImageBuilderImport.Board BOARD = new ImageBuilderImport.Board("soc", "soc.domino",
			Map.of("/soc/uart@10000", "serial0", "/soc/ethernet@20000", "ethernet"),
			List.of(new ImageBuilderImport.Cpu("cpu0", 0), new ImageBuilderImport.Cpu("cpu1", 1),
					new ImageBuilderImport.Cpu("cpu2", 2), new ImageBuilderImport.Cpu("cpu3", 3)));

	static final String CONFIG = """
			MEMORY_START="0x80000000"
			MEMORY_END="0xC0000000"
			LOAD_CMD="fatload mmc 0:1"
			BOOT_CMD="bootm"
			DEVICE_TREE="soc.dtb"
			XEN="xen"
			XEN_CMD="console=dtuart dtuart=serial0 bootscrub=0"
			XEN_STATIC_HEAP="0xC0000000 0x38000000"
			NUM_CPUPOOLS=1
			CPUPOOL[0]="cpu@2,cpu@3 null"
			NUM_DOMUS=4
			DOMU_KERNEL[0]="images/Image"
			DOMU_RAMDISK[0]="images/rd.cpio.gz"
			DOMU_CMD[0]="console=ttyAMA0 root=/dev/ram0"
			DOMU_MEM[0]=256
			DOMU_VCPUS[0]=2
			DOMU_COLORS[0]="0-3"
			DOMU_SHARED_MEM[0]="my-shm 0xA0000000 0x10000000 0x1000000"
			DOMU_KERNEL[1]="images/zephyr.bin"
			DOMU_STATIC_MEM[1]="0x98000000 0x2000000 0x9C000000 0x2000000"
			DOMU_MEM[1]=64
			DOMU_PASSTHROUGH_PATHS[1]="/soc/ethernet@20000 /soc/nowhere@0"
			DOMU_PASSTHROUGH_DTB[1]="images/uart.dtb"
			DOMU_VPL011[1]=0
			DOMU_NR_SPIS[1]=64
			DOMU_CPUPOOL[1]=0
			DOMU_ENHANCED[1]=2
			DOMU_SHARED_MEM[1]="my-shm 0xA0000000 0x20000000 0x1000000"
			DOMU_GRANT_VER[1]=1
			DOMU_KERNEL[2]="images/Image"
			DOMU_NOBOOT[3]=1
			DOMU_KERNEL[3]="images/Image"
			DOMU_KERNEL[7]="images/Image"
			DT_OVERLAY[0]="overlay.dtbo"
			NUM_DT_OVERLAY=1
			FROBNICATE=yes
			XEN_LOAD="tftpb"
			UBOOT_SCRIPT="boot.scr"
			""";

	@Test
	void everyVariableWithAMeaningIsImportedAndTheRestIsNamed() throws Exception {
		ImageBuilderImport.Result r = ImageBuilderImport.run(ShellConfig.parse(CONFIG), BOARD,
				new ImageBuilderImport.Options("imported", null, p -> "../" + p));
		String t = r.text();
		assertTrue(t.contains("import \"soc.domino\"\n\nsystem imported on soc {"), t);
		// colours come with Xen 4.20: the oldest release with everything used
		assertTrue(t.contains("    xen 4.20 {"), t);
		assertTrue(t.contains("        image \"../xen\"\n        bootargs \"console=dtuart dtuart=serial0 bootscrub=0\"\n"
				+ "        heap 896M at 0xC000_0000\n"), t);
		assertTrue(t.contains("    boot uboot bootm {\n        load \"fatload mmc 0:1\"\n        window 0x8020_0000 .. 0xC000_0000\n"), t);
		assertTrue(t.contains("    module Image kernel \"../images/Image\"\n"), "two domains load one kernel: one module\n" + t);
		assertTrue(t.contains("    cpupool pool0 { cpus cpu2, cpu3 scheduler null }"), t);
		assertTrue(t.contains("""
				domain domU0 {
				    vcpus 2
				    memory 256M
				    kernel Image args "console=ttyAMA0 root=/dev/ram0"
				    ramdisk "../images/rd.cpio.gz"
				    console vpl011
				    llc-colors "0-3"
				}""".indent(4)), t);
		assertTrue(t.contains("""
				domain domU1 {
				    vcpus 1
				    memory 64M static bank at 0x9800_0000 size 32M bank at 0x9C00_0000 size 32M
				    direct-map
				    kernel "../images/zephyr.bin"
				    dtb "../images/uart.dtb"
				    console none
				    passthrough ethernet
				    nr_spis 64
				    enhanced no-xenstore
				    grant-version 1
				    cpupool pool0
				}""".indent(4)), t);
		assertTrue(t.contains("domain domU2 {\n        vcpus 1\n        memory 512M\n        kernel Image args \"console=ttyAMA0\""),
				"ImageBuilder's defaults are written out\n" + t);
		assertTrue(!t.contains("domU3") && !t.contains("domU7"), t);
		assertTrue(t.contains("shared-memory my-shm size 16M at 0xA000_0000 { borrower domU0 at 0x1000_0000 borrower domU1 at 0x2000_0000 }"), t);

		List<String> notes = r.notes().stream().map(ImportNote::toString).toList();
		for (String expected : List.of("DT_OVERLAY: not imported: device tree overlays are not applied at boot by Domino",
				"NUM_DT_OVERLAY: not imported: device tree overlays are not applied at boot by Domino",
				"FROBNICATE: not an ImageBuilder variable Domino knows: not imported",
				"DOMU_NOBOOT[3]: domain 3 is not started at boot: Domino starts every domain it declares, so it is not imported",
				"DOMU_KERNEL[7]: beyond NUM_DOMUS=4: ignored, as ImageBuilder does",
				"DOMU_PASSTHROUGH_PATHS[1]: /soc/nowhere@0 is not the path of a device of board soc: not imported",
				"XEN_LOAD: Domino loads every file with one command (LOAD_CMD \"fatload mmc 0:1\"): \"tftpb\" is not imported",
				"UBOOT_SCRIPT: not needed: domino compile -o DIR writes boot.source and boot.scr")) {
			assertTrue(notes.contains(expected), expected + " in\n" + String.join("\n", notes));
		}
	}

	@Test
	void aHugeNumDomusIsCappedAndDomainsWithoutKernelsAreNamedAsARun() {
		ImageBuilderImport.Result r = ImageBuilderImport.run(ShellConfig.parse("""
				NUM_DOMUS=100000
				DOMU_KERNEL[0]="Image"
				DOMU_KERNEL[3]="Image"
				"""), BOARD, new ImageBuilderImport.Options("imported", null, p -> p));
		List<String> notes = r.notes().stream().map(ImportNote::toString).toList();
		assertTrue(notes.contains("NUM_DOMUS: 100000 is not between 0 and 1024: 1024 domains are read"), notes.toString());
		assertTrue(notes.contains("DOMU_KERNEL[1..2]: not set: domains 1 to 2 are not imported"), notes.toString());
		assertTrue(notes.contains("DOMU_KERNEL[4..1023]: not set: domains 4 to 1023 are not imported"), notes.toString());
		assertTrue(notes.size() < 10, "one note per run, not per domain: " + notes);
		assertTrue(r.text().contains("domain domU0 {") && r.text().contains("domain domU3 {"), r.text());
	}

	@Test
	void theImportedSystemIsOneDominoAccepts() throws Exception {
		Workspace ws = new Workspace(dir);
		ws.write("soc.domino", """
				board soc {
				    cpu cpu0 mpidr 0x0  cpu cpu1 mpidr 0x1  cpu cpu2 mpidr 0x2  cpu cpu3 mpidr 0x3
				    memory ram at 0x8000_0000 size 2G
				    device gic { compatible "arm,gic-v3" reg 0x2f00_0000 size 64K reg 0x2f10_0000 size 1M }
				    device serial0 { compatible "arm,pl011" reg 0x1001_0000 size 4K irq spi 5 path "/soc/uart@10000" }
				    device ethernet { compatible "snps,dwmac" reg 0x1002_0000 size 64K irq spi 7 path "/soc/ethernet@20000" }
				}
				""");
		ws.arm64Image("xen", 4096, 0x20_0000);
		ws.arm64Image("images/Image", 8192, 0x200_0000);
		ws.arm64Image("images/zephyr.bin", 4096, 0x10_0000);
		ws.ramdisk("images/rd.cpio.gz", 4096);
		ws.bytes("images/uart.dtb", dev.domino.fdt.FdtWriter.write(new dev.domino.fdt.DeviceTree(new dev.domino.fdt.DtNode(""))));
		String config = CONFIG.replace("DOMU_COLORS[0]=\"0-3\"\n", "").replace(" /soc/nowhere@0", "");
		ImageBuilderImport.Result r = ImageBuilderImport.run(ShellConfig.parse(config), BOARD,
				new ImageBuilderImport.Options("imported", null, p -> p));
		ws.write("imported.domino", r.text().replace("passthrough ethernet", "passthrough ethernet force-assign"));
		Analysis a = ws.analyse(CheckContext.Mode.COMPILE, "imported.domino");
		assertTrue(a.diagnostics().stream().noneMatch(d -> d.isError()), Workspace.format(a.diagnostics()) + "\n" + r.text());
		SystemModel m = a.systems().get(0).model();
		assertEquals(List.of("domU0", "domU1", "domU2"), m.domains().stream().map(Domain::name).toList());
		assertEquals(0x9800_0000L, m.domains().get(1).staticBanks().get(0).fixedBase());
		assertEquals("4.18", m.xen().version().toString(), "grant-version is 4.18; static shared memory and the heap 4.17");
	}

	static final String WITH_DOM0 = """
			MEMORY_START="0x80000000"
			MEMORY_END="0xC0000000"
			LOAD_CMD="tftpb"
			DEVICE_TREE="soc.dtb"
			XEN="xen"
			XEN_POLICY="xenpolicy"
			DOM0_KERNEL="Image"
			DOM0_RAMDISK="dom0.cpio.gz"
			DOM0_MEM=768
			NUM_DOMUS=3
			DOMU_KERNEL[0]="Image"
			DOMU_VCPUS[0]=2
			DOMU_CAPS[0]="hardware|xenstore"
			DOMU_VCPU_HARD_AFFINITY[0,0]="0-1"
			DOMU_VCPU_HARD_AFFINITY[0,1]="3"
			DOMU_VCPU_HARD_AFFINITY[0,5]="2"
			DOMU_GRANT_FRAMES[0]=32
			DOMU_MAPTRACK_FRAMES[0]=512
			DOMU_STATIC_EVTCHNS[0]="10 1 11; 12 2 13"
			DOMU_KERNEL[1]="Image"
			DOMU_CAPS[1]=1
			DOMU_STATIC_EVTCHNS[1]="11 0 10"
			DOMU_KERNEL[2]="Image"
			DOMU_CAPS[2]="none"
			DOMU_STATIC_EVTCHNS[2]="7 9 8"
			""";

	@Test
	void aDom0AndTheNewerDomainVariablesAreImported() {
		ImageBuilderImport.Result r = ImageBuilderImport.run(ImageBuilderImport.read(WITH_DOM0), BOARD,
				new ImageBuilderImport.Options("imported", null, p -> p));
		String t = r.text();
		assertTrue(t.contains("    xen 4.21 {"), "capabilities and vCPU affinity are 4.21\n" + t);
		assertTrue(t.contains("        bootargs \"console=dtuart dtuart=serial0 dom0_mem=768M dom0_max_vcpus=1 bootscrub=0"
				+ " vwfi=native sched=null\"\n        policy \"xenpolicy\"\n"), "DOM0_MEM goes into the default XEN_CMD\n" + t);
		assertTrue(t.contains("""
				dom0 {
				    kernel Image args "console=hvc0 earlycon=xen earlyprintk=xen clk_ignore_unused root=/dev/ram0"
				    ramdisk "dom0.cpio.gz"
				}""".indent(4)), "dom0 is a dom0 block, sized by Xen's command line only\n" + t);
		assertTrue(t.contains("""
				    capabilities hardware xenstore
				    grant-frames 32
				    maptrack-frames 512
				    vcpu 0 affinity "0-1"
				    vcpu 1 affinity "3"
				""".indent(4)), t);
		assertTrue(t.contains("domain domU1 {") && t.substring(t.indexOf("domain domU1 {")).contains("capabilities control\n"), t);
		assertTrue(!t.substring(t.indexOf("domain domU2 {")).contains("capabilities"), "none is no line\n" + t);
		assertTrue(t.contains("    event-channel evtchn_domU0_10 { domU0 port 10 domU1 port 11 }\n"), "listed twice, written once\n" + t);
		assertTrue(t.contains("    event-channel evtchn_domU0_12 { domU0 port 12 domU2 port 13 }\n"), t);
		assertEquals(1, t.split("event-channel evtchn_domU0_10", -1).length - 1, t);
		List<String> notes = r.notes().stream().map(ImportNote::toString).toList();
		for (String expected : List.of(
				"DOMU_VCPU_HARD_AFFINITY[0,5]: vCPU 5 is not one of domain 0's 2 vCPUs: not imported",
				"DOMU_STATIC_EVTCHNS[2]: \"7 9 8\" names domain 9, which is not another imported domain: not imported",
				"DOMU_STATIC_EVTCHNS[2]: does not list the channel from domU0 port 12: imported with both ends, as Xen needs")) {
			assertTrue(notes.contains(expected), expected + " in\n" + String.join("\n", notes));
		}
	}

	@Test
	void dom0MemoryOutsideTheDefaultCommandLineIsNamed() {
		ImageBuilderImport.Result r = ImageBuilderImport.run(ImageBuilderImport.read("""
				XEN="xen"
				XEN_CMD="console=dtuart dom0_mem=512M"
				DOM0_KERNEL="Image"
				DOM0_MEM=1024
				"""), BOARD, new ImageBuilderImport.Options("imported", null, p -> p));
		assertTrue(r.text().contains("    xen 4.17 {"), r.text());
		assertTrue(!r.text().contains("memory"), "dom0's size stays in XEN_CMD\n" + r.text());
		assertTrue(r.notes().stream().map(ImportNote::toString).toList().contains("DOM0_MEM: only applies when XEN_CMD is"
				+ " not set, as in ImageBuilder: dom0's size is what XEN_CMD says (dom0_mem=, dom0_max_vcpus=)"), r.notes().toString());
	}

	@Test
	void theImportedDom0SystemIsOneDominoAccepts() throws Exception {
		Workspace ws = new Workspace(dir);
		ws.write("soc.domino", """
				board soc {
				    cpu cpu0 mpidr 0x0  cpu cpu1 mpidr 0x1  cpu cpu2 mpidr 0x2  cpu cpu3 mpidr 0x3
				    memory ram at 0x8000_0000 size 2G
				    device gic { compatible "arm,gic-v3" reg 0x2f00_0000 size 64K reg 0x2f10_0000 size 1M }
				    device serial0 { compatible "arm,pl011" reg 0x1001_0000 size 4K irq spi 5 path "/soc/uart@10000" }
				}
				""");
		ws.arm64Image("xen", 4096, 0x20_0000);
		ws.arm64Image("Image", 8192, 0x200_0000);
		ws.ramdisk("dom0.cpio.gz", 4096);
		byte[] policy = new byte[1024];
		java.nio.ByteBuffer.wrap(policy).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0xf97cff8c); // FLASK magic
		ws.bytes("xenpolicy", policy);
		// dom0 is the hardware domain and xenstore; the domUs fit beside it
		String config = WITH_DOM0.replace("DOMU_STATIC_EVTCHNS[2]=\"7 9 8\"\n", "").replace("DOMU_CAPS[0]=\"hardware|xenstore\"\n",
				"DOMU_MEM[0]=128\nDOMU_MEM[1]=128\nDOMU_MEM[2]=128\n");
		ImageBuilderImport.Result r = ImageBuilderImport.run(ImageBuilderImport.read(config), BOARD,
				new ImageBuilderImport.Options("imported", null, p -> p));
		ws.write("imported.domino", r.text());
		Analysis a = ws.analyse(CheckContext.Mode.COMPILE, "imported.domino");
		assertTrue(a.diagnostics().stream().noneMatch(d -> d.isError()), Workspace.format(a.diagnostics()) + "\n" + r.text());
		SystemModel m = a.systems().get(0).model();
		assertEquals(768L << 20, m.dom0().orElseThrow().memory().size(), "dom0_mem=768M from the command line");
		assertEquals(2, m.eventChannels().size());
	}
}
