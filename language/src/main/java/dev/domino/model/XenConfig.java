package dev.domino.model;

import dev.domino.xen.XenVersion;

/**
 * The hypervisor of a system: its version, image, command line and static heap; on MPU boards
 * its start address ({@code startAddress} null with {@code startAuto}: Domino chooses) and, when
 * given, how many MPU regions its image takes.
 */
public record XenConfig(XenVersion version, SourceLocation versionWhere, BootModule image, String bootargs,
		SourceLocation bootargsWhere, Region heap, Long startAddress, boolean startAuto, SourceLocation startWhere,
		Integer mpuImageRegions, SourceLocation where) {
}
