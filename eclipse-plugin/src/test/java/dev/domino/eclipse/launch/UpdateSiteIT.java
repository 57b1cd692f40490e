package dev.domino.eclipse.launch;

import static dev.domino.eclipse.launch.Workbench.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The zipped update site installs the way Help › Install New Software › Add › Archive installs it: the p2
 * director puts an Eclipse 4.38 platform from Maven Central into a fresh folder (a p2 profile, as a downloaded
 * Eclipse has, with the dropins reconciler started as in Eclipse's own packages), then installs Domino's
 * feature from {@code jar:file:domino-eclipse-site.zip!/} into that profile; the installed Eclipse then
 * starts, resolves the plug-in and puts Domino's markers on a file. The dropins zip, unzipped into a copy's
 * {@code dropins/}, does the same.
 */
class UpdateSiteIT {
	static final String PRODUCT = "dev.domino.test.platform";

	static Path tools;
	static Path work;
	static Path platformInstall;

	/** A fresh Eclipse: the director installs the platform, published as a product, into an empty folder. */
	@BeforeAll
	static void installThePlatform() throws Exception {
		Path eclipse = Workbench.ECLIPSE;
		tools = eclipse.resolve("workbench"); // p2's publisher and director run in the assembled platform
		work = Workbench.fresh(eclipse.resolve("runs/update-site"));
		Path source = Files.createDirectories(work.resolve("platform-source/plugins"));
		List<String[]> bundles = new ArrayList<>();
		for (String line : Files.readAllLines(eclipse.resolve("platform-bundles.txt"))) {
			String[] b = line.split(" ");
			bundles.add(b);
			Files.copy(tools.resolve("plugins").resolve(b[3]), source.resolve(b[3]));
		}
		Path product = work.resolve("platform.product");
		Files.writeString(product, product(bundles));
		String platformRepo = work.resolve("platform-repo").toUri().toString();
		p2("publish-platform", "org.eclipse.equinox.p2.publisher.FeaturesAndBundlesPublisher", "-metadataRepository",
				platformRepo, "-artifactRepository", platformRepo, "-source", work.resolve("platform-source").toString(),
				"-publishArtifacts");
		p2("publish-product", "org.eclipse.equinox.p2.publisher.ProductPublisher", "-metadataRepository", platformRepo,
				"-artifactRepository", platformRepo, "-productFile", product.toString(), "-append", "-flavor", "tooling",
				"-configs", "gtk.linux.x86_64");
		platformInstall = work.resolve("eclipse-platform");
		List<String> platform = new ArrayList<>(List.of("-repository", platformRepo, "-installIU", PRODUCT));
		platform.addAll(target(platformInstall));
		p2("install-platform", "org.eclipse.equinox.p2.director", platform.toArray(String[]::new));
	}

	static List<String> target(Path installed) {
		return List.of("-destination", installed.toString(), "-profile", "DominoTest", "-profileProperties",
				"org.eclipse.update.install.features=true", "-p2.os", "linux", "-p2.ws", "gtk", "-p2.arch", "x86_64",
				"-roaming");
	}

	@Test
	void theZippedSiteInstallsWithTheDirectorAndThePluginMarksAFile() throws Exception {
		Path installed = copy(platformInstall, work.resolve("eclipse-site"));
		// Domino's feature from the zipped site, into that Eclipse's profile (what Install New Software does)
		Path site = Path.of(System.getProperty("domino.eclipse.site", "target/domino-eclipse-site.zip")).toAbsolutePath();
		List<String> domino = new ArrayList<>(List.of("-repository", "jar:" + site.toUri() + "!/", "-installIU",
				"dev.domino.eclipse.feature.feature.group"));
		domino.addAll(target(installed));
		String installLog = p2("install-domino", "org.eclipse.equinox.p2.director", domino.toArray(String[]::new));
		assertContains(installLog, "Operation completed");
		try (var s = Files.list(installed.resolve("plugins"))) {
			assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith("dev.domino.eclipse_")), "installed");
		}
		checkMarksAFile(installed, "site");
		System.out.printf("update site %s: %.1f MB%n", site.getFileName(), Files.size(site) / 1e6);
	}

	@Test
	void theDropinsZipUnzippedIntoDropinsWorksToo() throws Exception {
		Path installed = copy(platformInstall, work.resolve("eclipse-dropins"));
		Path zip = Path.of(System.getProperty("domino.eclipse.dropins", "target/domino-eclipse-dropins.zip")).toAbsolutePath();
		Path dropins = Files.createDirectories(installed.resolve("dropins"));
		try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
			for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
				Path out = dropins.resolve(e.getName());
				Files.createDirectories(out.getParent());
				Files.copy(in, out);
			}
		}
		checkMarksAFile(installed, "dropins");
	}

	/** The installed Eclipse starts, resolves the plug-in and marks a file (headless: the check application). */
	static void checkMarksAFile(Path installed, String name) throws Exception {
		Path folder = Files.createDirectories(work.resolve(name + "-mistake"));
		Files.copy(Workbench.REPO.resolve("examples/qemu-virt/qemu-virt.domino"), folder.resolve("qemu-virt.domino"));
		Files.copy(Workbench.REPO.resolve("examples/qemu-virt/qemu-virt.dtb"), folder.resolve("qemu-virt.dtb"));
		Files.writeString(folder.resolve("heap.domino"), """
				import "qemu-virt.domino"
				system mistake on qemu_virt {
				    xen 4.17 { image "bin/xen" heap 512M at 0x8000_8000 }
				    domain web { memory 128M kernel "bin/Image" }
				}
				""");
		Workbench.Run check = Workbench.start(installed, false, List.of(),
				List.of("-nosplash", "-consoleLog", "-application", "dev.domino.eclipse.check", "-data",
						work.resolve(name + "-workspace").toString(), "-source", folder.toString()),
				work.resolve(name + "-check.log"), 4);
		System.out.println(check.output());
		assertContains(check.output(), "heap.domino:3: error[align-heap]");
		assertContains(check.output(), "DOMINO CHECK files=2 errors=1");
		assertEquals(1, check.exitCode(), "the check application exits 1 on errors");
	}

	static Path copy(Path from, Path to) throws Exception {
		try (var files = Files.walk(from)) {
			for (Path f : files.toList()) {
				Path t = to.resolve(from.relativize(f).toString());
				if (Files.isDirectory(f)) {
					Files.createDirectories(t);
				} else {
					Files.copy(f, t);
				}
			}
		}
		return to;
	}

	/** A product of every platform bundle, started as Eclipse's IDE is (start levels, simpleconfigurator). */
	static String product(List<String[]> bundles) {
		StringBuilder out = new StringBuilder("""
				<?xml version="1.0" encoding="UTF-8"?>
				<?pde version="3.5"?>
				<product name="Eclipse 4.38 platform from Maven Central" uid="%s" id="org.eclipse.platform.ide"
				      application="org.eclipse.ui.ide.workbench" version="4.38.0" useFeatures="false" includeLaunchers="false">
				   <configIni use="default"/>
				   <plugins>
				""".formatted(PRODUCT));
		for (String[] b : bundles) {
			out.append("      <plugin id=\"").append(b[0]).append('"').append("true".equals(b[2]) ? " fragment=\"true\"" : "")
					.append("/>\n");
		}
		out.append("""
				   </plugins>
				   <configurations>
				      <plugin id="org.apache.felix.scr" autoStart="true" startLevel="2"/>
				      <plugin id="org.eclipse.core.runtime" autoStart="true" startLevel="0"/>
				      <plugin id="org.eclipse.equinox.common" autoStart="true" startLevel="2"/>
				      <plugin id="org.eclipse.equinox.event" autoStart="true" startLevel="2"/>
				      <plugin id="org.eclipse.equinox.simpleconfigurator" autoStart="true" startLevel="1"/>
				      <plugin id="org.eclipse.equinox.p2.reconciler.dropins" autoStart="true" startLevel="4"/>
				   </configurations>
				</product>
				""");
		return out.toString();
	}

	/** Runs a p2 application in the build's platform; fails with its output when it fails. */
	static String p2(String step, String application, String... args) throws Exception {
		List<String> all = new ArrayList<>(List.of("-configuration", work.resolve("p2-configuration-" + step).toString(),
				"-nosplash", "-consoleLog", "-application", application));
		all.addAll(List.of(args));
		Path config = Files.createDirectories(work.resolve("p2-configuration-" + step));
		Files.copy(Workbench.ECLIPSE.resolve("p2-configuration/config.ini"), config.resolve("config.ini"));
		Workbench.Run r = Workbench.start(tools, false, List.of(), all, work.resolve(step + ".log"), 5);
		assertEquals(0, r.exitCode(), step + " failed:\n" + r.output());
		assertTrue(!r.output().contains("!ERROR") && !r.output().contains("Exception"), step + ":\n" + r.output());
		return r.output();
	}
}
