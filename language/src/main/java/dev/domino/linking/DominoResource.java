package dev.domino.linking;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.emf.ecore.impl.EClassImpl;
import org.eclipse.xtext.linking.lazy.LazyLinkingResource;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.LazyStringInputStream;

/**
 * A Domino file. It tells the linker when the model was brought up to date by a partial parse
 * rather than built anew, so that only what the edit touched is linked again. It reads only
 * regular files on this machine, of at most {@link #MAX_BYTES}: a FIFO would block the read for
 * ever, a URL would go to the network, a huge file would exhaust memory in the parser.
 *
 * <p>It also knows which of its objects hold lazy links not yet resolved (every one is
 * registered through {@link #addLazyProxyInformation}), so resolving them visits those objects
 * only: Xtext walks the whole model for it, twice per edit (builder and validator), which at
 * 20,000 lines was a sixth of an edit's time.
 */
public class DominoResource extends LazyLinkingResource {
	/** Far more than the largest system measured (100,000 ranges in bench/check-scaling.sh: 6 MB). */
	public static final int MAX_BYTES = 16 << 20;

	private boolean partialUpdate;
	/** The objects that were given a lazy link since the last resolution, in the order they were linked. */
	private Set<EObject> proxySources = new LinkedHashSet<>();

	@Override
	public void update(int offset, int replacedTextLength, String newText) {
		partialUpdate = true;
		try {
			super.update(offset, replacedTextLength, newText);
		} finally {
			partialUpdate = false;
		}
	}

	/** True while the model is being linked after a partial parse. */
	boolean isPartialUpdate() {
		return partialUpdate;
	}

	@Override
	public int addLazyProxyInformation(EObject obj, EReference ref, INode node) {
		proxySources.add(obj);
		return super.addLazyProxyInformation(obj, ref, node);
	}

	@Override
	public void clearLazyProxyInformation() {
		proxySources = new LinkedHashSet<>();
		super.clearLazyProxyInformation();
	}

	/**
	 * Resolves the lazy links of the objects linked since the last call, as Xtext's walk over
	 * every object would (same objects, same order, so the same diagnostics), and forgets them;
	 * a cancelled call leaves the rest for the next.
	 */
	@Override
	public void resolveLazyCrossReferences(CancelIndicator mon) {
		CancelIndicator monitor = mon == null ? CancelIndicator.NullImpl : mon;
		List<EObject> sources = new ArrayList<>(proxySources);
		for (EObject object : sources) {
			operationCanceledManager.checkCanceled(monitor);
			if (object.eResource() == this) {
				InternalEObject source = (InternalEObject) object;
				EStructuralFeature[] references = ((EClassImpl.FeatureSubsetSupplier) source.eClass()
						.getEAllStructuralFeatures()).crossReferences();
				if (references != null) {
					for (EStructuralFeature reference : references) {
						resolveLazyCrossReference(source, reference);
					}
				}
			}
			proxySources.remove(object);
		}
	}

	@Override
	protected void doUnload() {
		proxySources = new LinkedHashSet<>();
		super.doUnload();
	}

	/** Loading from the URI (a file an import names, or the command line's): refused before it is opened. */
	@Override
	public void load(Map<?, ?> options) throws IOException {
		String problem = isLoaded() ? null : unreadable(getURI());
		if (problem != null) {
			throw new IOException(getURI().lastSegment() + " " + problem);
		}
		super.load(options);
	}

	/** Why the file at {@code uri} cannot be read as a Domino file, or null (also when it does not exist). */
	public static String unreadable(URI uri) {
		if (!uri.isFile()) {
			return uri.scheme() == null || uri.isPlatform() ? null : "is not a file on this machine";
		}
		Path file;
		try {
			file = Path.of(uri.toFileString());
		} catch (java.nio.file.InvalidPathException e) {
			return "is not a valid path";
		}
		if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
			return null; // the caller says that it does not exist
		}
		if (!Files.isRegularFile(file)) {
			return "is not a regular file (a folder, a device or a symlink loop)";
		}
		if (!Files.isReadable(file)) {
			return "cannot be read (permission denied)";
		}
		try {
			return Files.size(file) > MAX_BYTES ? "is larger than " + (MAX_BYTES >> 20) + " MiB, the most a Domino file may be"
					: null;
		} catch (IOException e) {
			return "cannot be read (" + e.getMessage() + ")";
		}
	}

	@Override
	protected Reader createReader(InputStream in) throws IOException {
		if (in instanceof LazyStringInputStream text) {
			if (text.getString().length() > MAX_BYTES) {
				throw tooLarge();
			}
			return super.createReader(in);
		}
		byte[] bytes = in.readNBytes(MAX_BYTES + 1);
		if (bytes.length > MAX_BYTES) {
			throw tooLarge();
		}
		return new InputStreamReader(new ByteArrayInputStream(bytes), getEncoding());
	}

	private IOException tooLarge() {
		return new IOException(getURI().lastSegment() + " is larger than " + (MAX_BYTES >> 20)
				+ " MiB, the most a Domino file may be");
	}
}
