package dev.domino.linking;

import org.eclipse.emf.ecore.EClass;
import org.eclipse.xtext.diagnostics.DiagnosticMessage;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.linking.impl.LinkingDiagnosticMessageProvider;

/** Unresolved names are {@code order} diagnostics, worded as the language speaks: "unknown device 'uart9'". */
public class DominoLinkingDiagnosticMessageProvider extends LinkingDiagnosticMessageProvider {
	public static final String RULE = "order";

	@Override
	public DiagnosticMessage getUnresolvedProxyMessage(ILinkingDiagnosticContext context) {
		EClass type = context.getReference().getEReferenceType();
		String what = switch (type.getName()) {
		case "BootModule" -> "module";
		case "DominoSystem" -> "system";
		default -> type.getName().toLowerCase(java.util.Locale.ROOT);
		};
		String hint = switch (what) {
		case "board" -> ": import the file that declares it";
		case "device" -> ": it is not a device of the system's board";
		case "domain" -> ": it is not a domain of this system";
		case "module" -> ": declare it in the system or import a module library";
		default -> "";
		};
		return new DiagnosticMessage("unknown " + what + " '" + context.getLinkText() + "'" + hint, Severity.ERROR,
				RULE);
	}
}
