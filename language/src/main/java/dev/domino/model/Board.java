package dev.domino.model;

import java.util.List;
import java.util.Optional;

/** The hardware: what the board is, independent of what runs on it. */
public record Board(String name, Arch arch, Profile profile, int paBits, List<Cpu> cpus, boolean cpusNamed,
		List<Region> banks, List<Region> reserved, List<Device> devices, InputFile baseDtb, int mpuRegions,
		PsciMethod psci, SourceLocation where) {

	public enum PsciMethod {
		SMC, HVC
	}

	public boolean hasMpu() {
		return profile == Profile.ARMV8R;
	}

	public Optional<Device> device(String deviceName) {
		return devices.stream().filter(d -> d.name().equals(deviceName)).findFirst();
	}

	public Optional<Cpu> cpu(String cpuName) {
		return cpus.stream().filter(c -> c.name().equals(cpuName)).findFirst();
	}

	/** The interrupt controller, if the board declares one. */
	public Optional<Device> gic() {
		return devices.stream().filter(Device::isInterruptController).findFirst();
	}

	/** The GIC's architecture version, 2 or 3 (a guest's virtual GIC is the host's); 3 when unknown. */
	public int gicVersion() {
		return gic().map(g -> g.isCompatible("arm,gic-v3") ? 3
				: g.isCompatible("arm,gic-400") || g.isCompatible("arm,cortex-a15-gic")
						|| g.isCompatible("arm,cortex-a9-gic") || g.isCompatible("arm,cortex-a7-gic")
						|| g.isCompatible("arm,gic-v2") ? 2 : 3)
				.orElse(3);
	}
}
