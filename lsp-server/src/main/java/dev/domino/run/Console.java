package dev.domino.run;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells whose line a console line is, as Xen prints them (docs/boot-recipes.md): a domU's
 * {@code (XEN) DOMn: text}; dom0's hvc0 output raw, without any prefix, once Xen builds dom0; since
 * Xen 4.18 the domain that has the console input (DOM1 when there is no dom0) as {@code (XEN) text},
 * written through once Xen has switched the console input to it. Everything else is Xen's or U-Boot's.
 * Also follows which domain Xen is building, for the failures that do not name it.
 */
public final class Console {
	/** A line, the domain id that printed it (-1: Xen, U-Boot or QEMU) and the domain's text. */
	public record Line(String raw, int domain, String text) {
		public boolean isDomain() {
			return domain >= 0;
		}
	}

	private static final Pattern DOMU = Pattern.compile("^\\(XEN\\) DOM(\\d+): ?(.*)$");
	private static final Pattern XEN = Pattern.compile("^\\(XEN\\) ?(.*)$");
	private static final Pattern VERSION = Pattern.compile("^\\(XEN\\) Xen version (\\d+)\\.(\\d+)");
	private static final Pattern FOCUS = Pattern.compile("\\*\\*\\* Serial input to DOM(\\d+)");
	private static final Pattern LOADING_DOMU = Pattern.compile("\\*\\*\\* LOADING DOMU ");
	private static final Pattern LOADING_KERNEL = Pattern.compile("Loading d(\\d+) kernel from boot module");
	/** Xen's own lines after boot: per-vCPU messages, banners, the init-memory line. */
	private static final Pattern XEN_OWN = Pattern.compile(
			"^(d\\d+(v\\d+)?[: ]|\\*\\*\\*|Freed \\d+kB|Panic on CPU|Xen BUG at|Reboot in|\\s*$)");

	private final boolean hasDom0;
	private boolean xenStarted;
	private boolean dom0Started;
	private boolean initDone;
	private int version = -1;
	private int focus = -1;
	private int domUsLoaded;
	private int building = -1;

	public Console(boolean hasDom0) {
		this.hasDom0 = hasDom0;
	}

	public Line read(String raw) {
		Matcher m = DOMU.matcher(raw);
		if (m.find()) {
			return new Line(raw, Integer.parseInt(m.group(1)), m.group(2));
		}
		m = XEN.matcher(raw);
		if (m.find()) {
			xenStarted = true;
			String text = m.group(1);
			follow(raw, text);
			if (version >= 418 && focus >= 1 && initDone && !XEN_OWN.matcher(text).find()) {
				return new Line(raw, focus, text);
			}
			return new Line(raw, -1, text);
		}
		if (hasDom0 && dom0Started && !raw.isBlank()) {
			return new Line(raw, 0, raw);
		}
		return new Line(raw, -1, raw);
	}

	private void follow(String raw, String text) {
		Matcher m = VERSION.matcher(raw);
		if (m.find()) {
			version = Integer.parseInt(m.group(1)) * 100 + Integer.parseInt(m.group(2));
		}
		if (text.contains("*** LOADING DOMAIN 0 ***")) {
			dom0Started = true;
			building = 0;
		}
		if (LOADING_DOMU.matcher(text).find()) {
			building = ++domUsLoaded;
		}
		m = LOADING_KERNEL.matcher(text);
		if (m.find()) {
			building = Integer.parseInt(m.group(1));
		}
		m = FOCUS.matcher(text);
		if (m.find()) {
			focus = Integer.parseInt(m.group(1));
			initDone = true; // the last line of Xen's boot (4.17 prints "Freed ...kB init memory" after it, 4.20 not)
		}
		if (text.startsWith("Freed ") && text.contains("init memory")) {
			initDone = true;
		}
	}

	/** The domain id Xen is building or built last; -1 before any. */
	public int building() {
		return building;
	}

	/** Whether Xen has printed anything yet. */
	public boolean xenStarted() {
		return xenStarted;
	}

	/** Xen's major * 100 + minor from its banner, -1 before it. */
	public int xenVersion() {
		return version;
	}
}
