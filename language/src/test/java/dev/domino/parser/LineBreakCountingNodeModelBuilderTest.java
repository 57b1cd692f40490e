package dev.domino.parser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.impl.RootNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.LineAndColumn;
import org.junit.jupiter.api.Test;

import dev.domino.testing.Workspace;

/** Our root node must find the line breaks Xtext's finds, and stay the root through partial parses. */
class LineBreakCountingNodeModelBuilderTest {
	/** Xtext's own computation, reached through a subclass. */
	static final class XtextRoot extends RootNode {
		int[] breaks(String text) {
			return super.computeLineBreaks(text);
		}
	}

	static final class OurRoot extends LineBreakCountingNodeModelBuilder.Root {
		int[] breaks(String text) {
			return computeLineBreaks(text);
		}
	}

	@Test
	void findsTheLineBreaksXtextFinds() {
		List<String> texts = new java.util.ArrayList<>(List.of("", "a", "\n", "\r", "\r\n", "\n\r", "\r\r\n\n",
				"a\nb\r\nc\rd\n", "\r\n\r\n\r", "x".repeat(100) + "\n".repeat(100)));
		Random random = new Random(5);
		for (int i = 0; i < 500; i++) {
			StringBuilder s = new StringBuilder();
			for (int n = random.nextInt(200); n > 0; n--) {
				s.append("ab \t\r\n".charAt(random.nextInt(6)));
			}
			texts.add(s.toString());
		}
		for (String text : texts) {
			assertArrayEquals(new XtextRoot().breaks(text), new OurRoot().breaks(text), () -> "for " + text.replace("\r", "\\r").replace("\n", "\\n"));
		}
	}

	@Test
	void theParserMakesItAndLinesStayRightAfterPartialParses() throws Exception {
		String text = "board b {\r\n    cpus 2\n    memory ram at 0x4000_0000 size 1G\r\n}\n";
		XtextResourceSet set = Workspace.injector().getInstance(XtextResourceSet.class);
		XtextResource resource = (XtextResource) set.createResource(URI.createURI("inmemory:/lines.domino"));
		resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
		for (String edit : new String[] { "\n\n", "\r\n", "cpus 4\n    ", "" }) {
			int offset = resource.getParseResult().getRootNode().getText().indexOf("cpus");
			resource.update(offset, 0, edit);
			ICompositeNode root = resource.getParseResult().getRootNode();
			assertTrue(root instanceof LineBreakCountingNodeModelBuilder.Root, root.getClass().getName());
			String now = root.getText();
			for (ILeafNode leaf : root.getLeafNodes()) {
				int line = 1;
				int lineStart = 0;
				for (int i = 0; i < leaf.getOffset(); i++) {
					char c = now.charAt(i);
					if (c == '\n' || (c == '\r' && (i + 1 >= now.length() || now.charAt(i + 1) != '\n'))) {
						line++;
						lineStart = i + 1;
					}
				}
				LineAndColumn at = NodeModelUtils.getLineAndColumn(root, leaf.getOffset());
				assertEquals(line, at.getLine(), "line of '" + leaf.getText() + "' after inserting " + edit);
				assertEquals(leaf.getOffset() - lineStart + 1, at.getColumn(), "column of '" + leaf.getText() + "'");
			}
		}
	}
}
