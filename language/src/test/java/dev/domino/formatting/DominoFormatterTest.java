package dev.domino.formatting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionAccess;
import org.eclipse.xtext.formatting2.regionaccess.TextRegionAccessBuilder;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.junit.jupiter.api.Test;

import dev.domino.testing.Examples;
import dev.domino.testing.Workspace;

class DominoFormatterTest {
	static String format(String text) throws Exception {
		XtextResourceSet set = Workspace.injector().getInstance(XtextResourceSet.class);
		XtextResource resource = (XtextResource) set.createResource(URI.createURI("inmemory:/f.domino"));
		resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
		ITextRegionAccess access = Workspace.injector().getInstance(TextRegionAccessBuilder.class).forNodeModel(resource).create();
		FormatterRequest request = Workspace.injector().getInstance(FormatterRequest.class);
		request.setTextRegionAccess(access);
		request.setPreferences(new org.eclipse.xtext.preferences.MapBasedPreferenceValues(java.util.Map.of("indentation", "    ")));
		request.setExceptionHandler(e -> { throw new AssertionError("the formatter failed", e); });
		var replacements = Workspace.injector().getInstance(IFormatter2.class).format(request);
		return access.getRewriter().renderToString(replacements);
	}

	@Test
	void layoutKeepsTheWritersGroupsAndComments() throws Exception {
		assertEquals("""
				import "a.domino"
				import "b.domino"

				// the system
				system s on b {
				    xen 4.19 {
				        bootargs "x"
				    }

				    module linux kernel "bin/Image"                // shared

				    // the domain
				    domain web {
				        memory 64M
				        kernel linux args "a"

				        vcpus 1
				    }
				    event-channel ping {
				        web port 10
				        gpio port 11
				    }
				}

				board b {
				    cpus 1
				}
				""", format("""
				import "a.domino"
				import "b.domino"
				// the system
				system s on b {   xen 4.19 { bootargs "x" }

				    module linux kernel "bin/Image"                // shared


				    // the domain
				    domain web {

				      memory 64M
				      kernel linux   args "a"

				      vcpus 1 }
				    event-channel ping { web port 10 gpio port 11 }
				}
				board b { cpus 1 }
				"""));
	}

	@Test
	void importsAndTheFirstElement() throws Exception {
		assertEquals("import \"a.domino\"\n\nboard b {\n    cpus 1\n}\n", format("import \"a.domino\" board b { cpus 1 }\n"));
		assertEquals("import \"a.domino\"\n\nimport \"b.domino\"\n", format("import \"a.domino\"\n\n\n\nimport \"b.domino\"\n"));
		assertEquals("board b {\n}\n", format("board b {}\n"));
		assertEquals("board b {\n    cpus 1 // one\n    pa-bits 40\t// forty\n}\n", format("board b { cpus 1// one\n  pa-bits 40\t// forty\n}\n"));
	}

	/** Half-typed text (what an editor formats as often as finished text): no exception, no token lost. */
	@Test
	void textWithSyntaxErrorsKeepsItsTokens() throws Exception {
		for (String text : new String[] { "board b { cpus }\n", "system s on { domain a { memory 64M \n",
				"board b { cpus 1 } }}\n  system", "import\n", "board b { device u { reg 0x1000 size } }\n" }) {
			assertEquals(text.replaceAll("\\s+", ""), format(text).replaceAll("\\s+", ""), () -> "for " + text);
		}
		assertEquals("board b {\n    cpus\n}\n", format("board b { cpus }\n"));
	}

	/** Every example: formatting changes only white space and comments' spacing, and a second pass nothing. */
	@Test
	void examplesKeepTheirTokensAndFormatOnce() throws Exception {
		List<Path> files = Examples.sources();
		assertTrue(files.size() > 50, "examples found: " + files.size());
		for (Path p : files) {
			String text = Files.readString(p);
			String once = format(text);
			assertEquals(text.replaceAll("\\s+", ""), once.replaceAll("\\s+", ""), () -> p + " changed more than white space");
			assertEquals(once, format(once), () -> p + " formats differently a second time");
		}
	}
}
