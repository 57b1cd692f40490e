package dev.domino.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.eclipse.xtext.parser.impl.TokenRegionProvider;
import org.eclipse.xtext.util.ReplaceRegion;
import org.eclipse.xtext.util.TextRegion;
import org.junit.jupiter.api.Test;

import dev.domino.testing.Examples;
import dev.domino.testing.Workspace;

/**
 * Lexing from the edited line must widen every region exactly as Xtext's provider, which lexes
 * the whole file, does: on every example of the repository and on texts made to trip it (block
 * comments over lines, strings continued with a backslash, lines starting with white space).
 */
class LineTokenRegionProviderTest {
	private static final String TRICKY = """
			board b { // a comment "with a quote
			    cpus 2 /* a block comment
			domain d { over lines */ memory ram at 0x4000_0000 size 1G
			  \t
			device uart0 { compatible "a string \\
			continued on the next line" reg 0x900_0000 size 4K }
			/* two */ /* comments */ device x { compatible "x" }
			/*/ odd */ "unterminated
			}
			/* never closed
			system s on b {
			""";

	@Test
	void widensEveryRegionAsXtextDoes() throws Exception {
		TokenRegionProvider xtext = new TokenRegionProvider();
		Workspace.injector().injectMembers(xtext);
		TokenRegionProvider lines = Workspace.injector().getInstance(TokenRegionProvider.class);
		assertTrue(lines instanceof LineTokenRegionProvider, "the language binds it: " + lines.getClass());
		List<String> texts = new ArrayList<>();
		for (Path f : Examples.sources()) {
			texts.add(Files.readString(f));
		}
		assertTrue(texts.size() > 20, "the examples are found: " + texts.size());
		texts.add(TRICKY);
		texts.add(TRICKY.replace("\n", "\r\n"));
		Random random = new Random(11);
		int compared = 0;
		for (String text : texts) {
			for (int i = 0; i < 300; i++) {
				int offset = random.nextInt(text.length() + 1);
				int length = random.nextInt(Math.min(40, text.length() - offset) + 1);
				TextRegion region = new TextRegion(offset, length);
				assertEquals(xtext.getTokenRegion(text, region), lines.getTokenRegion(text, region),
						"region " + offset + "+" + length + " of\n" + text);
				String inserted = List.of("", "x", "\n", " ", "/*", "*/", "\"", "\\", "// c\n", "0x1").get(random.nextInt(10));
				String changed = text.substring(0, offset) + inserted + text.substring(offset + length);
				ReplaceRegion replace = new ReplaceRegion(offset, length, inserted);
				assertEquals(xtext.getTokenReplaceRegion(changed, replace), lines.getTokenReplaceRegion(changed, replace),
						"replacing " + offset + "+" + length + " by '" + inserted + "' in\n" + text);
				compared++;
			}
		}
		assertTrue(compared > 6000, "regions compared: " + compared);
	}

	@Test
	void startsAtALineThatIsATokenBoundary() {
		String text = "a {\n    b 1\nc 2\n  d\n";
		assertEquals(text.indexOf("d"), LineTokenRegionProvider.boundaryBefore(text, text.indexOf("d") + 1),
				"the first token of an indented line");
		assertEquals(text.indexOf("c 2"), LineTokenRegionProvider.boundaryBefore(text, text.indexOf("d") - 1),
				"an offset in the indentation: the line before");
		assertEquals(text.indexOf("c 2"), LineTokenRegionProvider.boundaryBefore(text.replace("c 2\n", "c 2\n \t \n"),
				text.indexOf("d") + 3), "a line of white space only is passed over");
		assertEquals(0, LineTokenRegionProvider.boundaryBefore("x /* open\ny\nz", 12), "inside a block comment");
		assertEquals(12, LineTokenRegionProvider.boundaryBefore("x /* c */\ny\nz", 12), "after a closed one");
		assertEquals(0, LineTokenRegionProvider.boundaryBefore("s \"a\\\nb\"", 7), "after an escaped line break");
	}
}
