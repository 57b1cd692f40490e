package dev.domino.rules;

import dev.domino.files.FileFacts;
import dev.domino.files.FileType;
import dev.domino.model.Domain;
import dev.domino.model.Region;
import dev.domino.model.U64;
import dev.domino.placement.PlacedSystem;
import dev.domino.xen.GuestLayout;

/**
 * How Xen fits a domain's kernel, device tree and ramdisk into its first memory bank
 * (RELEASE-4.17.0:xen/arch/arm/kernel.c:70-122 place_modules, unchanged in placement through 4.22):
 * the kernel at the bank's base (+ text_offset) for an arm64 Image, at the top of the first 128 MiB
 * for an arm32 zImage; the DTB and ramdisk (each rounded to 2 MiB) at 128 MiB, else at the bank's
 * end, else below the kernel. Xen reads the file's size, never the header's image_size, so what the
 * kernel clears as BSS must be kept clear too.
 */
final class FirstBank {
	static final long MIB2 = 2L << 20;
	static final long MIB128 = 128L << 20;
	/** The slot Xen keeps for the domain's DTB: its real size is at most a few KiB, rounded to 2 MiB. */
	static final long DTB_SLOT = MIB2;

	/** Why the kernel, DTB and ramdisk do not fit, or null when they do. */
	record Misfit(String why, long needed) {
	}

	private FirstBank() {
	}

	/** The first bank's size: what Xen gives a domain before anything else (research: allocate_memory, dom0 1:1). */
	static long size(PlacedSystem placed, Domain d) {
		long memory = d.memory().size();
		if (d.isDom0()) {
			// dom0's 1:1 banks come from the buddy allocator: only 128 MiB below the rest is sure
			return U64.min(memory, MIB128);
		}
		if (d.isStatic() && d.directMap()) {
			return d.staticBanks().get(0).size();
		}
		long total = d.isStatic() ? d.staticBanks().stream().mapToLong(Region::size).sum() : memory;
		return U64.min(total, GuestLayout.RAM0.size());
	}

	static Misfit check(PlacedSystem placed, Domain d) {
		if (d.kernelModule() == null || d.kernelModule().file() == null || !d.kernelModule().file().facts().ok()) {
			return null;
		}
		FileFacts kernel = d.kernelModule().file().facts().kernel();
		long bank = size(placed, d);
		long ramdisk = d.ramdisk() == null ? 0 : d.ramdisk().loadSize();
		long modules = roundUp(ramdisk) + DTB_SLOT;
		if (kernel.type() == FileType.ARM64_IMAGE) {
			return arm64(kernel, bank, modules);
		}
		if (kernel.type() == FileType.ARM32_ZIMAGE) {
			return arm32(kernel, bank, modules);
		}
		return null;
	}

	private static Misfit arm64(FileFacts k, long bank, long modules) {
		long t = k.textOffset();
		long f = k.size();
		long s = k.imageSize() != 0 ? k.imageSize() : f;
		long kernelEnd = t + f;
		long kernelSize = roundUp(kernelEnd) - t;
		if (U64.gt(modules + kernelSize, bank)) {
			return new Misfit("Xen panics \"Not enough memory in the first bank for the kernel+dtb+initrd\"",
					roundUp(kernelEnd) + modules);
		}
		boolean at128 = U64.ge(bank, MIB128 + modules) && U64.lt(kernelEnd, MIB128);
		boolean atEnd = U64.gt(bank - modules, roundUp(kernelEnd));
		boolean below = U64.gt(t, modules);
		if (!at128 && !atEnd && !below) {
			return new Misfit("Xen panics \"Unable to find suitable location for dtb+initrd\"",
					roundUp(kernelEnd) + modules + MIB2);
		}
		// Linux clears its BSS up to image_size: where Xen puts the DTB and ramdisk must be above it
		long loaded = roundUp(t + Math.max(f, s));
		boolean clear = at128 ? U64.le(t + s, MIB128) : !atEnd || U64.ge(bank - modules, loaded);
		if (!clear) {
			return new Misfit("Xen places the device tree and ramdisk where the kernel's BSS goes (the image size"
					+ " in its header, " + U64.approx(s) + ", is more than the file): Linux overwrites them and does"
					+ " not boot", loaded + modules);
		}
		return null;
	}

	private static Misfit arm32(FileFacts k, long bank, long modules) {
		long length = k.imageSize() != 0 ? k.imageSize() : k.size();
		long load = U64.alignDown(U64.min(MIB128, bank) - Math.min(length, U64.min(MIB128, bank)), MIB2);
		long kernelEnd = roundUp(load + length);
		if (U64.gt(kernelEnd - load + modules, bank)) {
			return new Misfit("Xen panics \"Not enough memory in the first bank for the kernel+dtb+initrd\"",
					roundUp(length) + modules);
		}
		boolean at128 = U64.ge(bank, MIB128 + modules) && U64.lt(load + length, MIB128);
		boolean atEnd = U64.gt(bank - modules, kernelEnd);
		boolean below = U64.gt(load, modules);
		if (!at128 && !atEnd && !below) {
			return new Misfit("Xen panics \"Unable to find suitable location for dtb+initrd\"",
					roundUp(length) + modules + MIB2);
		}
		return null;
	}

	static long roundUp(long v) {
		try {
			return U64.alignUp(v, MIB2);
		} catch (ArithmeticException e) {
			return -1L;
		}
	}
}
