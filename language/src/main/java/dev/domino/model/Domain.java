package dev.domino.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.domino.xen.XenFeature;

/**
 * A guest: a dom0less domain, or the classic dom0 that Xen boots from modules directly under
 * /chosen. {@code features} records where each version-gated property was written.
 */
public record Domain(String name, Kind kind, SourceLocation where, long vcpus, Memory memory, Kernel kernel,
		BootModule ramdisk, BootModule dtb, Devices devices, Located<Cpupool> cpupool, Options options,
		List<NameRef> after, Map<XenFeature, SourceLocation> features) {

	public enum Kind {
		/** A domain Xen builds from its /chosen/xen,domain node (dom0less). */
		DOMU,
		/** The hardware domain of a classic boot: multiboot modules directly under /chosen. */
		DOM0
	}

	/**
	 * Memory: its size (in bytes, given in KiB to Xen) and where it was written; static banks
	 * (xen,static-mem) when Xen must not allocate it; direct-map (guest addresses = host addresses).
	 */
	public record Memory(long size, SourceLocation where, List<Region> staticBanks, boolean directMap) {
		public boolean isStatic() {
			return !staticBanks.isEmpty();
		}
	}

	/**
	 * The kernel module (null while it is missing), its command line (null: none given) and where the
	 * kernel was named (the domain itself when it is not).
	 */
	public record Kernel(BootModule module, String args, SourceLocation where) {
	}

	/**
	 * What the domain sees of the hardware: the virtual PL011, passed-through devices, nr_spis; for
	 * dom0, the devices hidden from it although no domain takes them.
	 */
	public record Devices(boolean vpl011, List<Passthrough> passthroughs, Located<Long> nrSpis,
			List<Located<Device>> hidden) {
	}

	/**
	 * Dom0less options with no address in them; each null (or empty) when not written. {@code sve}
	 * is the vector length in bits, -1 for the hardware's maximum; {@code iommu} is the domain
	 * property passthrough ("enabled" / "disabled").
	 */
	public record Options(Enhanced enhanced, String llcColors, Set<Capability> capabilities, Located<Long> p2mMiB,
			Located<Long> grantFrames, Located<Long> maptrackFrames, Located<Long> grantVersion, Located<Long> sve,
			Located<Boolean> trapUnmapped, List<VcpuAffinity> affinities, Located<String> sci, Located<Boolean> iommu) {
	}

	/** vcpu N affinity "0-3,5": vCPU N may run on those physical CPUs only. */
	public record VcpuAffinity(long vcpu, String cpus, SourceLocation where) {
	}

	public enum Enhanced {
		NONE, ENABLED, NO_XENSTORE
	}

	public enum Capability {
		CONTROL(1), HARDWARE(2), XENSTORE(4);

		private final int bit;

		Capability(int bit) {
			this.bit = bit;
		}

		public int bit() {
			return bit;
		}
	}

	public boolean isDom0() {
		return kind == Kind.DOM0;
	}

	public boolean isStatic() {
		return memory.isStatic();
	}

	public boolean directMap() {
		return memory.directMap();
	}

	public List<Region> staticBanks() {
		return memory.staticBanks();
	}

	public List<Passthrough> passthroughs() {
		return devices.passthroughs();
	}

	public boolean vpl011() {
		return devices.vpl011();
	}

	public BootModule kernelModule() {
		return kernel.module();
	}
}
