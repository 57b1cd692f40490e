package dev.domino.fuzz;

import java.io.StringReader;

import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;

import dev.domino.testing.Workspace;

/** Text an importer writes must follow the grammar (a name or string it failed to quote would not). */
final class Syntax {
	private static IParser parser;

	private Syntax() {
	}

	static synchronized void parses(String what, String text) {
		if (parser == null) {
			parser = Workspace.injector().getInstance(IParser.class);
		}
		IParseResult result = parser.parse(new StringReader(text));
		for (INode error : result.getSyntaxErrors()) {
			throw new AssertionError(what + " does not parse at line " + error.getStartLine() + ": "
					+ error.getSyntaxErrorMessage().getMessage() + "\n" + text);
		}
	}
}
