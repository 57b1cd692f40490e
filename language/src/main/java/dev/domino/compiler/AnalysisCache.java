package dev.domino.compiler;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.resource.XtextResource;

import com.google.inject.Inject;
import com.google.inject.Singleton;

import dev.domino.files.FileFacts;
import dev.domino.files.FileInspector;
import dev.domino.resolve.Locations;
import dev.domino.rules.CheckContext;

/**
 * The analysis of an open file, shared by validation, hover, inlay hints and code lenses. An entry
 * stays valid while no file of the resource set (the file, its board, a module library) has been
 * parsed again (each keeps the same parse result object until its text changes) and no file it
 * read from disk (a kernel, a base DTB) has changed, appeared or gone. The entry hangs on the
 * resource itself, so it goes when the resource goes.
 */
@Singleton
public class AnalysisCache {
	private record Entry(Analysis analysis, CheckContext.Mode mode, Map<Resource, IParseResult> inputs) {
		boolean valid(CheckContext.Mode wanted, Resource resource) {
			if (wanted != mode || inputs.size() != resourcesOf(resource).size()) {
				return false;
			}
			for (Map.Entry<Resource, IParseResult> e : inputs.entrySet()) {
				if (e.getKey().getResourceSet() != resource.getResourceSet()
						|| e.getKey() instanceof XtextResource x && x.getParseResult() != e.getValue()) {
					return false;
				}
			}
			return true;
		}
	}

	private boolean filesUnchanged(Analysis analysis) {
		for (FileFacts f : analysis.inputFiles()) {
			if (!files.unchanged(f)) {
				return false;
			}
		}
		return true;
	}

	/** Where a resource keeps its entry. */
	private final class Holder extends AdapterImpl {
		Entry entry;

		@Override
		public boolean isAdapterForType(Object type) {
			return type == AnalysisCache.this;
		}
	}

	private final Analyzer analyzer;
	private final FileInspector files;

	@Inject
	public AnalysisCache(FileInspector files) {
		this.files = files;
		this.analyzer = new Analyzer(files, new Locations(uri -> uri.isFile() ? uri.toFileString() : uri.toString()),
				false);
	}

	public Analysis get(Resource resource, CheckContext.Mode mode) {
		Holder holder;
		synchronized (this) {
			holder = (Holder) EcoreUtil.getExistingAdapter(resource, this);
			if (holder == null) {
				holder = new Holder();
				resource.eAdapters().add(holder);
			}
		}
		synchronized (holder) {
			if (holder.entry != null && holder.entry.valid(mode, resource) && filesUnchanged(holder.entry.analysis())) {
				return holder.entry.analysis();
			}
			Analysis analysis = analyzer.analyse(List.of(resource), mode);
			holder.entry = new Entry(analysis, mode, inputs(resource)); // after: analysing may load imports
			return analysis;
		}
	}

	private static List<Resource> resourcesOf(Resource resource) {
		return resource.getResourceSet() == null ? List.of(resource) : resource.getResourceSet().getResources();
	}

	/** Every file the analysis may have read, with the parse result each was analysed at. */
	private static Map<Resource, IParseResult> inputs(Resource resource) {
		Map<Resource, IParseResult> inputs = new IdentityHashMap<>();
		for (Resource r : List.copyOf(resourcesOf(resource))) {
			inputs.put(r, r instanceof XtextResource x ? x.getParseResult() : null);
		}
		return inputs;
	}
}
