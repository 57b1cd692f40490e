package dev.domino.xen;

/** A Xen release, 4.17 and so on; compared numerically. */
public record XenVersion(int major, int minor) implements Comparable<XenVersion> {

	public static XenVersion parse(String text) {
		String[] parts = text.split("\\.");
		if (parts.length < 2) {
			throw new IllegalArgumentException("a Xen version is MAJOR.MINOR, like 4.17");
		}
		return new XenVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
	}

	public boolean atLeast(XenVersion other) {
		return compareTo(other) >= 0;
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
