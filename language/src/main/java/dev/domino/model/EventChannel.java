package dev.domino.model;

/**
 * A static event channel between two domains (booting.txt, xen,evtchn-v1): each end is a node in
 * its domain whose xen,evtchn names the local port and the other end. Port 0 is any free port.
 */
public record EventChannel(String name, End first, End second, SourceLocation where) {
	public record End(Domain domain, long port, SourceLocation where) {
	}
}
