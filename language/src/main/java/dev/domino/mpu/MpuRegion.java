package dev.domino.mpu;

import dev.domino.model.SourceLocation;

/**
 * One planned MPU region (PRBAR/PRLAR pair): base and inclusive limit, access attributes, who it
 * serves, and how many hardware regions the row stands for (Xen's image is split by its linker
 * script into several regions of one range). {@code hasRange} is false for regions Xen places
 * itself at boot (the frame table), whose address Domino cannot know.
 */
public record MpuRegion(long base, long limit, Attributes attributes, String owner, String what, int count,
		boolean hasRange, SourceLocation where) {

	public enum Attributes {
		RX_NORMAL("RX  normal"), RO_NORMAL("RO  normal"), RW_NORMAL("RW  normal"), RW_DEVICE("RW  device-nGnRE"),
		XEN_IMAGE("per section");

		private final String text;

		Attributes(String text) {
			this.text = text;
		}

		public String text() {
			return text;
		}
	}

	public long size() {
		return limit - base + 1;
	}
}
