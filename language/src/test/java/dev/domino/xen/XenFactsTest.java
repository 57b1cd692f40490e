package dev.domino.xen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.domino.compiler.DominoCompiler;
import dev.domino.diagnostics.Diagnostic;
import dev.domino.testing.Workspace;

/**
 * The facts Domino holds about each Xen release say where they were read (release tag and file),
 * and the ones issue 10 found wrong stay right: the version of each feature, and a xen.config
 * that olddefconfig keeps whole (what each line depends on is written too).
 */
class XenFactsTest {
	@TempDir
	Path dir;
	Workspace ws;

	private static final Pattern SOURCE = Pattern.compile("RELEASE-(\\d+)\\.(\\d+)\\.0:xen/\\S+");

	@BeforeEach
	void board() throws Exception {
		ws = new Workspace(dir);
		ws.qemuBoard();
	}

	@Test
	void everyFeatureSaysWhereItWasVerifiedAtItsFirstRelease() {
		for (XenFeature f : XenFeature.values()) {
			if (f.since().compareTo(XenVersion.NEWEST) > 0) {
				assertTrue(f.source().startsWith("not in any release"), f + ": " + f.source());
				continue;
			}
			Matcher m = SOURCE.matcher(f.source());
			assertTrue(m.find(), f + " has no RELEASE-x.y.0:xen/... source: " + f.source());
			assertEquals(f.since(), new XenVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))),
					f + " is verified at the tag of the release it says it first appears in: " + f.source());
		}
	}

	@Test
	void everyKconfigOptionSaysWhereItWasVerified() {
		for (Kconfig.Option o : Kconfig.Option.values()) {
			assertTrue(SOURCE.matcher(o.source()).find(), o + ": " + o.source());
		}
	}

	@Test
	void passthroughAndNrSpisAre413AndDom0lessBootIs419() {
		assertEquals(new XenVersion(4, 13), XenFeature.DEVICE_PASSTHROUGH.since());
		assertEquals(new XenVersion(4, 13), XenFeature.NR_SPIS.since());
		assertEquals(new XenVersion(4, 19), XenFeature.PASSTHROUGH_PROPERTY.since(), "the domain property, not passthrough");
		assertFalse(Kconfig.Option.DOM0LESS_BOOT.existsIn(new XenVersion(4, 18)));
		assertTrue(Kconfig.Option.DOM0LESS_BOOT.existsIn(new XenVersion(4, 19)));
	}

	private String xenConfig(String version, String body) throws Exception {
		ws.write("s.domino", """
				import "qemu-virt.domino"
				system s on qemu_virt {
				    xen %s { image "bin/xen" heap 512M }
				    boot uboot booti { load "load virtio 0" window 0x4020_0000 .. 0xB000_0000 }
				%s
				}
				""".formatted(version, body));
		Path out = dir.resolve("out-" + version);
		DominoCompiler.Outcome outcome = ws.compiler().compile(ws.path("s.domino"), out, 0);
		assertFalse(outcome.hasErrors(), Workspace.format(outcome.diagnostics()));
		return Files.readString(out.resolve("xen.config"));
	}

	private static List<String> lines(String config) {
		return config.lines().filter(l -> l.startsWith("CONFIG_")).toList();
	}

	@Test
	void aNullSchedulerCpupoolBringsExpertOn417() throws Exception {
		String config = xenConfig("4.17", """
				    cpupool rt { cpus 1 scheduler null }
				    domain d { memory 128M kernel "bin/Image" cpupool rt }
				""");
		assertTrue(lines(config).containsAll(List.of("CONFIG_EXPERT=y", "CONFIG_SCHED_NULL=y",
				"CONFIG_BOOT_TIME_CPUPOOLS=y")), config);
	}

	@Test
	void staticSharedMemoryBringsStaticMemory() throws Exception {
		String config = xenConfig("4.17", """
				    domain a { memory 128M kernel "bin/Image" }
				    domain b { memory 128M kernel "bin/Image" }
				    shared-memory buf size 16M at 0x7000_0000 { borrower a at 0x1000_0000 borrower b at 0x1000_0000 }
				""");
		assertTrue(lines(config).containsAll(List.of("CONFIG_UNSUPPORTED=y", "CONFIG_STATIC_MEMORY=y",
				"CONFIG_STATIC_SHM=y")), config);
		assertFalse(config.contains("CONFIG_DOM0LESS_BOOT"), "4.17 has no such option: olddefconfig would drop it");
	}

	@Test
	void dom0lessBootIsWrittenFrom419Only() throws Exception {
		String body = "    domain d { kernel \"bin/Image\" memory 128M static bank at 0x7000_0000 size 128M }";
		assertFalse(xenConfig("4.18", body).contains("CONFIG_DOM0LESS_BOOT"));
		assertTrue(lines(xenConfig("4.19", body)).contains("CONFIG_DOM0LESS_BOOT=y"));
	}

	@Test
	void passthroughWithForceAssignCompilesFor417() throws Exception {
		xenConfig("4.17", """
				    domain d { memory 128M kernel "bin/Image" passthrough gpio force-assign }
				""");
	}

	@Test
	void theDomainPassthroughPropertyNeeds419() throws Exception {
		ws.write("s.domino", """
				import "qemu-virt.domino"
				system s on qemu_virt {
				    xen 4.18 { image "bin/xen" }
				    domain d { memory 128M kernel "bin/Image" iommu enabled }
				}
				""");
		List<Diagnostic> d = ws.analyse("s.domino").diagnostics();
		assertTrue(d.stream().anyMatch(x -> x.isError() && x.ruleId().equals("version") && x.message().contains("4.19")),
				Workspace.format(d));
	}

	@Test
	void aXenBuiltWithoutWhatTheSystemNeedsIsRefused() throws Exception {
		// Debian's 4.17.5 arm64 build (/boot/xen-4.17-arm64.config) has no STATIC_MEMORY
		ws.write("bin/xen.config", "CONFIG_ARM=y\n# CONFIG_STATIC_MEMORY is not set\nCONFIG_XSM=y\n");
		ws.write("s.domino", """
				import "qemu-virt.domino"
				system s on qemu_virt {
				    xen 4.17 { image "bin/xen" }
				    domain d { kernel "bin/Image" memory 128M static bank at 0x7000_0000 size 128M }
				}
				""");
		List<Diagnostic> d = ws.analyse("s.domino").diagnostics();
		assertTrue(d.stream().anyMatch(x -> x.isError() && x.ruleId().equals("requires")
				&& x.message().contains("CONFIG_STATIC_MEMORY") && x.message().contains("bin/xen.config")), Workspace.format(d));
		ws.write("bin/xen.config", "CONFIG_ARM=y\nCONFIG_UNSUPPORTED=y\nCONFIG_STATIC_MEMORY=y\n");
		assertTrue(ws.analyse("s.domino").diagnostics().stream().noneMatch(Diagnostic::isError));
	}

	@Test
	void aLineKconfigLeftOutBecauseItsDependencyIsOffIsRefusedToo() throws Exception {
		// olddefconfig of a 4.17 fragment with CONFIG_SCHED_NULL=y and no CONFIG_EXPERT writes no
		// SCHED_NULL line at all (tools/xen-build.sh: "nothing: ... its dependencies are off"), and that
		// Xen panics at boot: "Scheduler null does not exists!"
		ws.write("bin/xen.config", "CONFIG_ARM=y\n# CONFIG_EXPERT is not set\nCONFIG_UNSUPPORTED=y\nCONFIG_BOOT_TIME_CPUPOOLS=y\n");
		ws.write("s.domino", """
				import "qemu-virt.domino"
				system s on qemu_virt {
				    xen 4.17 { image "bin/xen" }
				    cpupool rt { cpus 1 scheduler null }
				    domain d { kernel "bin/Image" memory 128M cpupool rt }
				}
				""");
		List<Diagnostic> d = ws.analyse("s.domino").diagnostics();
		assertTrue(d.stream().anyMatch(x -> x.isError() && x.ruleId().equals("requires")
				&& x.message().contains("has no CONFIG_SCHED_NULL line: it needs CONFIG_EXPERT, which is not set")),
				Workspace.format(d));
		// a .config that says nothing of EXPERT either may still have it: no finding
		ws.write("bin/xen.config", "CONFIG_ARM=y\nCONFIG_BOOT_TIME_CPUPOOLS=y\n");
		assertTrue(ws.analyse("s.domino").diagnostics().stream().noneMatch(Diagnostic::isError));
		ws.write("bin/xen.config", "CONFIG_ARM=y\nCONFIG_EXPERT=y\nCONFIG_UNSUPPORTED=y\nCONFIG_BOOT_TIME_CPUPOOLS=y\nCONFIG_SCHED_NULL=y\n");
		assertTrue(ws.analyse("s.domino").diagnostics().stream().noneMatch(Diagnostic::isError));
	}
}
