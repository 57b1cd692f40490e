package dev.domino.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The language and ide jars are Eclipse plug-ins at the bundle level: an Equinox framework
 * installs them with Xtext's own bundles, resolves them, and loads their classes. ANTLR 3.2,
 * which Eclipse takes from Orbit (not reachable here), is wrapped into a bundle the way Orbit does.
 */
class BundlesTest {
	/** Plain jars Eclipse gets as bundles from Orbit: file name prefix, symbolic name, version. */
	static final Map<String, String[]> ORBIT = Map.of("antlr-runtime-3.2", new String[] { "org.antlr.runtime", "3.2.0" },
			"aopalliance-1.0", new String[] { "org.aopalliance", "1.0.0" });

	@TempDir
	static Path dir;
	static Framework framework;
	static Map<String, Bundle> bundles = new HashMap<>();

	@BeforeAll
	static void startEquinox() throws Exception {
		FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow();
		framework = factory.newFramework(Map.of(Constants.FRAMEWORK_STORAGE, dir.resolve("osgi").toString(),
				Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT, "osgi.console",
				"none"));
		framework.start();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			Path p = Path.of(entry);
			String name = symbolicName(p);
			for (Map.Entry<String, String[]> orbit : ORBIT.entrySet()) {
				if (p.getFileName().toString().startsWith(orbit.getKey())) {
					name = orbit.getValue()[0];
					p = wrap(p, name, orbit.getValue()[1]);
				}
			}
			if (name == null || name.equals("org.eclipse.osgi") || bundles.containsKey(name)) {
				continue;
			}
			String location = (Files.isDirectory(p) ? "reference:" : "") + p.toUri();
			bundles.put(name, framework.getBundleContext().installBundle(location));
		}
		framework.adapt(FrameworkWiring.class).resolveBundles(bundles.values());
	}

	@AfterAll
	static void stop() throws Exception {
		framework.stop();
		framework.waitForStop(10_000);
	}

	@Test
	void theLanguageBundleResolvesAndLoadsItsClasses() throws Exception {
		Bundle language = resolved("dev.domino");
		assertEquals("0.1.0", language.getVersion().toString().replaceFirst("\\.[^.]*$", ""));
		assertNotNull(language.loadClass("dev.domino.DominoStandaloneSetup"));
		assertNotNull(language.loadClass("dev.domino.compiler.DominoCompiler"));
		assertNotNull(language.getEntry("plugin.xml"), "Xtext's Eclipse metadata is in the bundle");
		String pluginXml = new String(language.getEntry("plugin.xml").openStream().readAllBytes());
		assertTrue(pluginXml.contains("org.eclipse.emf.ecore.generated_package"), pluginXml);
	}

	@Test
	void theIdeBundleResolvesAgainstTheLanguageBundle() throws Exception {
		Bundle ide = resolved("dev.domino.ide");
		assertNotNull(ide.loadClass("dev.domino.ide.DominoIdeSetup"));
	}

	@Test
	void everyPackageWithClassesIsExported() throws Exception {
		for (String name : List.of("dev.domino", "dev.domino.ide")) {
			Bundle b = bundles.get(name);
			Set<String> exported = new TreeSet<>();
			for (String clause : b.getHeaders().get(Constants.EXPORT_PACKAGE).split(",")) {
				exported.add(clause.split(";")[0].trim());
			}
			Set<String> packages = new TreeSet<>();
			var classes = b.findEntries("dev/domino", "*.class", true);
			while (classes != null && classes.hasMoreElements()) {
				String path = classes.nextElement().getPath().replaceFirst("^/", "");
				packages.add(path.substring(0, path.lastIndexOf('/')).replace('/', '.'));
			}
			packages.removeAll(exported);
			assertEquals(Set.of(), packages, name + " has packages its MANIFEST.MF does not export");
		}
	}

	private static Bundle resolved(String name) {
		Bundle b = bundles.get(name);
		assertNotNull(b, name + " was not on the test class path");
		if ((b.getState() & (Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE)) == 0) {
			try {
				b.start();
			} catch (BundleException e) {
				fail(name + " does not resolve: " + e.getMessage());
			}
		}
		return b;
	}

	private static String symbolicName(Path p) throws IOException {
		Manifest m = null;
		if (Files.isDirectory(p)) {
			Path mf = p.resolve("META-INF/MANIFEST.MF");
			if (Files.exists(mf)) {
				try (InputStream in = Files.newInputStream(mf)) {
					m = new Manifest(in);
				}
			}
		} else if (p.toString().endsWith(".jar") && Files.exists(p)) {
			try (JarFile jar = new JarFile(p.toFile())) {
				m = jar.getManifest();
			}
		}
		String bsn = m == null ? null : m.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
		return bsn == null ? null : bsn.split(";")[0].trim();
	}

	/** A plain jar with the OSGi headers Eclipse Orbit gives it. */
	private static Path wrap(Path jar, String symbolicName, String version) throws IOException {
		Path out = dir.resolve(symbolicName + "_" + version + ".jar");
		Manifest m = new Manifest();
		Attributes a = m.getMainAttributes();
		a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
		a.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
		a.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
		a.putValue(Constants.BUNDLE_VERSION, version);
		Set<String> packages = new TreeSet<>();
		try (JarFile in = new JarFile(jar.toFile()); Stream<JarEntry> entries = in.stream()) {
			entries.filter(e -> e.getName().endsWith(".class"))
					.forEach(e -> packages.add(e.getName().substring(0, e.getName().lastIndexOf('/')).replace('/', '.')));
		}
		List<String> exports = new ArrayList<>();
		for (String pkg : packages) {
			exports.add(pkg + ";version=\"" + version + "\"");
		}
		a.putValue(Constants.EXPORT_PACKAGE, String.join(",", exports));
		try (JarFile in = new JarFile(jar.toFile());
				OutputStream os = Files.newOutputStream(out);
				JarOutputStream zip = new JarOutputStream(os, m)) {
			for (JarEntry e : in.stream().toList()) {
				if (e.getName().startsWith("META-INF/")) {
					continue;
				}
				zip.putNextEntry(new JarEntry(e.getName()));
				try (InputStream data = in.getInputStream(e)) {
					data.transferTo(zip);
				}
				zip.closeEntry();
			}
		}
		return out;
	}
}
