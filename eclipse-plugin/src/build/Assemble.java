import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The packaging step of the Eclipse plug-in, run by Maven with the JDK's source launcher (JDK classes only):
 *
 * <ol>
 * <li>reads the jars Maven copied (the Eclipse 4.38 platform, what the plug-in carries, JUnit) and our own two jars;
 * wraps the plain jars Eclipse takes from Orbit (Batik, SAC, xmlgraphics, ANTLR 3.2, aopalliance) into bundles, and
 * fails on any bundle that needs more than Java 17;</li>
 * <li>checks statically that every bundle's mandatory requirements (Require-Bundle, Import-Package,
 * Fragment-Host, Require-Capability) are met by the others, with their version ranges;</li>
 * <li>lays out a workbench ({@code workbench/plugins} + {@code configuration/config.ini}) the tests launch;</li>
 * <li>writes the dropins zip and, through the p2 publisher applications running in that same platform, the
 * zipped p2 update site (a feature and a category, with every bundle a stock Eclipse IDE lacks).</li>
 * </ol>
 *
 * Usage: {@code java Assemble.java ECLIPSE_DIR PLUGIN_JAR FRAGMENT_JAR QUALIFIER SITE_ZIP DROPINS_ZIP CATEGORY_XML}
 */
public final class Assemble {
	/** Plain jars on Maven Central that Eclipse gets as bundles from Orbit: file name prefix → name, exports. */
	record Orbit(String prefix, String symbolicName, String exportVersion) {
	}

	static final List<Orbit> ORBIT = List.of(new Orbit("batik-css-", "org.apache.batik.css", null),
			new Orbit("batik-util-", "org.apache.batik.util", null), new Orbit("batik-i18n-", "org.apache.batik.i18n", null),
			new Orbit("batik-constants-", "org.apache.batik.constants", null),
			new Orbit("xmlgraphics-commons-", "org.apache.xmlgraphics", null),
			// the CSS engine imports org.w3c.css.sac at 1.3.0, the SAC version the jar carries
			new Orbit("xml-apis-ext-", "org.w3c.css.sac", "1.3.0"),
			new Orbit("antlr-runtime-3.2", "org.antlr.runtime", "3.2.0"),
			new Orbit("aopalliance-1.0", "org.aopalliance", "1.0.0"));

	/** Jars with nothing a bundle needs at run time (annotations, an empty placeholder): left out. */
	static final List<String> NOT_NEEDED = List.of("batik-shared-resources-", "listenablefuture-", "j2objc-annotations-",
			"animal-sniffer-annotations-", "error_prone_annotations-", "jspecify-", "osgi.annotation-");

	/** Started at these levels, as an Eclipse IDE's config.ini does; every other bundle starts lazily when used. */
	static final Map<String, String> START = Map.of("org.eclipse.equinox.common", "@2:start", "org.apache.felix.scr",
			"@2:start", "org.eclipse.equinox.event", "@2:start", "org.eclipse.core.runtime", "@start");

	/** The framework extension with PlatformAdmin (p2 needs it): named in osgi.framework.extensions, not installed. */
	static final String FRAMEWORK_EXTENSION = "org.eclipse.osgi.compatibility.state";

	record Bundle(String name, String version, Path file, String group, Manifest manifest) {
		String fileName() {
			return name + "_" + version + ".jar";
		}

		String header(String key) {
			return manifest.getMainAttributes().getValue(key);
		}

