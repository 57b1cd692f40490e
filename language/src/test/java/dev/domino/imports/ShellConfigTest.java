package dev.domino.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** ImageBuilder configs are bash: read as bash reads them, without running anything. */
class ShellConfigTest {
	@Test
	void quotingEscapesCommentsArraysAndExpansions() {
		ShellConfig c = ShellConfig.parse("""
				# a comment
				MEMORY_START="0x0"   # trailing comment
				MEMORY_END=0x80000000
				export XEN='xen image'
				XEN_CMD="console=dtuart dtuart=\\"serial0\\" # not a comment"
				DIR=images
				DOMU_KERNEL[0]="$DIR/Image-domU"
				DOMU_KERNEL[1]=${DIR}/Image-${DIR}
				DOMU_MEM[1]=$(( 256 * 2 ))
				DOMU_CMD[1]="console=ttyAMA0 \\
				 root=/dev/ram0"
				LIST=(a "b c" 'd e')
				A=1; B=2 C="${MISSING:-fallback}"
				NUM=0x10
				D=$((NUM + 1)) E=${DOMU_KERNEL[1]}
				PATHS="/a/b /c/d"
				F=\\$notexpanded
				""");
		assertEquals("0x0", c.get("MEMORY_START"));
		assertEquals("0x80000000", c.get("MEMORY_END"));
		assertEquals("xen image", c.get("XEN"));
		assertEquals("console=dtuart dtuart=\"serial0\" # not a comment", c.get("XEN_CMD"));
		assertEquals("images/Image-domU", c.get("DOMU_KERNEL", 0));
		assertEquals("images/Image-images", c.get("DOMU_KERNEL", 1));
		assertEquals("512", c.get("DOMU_MEM", 1));
		assertEquals("console=ttyAMA0  root=/dev/ram0", c.get("DOMU_CMD", 1));
		assertEquals(List.of("a", "b c", "d e"), List.copyOf(c.variables().get("LIST").elements().values()));
		assertEquals("1", c.get("A"));
		assertEquals("2", c.get("B"));
		assertEquals("fallback", c.get("C"));
		assertEquals("17", c.get("D"));
		assertEquals("images/Image-images", c.get("E"));
		assertEquals("/a/b /c/d", c.get("PATHS"));
		assertEquals("$notexpanded", c.get("F"));
		assertNull(c.get("DOMU_KERNEL", 2));
		assertEquals(List.of(), c.problems(), "nothing in this config needs a shell");
		assertEquals(10, c.variables().get("DOMU_CMD").line(), "variables know the line they were set on");
	}

	@Test
	void whatWouldNeedAShellIsReportedByLineAndNothingRuns() {
		ShellConfig c = ShellConfig.parse("""
				XEN=xen
				if [ -f foo ]; then
				  XEN=other
				fi
				KERNEL=$(ls /boot | head -1)
				RAMDISK=`date`
				CMD="$UNSET_VARIABLE tail"
				rm -rf /
				""");
		List<String> problems = c.problems().stream().map(ShellConfig.Problem::toString).toList();
		assertTrue(problems.contains("line 2: 'if [ -f foo ]; then' is a command, not an assignment: the config is read, never run"),
				problems.toString());
		assertTrue(problems.contains("line 4: 'fi' is a command, not an assignment: the config is read, never run"),
				problems.toString());
		assertTrue(problems.stream().anyMatch(p -> p.startsWith("line 5: command substitution $(ls /boot | head -1) is not run")),
				problems.toString());
		assertTrue(problems.stream().anyMatch(p -> p.startsWith("line 6: command substitution `...` is not run")),
				problems.toString());
		assertTrue(problems.contains("line 7: $UNSET_VARIABLE is not set earlier in the config (the environment is not read)"),
				problems.toString());
		assertTrue(problems.contains("line 8: 'rm -rf /' is a command, not an assignment: the config is read, never run"),
				problems.toString());
		assertEquals("other", c.get("XEN"), "assignments inside a block are still read, as the last value wins in bash");
		assertEquals("", c.get("KERNEL"));
		assertEquals(" tail", c.get("CMD"));
	}

	@Test
	void unterminatedQuotesAndArraysAreProblemsNotCrashes() {
		for (String text : List.of("A=\"open", "A='open", "A=(a b", "A=${B", "A[x=1", "A=$((1 +", "=\n", "A[", "A=\\")) {
			ShellConfig c = ShellConfig.parse(text);
			assertTrue(c.variables().size() <= 1, text);
		}
		assertTrue(ShellConfig.parse("A=\"open").problems().get(0).message().contains("quote is not closed"));
		assertTrue(ShellConfig.parse("A=(a b").problems().get(0).message().contains("is not closed"));
	}

	@Test
	void arithmeticAsBashDoesIt() {
		assertEquals(0x4000_0000L + (512L << 20), Arithmetic.evaluate("0x40000000 + 512 * 1024 * 1024", n -> null));
		assertEquals(8L, Arithmetic.evaluate("010", n -> null), "a leading 0 is octal");
		assertEquals(6L, Arithmetic.evaluate("(1 + 2) * X", n -> n.equals("X") ? 2L : null));
		assertEquals(3L, Arithmetic.evaluate("7 & 3 | 1 ^ 0", n -> null));
		assertEquals(-4L, Arithmetic.evaluate("-(2 << 1)", n -> null));
		assertNull(Arithmetic.evaluate("1 / 0", n -> null));
		assertNull(Arithmetic.evaluate("2 +", n -> null));
		assertNull(Arithmetic.evaluate("Y + 1", n -> null));
	}
}
