package dev.domino.model;

/**
 * A board device given to a domain. {@code guestAddress} is where the guest sees the first
 * register range (null: the host address, as for direct-mapped domains).
 */
public record Passthrough(String device, boolean forceAssign, Long guestAddress, SourceLocation where,
		SourceLocation deviceWhere) {
}
