package dev.domino.model;

/**
 * How the system boots: the U-Boot command, the command that loads each file, the window
 * modules are placed in, the boot script and the device tree Xen is started with.
 */
public record BootConfig(Command command, String loadCommand, SourceLocation loadWhere, Region window,
		Region script, DeviceTreeMode deviceTreeMode, Region deviceTree, SourceLocation where) {

	public enum Command {
		BOOTI, BOOTM, BOOTZ, NONE
	}

	/** prebaked: the compiled DTB is loaded as is. edit: the base DTB is edited by fdt commands at boot. */
	public enum DeviceTreeMode {
		PREBAKED, EDIT
	}

	public boolean hasScript() {
		return command != Command.NONE;
	}
}
