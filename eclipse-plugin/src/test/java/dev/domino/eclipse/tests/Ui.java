package dev.domino.eclipse.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;

import dev.domino.eclipse.builder.Markers;

/** Test helpers: the UI thread, waiting, a project with the QEMU example, editors, markers, screenshots. */
final class Ui {
	private Ui() {
	}

	static <T> T sync(Callable<T> work) {
		Object[] result = new Object[1];
		Throwable[] error = new Throwable[1];
		Display.getDefault().syncExec(() -> {
			try {
				result[0] = work.call();
			} catch (Throwable e) {
				error[0] = e;
			}
		});
		if (error[0] instanceof RuntimeException r) {
			throw r;
		}
		if (error[0] instanceof Error r) {
			throw r;
		}
		if (error[0] != null) {
			throw new IllegalStateException(error[0]);
		}
		@SuppressWarnings("unchecked")
		T t = (T) result[0];
		return t;
	}

	interface Work {
		void run() throws Exception;
	}

	static void run(Work work) {
		sync(() -> {
			work.run();
			return null;
		});
	}

	/** Waits (off the UI thread, which keeps running) until the condition holds. */
	static void waitFor(String what, long timeoutMs, BooleanSupplier condition) {
		long end = System.currentTimeMillis() + timeoutMs;
		while (System.currentTimeMillis() < end) {
			if (sync(condition::getAsBoolean)) {
				return;
			}
			sleep(50);
		}
		fail("timed out after " + timeoutMs + " ms waiting for " + what);
	}

	static <T> T waitFor(String what, long timeoutMs, Supplier<T> value) {
		long end = System.currentTimeMillis() + timeoutMs;
		while (System.currentTimeMillis() < end) {
			T v = sync(value::get);
			if (v != null) {
				return v;
			}
			sleep(50);
		}
		fail("timed out after " + timeoutMs + " ms waiting for " + what);
		return null;
	}

	static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	static Path repo() {
		return Path.of(System.getProperty("domino.repo", "."));
	}

	/** A project with the QEMU virt board, stand-ins for its binaries (real headers), and the demo system. */
	static IProject qemuProject(String name) throws Exception {
		IProject p = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
		if (!p.exists()) {
			p.create(null);
		}
		p.open(null);
		Path examples = repo().resolve("examples/qemu-virt");
		write(p, "qemu-virt.domino", Files.readString(examples.resolve("qemu-virt.domino")));
		write(p, "qemu-virt.dtb", Files.readAllBytes(examples.resolve("qemu-virt.dtb")));
		write(p, "demo.domino", Files.readString(examples.resolve("demo.domino")));
		write(p, "bin/xen", arm64Image(983048, 0x1360c8));
		write(p, "bin/Image", arm64Image(4 << 20, 0x2010000));
		write(p, "bin/web.cpio.gz", gzip(986380));
		write(p, "bin/rt.cpio.gz", gzip(986377));
		return p;
	}

	static IFile write(IProject p, String name, String text) throws CoreException {
		return write(p, name, text.getBytes(StandardCharsets.UTF_8));
	}

	static IFile write(IProject p, String name, byte[] data) throws CoreException {
		IFile f = p.getFile(name);
		if (f.getParent() instanceof IFolder folder && !folder.exists()) {
			folder.create(true, true, null);
		}
		if (f.exists()) {
			f.setContents(new ByteArrayInputStream(data), IResource.FORCE, null);
		} else {
			f.create(new ByteArrayInputStream(data), true, null);
		}
		return f;
	}

	/** An arm64 Image: the header says {@code imageSize} bytes in memory; the file has {@code fileSize}. */
	static byte[] arm64Image(int fileSize, long imageSize) {
		ByteBuffer b = ByteBuffer.allocate(fileSize).order(ByteOrder.LITTLE_ENDIAN);
		b.putInt(0, 0x91005a4d);
		b.putLong(16, imageSize);
		b.putInt(56, 0x644d5241); // ARM\x64
		return b.array();
	}

	static byte[] gzip(int size) {
		byte[] data = new byte[size];
		data[0] = 0x1f;
		data[1] = (byte) 0x8b;
		return data;
	}

	static IWorkbenchPage page() {
		return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
	}

	static ITextEditor open(IFile file) {
		return sync(() -> (ITextEditor) IDE.openEditor(page(), file, true));
	}

	static IDocument document(ITextEditor editor) {
		return sync(() -> editor.getDocumentProvider().getDocument(editor.getEditorInput()));
	}

	static ITextViewer viewer(ITextEditor editor) {
		return sync(() -> (ITextViewer) editor.getAdapter(org.eclipse.jface.text.ITextOperationTarget.class));
	}

