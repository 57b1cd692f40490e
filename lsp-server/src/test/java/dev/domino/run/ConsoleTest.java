package dev.domino.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Whose line is it: real console lines of Xen 4.17 and 4.20 (docs/boot-recipes.md). */
class ConsoleTest {
	@Test
	void domUsCarryTheirIdAndXenFollowsWhomItBuilds() {
		Console c = new Console(false);
		assertEquals(-1, c.read("Starting kernel ...").domain());
		c.read("(XEN) Xen version 4.17.5 (Debian 4.17.5+72-g01140da4e8-1) (pkg-xen-devel@lists.alioth.debian.org)");
		c.read("(XEN) *** LOADING DOMU cpus=1 memory=20000KB ***");
		assertEquals(1, c.building());
		c.read("(XEN) *** LOADING DOMU cpus=1 memory=20000KB ***");
		c.read("(XEN) Loading d2 kernel from boot module @ 0000000040400000");
		assertEquals(2, c.building());
		Console.Line l = c.read("(XEN) DOM2: DOMINO-BANNER rt: hello from a dom0less domain");
		assertEquals(2, l.domain());
		assertEquals("DOMINO-BANNER rt: hello from a dom0less domain", l.text());
		c.read("(XEN) *** Serial input to DOM0 (type 'CTRL-a' three times to switch input)");
		c.read("(XEN) Freed 352kB init memory.");
		assertEquals(-1, c.read("(XEN) d2v0: vGICD: unhandled word write 0x000000ffffffff to ICACTIVER4").domain());
		assertEquals(-1, c.read("(XEN) something Xen says").domain(), "4.17 prefixes every domU");
	}

	@Test
	void dom0sHvc0OutputIsRaw() {
		Console c = new Console(true);
		assertEquals(-1, c.read("## Executing script at 40200000").domain());
		c.read("(XEN) *** LOADING DOMAIN 0 ***");
		assertEquals(0, c.building());
		c.read("(XEN) DOM1: DOMINO-BANNER web: hello from a dom0less domain");
		Console.Line l = c.read("DOMINO-BANNER dom0: hello from dom0");
		assertEquals(0, l.domain());
		assertEquals("DOMINO-BANNER dom0: hello from dom0", l.text());
	}

	@Test
	void sinceXen418TheFocusedDomainPrintsWithoutItsPrefix() {
		Console c = new Console(false);
		c.read("(XEN) Xen version 4.20.5-pre (Debian 4.20.4+63-g7abfd2bce2-0+deb13u1) (pkg-xen-devel@alioth-lists.debian.net)");
		c.read("(XEN) *** LOADING DOMU cpus=1 memory=0x20000KB ***");
		c.read("(XEN) *** Serial input to DOM1 (type 'CTRL-a' three times to switch input)");
		assertEquals(-1, c.read("(XEN) d1v0: vGICD: unhandled word write 0x000000ffffffff to ICACTIVER4").domain());
		assertEquals(2, c.read("(XEN) DOM2: DOMINO-BANNER rt: hello from a dom0less domain").domain());
		Console.Line web = c.read("(XEN) DOMINO-BANNER web: hello from a dom0less domain");
		assertEquals(1, web.domain());
		assertEquals("DOMINO-BANNER web: hello from a dom0less domain", web.text());
		assertEquals(1, c.read("(XEN) [    0.000000] Booting Linux on physical CPU 0x0000000000 [0x411fd070]").domain());
	}
}
