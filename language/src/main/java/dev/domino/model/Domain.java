package dev.domino.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A dom0less guest. {@code staticBanks} is empty for dynamic memory (Xen allocates it);
 * {@code features} records where each version-gated property was written.
 */
public record Domain(String name, long vcpus, long memory, SourceLocation memoryWhere, List<Region> staticBanks,
		boolean directMap, BootModule kernel, String kernelArgs, SourceLocation kernelWhere, BootModule ramdisk,
		BootModule dtb, boolean vpl011, List<Passthrough> passthroughs, List<NameRef> after, NameRef cpupool,
		Long nrSpis, SourceLocation nrSpisWhere, Enhanced enhanced, String llcColors, Set<Capability> capabilities,
		Map<XenFeature, SourceLocation> features, SourceLocation where) {

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

	public boolean isStatic() {
		return !staticBanks.isEmpty();
	}
}