		boolean isFragment() {
			return header("Fragment-Host") != null;
		}
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 7) {
			System.err.println("usage: Assemble ECLIPSE_DIR PLUGIN_JAR FRAGMENT_JAR QUALIFIER SITE_ZIP DROPINS_ZIP CATEGORY_XML");
			System.exit(2);
		}
		Path dir = Path.of(args[0]);
		String qualifier = args[3];
		long t0 = System.nanoTime();
		Path wrapped = clean(dir.resolve("wrapped"));
		List<Bundle> all = new ArrayList<>();
		for (String group : List.of("platform", "carry", "junit")) {
			try (Stream<Path> jars = Files.list(dir.resolve("jars").resolve(group))) {
				for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
					Bundle b = bundle(jar, group, wrapped, qualifier);
					if (b != null) {
						all.add(b);
					}
				}
			}
		}
		all.add(bundle(Path.of(args[1]), "own", wrapped, qualifier));
		all.add(bundle(Path.of(args[2]), "test", wrapped, qualifier));
		checkJava17(all);

		Map<String, Bundle> workbench = unique(all);
		List<String> unresolved = unresolved(workbench.values());
		if (!unresolved.isEmpty()) {
			fail("bundles whose requirements nothing provides:\n  " + String.join("\n  ", unresolved));
		}
		Path plugins = clean(dir.resolve("workbench/plugins"));
		for (Bundle b : workbench.values()) {
			Files.copy(b.file(), plugins.resolve(b.fileName()));
		}
		writeConfig(dir.resolve("workbench/configuration/config.ini"), workbench.values(), true);
		writeConfig(dir.resolve("p2-configuration/config.ini"), workbench.values(), false);

		// what the plug-in ships: everything it needs that the platform does not have, and the plug-in itself
		Set<String> platform = new HashSet<>();
		for (Bundle b : all) {
			if (b.group().equals("platform")) {
				platform.add(b.name());
			}
		}
		List<Bundle> shipped = new ArrayList<>();
		for (Bundle b : workbench.values()) {
			if ((b.group().equals("carry") || b.group().equals("own")) && !platform.contains(b.name())) {
				shipped.add(b);
			}
		}
		// the platform alone, for the test that installs the update site into a fresh p2-managed Eclipse
		List<String> platformList = new ArrayList<>();
		for (Bundle b : workbench.values()) {
			if (platform.contains(b.name())) {
				platformList.add(b.name() + " " + b.version() + " " + b.isFragment() + " " + b.fileName());
			}
		}
		Files.write(dir.resolve("platform-bundles.txt"), platformList);
		List<String> platformUnmet = unresolved(union(workbench, platform, List.of()));
		if (!platformUnmet.isEmpty()) {
			fail("the platform alone (what the plug-in does not ship) is incomplete; declare these as provided:\n  "
					+ String.join("\n  ", platformUnmet));
		}
		List<String> unmet = unresolved(union(workbench, platform, shipped));
		if (!unmet.isEmpty()) {
			fail("the shipped bundles need what they do not carry:\n  " + String.join("\n  ", unmet));
		}
		Bundle own = shipped.stream().filter(b -> b.group().equals("own")).findFirst().orElseThrow();
		String featureVersion = own.version();

		Path dropins = Path.of(args[5]);
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(dropins))) {
			for (Bundle b : shipped) {
				zip.putNextEntry(new ZipEntry("domino/plugins/" + b.fileName()));
				Files.copy(b.file(), zip);
				zip.closeEntry();
			}
		}

		Path source = clean(dir.resolve("site-source"));
		Files.createDirectories(source.resolve("plugins"));
		for (Bundle b : shipped) {
			Files.copy(b.file(), source.resolve("plugins").resolve(b.fileName()));
		}
		Files.createDirectories(source.resolve("features"));
		writeFeature(source.resolve("features/dev.domino.eclipse.feature_" + featureVersion + ".jar"), featureVersion,
				shipped);
		Path repository = clean(dir.resolve("repository"));
		String repo = repository.toUri().toString();
		Path category = dir.resolve("category.xml");
		Files.writeString(category, Files.readString(Path.of(args[6])).replace("FEATURE_VERSION", featureVersion));
		p2(dir, plugins, "org.eclipse.equinox.p2.publisher.FeaturesAndBundlesPublisher", "-metadataRepository", repo,
				"-artifactRepository", repo, "-metadataRepositoryName", "Domino", "-artifactRepositoryName", "Domino",
				"-source", source.toString(), "-publishArtifacts", "-compress");
		p2(dir, plugins, "org.eclipse.equinox.p2.publisher.CategoryPublisher", "-metadataRepository", repo,
				"-categoryDefinition", category.toUri().toString(), "-compress");
		Path site = Path.of(args[4]);
		zipTree(repository, site);
		System.out.printf("assemble: %d bundles in the workbench, %d shipped; update site %s (%.1f MB), dropins %s"
				+ " (%.1f MB), in %.1f s%n", workbench.size(), shipped.size(), site.getFileName(),
				Files.size(site) / 1e6, dropins.getFileName(), Files.size(dropins) / 1e6, (System.nanoTime() - t0) / 1e9);
	}

	// ---------------------------------------------------------------------------------------------- bundles

	static Bundle bundle(Path jar, String group, Path wrapped, String qualifier) throws IOException {
		String file = jar.getFileName().toString();
		Manifest m;
		try (JarFile j = new JarFile(jar.toFile())) {
			m = j.getManifest();
		}
		String bsn = m == null ? null : m.getMainAttributes().getValue("Bundle-SymbolicName");
		if (bsn == null) {
			for (String skip : NOT_NEEDED) {
				if (file.startsWith(skip)) {
					return null;
				}
			}
			for (Orbit o : ORBIT) {
				if (file.startsWith(o.prefix())) {
					String version = o.exportVersion() != null ? o.exportVersion()
							: osgiVersion(file.substring(o.prefix().length(), file.length() - 4));
					Path out = wrapped.resolve(o.symbolicName() + "_" + version + ".jar");
					m = wrap(jar, out, o.symbolicName(), version);
					return new Bundle(o.symbolicName(), version, out, group, m);
				}
			}
			fail(file + " is not an OSGi bundle and Assemble does not know how to wrap it");
		}
		String name = bsn.split(";")[0].trim();
		String version = m.getMainAttributes().getValue("Bundle-Version").trim();
		if (version.endsWith(".qualifier")) {
			// our own bundles: a real qualifier, so that p2 sees a newer build as an update
			version = version.substring(0, version.length() - "qualifier".length()) + qualifier;
			m.getMainAttributes().putValue("Bundle-Version", version);
			Path out = wrapped.resolve(name + "_" + version + ".jar");
			rewrite(jar, out, m);
			return new Bundle(name, version, out, group, m);
		}
		return new Bundle(name, version, jar, group, m);
	}

	/** Maven's 1.19 or 2.11 as an OSGi version. */
	static String osgiVersion(String v) {
		Matcher x = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?").matcher(v);
		if (!x.lookingAt()) {
			return "0.0.0";
		}
		return x.group(1) + "." + (x.group(2) == null ? "0" : x.group(2)) + "." + (x.group(3) == null ? "0" : x.group(3));
	}

	/** A plain jar with the headers Orbit gives it: its packages exported at its version, the rest imported on demand. */
	static Manifest wrap(Path jar, Path out, String name, String version) throws IOException {
		Set<String> packages = new TreeSet<>();
		try (JarFile in = new JarFile(jar.toFile())) {
			in.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class") && n.contains("/")
					&& !n.startsWith("META-INF/")).forEach(n -> packages.add(n.substring(0, n.lastIndexOf('/')).replace('/', '.')));
		}
		Manifest m = new Manifest();
		Attributes a = m.getMainAttributes();
		a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
		a.putValue("Bundle-ManifestVersion", "2");
		a.putValue("Bundle-SymbolicName", name);
		a.putValue("Bundle-Version", version);
		a.putValue("Bundle-Name", name + " (wrapped from Maven Central by Domino's build)");
		List<String> exports = new ArrayList<>();
		for (String p : packages) {
			exports.add(p + ";version=\"" + version + "\"");
		}
		a.putValue("Export-Package", String.join(",", exports));
		a.putValue("DynamicImport-Package", "*");
		rewrite(jar, out, m);
		return m;
	}

	static void rewrite(Path jar, Path out, Manifest m) throws IOException {
		Files.createDirectories(out.getParent());
		try (JarFile in = new JarFile(jar.toFile());
				OutputStream os = Files.newOutputStream(out);
				JarOutputStream zip = new JarOutputStream(os, m)) {
			for (JarEntry e : in.stream().toList()) {
				String n = e.getName();
				if (n.equals("META-INF/MANIFEST.MF") || n.equals("META-INF/") || n.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)")) {
					continue;
				}
				zip.putNextEntry(new JarEntry(n));
				try (InputStream data = in.getInputStream(e)) {
					data.transferTo(zip);
				}
				zip.closeEntry();
			}
		}
	}

	/** Eclipse 4.39 and later need Java 21: one of their jars slipping in would fail at run time, so fail here. */
	static void checkJava17(List<Bundle> bundles) throws IOException {
		List<String> bad = new ArrayList<>();
		for (Bundle b : bundles) {
			String ree = b.header("Bundle-RequiredExecutionEnvironment");
			if (ree != null && Pattern.compile("JavaSE-(1[89]|[2-9]\\d)").matcher(ree).find()) {
				bad.add(b.fileName() + " requires " + ree);
				continue;
			}
			try (JarFile j = new JarFile(b.file().toFile())) {
				for (JarEntry e : j.stream().toList()) {
					if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/versions/")) {
						try (InputStream in = j.getInputStream(e)) {
							byte[] h = in.readNBytes(8);
							int major = h.length == 8 ? ((h[6] & 0xff) << 8) | (h[7] & 0xff) : 0;
							if (major > 61) {
								bad.add(b.fileName() + " has class files of version " + major + " (" + e.getName() + ")");
								break;
							}
						}
					}
				}
			}
		}
		if (!bad.isEmpty()) {
			fail("bundles that do not run on Java 17 (pin their Eclipse 4.38 versions in eclipse-plugin/pom.xml):\n  "
					+ String.join("\n  ", bad));
		}
	}

	/** One bundle per symbolic name (the newest), in a stable order. */
	static Map<String, Bundle> unique(List<Bundle> all) {
		Map<String, Bundle> out = new TreeMap<>();
		for (Bundle b : all) {
			out.merge(b.name(), b, (x, y) -> compare(x.version(), y.version()) >= 0 ? x : y);
		}
		return out;
	}

	static List<Bundle> union(Map<String, Bundle> workbench, Set<String> platform, List<Bundle> shipped) {
		List<Bundle> out = new ArrayList<>(shipped);
		for (Bundle b : workbench.values()) {
			if (platform.contains(b.name())) {
				out.add(b);
			}
		}
		return out;
	}

	// ---------------------------------------------------------------------------------------------- static resolution

	record Clause(String name, Map<String, String> attrs) {
		boolean optional() {
			return "optional".equals(attrs.get("resolution:"));
		}
	}

	/** Every mandatory requirement no other bundle (or the Java runtime) provides. */
	static List<String> unresolved(java.util.Collection<Bundle> bundles) {
		Map<String, List<String>> bundleVersions = new LinkedHashMap<>();
		Map<String, List<String>> packages = new LinkedHashMap<>();
		Map<String, List<Map<String, String>>> capabilities = new LinkedHashMap<>();
		for (Bundle b : bundles) {
			bundleVersions.computeIfAbsent(b.name(), k -> new ArrayList<>()).add(b.version());
			for (Clause c : clauses(b.header("Export-Package"))) {
				for (String p : c.name().split(";")) {
					packages.computeIfAbsent(p, k -> new ArrayList<>())
							.add(c.attrs().getOrDefault("version", c.attrs().getOrDefault("specification-version", "0.0.0")));
				}
			}
			for (Clause c : clauses(b.header("Provide-Capability"))) {
				capabilities.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c.attrs());
			}
		}
		Set<String> jre = new HashSet<>();
		for (Module m : ModuleLayer.boot().modules()) {
			jre.addAll(m.getPackages());
		}
		List<String> missing = new ArrayList<>();
		for (Bundle b : bundles) {
			for (Clause c : clauses(b.header("Require-Bundle"))) {
				if (!c.optional() && !matches(bundleVersions.get(c.name()), c.attrs().get("bundle-version"))) {
					missing.add(b.fileName() + ": Require-Bundle " + c.name() + " " + c.attrs().getOrDefault("bundle-version", ""));
				}
			}
			for (Clause c : clauses(b.header("Fragment-Host"))) {
				if (!matches(bundleVersions.get(c.name()), c.attrs().get("bundle-version"))) {
					missing.add(b.fileName() + ": Fragment-Host " + c.name());
				}
			}
			for (Clause c : clauses(b.header("Import-Package"))) {
				for (String p : c.name().split(";")) {
					if (!c.optional() && !jre.contains(p) && !matches(packages.get(p), c.attrs().get("version"))) {
						missing.add(b.fileName() + ": Import-Package " + p + " " + c.attrs().getOrDefault("version", ""));
					}
				}
			}
			for (Clause c : clauses(b.header("Require-Capability"))) {
				String ns = c.name();
				if (c.optional() || ns.equals("osgi.ee") || ns.equals("osgi.native") || ns.startsWith("osgi.service")
						|| "active".equals(c.attrs().get("effective:"))) {
					continue;
				}
				String filter = c.attrs().getOrDefault("filter:", "");
				Matcher f = Pattern.compile("\\(([\\w.-]+)=([^)*]+)\\)").matcher(filter);
				boolean met = capabilities.containsKey(ns);
				while (met && f.find()) {
					String key = f.group(1);
					String value = f.group(2);
					met = capabilities.get(ns).stream().anyMatch(attrs -> attrs.containsKey(key) ? value.equals(attrs.get(key))
							|| List.of(attrs.get(key).split(",")).contains(value) : true);
				}
				if (!met) {
					missing.add(b.fileName() + ": Require-Capability " + ns + " " + filter);
				}
			}
		}
		return missing;
	}

	static boolean matches(List<String> versions, String range) {
		if (versions == null) {
			return false;
		}
		if (range == null) {
			return true;
		}
		for (String v : versions) {
			if (inRange(v, range)) {
				return true;
			}
		}
		return false;
	}

	static boolean inRange(String version, String range) {
		range = range.trim();
		if (!range.startsWith("[") && !range.startsWith("(")) {
			return compare(version, range) >= 0;
		}
		String[] ends = range.substring(1, range.length() - 1).split(",");
		int lo = compare(version, ends[0].trim());
		int hi = compare(version, ends[1].trim());
		return (range.startsWith("[") ? lo >= 0 : lo > 0) && (range.endsWith("]") ? hi <= 0 : hi < 0);
	}

	/** Compares OSGi versions by major, minor and micro (qualifiers do not decide a range here). */
	static int compare(String a, String b) {
		String[] x = a.split("\\.");
		String[] y = b.split("\\.");
		for (int i = 0; i < 3; i++) {
			int c = Integer.compare(part(x, i), part(y, i));
			if (c != 0) {
				return c;
			}
		}
		return (x.length > 3 ? x[3] : "").compareTo(y.length > 3 ? y[3] : "");
	}

	static int part(String[] v, int i) {
		try {
			return i < v.length ? Integer.parseInt(v[i].trim()) : 0;
		} catch (NumberFormatException e) {
			return 0;
		}
	}

	/** OSGi manifest header clauses: {@code a;b;attr=x;dir:=y, c}, with quoted values that may hold commas. */
	static List<Clause> clauses(String header) {
		List<Clause> out = new ArrayList<>();
		if (header == null || header.isBlank()) {
			return out;
		}
		for (String clause : split(header, ',')) {
			List<String> parts = split(clause, ';');
			List<String> names = new ArrayList<>();
			Map<String, String> attrs = new LinkedHashMap<>();
			for (String part : parts) {
				int eq = part.indexOf('=');
				if (eq < 0) {
					names.add(part.trim());
				} else {
					String key = part.substring(0, eq).trim();
					String value = part.substring(eq + 1).trim();
					// a directive keeps its colon (resolution:, filter:, effective:); a typed attribute loses its type
					if (!key.endsWith(":") && key.contains(":")) {
						key = key.substring(0, key.indexOf(':')); // version:Version=...
					}
					attrs.put(key, value.replaceAll("^\"|\"$", ""));
				}
			}
			out.add(new Clause(String.join(";", names), attrs));
		}
		return out;
	}

	static List<String> split(String s, char sep) {
		List<String> out = new ArrayList<>();
		StringBuilder cur = new StringBuilder();
		boolean quoted = false;
		for (char c : s.toCharArray()) {
			if (c == '"') {
				quoted = !quoted;
			}
			if (c == sep && !quoted) {
				out.add(cur.toString());
				cur.setLength(0);
			} else {
				cur.append(c);
			}
		}
		if (!cur.toString().isBlank()) {
			out.add(cur.toString());
		}
		return out;
	}

	// ---------------------------------------------------------------------------------------------- layout

	static void writeConfig(Path file, java.util.Collection<Bundle> bundles, boolean ide) throws IOException {
		List<String> entries = new ArrayList<>();
		for (Bundle b : bundles) {
			if (b.name().equals("org.eclipse.osgi") || b.name().equals("org.eclipse.equinox.launcher")
					|| b.name().equals(FRAMEWORK_EXTENSION)) {
				continue;
			}
			entries.add(b.name() + (b.isFragment() ? "" : START.getOrDefault(b.name(), "")));
		}
		StringBuilder out = new StringBuilder("# written by eclipse-plugin/src/build/Assemble.java\n");
		out.append("osgi.bundles=").append(String.join(",\\\n ", entries)).append('\n');
		out.append("osgi.bundles.defaultStartLevel=4\n");
		out.append("osgi.framework.extensions=").append(FRAMEWORK_EXTENSION).append('\n');
		if (ide) {
			out.append("eclipse.product=org.eclipse.platform.ide\n");
			out.append("eclipse.application=org.eclipse.ui.ide.workbench\n");
		}
		Files.createDirectories(file.getParent());
		Files.writeString(file, out.toString());
	}

	static void writeFeature(Path jar, String version, List<Bundle> bundles) throws IOException {
		StringBuilder xml = new StringBuilder();
		xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		xml.append("<feature id=\"dev.domino.eclipse.feature\" label=\"Domino: Xen dom0less systems\" version=\"")
				.append(version).append("\" provider-name=\"Domino\">\n");
		xml.append("   <description>The Domino editor for .domino files (Xen dom0less systems on Arm): errors while"
				+ " typing, completion, hover, quick fixes, outline, Compile, Show memory map and Run in QEMU. Carries the"
				+ " Xtext runtime, Guice, Guava, ANTLR 3.2 and lsp4j it runs on.</description>\n");
		xml.append("   <license url=\"https://www.eclipse.org/legal/epl-2.0/\">EPL-2.0 for the Eclipse and Xtext bundles;"
				+ " Apache-2.0, BSD and MIT for the others, as each bundle states.</license>\n");
		xml.append("   <requires>\n      <import plugin=\"org.eclipse.ui.genericeditor\"/>\n"
				+ "      <import plugin=\"org.eclipse.ui.ide\"/>\n      <import plugin=\"org.eclipse.ui.console\"/>\n"
				+ "   </requires>\n");
		for (Bundle b : bundles) {
			xml.append("   <plugin id=\"").append(b.name()).append("\" version=\"").append(b.version())
					.append("\" download-size=\"0\" install-size=\"0\"").append(b.isFragment() ? " fragment=\"true\"" : "")
					.append(" unpack=\"false\"/>\n");
		}
		xml.append("</feature>\n");
		Manifest m = new Manifest();
		m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		try (JarOutputStream zip = new JarOutputStream(Files.newOutputStream(jar), m)) {
			zip.putNextEntry(new JarEntry("feature.xml"));
			zip.write(xml.toString().getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
	}

	/** Runs a p2 application in the assembled platform (headless: no display is needed). */
	static void p2(Path dir, Path plugins, String application, String... args) throws IOException, InterruptedException {
		Path launcher;
		try (Stream<Path> s = Files.list(plugins)) {
			launcher = s.filter(p -> p.getFileName().toString().startsWith("org.eclipse.equinox.launcher_")).findFirst()
					.orElseThrow();
		}
		List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-jar", launcher.toString(), "-configuration", dir.resolve("p2-configuration").toString(),
				"-nosplash", "-consoleLog", "-application", application));
		cmd.addAll(List.of(args));
		Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		ByteArrayOutputStream log = new ByteArrayOutputStream();
		p.getInputStream().transferTo(log);
		if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
			fail(application + " failed:\n" + log.toString(StandardCharsets.UTF_8));
		}
		String out = log.toString(StandardCharsets.UTF_8);
		if (out.contains("Exception") || out.contains("!ERROR")) {
			fail(application + " reported an error:\n" + out);
		}
	}

	static void zipTree(Path root, Path zipFile) throws IOException {
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(zipFile)); Stream<Path> files = Files.walk(root)) {
			for (Path f : files.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList()) {
				zip.putNextEntry(new ZipEntry(root.relativize(f).toString().replace('\\', '/')));
				Files.copy(f, zip);
				zip.closeEntry();
			}
		}
	}

	static Path clean(Path dir) throws IOException {
		if (Files.exists(dir)) {
			try (Stream<Path> s = Files.walk(dir)) {
				for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(p);
				}
			}
		}
		Files.createDirectories(dir);
		return dir;
	}

	static void fail(String message) {
		System.err.println("assemble: " + message);
		System.exit(1);
	}
}
