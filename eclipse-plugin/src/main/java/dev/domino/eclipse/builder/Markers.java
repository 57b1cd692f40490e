package dev.domino.eclipse.builder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;

import dev.domino.eclipse.DominoServices.Problem;

/** Domino's problems as Eclipse problem markers: severity, {@code message [rule-id]}, line, range, rule id, fixes. */
public final class Markers {
	public static final String TYPE = "dev.domino.eclipse.problem";
	public static final String RULE_ID = "ruleId";
	public static final String FIXES = "fixes";

	private Markers() {
	}

	public static void replace(IFile file, List<Problem> problems) throws CoreException {
		file.deleteMarkers(TYPE, false, IResource.DEPTH_ZERO);
		for (Problem p : problems) {
			Map<String, Object> a = new HashMap<>();
			a.put(IMarker.MESSAGE, p.text());
			a.put(IMarker.SEVERITY, severity(p));
			a.put(IMarker.LINE_NUMBER, p.line());
			a.put(IMarker.CHAR_START, p.offset());
			a.put(IMarker.CHAR_END, p.offset() + p.length());
			a.put(IMarker.SOURCE_ID, "Domino");
			a.put(RULE_ID, p.ruleId());
			if (p.fixData() != null) {
				a.put(FIXES, p.fixData());
			}
			file.createMarker(TYPE, a);
		}
	}

	public static int severity(Problem p) {
		return switch (p.severity()) {
		case ERROR -> IMarker.SEVERITY_ERROR;
		case WARNING -> IMarker.SEVERITY_WARNING;
		case INFO -> IMarker.SEVERITY_INFO;
		};
	}
}
