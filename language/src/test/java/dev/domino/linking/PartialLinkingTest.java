package dev.domino.linking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.domino.ast.After;
import dev.domino.ast.Domain;
import dev.domino.ast.DominoSystem;
import dev.domino.testing.RandomEdits;
import dev.domino.testing.Workspace;

/**
 * After a partial parse the linker only relinks what the edit touched. Whatever the edit, the
 * links and linking errors must be those of the same text parsed and linked from scratch.
 */
class PartialLinkingTest {
	@TempDir
	Path dir;

	private static final String SYSTEM_HEAD = """
			import "qemu-virt.domino"
			system s on qemu_virt {
			    xen 4.19 { bootargs "console=dtuart dtuart=uart0" }
			    boot uboot booti { load "tftpb" window 0x4020_0000 .. 0x8000_0000 }
			    module linux kernel "Image"
			    module zephyr kernel "zephyr.bin"
			""";

	private static String system(int domains) {
		StringBuilder s = new StringBuilder(SYSTEM_HEAD);
		for (int i = 0; i < domains; i++) {
			s.append("    domain d").append(i).append(" {\n        memory 16M\n        kernel ")
					.append(i % 3 == 0 ? "zephyr" : "linux").append('\n')
					.append(i > 0 ? "        after d" + (i - 1) + "\n" : "")
					.append(i % 5 == 0 ? "        passthrough rtc force-assign\n" : "").append("    }\n");
		}
		return s.append("}\n").toString();
	}

	@Test
	void linksAfterPartialParsesEqualLinksOfAFreshParse() throws Exception {
		new Workspace(dir).qemuBoard();
		XtextResourceSet set = Workspace.injector().getInstance(XtextResourceSet.class);
		String text = system(12);
		XtextResource edited = load(set, "system.domino", text);
		EcoreUtil2.resolveLazyCrossReferences(edited, () -> false);
		assertTrue(edited.getErrors().isEmpty(), edited.getErrors().toString());
		assertTrue(links(edited).stream().filter(l -> l.endsWith("qemu-virt.domino")).count() >= 4,
				"links into the board file are part of what is compared");
		Random random = new Random(7);
		String typo = null;
		int typoAt = 0;
		for (int step = 0; step < 400; step++) {
			int[] edit; // offset, length of the replaced text
			String replacement;
			if (typo != null) { // take the last typo back out
				edit = new int[] { typoAt, typo.length() };
				replacement = "";
				typo = null;
			} else {
				switch (random.nextInt(6)) {
				case 0, 1 -> { // rename a domain or change whom an 'after' names
					edit = RandomEdits.occurrence(text, "d[0-9]+", random);
					replacement = "d" + random.nextInt(16);
				}
				case 2 -> { // another module, or one that does not exist
					edit = RandomEdits.occurrence(text, "linux|zephyr|nosuch", random);
					replacement = List.of("linux", "zephyr", "nosuch").get(random.nextInt(3));
				}
				case 3 -> { // a size
					edit = RandomEdits.occurrence(text, "[0-9]+M", random);
					replacement = (1 + random.nextInt(64)) + "M";
				}
				case 4 -> { // a domain more, or one less
					if (random.nextBoolean()) {
						edit = RandomEdits.occurrence(text, "    domain d[0-9]+ \\{[^}]*\\}\n", random);
						replacement = "";
					} else {
						edit = RandomEdits.occurrence(text, "    \\}\n", random);
						edit = new int[] { edit[0] + edit[1], 0 };
						replacement = "    domain d" + random.nextInt(16) + " {\n        kernel linux after d"
								+ random.nextInt(16) + "\n    }\n";
					}
				}
				default -> { // a typo, taken back at the next step
					typoAt = random.nextInt(text.length());
					typo = List.of("{", "}", "after", "x").get(random.nextInt(4));
					edit = new int[] { typoAt, 0 };
					replacement = typo;
				}
				}
			}
			if (edit == null) {
				continue;
			}
			edited.update(edit[0], edit[1], replacement);
			text = text.substring(0, edit[0]) + replacement + text.substring(edit[0] + edit[1]);
			if (random.nextInt(3) > 0) { // a builder resolves after most edits, not all (superseded builds)
				EcoreUtil2.resolveLazyCrossReferences(edited, () -> false);
			}
			assertSameLinks(set, text, edited, "after edit " + step);
		}
	}


