package dev.domino.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Static shared memory between domains: one host range, seen by each peer at its guest address.
 * With no owner domain, Xen owns it (DOMID_IO) and every peer borrows it.
 */
public record SharedMemory(String name, Region host, Peer owner, List<Peer> borrowers, SourceLocation where) {

	/**
	 * A domain sharing the region. {@code guestAddress} is where the domain sees it; null for a
	 * direct-mapped domain, which sees it at the host address.
	 */
	public record Peer(Domain domain, Long guestAddress, SourceLocation where) {
	}

	/** Where a peer sees the region placed at {@code hostBase}: its guest address, or the host address. */
	public static long guestAddress(Peer peer, long hostBase) {
		return peer.guestAddress() != null ? peer.guestAddress() : hostBase;
	}

	public List<Peer> peers() {
		List<Peer> all = new ArrayList<>();
		if (owner != null) {
			all.add(owner);
		}
		all.addAll(borrowers);
		return all;
	}

	/** The peer entry of a domain, or null when it does not share this region. */
	public Peer peerOf(Domain domain) {
		for (Peer p : peers()) {
			if (p.domain() == domain) {
				return p;
			}
		}
		return null;
	}
}
