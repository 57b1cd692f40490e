package dev.domino.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.junit.jupiter.api.Test;

import dev.domino.ast.Domain;
import dev.domino.testing.Examples;
import dev.domino.testing.Workspace;

/** The walk must visit what EMF's tree iterator visits, in its order, and skip what it prunes. */
class ContentWalkTest {
	@Test
	void visitsWhatEmfVisitsInItsOrderOnEveryExample() throws Exception {
		List<Path> files = Examples.sources();
		assertTrue(files.size() > 20, "examples found: " + files.size());
		int objects = 0;
		for (Path file : files) {
			for (EObject root : load(file).getContents()) {
				List<EObject> emf = new ArrayList<>(List.of(root));
				root.eAllContents().forEachRemaining(emf::add);
				List<EObject> ours = new ArrayList<>();
				ContentWalk.preorder(root, ours::add);
				assertEquals(emf, ours, file.toString());
				objects += ours.size();
			}
		}
		assertTrue(objects > 1000, "objects walked: " + objects);
	}

	@Test
	void skipsTheContentsOfWhatItDoesNotEnter() throws Exception {
		EObject root = load(Examples.dir().resolve("qemu-virt/demo.domino")).getContents().get(0);
		List<EObject> emf = new ArrayList<>(List.of(root));
		for (TreeIterator<EObject> it = root.eAllContents(); it.hasNext();) {
			EObject object = it.next();
			emf.add(object);
			if (object instanceof Domain) {
				it.prune();
			}
		}
		List<EObject> ours = new ArrayList<>();
		ContentWalk.preorder(root, object -> ours.add(object) && !(object instanceof Domain));
		assertEquals(emf, ours);
		assertTrue(ours.stream().anyMatch(Domain.class::isInstance));
		assertTrue(ours.stream().noneMatch(o -> o.eContainer() instanceof Domain));
	}

	private static Resource load(Path file) {
		XtextResourceSet set = Workspace.injector().getInstance(XtextResourceSet.class);
		return set.getResource(URI.createFileURI(file.toString()), true);
	}
}
