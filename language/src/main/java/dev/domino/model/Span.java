package dev.domino.model;

/**
 * An address range [base, base + size) in unsigned 64-bit arithmetic. {@link #last()} is the
 * inclusive end, which never wraps for a range that does not {@link #wraps() wrap}.
 */
public record Span(long base, long size) {

	/** Inclusive last address. */
	public long last() {
		return base + size - 1;
	}

	/** Exclusive end; 0 when the range ends exactly at 2^64. */
	public long end() {
		return base + size;
	}

	/** True when the range is empty or runs past 2^64. */
	public boolean wraps() {
		return size == 0 || U64.lt(base + size - 1, base);
	}

	public boolean contains(long address) {
		return U64.le(base, address) && U64.le(address, last());
	}

	public boolean contains(Span other) {
		return U64.le(base, other.base) && U64.le(other.last(), last());
	}

	public boolean overlaps(Span other) {
		return U64.le(base, other.last()) && U64.le(other.base, last());
	}

	/** [0x4080_0000, 0x4280_0000) */
	public String describe() {
		return U64.range(base, size);
	}
}
