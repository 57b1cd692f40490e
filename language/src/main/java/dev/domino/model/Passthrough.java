package dev.domino.model;

/**
 * A board device given to a domain. {@code guestAddress} is where the guest sees the first
 * register range (null: the host address, as for direct-mapped domains).
 */
public record Passthrough(Device device, boolean forceAssign, Long guestAddress, SourceLocation where,
		SourceLocation deviceWhere) {

	/** Where the guest sees the device's first register range. */
	public long guestBase(boolean directMap) {
		long host = device.regs().get(0).fixedBase();
		return directMap || guestAddress == null ? host : guestAddress;
	}
}