	@Test
	void anEditElsewhereKeepsLinksAndRenamingTheTargetBreaksThem() throws Exception {
		XtextResourceSet set = Workspace.injector().getInstance(XtextResourceSet.class);
		String text = system(5);
		XtextResource resource = loadLinked(set, text);
		DominoSystem system = systemOf(resource);
		Domain d1 = domain(system, "d1");
		After d2After = (After) domain(system, "d2").getItems().stream().filter(After.class::isInstance).findFirst().orElseThrow();
		assertSame(d1, d2After.getDomains().get(0));

		int at = text.indexOf("16M", text.indexOf("domain d4"));
		resource.update(at, 3, "32M");
		EcoreUtil2.resolveLazyCrossReferences(resource, () -> false);
		assertSame(d1, d2After.getDomains().get(0), "an edit in another domain leaves the link alone");
		assertTrue(resource.getErrors().isEmpty(), resource.getErrors().toString());

		text = text.substring(0, at) + "32M" + text.substring(at + 3);
		at = text.indexOf("domain d1") + "domain ".length();
		resource.update(at, 2, "renamed");
		EcoreUtil2.resolveLazyCrossReferences(resource, () -> false);
		assertTrue(resource.getErrors().stream().anyMatch(e -> e.getMessage().contains("d1")),
				"after d1 no longer resolves: " + resource.getErrors());
		resource.update(at, "renamed".length(), "d1");
		EcoreUtil2.resolveLazyCrossReferences(resource, () -> false);
		assertTrue(resource.getErrors().isEmpty(), resource.getErrors().toString());
		assertEquals("d1", ((Domain) d2After(resource).getDomains().get(0)).getName());
	}

	@Test
	void renamingTheTargetToANameOfTheSameLengthBreaksTheLinkToo() throws Exception {
		XtextResourceSet set = Workspace.injector().getInstance(XtextResourceSet.class);
		String text = system(5);
		XtextResource resource = loadLinked(set, text);
		int at = text.indexOf("domain d1") + "domain d".length();
		for (String name : new String[] { "9", "x", "1" }) { // d9, dx, and back to d1
			resource.update(at, 1, name);
			EcoreUtil2.resolveLazyCrossReferences(resource, () -> false);
			text = text.substring(0, at) + name + text.substring(at + 1);
			assertSameLinks(set, text, resource, "after renaming d1 to d" + name);
			if (!name.equals("1")) {
				assertTrue(resource.getErrors().stream().anyMatch(e -> e.getMessage().contains("d1")),
						"after d1 no longer resolves once d1 is d" + name + ": " + resource.getErrors());
			}
		}
		assertTrue(resource.getErrors().isEmpty(), resource.getErrors().toString());
		assertEquals("d1", ((Domain) d2After(resource).getDomains().get(0)).getName());
	}

	private static After d2After(XtextResource resource) {
		DominoSystem system = systemOf(resource);
		return (After) domain(system, "d2").getItems().stream().filter(After.class::isInstance).findFirst().orElseThrow();
	}

	private static Domain domain(DominoSystem system, String name) {
		return system.getItems().stream().filter(Domain.class::isInstance).map(Domain.class::cast)
				.filter(d -> name.equals(d.getName())).findFirst().orElseThrow();
	}

	/** The QEMU board and a system on it, loaded and linked. */
	private static DominoSystem systemOf(XtextResource resource) {
		return (DominoSystem) ((dev.domino.ast.Model) resource.getContents().get(0)).getElements().get(0);
	}

	private XtextResource loadLinked(XtextResourceSet set, String text) throws Exception {
		new Workspace(dir).qemuBoard();
		XtextResource resource = load(set, "system.domino", text);
		EcoreUtil2.resolveLazyCrossReferences(resource, () -> false);
		return resource;
	}

	@Test
	void aTargetRenamedInPlaceIsRelinkedAtTheNextEditElsewhere() throws Exception {
		// a partial parse may set a new name on the object it keeps; here the name is set directly
		XtextResourceSet set = Workspace.injector().getInstance(XtextResourceSet.class);
		String text = system(5);
		XtextResource resource = loadLinked(set, text);
		DominoSystem system = systemOf(resource);
		for (String name : new String[] { "d9", "d1x" }) { // the same length as "d1", and longer
			domain(system, resource.getErrors().isEmpty() ? "d1" : "d9").setName(name);
			int at = text.indexOf("16M", text.indexOf("domain d4"));
			resource.update(at, 3, "16M");
			EcoreUtil2.resolveLazyCrossReferences(resource, () -> false);
			assertTrue(resource.getErrors().stream().anyMatch(e -> e.getMessage().contains("d1")),
					"after d1 no longer names the domain now called " + name + ": " + resource.getErrors());
		}
	}

	private XtextResource load(XtextResourceSet set, String name, String text) throws Exception {
		XtextResource r = (XtextResource) set.createResource(URI.createFileURI(dir.resolve(name).toString()));
		r.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
		return r;
	}

