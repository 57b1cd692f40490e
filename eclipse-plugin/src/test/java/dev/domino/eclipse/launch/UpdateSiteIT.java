package dev.domino.eclipse.launch;

import static dev.domino.eclipse.launch.Workbench.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The zipped update site installs the way Help › Install New Software › Add › Archive installs it: the p2
 * director puts an Eclipse 4.38 platform from Maven Central into a fresh folder (a p2 profile, as a downloaded
 * Eclipse has), then installs Domino's feature from {@code jar:file:domino-eclipse-site.zip!/} into that
 * profile; the installed Eclipse then starts, resolves the plug-in and puts Domino's markers on a file.
 */
class UpdateSiteIT {
	static final String PRODUCT = "dev.domino.test.platform";

	@Test
	void theZippedSiteInstallsWithTheDirectorAndThePluginMarksAFile() throws Exception {
		Path eclipse = Workbench.ECLIPSE;
		Path tools = eclipse.resolve("workbench"); // p2's publisher and director run in the assembled platform
		Path work = Workbench.fresh(eclipse.resolve("runs/update-site"));

		// 1. a p2 repository of the platform alone, with a product that starts it as an IDE
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
		p2(tools, work, "publish-platform", "org.eclipse.equinox.p2.publisher.FeaturesAndBundlesPublisher",
				"-metadataRepository", platformRepo, "-artifactRepository", platformRepo, "-source",
				work.resolve("platform-source").toString(), "-publishArtifacts");
		p2(tools, work, "publish-product", "org.eclipse.equinox.p2.publisher.ProductPublisher", "-metadataRepository",
				platformRepo, "-artifactRepository", platformRepo, "-productFile", product.toString(), "-append",
				"-flavor", "tooling", "-configs", "gtk.linux.x86_64");

		// 2. a fresh Eclipse: the director installs the product into an empty folder
		Path installed = work.resolve("eclipse");
		List<String> target = List.of("-destination", installed.toString(), "-profile", "DominoTest", "-profileProperties",
				"org.eclipse.update.install.features=true", "-p2.os", "linux", "-p2.ws", "gtk", "-p2.arch", "x86_64",
				"-roaming");
		List<String> platform = new ArrayList<>(List.of("-repository", platformRepo, "-installIU", PRODUCT));
		platform.addAll(target);
		p2(tools, work, "install-platform", "org.eclipse.equinox.p2.director", platform.toArray(String[]::new));

		// 3. Domino's feature from the zipped site, into that Eclipse's profile
		Path site = Path.of(System.getProperty("domino.eclipse.site", "target/domino-eclipse-site.zip")).toAbsolutePath();
		List<String> domino = new ArrayList<>(List.of("-repository", "jar:" + site.toUri() + "!/", "-installIU",
				"dev.domino.eclipse.feature.feature.group"));
		domino.addAll(target);
		String installLog = p2(tools, work, "install-domino", "org.eclipse.equinox.p2.director", domino.toArray(String[]::new));
		assertContains(installLog, "Operation completed");
		try (var s = Files.list(installed.resolve("plugins"))) {
			assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith("dev.domino.eclipse_")), "installed");
		}

		// 4. the installed Eclipse starts, resolves the plug-in and marks a file (headless: the check application)
		Path folder = Files.createDirectories(work.resolve("mistake"));
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
						work.resolve("workspace").toString(), "-source", folder.toString()),
				work.resolve("check.log"), 4);
		System.out.println(check.output());
		assertContains(check.output(), "heap.domino:3: error[align-heap]");
		assertContains(check.output(), "DOMINO CHECK files=2 errors=1");
		assertEquals(1, check.exitCode(), "the check application exits 1 on errors");
		long size = Files.size(site);
		System.out.printf("update site %s: %.1f MB%n", site.getFileName(), size / 1e6);
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
			if (b[0].equals("org.eclipse.osgi.compatibility.state")) {
				continue; // a framework extension, which the installed IDE does not need
			}
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
				   </configurations>
				</product>
				""");
		return out.toString();
	}

	/** Runs a p2 application in the build's platform; fails with its output when it fails. */
	static String p2(Path tools, Path work, String step, String application, String... args) throws Exception {
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
