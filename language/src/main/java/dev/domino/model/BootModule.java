package dev.domino.model;

import java.util.List;

/**
 * A file loaded into RAM before Xen starts: a kernel, ramdisk, partial device tree or XSM policy
 * (or Xen itself). One module may serve several domains: it is loaded once. A module Domino writes
 * itself has a {@code generatedName}: a domain's passthrough DTB (no input file), or an input file
 * wrapped for the boot loader (an arm32 Xen as a legacy uImage for bootm).
 */
public record BootModule(String name, Role role, InputFile file, String generatedName, Region region,
		long loadSize, List<String> users, SourceLocation where) {

	public enum Role {
		KERNEL("kernel"), RAMDISK("ramdisk"), DTB("device tree"), XSM("XSM policy"), XEN("Xen image");

		private final String description;

		Role(String description) {
			this.description = description;
		}

		public String description() {
			return description;
		}
	}

	public boolean isGenerated() {
		return file == null;
	}

	/** An input file that Domino writes out wrapped (xen.uimg): loaded under the generated name. */
	public boolean isWrapped() {
		return file != null && generatedName != null;
	}

	/** The file name the boot script loads. */
	public String bootName() {
		return generatedName != null ? generatedName : file.bootName();
	}
}
