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

	@Test
	void leavesKeepTheirOffsetsThroughRandomPartialParses() throws Exception {
		assertTrue(LineBreakCountingNodeModelBuilder.renumbersItself(), "Xtext's leaf offset setter was not reached");
		String text = java.nio.file.Files.readString(dev.domino.testing.Examples.dir().resolve("qemu-virt/demo.domino"));
		XtextResourceSet set = Workspace.injector().getInstance(XtextResourceSet.class);
		XtextResource resource = (XtextResource) set.createResource(URI.createURI("inmemory:/edited.domino"));
		resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
		Random random = new Random(11);
		int moved = 0; // leaves after an edit that kept their node and had to move
		int kept = 0; // the same, for edits that kept the length
		for (int i = 0; i < 300; i++) {
			String now = resource.getParseResult().getRootNode().getText();
			// edits that keep the text valid, so that the parse stays partial: a digit, a space, a comment
			int offset;
			int replaced;
			String insert;
			if (i % 3 == 0) {
				offset = digitAt(now, random);
				replaced = 1;
				insert = String.valueOf(random.nextInt(10)).repeat(1 + random.nextInt(2)); // same length, or one more
			} else {
				offset = now.indexOf('\n', random.nextInt(now.length() - 1));
				offset = offset < 0 ? now.length() : offset;
				replaced = 0;
				insert = List.of(" ", "\n", " // note", "\n\n  ").get(random.nextInt(4));
			}
			java.util.Set<ILeafNode> before = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
			resource.getParseResult().getRootNode().getLeafNodes().forEach(before::add);
			resource.update(offset, replaced, insert);
			String edited = now.substring(0, offset) + insert + now.substring(offset + replaced);
			ICompositeNode root = resource.getParseResult().getRootNode();
			assertEquals(edited, root.getText());
			assertTrue(!resource.getParseResult().hasSyntaxErrors(), "edit " + i + " made a syntax error");
			int expected = 0;
			StringBuilder leaves = new StringBuilder();
			for (ILeafNode leaf : root.getLeafNodes()) {
				assertEquals(expected, leaf.getTotalOffset(), "leaf after edit " + i + " at " + offset);
				if (before.contains(leaf) && leaf.getTotalOffset() > offset + insert.length()) {
					if (insert.length() == replaced) {
						kept++;
					} else {
						moved++;
					}
				}
				expected += leaf.getTotalLength();
				leaves.append(leaf.getTotalOffset()).append(':').append(leaf.getText()).append('|');
			}
			assertEquals(edited.length(), expected, "the leaves cover the text after edit " + i);
			XtextResource fresh = (XtextResource) set.createResource(URI.createURI("inmemory:/fresh" + i + ".domino"));
			fresh.load(new ByteArrayInputStream(edited.getBytes(StandardCharsets.UTF_8)), null);
			StringBuilder freshLeaves = new StringBuilder();
			for (ILeafNode leaf : fresh.getParseResult().getRootNode().getLeafNodes()) {
				freshLeaves.append(leaf.getTotalOffset()).append(':').append(leaf.getText()).append('|');
			}
			assertEquals(freshLeaves.toString(), leaves.toString(), "after edit " + i);
			fresh.unload();
			set.getResources().remove(fresh);
		}
		assertTrue(moved > 1000 && kept > 1000, "leaves carried over an edit: moved " + moved + ", in place " + kept);
	}

	/** The offset of a random digit of a number written in hex (0x...), whose value any digit keeps valid. */
	private static int digitAt(String text, Random random) {
		while (true) {
			int at = text.indexOf("0x", random.nextInt(text.length()));
			if (at >= 0 && at + 2 < text.length() && Character.isDigit(text.charAt(at + 2))) {
				return at + 2;
			}
		}
	}
}