	/** Replaces the first {@code from} in the editor's text with {@code to}, as typing would. */
	static void type(ITextEditor editor, String from, String to) {
		run(() -> {
			IDocument d = editor.getDocumentProvider().getDocument(editor.getEditorInput());
			int at = d.get().indexOf(from);
			if (at < 0) {
				fail("'" + from + "' is not in " + editor.getTitle());
			}
			try {
				d.replace(at, from.length(), to);
			} catch (org.eclipse.jface.text.BadLocationException e) {
				throw new IllegalStateException(e);
			}
		});
	}

	static void save(ITextEditor editor) {
		run(() -> editor.doSave(null));
	}

	static List<IMarker> markers(IResource r) {
		try {
			return List.of(r.findMarkers(Markers.TYPE, false, IResource.DEPTH_INFINITE));
		} catch (CoreException e) {
			throw new IllegalStateException(e);
		}
	}

	static IMarker marker(IResource r, String ruleId) {
		for (IMarker m : markers(r)) {
			if (ruleId.equals(m.getAttribute(Markers.RULE_ID, ""))) {
				return m;
			}
		}
		return null;
	}

	static List<String> describe(List<IMarker> markers) {
		List<String> out = new ArrayList<>();
		for (IMarker m : markers) {
			out.add(m.getResource().getName() + ":" + m.getAttribute(IMarker.LINE_NUMBER, 0) + " " + m.getAttribute(IMarker.MESSAGE, ""));
		}
		return out;
	}

	/** The editor's annotations of a type prefix, as "type: text". */
	static List<String> annotations(ITextEditor editor, String typePrefix) {
		return sync(() -> {
			IAnnotationModel model = editor.getDocumentProvider().getAnnotationModel(editor.getEditorInput());
			List<String> out = new ArrayList<>();
			for (Iterator<Annotation> i = model.getAnnotationIterator(); i.hasNext();) {
				Annotation a = i.next();
				if (a.getType().startsWith(typePrefix)) {
					out.add(a.getType() + ": " + a.getText());
				}
			}
			return out;
		});
	}

	/** A PNG of the workbench window, for a person to look at. */
	static Path screenshot(String name) {
		String dir = System.getProperty("domino.eclipse.screenshots");
		if (dir == null) {
			return null;
		}
		return sync(() -> {
			Display display = Display.getCurrent();
			while (display.readAndDispatch()) {
				// let pending paints happen
			}
			Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
			Rectangle r = shell.getBounds();
			Image image = new Image(display, r.width, r.height);
			GC gc = new GC(display);
			gc.copyArea(image, r.x, r.y);
			gc.dispose();
			ImageLoader loader = new ImageLoader();
			loader.data = new ImageData[] { image.getImageData() };
			Path file = Path.of(dir).resolve(name);
			Files.createDirectories(file.getParent());
			loader.save(file.toString(), SWT.IMAGE_PNG);
			image.dispose();
			return file;
		});
	}

	/** Opens the Problems view's first group (Errors), as a person would with the arrow key. */
	static void expandProblems() {
		run(() -> {
			org.eclipse.ui.IViewPart view = page().findView("org.eclipse.ui.views.ProblemView");
			if (view == null) {
				return;
			}
			org.eclipse.swt.widgets.Tree tree = find(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(),
					org.eclipse.swt.widgets.Tree.class, t -> t.getItemCount() > 0 && t.getItem(0).getText().startsWith("Errors"));
			if (tree == null) {
				return;
			}
			if (tree.getColumnCount() > 0) {
				tree.getColumn(0).setWidth(620); // room for the whole message
			}
			tree.setFocus();
			tree.setSelection(tree.getItem(0));
			for (int type : new int[] { SWT.KeyDown, SWT.KeyUp }) {
				org.eclipse.swt.widgets.Event e = new org.eclipse.swt.widgets.Event();
				e.type = type;
				e.keyCode = SWT.ARROW_RIGHT;
				tree.getDisplay().post(e);
			}
		});
		sleep(500);
	}

	static <W extends org.eclipse.swt.widgets.Control> W find(org.eclipse.swt.widgets.Control c, Class<W> type,
			java.util.function.Predicate<W> test) {
		if (type.isInstance(c) && test.test(type.cast(c))) {
			return type.cast(c);
		}
		if (c instanceof org.eclipse.swt.widgets.Composite parent) {
			for (org.eclipse.swt.widgets.Control child : parent.getChildren()) {
				W found = find(child, type, test);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	static boolean active(IEditorPart editor) {
		return sync(() -> page().getActiveEditor() == editor);
	}
}
