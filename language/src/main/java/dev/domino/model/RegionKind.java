package dev.domino.model;

/** What a range of the physical address space is. */
public enum RegionKind {
	RAM_BANK("memory bank", false),
	RESERVED("reserved memory", true),
	DEVICE("device registers", false),
	BOOT_SCRIPT("boot script", true),
	MODULE("boot module", true),
	XEN_IMAGE("Xen image", true),
	HOST_DTB("device tree", true),
	STATIC_MEMORY("static memory", true),
	STATIC_HEAP("static heap", true),
	SHARED_MEMORY("shared memory", true),
	SECTION("MPU section", false),
	BOOT_WINDOW("boot window", false);

	private final String description;
	private final boolean ram;

	RegionKind(String description, boolean ram) {
		this.description = description;
		this.ram = ram;
	}

	public String description() {
		return description;
	}

	/** Must lie inside a memory bank. */
	public boolean isRam() {
		return ram;
	}
}
