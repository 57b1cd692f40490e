package dev.domino.compiler;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.resource.XtextResource;

import com.google.inject.Inject;
import com.google.inject.Singleton;

import dev.domino.files.FileInspector;
import dev.domino.resolve.Locations;
import dev.domino.rules.CheckContext;

/**
 * The analysis of an open file, shared by validation, hover, inlay hints and code lenses. An entry
 * stays valid while neither the file nor any file it references (its board, a module library)
 * has been parsed again: each keeps the same parse result object until its text changes.
 */
@Singleton
public class AnalysisCache {
	private record Entry(Analysis analysis, CheckContext.Mode mode, Map<Resource, IParseResult> inputs) {
		boolean valid(CheckContext.Mode wanted) {
			if (wanted != mode) {
				return false;
			}
			for (Map.Entry<Resource, IParseResult> e : inputs.entrySet()) {
				if (!(e.getKey() instanceof XtextResource x) || x.getParseResult() != e.getValue()
						|| x.getResourceSet() == null) {
					return false;
				}
			}
			return true;
		}
	}

	private final Map<Resource, Entry> entries = Collections.synchronizedMap(new WeakHashMap<>());
	private final Analyzer analyzer;

	@Inject
	public AnalysisCache(FileInspector files) {
		this.analyzer = new Analyzer(files, new Locations(uri -> uri.isFile() ? uri.toFileString() : uri.toString()),
				false);
	}

	public Analysis get(Resource resource, CheckContext.Mode mode) {
		Entry entry = entries.get(resource);
		if (entry != null && entry.valid(mode)) {
			return entry.analysis();
		}
		Analysis analysis = analyzer.analyse(List.of(resource), mode);
		entries.put(resource, new Entry(analysis, mode, inputs(resource)));
		return analysis;
	}

	/** The file and every file it references, with the parse result each was analysed at. */
	private static Map<Resource, IParseResult> inputs(Resource resource) {
		Map<Resource, IParseResult> inputs = new IdentityHashMap<>();
		add(inputs, resource);
		for (java.util.Iterator<EObject> it = resource.getAllContents(); it.hasNext();) {
			for (EObject target : it.next().eCrossReferences()) {
				if (target.eResource() != null) {
					add(inputs, target.eResource());
				}
			}
		}
		return inputs;
	}

	private static void add(Map<Resource, IParseResult> inputs, Resource r) {
		if (!inputs.containsKey(r) && r instanceof XtextResource x) {
			inputs.put(r, x.getParseResult());
		}
	}
}
