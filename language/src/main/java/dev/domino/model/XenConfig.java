package dev.domino.model;

import dev.domino.xen.XenVersion;

/**
 * The hypervisor of a system: its version, image, command line (as written, and as Xen gets it: with
 * dom0's dom0_mem= and dom0_max_vcpus=), static heap, XSM policy module and the .config its image was
 * built with (given, or found next to the image; both may be null); on MPU boards its start address ({@code startAddress} null with
 * {@code startAuto}: Domino chooses) and, when given, how many MPU regions its image takes.
 */
public record XenConfig(XenVersion version, SourceLocation versionWhere, BootModule image, String bootargs,
		SourceLocation bootargsWhere, String commandLine, Region heap, Long startAddress, boolean startAuto,
		SourceLocation startWhere, Integer mpuImageRegions, BootModule policy, XenBuild build,
		SourceLocation where) {

	/** The same Xen, started with {@code line}. */
	public XenConfig withCommandLine(String line) {
		return new XenConfig(version, versionWhere, image, bootargs, bootargsWhere, line, heap, startAddress,
				startAuto, startWhere, mpuImageRegions, policy, build, where);
	}
}
