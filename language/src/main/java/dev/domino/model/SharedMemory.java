package dev.domino.model;

import java.util.List;

/** Static shared memory between domains: one host range, seen by each peer at its guest address. */
public record SharedMemory(String name, Region host, Peer owner, List<Peer> borrowers, SourceLocation where) {

	/**
	 * A domain sharing the region. {@code guestAddress} is where the domain sees it; null for a
	 * direct-mapped domain, which sees it at the host address.
	 */
	public record Peer(NameRef domain, Long guestAddress, SourceLocation where) {
	}

	/** Where a peer sees the region. */
	public long guestAddress(Peer peer) {
		return peer.guestAddress() != null ? peer.guestAddress() : host.base();
	}

	public java.util.List<Peer> peers() {
		java.util.List<Peer> all = new java.util.ArrayList<>();
		if (owner != null) {
			all.add(owner);
		}
		all.addAll(borrowers);
		return all;
	}
}
