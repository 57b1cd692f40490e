package dev.domino.xen;

/** A Xen release, 4.17 and so on; compared numerically. */
public record XenVersion(int major, int minor) implements Comparable<XenVersion> {
	/** The oldest release with dom0less (booting.txt's xen,domain nodes: RELEASE-4.12.0:xen/arch/arm/domain_build.c:2077). */
	public static final XenVersion OLDEST = new XenVersion(4, 12);
	/** The newest release whose source Domino's facts were checked against. */
	public static final XenVersion NEWEST = new XenVersion(4, 22);

	public static XenVersion parse(String text) {
		if (text == null) {
			throw new IllegalArgumentException("a Xen version is MAJOR.MINOR, like 4.17");
		}
		String[] parts = text.split("\\.");
		if (parts.length < 2) {
			throw new IllegalArgumentException("a Xen version is MAJOR.MINOR, like 4.17");
		}
		try {
			return new XenVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
		} catch (NumberFormatException e) {
			throw new IllegalArgumentException("a Xen version is MAJOR.MINOR, like 4.17");
		}
	}

	public boolean atLeast(XenVersion other) {
		return compareTo(other) >= 0;
	}

	public boolean atLeast(int major, int minor) {
		return atLeast(new XenVersion(major, minor));
	}

	/** A release Domino knows the facts of. */
	public boolean known() {
		return atLeast(OLDEST) && NEWEST.atLeast(this);
	}

	@Override
	public int compareTo(XenVersion o) {
		return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
	}

	@Override
	public String toString() {
		return major + "." + minor;
	}
}