	private void assertSameLinks(XtextResourceSet set, String text, XtextResource edited, String when) throws Exception {
		EcoreUtil2.resolveLazyCrossReferences(edited, () -> false);
		XtextResourceSet freshSet = Workspace.injector().getInstance(XtextResourceSet.class);
		XtextResource fresh = load(freshSet, "system.domino", text);
		EcoreUtil2.resolveLazyCrossReferences(fresh, () -> false);
		// before anything reads a link (reading resolves it): resolving alone must have left no
		// lazy link behind and reported every link that does not resolve
		assertEquals(errors(fresh), errors(edited), when + ": linking errors differ for\n" + text);
		assertEquals(List.of(), lazyLinksLeft(edited), when + ": lazy links left after resolving\n" + text);
		assertEquals(String.join("\n", links(fresh)), String.join("\n", links(edited)), when + ": links differ for\n" + text);
		assertEquals(errors(fresh), errors(edited), when + ": linking errors differ for\n" + text);
	}

	@Test
	void resolvingLeavesNoLazyLinkAndReportsWhatDoesNotResolve() throws Exception {
		new Workspace(dir).qemuBoard();
		XtextResourceSet set = Workspace.injector().getInstance(XtextResourceSet.class);
		String text = system(6).replace("after d3", "after nosuch");
		XtextResource resource = load(set, "system.domino", text);
		assertTrue(lazyLinksLeft(resource).size() > 10, "loading installs lazy links: " + lazyLinksLeft(resource));
		EcoreUtil2.resolveLazyCrossReferences(resource, () -> false);
		String errors = errors(resource);
		assertTrue(errors.contains("nosuch") && resource.getErrors().size() == 1, errors);
		assertEquals(List.of(), lazyLinksLeft(resource));
		// a second resolution finds nothing new to do and keeps the one error
		EcoreUtil2.resolveLazyCrossReferences(resource, () -> false);
		assertEquals(errors, errors(resource));
	}

	/**
	 * Links still holding a lazy proxy into their own file that would resolve now: resolving
	 * skipped them. (A link that does not resolve stays a proxy; it is reported as an error.)
	 */
	private static List<String> lazyLinksLeft(XtextResource resource) {
		List<String> out = new ArrayList<>();
		for (Iterator<EObject> it = resource.getAllContents(); it.hasNext();) {
			EObject o = it.next();
			for (EReference ref : o.eClass().getEAllReferences()) {
				if (ref.isContainment() || ref.isContainer() || !o.eIsSet(ref)) {
					continue;
				}
				Object value = o.eGet(ref, false);
				List<?> targets = value instanceof org.eclipse.emf.ecore.util.InternalEList<?> list ? list.basicList() : List.of(value);
				for (Object t : targets) {
					if (t instanceof org.eclipse.emf.ecore.InternalEObject target && target.eIsProxy()
							&& resource.getURI().equals(target.eProxyURI().trimFragment())
							&& resource.getEObject(target.eProxyURI().fragment()) != null) {
						out.add(o.eClass().getName() + "." + ref.getName() + " " + target.eProxyURI().fragment());
					}
				}
			}
		}
		return out;
	}

	/** Every cross reference as "source text -> target name", in document order. */
	private static List<String> links(Resource resource) {
		IQualifiedNameProvider names = Workspace.injector().getInstance(IQualifiedNameProvider.class);
		List<String> out = new ArrayList<>();
		for (Iterator<EObject> it = resource.getAllContents(); it.hasNext();) {
			EObject o = it.next();
			for (EReference ref : o.eClass().getEAllReferences()) {
				if (ref.isContainment() || ref.isContainer() || !o.eIsSet(ref)) {
					continue;
				}
				List<?> targets = ref.isMany() ? (List<?>) o.eGet(ref) : List.of(o.eGet(ref));
				for (Object t : targets) {
					EObject target = (EObject) t;
					String to = target.eIsProxy() ? "unresolved" : String.valueOf(names.getFullyQualifiedName(target))
							+ "@" + target.eResource().getURI().lastSegment();
					out.add(NodeModelUtils.getTokenText(NodeModelUtils.getNode(o)) + " ."  + ref.getName() + " -> " + to);
				}
			}
		}
		return out;
	}

	private static String errors(Resource resource) {
		return resource.getErrors().stream().filter(org.eclipse.xtext.linking.impl.XtextLinkingDiagnostic.class::isInstance)
				.map(e -> e.getLine() + ":" + e.getMessage()).sorted().toList().toString();
	}
}
