package dev.domino.eclipse.commands;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.filebuffers.LocationKind;
import org.eclipse.core.resources.IFile;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.part.ViewPart;

import dev.domino.eclipse.DominoPlugin;
import dev.domino.eclipse.DominoServices;

/**
 * The memory map of a system: the same SVG Domino writes as memory-map.svg (drawn by SWT's SVG support), and
 * the text map below it. It shows the text as the editor has it, saved or not.
 */
public class MemoryMapView extends ViewPart {
	public static final String ID = "dev.domino.eclipse.memoryMapView";

	private Composite root;
	private Label title;
	private ScrolledComposite scroll;
	private Label picture;
	private Text text;
	private Image image;
	private String svg;

	@Override
	public void createPartControl(Composite parent) {
		root = new Composite(parent, SWT.NONE);
		root.setLayout(new GridLayout(1, false));
		title = new Label(root, SWT.NONE);
		title.setText("Run Domino: Show memory map on a .domino file.");
		title.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		// the picture beside the text map
		SashForm sash = new SashForm(root, SWT.HORIZONTAL);
		sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		scroll = new ScrolledComposite(sash, SWT.H_SCROLL | SWT.V_SCROLL | SWT.BORDER);
		picture = new Label(scroll, SWT.NONE);
		scroll.setContent(picture);
		text = new Text(sash, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER);
		text.setFont(org.eclipse.jface.resource.JFaceResources.getTextFont());
		sash.setWeights(3, 2);
	}

	/** Shows the map of {@code file}'s first system (or board). */
	public void show(IFile file) {
		Path path = file.getLocation().toPath();
		Map<String, Object> map;
		try {
			DominoServices.Files files = DominoServices.get().files();
			ITextFileBuffer buffer = FileBuffers.getTextFileBufferManager().getTextFileBuffer(file.getFullPath(),
					LocationKind.IFILE);
			if (buffer != null) {
				files.text(path, buffer.getDocument().get());
			}
			map = files.memoryMap(path);
		} catch (RuntimeException e) {
			DominoPlugin.bug("drawing the memory map of " + file.getFullPath(), e);
			return;
		}
		if (map.get("error") != null) {
			title.setText(file.getName() + ": " + map.get("error"));
			text.setText("");
			setImage(null);
			return;
		}
		title.setText(map.get("kind") + " " + map.get("name") + " (" + file.getName() + "): " + map.get("errors")
				+ " errors, " + map.get("warnings") + " warnings");
		text.setText(String.valueOf(map.get("text")));
		svg = String.valueOf(map.get("svg"));
		try {
			setImage(new Image(picture.getDisplay(), new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))));
		} catch (RuntimeException e) {
			// SWT without its SVG fragment: the text map still shows
			setImage(null);
		}
		setContentDescription(file.getName());
		root.layout(true, true);
	}

	private void setImage(Image next) {
		picture.setImage(next);
		if (image != null) {
			image.dispose();
		}
		image = next;
		picture.setSize(picture.computeSize(SWT.DEFAULT, SWT.DEFAULT));
	}

	/** The SVG last shown (for tests). */
	public String svg() {
		return svg;
	}

	/** The picture last drawn (for tests). */
	public Image image() {
		return image;
	}

	@Override
	public void setFocus() {
		scroll.setFocus();
	}

	@Override
	public void dispose() {
		if (image != null) {
			image.dispose();
		}
		super.dispose();
	}
}
