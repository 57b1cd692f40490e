package dev.domino.model;

/**
 * One range of the physical address space: base and size as unsigned 64-bit values,
 * with its owner and where it was declared. A region written without an address is
 * {@link #isAuto() automatic}: placement gives it a base before rules and emitters see it.
 */
public final class Region {
	private final String id;
	private final RegionKind kind;
	private final Owner owner;
	private final String label;
	private final long size;
	private final long align;
	private final SourceLocation where;
	private final boolean auto;
	private long base;
	private boolean placed;
	private SourceLocation addressWhere;
	private SourceLocation sizeWhere;

	private Region(String id, RegionKind kind, Owner owner, String label, long base, long size, long align,
			boolean auto, SourceLocation where) {
		this.id = id;
		this.kind = kind;
		this.owner = owner;
		this.label = label;
		this.base = base;
		this.size = size;
		this.align = align;
		this.auto = auto;
		this.placed = !auto;
		this.where = where;
	}

	/** A range written with its address. */
	public static Region fixed(String id, RegionKind kind, Owner owner, String label, long base, long size,
			SourceLocation where) {
		return new Region(id, kind, owner, label, base, size, 1, false, where);
	}

	/** A range whose address Domino chooses, aligned to {@code align} (a power of two). */
	public static Region auto(String id, RegionKind kind, Owner owner, String label, long size, long align,
			SourceLocation where) {
		return new Region(id, kind, owner, label, 0, size, align, true, where);
	}

	/** Stable identifier, unique in a system: "domain.web.kernel", "board.ram0". */
	public String id() {
		return id;
	}

	public RegionKind kind() {
		return kind;
	}

	public Owner owner() {
		return owner;
	}

	/** Human name: "kernel of domain web", "memory bank ram0". */
	public String label() {
		return label;
	}

	public long base() {
		return base;
	}

	public long size() {
		return size;
	}

	/** Inclusive last address; base + size - 1 never wraps for a valid region. */
	public long last() {
		return base + size - 1;
	}

	/** Exclusive end; 0 when the range ends exactly at 2^64. */
	public long end() {
		return base + size;
	}

	public long align() {
		return align;
	}

	public boolean isAuto() {
		return auto;
	}

	/** False only for an automatic region that placement could not fit. */
	public boolean isPlaced() {
		return placed;
	}

	public SourceLocation where() {
		return where;
	}

	/** Records where the address and size values were written (for quick fixes); null when not written. */
	public Region describeValues(SourceLocation address, SourceLocation sizeText) {
		this.addressWhere = address;
		this.sizeWhere = sizeText;
		return this;
	}

	/** Where the address value is written, or null (automatic, or not written as a value). */
	public SourceLocation addressWhere() {
		return addressWhere;
	}

	/** Where the size value is written, or null. */
	public SourceLocation sizeWhere() {
		return sizeWhere;
	}

	/** Set once, by placement. */
	public void place(long newBase) {
		if (!auto) {
			throw new IllegalStateException(id + " has a fixed address");
		}
		this.base = newBase;
		this.placed = true;
	}

	/** True when the range runs past 2^64. */
	public boolean wraps() {
		return size == 0 || U64.lt(base + size - 1, base);
	}

	public boolean contains(long address) {
		return U64.le(base, address) && U64.le(address, last());
	}

	public boolean contains(Region other) {
		return U64.le(base, other.base) && U64.le(other.last(), last());
	}

	public boolean overlaps(Region other) {
		return U64.le(base, other.last()) && U64.le(other.base, last());
	}

	public String describeRange() {
		return U64.range(base, size);
	}

	@Override
	public String toString() {
		return label + " " + (placed ? describeRange() : "(not placed)");
	}
}
