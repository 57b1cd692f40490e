package dev.domino.model;

/** Who a range belongs to. Two ranges of one owner may touch; of different owners they may not overlap. */
public record Owner(Kind kind, String name) {

	public enum Kind {
		/** The board itself: RAM banks and device registers. */
		BOARD,
		/** Reserved by firmware (TF-A, OP-TEE, the QEMU DTB, ...). */
		FIRMWARE,
		/** The hypervisor: its image, heap and the boot-time device tree. */
		XEN,
		/** The boot loader's own files: the boot script. */
		BOOT,
		/** A boot module, possibly shared by several domains. */
		MODULE,
		/** A guest domain. */
		DOMAIN,
		/** A shared-memory region between domains. */
		SHARED,
		/** An MPU section of the system. */
		SECTION
	}

	public static final Owner XEN = new Owner(Kind.XEN, "xen");
	public static final Owner BOOT = new Owner(Kind.BOOT, "boot");

	public static Owner board(String name) {
		return new Owner(Kind.BOARD, name);
	}

	public static Owner domain(String name) {
		return new Owner(Kind.DOMAIN, name);
	}

	public static Owner module(String name) {
		return new Owner(Kind.MODULE, name);
	}

	public String describe() {
		return switch (kind) {
		case BOARD -> "board " + name;
		case FIRMWARE -> "firmware";
		case XEN -> "Xen";
		case BOOT -> "the boot loader";
		case MODULE -> "module " + name;
		case DOMAIN -> "domain " + name;
		case SHARED -> "shared memory " + name;
		case SECTION -> "section " + name;
		};
	}
}
