package dev.domino.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.resource.IDefaultResourceDescriptionStrategy;
import org.eclipse.xtext.resource.IReferenceDescription;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.resource.impl.DefaultResourceDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.domino.testing.Workspace;

/** The index must hold the references Xtext's own description finds: those that leave the file. */
class DominoResourceDescriptionTest {
	@TempDir
	Path dir;

	@Test
	void describesTheReferencesXtextDescribes() throws Exception {
		Workspace ws = new Workspace(dir);
		ws.qemuBoard();
		ws.write("lib.domino", "module shared_linux kernel \"bin/Image\"\n");
		Path system = ws.write("system.domino", """
				import "qemu-virt.domino"
				import "lib.domino"

				system s on qemu_virt {
				    xen 4.19 { image "bin/xen" }
				    boot uboot booti { load "load virtio 0" window 0x4020_0000 .. 0xB000_0000 }
				    module linux kernel "bin/Image"
				    domain a {
				        vcpus 1
				        memory 128M
				        kernel shared_linux
				        passthrough gpio force-assign
				    }
				    domain b {
				        vcpus 1
				        memory 128M
				        kernel linux
				        after a
				    }
				    domain c {
				        vcpus 1
				        memory 64M
				        kernel shared_linux
				        after b
				    }
				}
				""");
		XtextResourceSet set = Workspace.injector().getInstance(XtextResourceSet.class);
		Resource resource = set.getResource(URI.createFileURI(system.toString()), true);

		IResourceDescription ours = Workspace.injector().getInstance(IResourceDescription.Manager.class)
				.getResourceDescription(resource);
		assertInstanceOf(DominoResourceDescription.class, ours);
		IResourceDescription xtexts = new DefaultResourceDescription(resource,
				Workspace.injector().getInstance(IDefaultResourceDescriptionStrategy.class));

		List<String> expected = described(xtexts);
		assertEquals(expected, described(ours));
		// the case is not empty: the board, its device and the library's module, each from inside a domain
		assertTrue(expected.size() >= 4, expected.toString());
		assertTrue(expected.stream().anyMatch(d -> d.contains("device[-1] -> qemu-virt.domino")), expected.toString());
		assertTrue(expected.stream().filter(d -> d.contains("lib.domino")).count() == 2, expected.toString());
		assertTrue(expected.stream().noneMatch(d -> d.contains("-> " + system.getFileName())), expected.toString());

		// a system exports itself only; a board its items too (what systems link to)
		List<String> exported = new ArrayList<>();
		ours.getExportedObjects().forEach(o -> exported.add(o.getName().toString()));
		assertEquals(List.of("s"), exported);
		Resource board = set.getResource(URI.createFileURI(dir.resolve("qemu-virt.domino").toString()), false);
		List<String> boardExports = new ArrayList<>();
		Workspace.injector().getInstance(IResourceDescription.Manager.class).getResourceDescription(board).getExportedObjects()
				.forEach(o -> boardExports.add(o.getName().toString()));
		assertTrue(boardExports.contains("qemu_virt") && boardExports.contains("qemu_virt.gpio"), boardExports.toString());
	}

	private static List<String> described(IResourceDescription description) {
		List<String> out = new ArrayList<>();
		for (IReferenceDescription d : description.getReferenceDescriptions()) {
			out.add(d.getSourceEObjectUri().fragment() + " " + d.getEReference().getName() + "[" + d.getIndexInList() + "] -> "
					+ d.getTargetEObjectUri().lastSegment() + "#" + d.getTargetEObjectUri().fragment() + " in "
					+ d.getContainerEObjectURI());
		}
		return out;
	}
}
