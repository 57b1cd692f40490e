package dev.domino.eclipse.editor;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentListener;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.views.contentoutline.ContentOutlinePage;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;

import dev.domino.eclipse.DominoPlugin;
import dev.domino.eclipse.DominoServices.Symbol;

/**
 * The Outline view for a .domino editor: boards, systems, domains, modules, devices (Domino's document
 * symbols), refreshed half a second after typing stops; selecting an entry selects its name in the editor.
 */
public class DominoOutline extends ContentOutlinePage {
	private final ITextEditor editor;
	private final IDocumentListener changes = new IDocumentListener() {
		@Override
		public void documentAboutToBeChanged(DocumentEvent event) {
		}

		@Override
		public void documentChanged(DocumentEvent event) {
			scheduleRefresh();
		}
	};
	private boolean pending;

	public DominoOutline(ITextEditor editor) {
		this.editor = editor;
	}

	/** Gives the Generic Editor an outline for Domino files (it has none of its own). */
	public static final class Factory implements IAdapterFactory {
		@Override
		public <T> T getAdapter(Object adaptable, Class<T> type) {
			if (type == IContentOutlinePage.class && adaptable instanceof ITextEditor editor
					&& editor.getEditorInput() != null && editor.getEditorInput().getName().endsWith(".domino")) {
				return type.cast(new DominoOutline(editor));
			}
			return null;
		}

		@Override
		public Class<?>[] getAdapterList() {
			return new Class<?>[] { IContentOutlinePage.class };
		}
	}

	@Override
	public void createControl(Composite parent) {
		super.createControl(parent);
		TreeViewer viewer = getTreeViewer();
		viewer.setContentProvider(new ITreeContentProvider() {
			@Override
			public Object[] getElements(Object input) {
				return ((List<?>) input).toArray();
			}

			@Override
			public Object[] getChildren(Object parentElement) {
				return ((Symbol) parentElement).children().toArray();
			}

			@Override
			public Object getParent(Object element) {
				return null;
			}

			@Override
			public boolean hasChildren(Object element) {
				return !((Symbol) element).children().isEmpty();
			}
		});
		viewer.setLabelProvider(new LabelProvider() {
			@Override
			public String getText(Object element) {
				Symbol s = (Symbol) element;
				return s.name() + "  " + kind(s.kind());
			}
		});
		viewer.addSelectionChangedListener(e -> {
			if (e.getSelection() instanceof IStructuredSelection s && s.getFirstElement() instanceof Symbol symbol) {
				IDocument d = document();
				int start = Texts.offset(d, symbol.selection().line(), symbol.selection().character());
				int end = Texts.offset(d, symbol.selection().endLine(), symbol.selection().endCharacter());
				editor.selectAndReveal(start, Math.max(0, end - start));
			}
		});
		IDocument d = document();
		if (d != null) {
			d.addDocumentListener(changes);
		}
		refresh();
	}

	/** What a symbol kind means in Domino's words (the server's kinds: a board is a class, a domain a struct). */
	static String kind(String lspKind) {
		return switch (lspKind) {
		case "Class" -> "board";
		case "Namespace" -> "system";
		case "Struct" -> "domain";
		case "File" -> "module";
		case "Property" -> "device";
		case "Field" -> "memory";
		case "Enum" -> "cpupool";
		case "EnumMember" -> "cpu";
		case "Variable" -> "shared memory";
		default -> "";
		};
	}

	private IDocument document() {
		return editor.getDocumentProvider() == null ? null : editor.getDocumentProvider().getDocument(editor.getEditorInput());
	}

	private void scheduleRefresh() {
		if (pending) {
			return;
		}
		pending = true;
		Display.getCurrent().timerExec(500, () -> {
			pending = false;
			refresh();
		});
	}

	/** Reads the symbols of the editor's text now. */
	public void refresh() {
		TreeViewer viewer = getTreeViewer();
		IDocument d = document();
		Path path = Texts.path(d);
		if (viewer == null || viewer.getControl().isDisposed() || path == null) {
			return;
		}
		try {
			viewer.setInput(Texts.read(d, path, f -> f.outline(path)));
			viewer.expandToLevel(2);
		} catch (RuntimeException e) {
			DominoPlugin.bug("outlining " + path, e);
		}
	}

	/** The entries shown (for tests). */
	@SuppressWarnings("unchecked")
	public List<Symbol> symbols() {
		return getTreeViewer() == null ? List.of() : (List<Symbol>) getTreeViewer().getInput();
	}

	@Override
	public void dispose() {
		IDocument d = document();
		if (d != null) {
			d.removeDocumentListener(changes);
		}
		super.dispose();
	}
}
