package dev.domino.eclipse.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.hyperlink.IHyperlink;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IMarkerResolution;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.MessageConsole;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.domino.eclipse.DominoPlugin;
import dev.domino.eclipse.DominoServices;
import dev.domino.eclipse.commands.CompileHandler;
import dev.domino.eclipse.commands.MemoryMapView;
import dev.domino.eclipse.commands.RunHandler;
import dev.domino.eclipse.editor.DominoContentAssist;
import dev.domino.eclipse.editor.DominoHover;
import dev.domino.eclipse.editor.DominoHyperlinks;
import dev.domino.eclipse.editor.DominoOutline;
import dev.domino.eclipse.editor.LiveCheck;

/**
 * The plug-in in a real Eclipse workbench: the Generic Editor on .domino files, markers from the builder,
 * live annotations, completion, hover, definitions, outline, quick fixes and the three commands. One project
 * (the QEMU virt example, with stand-in binaries) is shared, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EditorTest {
	/** The mistake of examples/mistakes/heap-32k-aligned.domino, next to the board. */
	static final String HEAP_MISTAKE = """
			// A static heap aligned to 32 KiB; Xen wants 64 KiB at least.
			// expect: 5:45 error[align-heap]
			import "qemu-virt.domino"
			system mistake on qemu_virt {
			    xen 4.17 { image "bin/xen" heap 512M at 0x8000_8000 }
			    domain web { memory 128M kernel "bin/Image" }
			}
			""";

	static IProject project;
	static IFile demo;
	static IFile board;
	static IFile heap;

	@BeforeAll
	static void project() throws Exception {
		project = Ui.qemuProject("qemu");
		demo = project.getFile("demo.domino");
		board = project.getFile("qemu-virt.domino");
		heap = Ui.write(project, "heap.domino", HEAP_MISTAKE);
		Ui.run(() -> {
			// the whole (virtual) screen: there is no window manager to maximize it
			var shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
			shell.setBounds(shell.getDisplay().getPrimaryMonitor().getBounds());
			PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().showView(IPageLayoutIds.PROBLEMS);
		});
	}

	@Test
	@Order(1)
	void aSavedMistakeIsAProblemMarkerWithItsRuleIdLineAndSeverity() {
		ITextEditor editor = Ui.open(heap);
		assertEquals("org.eclipse.ui.genericeditor.GenericEditor", Ui.sync(() -> editor.getSite().getId()));
		IMarker m = Ui.waitFor("the align-heap marker", 60_000, () -> Ui.marker(heap, "align-heap"));
		assertEquals(5, m.getAttribute(IMarker.LINE_NUMBER, 0));
		assertEquals(IMarker.SEVERITY_ERROR, m.getAttribute(IMarker.SEVERITY, -1));
		String message = m.getAttribute(IMarker.MESSAGE, "");
		assertTrue(message.contains("64 KiB aligned") && message.endsWith("[align-heap]") || message.contains("[align-heap]"),
				message);
		int start = m.getAttribute(IMarker.CHAR_START, -1);
		assertEquals("heap", HEAP_MISTAKE.substring(start, start + 4), "the marker's range is the heap");
		// the builder checked the whole project: the example itself is clean
		Ui.waitFor("the demo to be checked", 20_000, () -> {
			try {
				return demo.getProject().hasNature("dev.domino.eclipse.nature");
			} catch (Exception e) {
				return false;
			}
		});
		assertEquals(List.of(), Ui.describe(Ui.markers(demo)).stream().filter(s -> !s.contains("[file]")).toList());
		// the marker shows in the editor as the standard error annotation
		Ui.waitFor("the marker's annotation", 20_000, () -> !Ui.annotations(editor, "org.eclipse.ui.workbench.texteditor.error").isEmpty());
		Ui.sleep(1500); // the Problems view refreshes on a timer
		Ui.expandProblems();
		Ui.run(() -> Ui.page().activate(editor));
		Ui.screenshot("eclipse-markers.png");
	}

	@Test
	@Order(2)
	void aQuickFixFromTheRulesFixDataRemovesTheMarker() {
		IMarker m = Ui.waitFor("the align-heap marker", 60_000, () -> Ui.marker(heap, "align-heap"));
		IMarkerResolution[] fixes = Ui.sync(() -> IDE.getMarkerHelpRegistry().getResolutions(m));
		List<String> titles = Arrays.stream(fixes).map(IMarkerResolution::getLabel).toList();
		IMarkerResolution up = Arrays.stream(fixes).filter(f -> f.getLabel().startsWith("Align up")).findFirst()
				.orElseThrow(() -> new AssertionError("no 'Align up' among " + titles));
		assertEquals("Align up to 0x8001_0000", up.getLabel());
		Ui.run(() -> up.run(m));
		ITextEditor editor = Ui.open(heap);
		assertTrue(Ui.document(editor).get().contains("at 0x8001_0000"), Ui.document(editor).get());
		Ui.save(editor);
		Ui.waitFor("the marker to go", 60_000, () -> Ui.marker(heap, "align-heap") == null);
	}

	@Test
	@Order(3)
	void aMistakeTypedWithoutSavingIsALiveAnnotationAndSavingMakesItAMarkerThatFixingClears() {
		ITextEditor editor = Ui.open(demo);
		Ui.type(editor, "memory 128M", "memory 4G");
		assertTrue(Ui.sync(editor::isDirty));
		List<String> live = Ui.waitFor("a live memory-budget annotation", 30_000, () -> {
			List<String> a = Ui.annotations(editor, LiveCheck.LIVE);
			return a.stream().anyMatch(s -> s.contains("[memory-budget]")) ? a : null;
		});
		assertTrue(live.get(0).startsWith(LiveCheck.LIVE + "error"), live.toString());
		assertNull(Ui.marker(demo, "memory-budget"), "not saved: no marker yet");
		Ui.screenshot("eclipse-live.png");

		Ui.save(editor);
		Ui.waitFor("the memory-budget marker", 60_000, () -> Ui.marker(demo, "memory-budget"));
		Ui.waitFor("the live annotations to go on saving", 20_000, () -> Ui.annotations(editor, LiveCheck.LIVE).isEmpty());

		Ui.type(editor, "memory 4G", "memory 128M");
		Ui.save(editor);
		Ui.waitFor("the marker to go", 60_000, () -> Ui.marker(demo, "memory-budget") == null);
	}

	@Test
	@Order(4)
	void editingTheBoardRechecksTheSystemsOnIt() {
		ITextEditor system = Ui.open(demo);
		ITextEditor editor = Ui.open(board);
		Ui.type(editor, "size 2G", "size 256M");
		// unsaved: the open system's editor checks again, with the board as it is being edited
		Ui.waitFor("a live annotation in the system's editor", 30_000, () -> Ui.annotations(system, LiveCheck.LIVE)
				.stream().anyMatch(a -> a.contains("[memory-budget]")));
		Ui.save(editor);
		IMarker m = Ui.waitFor("a marker on the system", 60_000, () -> Ui.marker(demo, "memory-budget"));
		assertTrue(m.getAttribute(IMarker.MESSAGE, "").contains("[memory-budget]"));
		Ui.waitFor("the live annotations to go once all is saved", 30_000, () -> Ui.annotations(system, LiveCheck.LIVE)
				.isEmpty());
		Ui.type(editor, "size 256M", "size 2G");
		Ui.save(editor);
		Ui.waitFor("the system's marker to go", 60_000, () -> Ui.marker(demo, "memory-budget") == null);
	}

	@Test
	@Order(5)
	void completionAtAPassthroughOffersTheBoardsDevices() {
		ITextEditor editor = Ui.open(demo);
		Ui.type(editor, "        after web\n", "        after web\n        passthrough \n");
		IDocument doc = Ui.document(editor);
		int offset = Ui.sync(() -> doc.get().indexOf("passthrough ") + "passthrough ".length());
		ITextViewer viewer = Ui.viewer(editor);
		List<String> proposals = Ui.sync(() -> Arrays.stream(new DominoContentAssist().computeCompletionProposals(viewer, offset))
				.map(ICompletionProposal::getDisplayString).toList());
		for (String device : List.of("uart0", "rtc", "gpio")) {
			assertTrue(proposals.stream().anyMatch(p -> p.startsWith(device)), device + " not in " + proposals);
		}
		// sizes after memory: Domino's own proposals (which need Xtext's xbase.lib in the ide bundle's wiring)
		int size = Ui.sync(() -> doc.get().indexOf("memory 128M") + "memory ".length());
		List<String> sizes = Ui.sync(() -> Arrays.stream(new DominoContentAssist().computeCompletionProposals(viewer, size))
				.map(ICompletionProposal::getDisplayString).toList());
		assertTrue(sizes.stream().anyMatch(p -> p.startsWith("64M")), sizes.toString());
		Ui.run(() -> editor.doRevertToSaved());
	}

	@Test
	@Order(6)
	void hoverShowsWhatDominoPlaced() {
		ITextEditor editor = Ui.open(demo);
		IDocument doc = Ui.document(editor);
		int at = Ui.sync(() -> doc.get().indexOf("domain web") + "domain ".length());
		String hover = Ui.sync(() -> new DominoHover().getHoverInfo(Ui.viewer(editor), new Region(at, 3)));
		assertNotNull(hover);
		assertTrue(hover.contains("domain web") && hover.contains("vCPU") && hover.contains("128 MiB"), hover);
		int module = Ui.sync(() -> doc.get().indexOf("module linux") + "module ".length());
		String placed = Ui.sync(() -> new DominoHover().getHoverInfo(Ui.viewer(editor), new Region(module, 5)));
		assertTrue(placed.contains("base 0x") && placed.contains("placed by Domino"), placed);
	}

	@Test
	@Order(7)
	void goToDefinitionOpensTheBoardInTheImportedFile() {
		ITextEditor editor = Ui.open(demo);
		IDocument doc = Ui.document(editor);
		int at = Ui.sync(() -> doc.get().indexOf("on qemu_virt") + "on ".length() + 2);
		IHyperlink[] links = Ui.sync(() -> new DominoHyperlinks().detectHyperlinks(Ui.viewer(editor), new Region(at, 0), false));
		assertNotNull(links, "no hyperlink at the board name");
		DominoServices.Place target = ((DominoHyperlinks.Link) links[0]).target();
		assertTrue(target.uri().endsWith("qemu-virt.domino"), target.toString());
		Ui.run(links[0]::open);
		ITextEditor opened = (ITextEditor) Ui.sync(() -> Ui.page().getActiveEditor());
		assertEquals("qemu-virt.domino", Ui.sync(opened::getTitle));
		String selected = Ui.sync(() -> ((org.eclipse.jface.text.ITextSelection) opened.getSelectionProvider().getSelection()).getText());
		assertEquals("qemu_virt", selected);
	}

	@Test
	@Order(8)
	void theOutlineListsTheSystemAndItsDomains() {
		ITextEditor editor = Ui.open(demo);
		Ui.run(() -> Ui.page().showView("org.eclipse.ui.views.ContentOutline"));
		Ui.run(() -> Ui.page().activate(editor));
		IContentOutlinePage page = Ui.sync(() -> editor.getAdapter(IContentOutlinePage.class));
		assertTrue(page instanceof DominoOutline, String.valueOf(page));
		DominoOutline outline = Ui.waitFor("the outline's entries", 20_000, () -> {
			var view = Ui.page().findView("org.eclipse.ui.views.ContentOutline");
			var current = view == null ? null : ((org.eclipse.ui.part.PageBookView) view).getCurrentPage();
			return current instanceof DominoOutline o && o.symbols() != null && !o.symbols().isEmpty() ? o : null;
		});
		String tree = Ui.sync(() -> outline.symbols().toString());
		assertTrue(tree.contains("name=demo") && tree.contains("name=web") && tree.contains("name=rt"), tree);
	}

	@Test
	@Order(9)
	void compileWritesTheOutputs() throws Exception {
		ITextEditor editor = Ui.open(demo);
		Ui.run(() -> PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand("dev.domino.eclipse.compile", null));
		Ui.sleep(200);
		Job.getJobManager().join(CompileHandler.JOB_FAMILY, null);
		Path out = demo.getLocation().toPath().getParent().resolve("out/demo");
		for (String name : List.of("system.dtb", "system.dts", "boot.scr", "xen.config", "memory-map.svg")) {
			assertTrue(Files.size(out.resolve(name)) > 0, name);
		}
		// the console's document fills asynchronously
		String console = Ui.waitFor("the compile's report", 20_000, () -> console().contains("wrote the outputs") ? console() : null);
		assertTrue(console.contains("wrote the outputs to " + out), console);
		assertTrue(Ui.sync(() -> project.getFolder("out").isDerived()));
		assertNotNull(editor);
	}

	@Test
	@Order(10)
	void showMemoryMapDrawsTheSystemsSvg() {
		Ui.open(demo);
		Ui.run(() -> PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand("dev.domino.eclipse.memoryMap", null));
		MemoryMapView view = Ui.sync(() -> (MemoryMapView) Ui.page().findView(MemoryMapView.ID));
		assertNotNull(view);
		String svg = Ui.sync(view::svg);
		assertTrue(svg.startsWith("<svg") || svg.startsWith("<?xml"), svg.substring(0, Math.min(80, svg.length())));
		assertTrue(svg.contains("web") && svg.contains("rt"), "the domains are on the map");
		assertTrue(Ui.sync(() -> view.image() != null && view.image().getBounds().width > 100), "SWT drew the SVG");
		Ui.run(() -> Ui.page().setPartState(Ui.page().getReference(view), org.eclipse.ui.IWorkbenchPage.STATE_MAXIMIZED));
		Ui.sleep(300);
		Ui.screenshot("eclipse-memory-map.png");
		Ui.run(() -> Ui.page().setPartState(Ui.page().getReference(view), org.eclipse.ui.IWorkbenchPage.STATE_RESTORED));
	}

	@Test
	@Order(11)
	void runInQemuStartsTheCommandLineAndShowsItsOutput() throws Exception {
		// a file that fails domino check: whether or not this command line knows 'run' yet, its output is known
		IFile fails = Ui.write(project, "fails.domino", HEAP_MISTAKE);
		Job job = RunHandler.schedule(fails);
		job.join(120_000, null);
		String console = Ui.waitFor("the command's exit", 20_000, () -> console().contains("run exited with") ? console() : null);
		assertTrue(console.contains("$ ") && console.contains(" run " + fails.getLocation()), console);
		assertTrue(console.contains("unknown command 'run'") || console.contains("align-heap"), console);
		assertTrue(console.contains("run exited with"), console);
	}

	@Test
	@Order(12)
	void aBrokenFileGivesMarkersAndNoErrorDialogOrLoggedStackTrace() throws Exception {
		String text = "system {{{ oops \"unterminated\n board x on on }\n";
		IFile broken = Ui.write(project, "broken.domino", text);
		ITextEditor editor = Ui.open(broken);
		Ui.waitFor("syntax markers", 60_000, () -> Ui.marker(broken, "syntax"));
		Ui.type(editor, text, "board b {\n    arch sparc\n}\n");
		Ui.waitFor("live syntax annotations", 30_000, () -> Ui.annotations(editor, LiveCheck.LIVE).stream()
				.anyMatch(a -> a.contains("[syntax]")) ? true : null);
		Ui.run(() -> editor.doRevertToSaved());
		for (Shell s : Ui.sync(() -> PlatformUI.getWorkbench().getDisplay().getShells())) {
			String title = Ui.sync(s::getText);
			assertFalse(Ui.sync(s::isVisible) && (title.contains("Problem Occurred") || title.contains("Error")), title);
		}
		Path log = ResourcesPlugin.getWorkspace().getRoot().getLocation().toPath().resolve(".metadata/.log");
		String logged = Files.exists(log) ? Files.readString(log) : "";
		assertFalse(logged.contains("dev.domino"), logged);
	}

	@Test
	@Order(13)
	void randomEditsCompletionsAndHoversNeverLogAStackTrace() throws Exception {
		ITextEditor editor = Ui.open(demo);
		IDocument doc = Ui.document(editor);
		ITextViewer viewer = Ui.viewer(editor);
		java.util.Random random = new java.util.Random(Long.getLong("domino.eclipse.seed", 13));
		String alphabet = "{}\"\n ._-0x1G4Mdomainsystemkernelpassthrough";
		for (int i = 0; i < 40; i++) {
			Ui.run(() -> {
				int at = random.nextInt(doc.getLength() + 1);
				int length = Math.min(random.nextInt(12), doc.getLength() - at);
				StringBuilder junk = new StringBuilder();
				for (int k = random.nextInt(6); k > 0; k--) {
					junk.append(alphabet.charAt(random.nextInt(alphabet.length())));
				}
				doc.replace(at, length, junk.toString());
				int where = random.nextInt(doc.getLength() + 1);
				new DominoContentAssist().computeCompletionProposals(viewer, where);
				new DominoHover().getHoverInfo(viewer, new Region(where, 0));
				new DominoHyperlinks().detectHyperlinks(viewer, new Region(where, 0), false);
			});
			Ui.sleep(random.nextInt(2) == 0 ? 50 : 400); // sometimes the reconciler runs in between
		}
		Ui.sleep(1000);
		Ui.run(() -> editor.doRevertToSaved());
		Path log = ResourcesPlugin.getWorkspace().getRoot().getLocation().toPath().resolve(".metadata/.log");
		String logged = Files.exists(log) ? Files.readString(log) : "";
		assertFalse(logged.contains("dev.domino"), logged);
	}

	static String console() {
		for (IConsole c : ConsolePlugin.getDefault().getConsoleManager().getConsoles()) {
			if (c instanceof MessageConsole m && DominoPlugin.CONSOLE.equals(c.getName())) {
				return Ui.sync(() -> m.getDocument().get());
			}
		}
		return "";
	}

	/** View ids from IPageLayout, named here to keep the imports short. */
	interface IPageLayoutIds {
		String PROBLEMS = "org.eclipse.ui.views.ProblemView";
	}
}
