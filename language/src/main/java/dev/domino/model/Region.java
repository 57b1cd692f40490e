package dev.domino.model;

/**
 * One range of the physical address space as the source asks for it: its size (unsigned 64-bit),
 * its owner, where it was declared, and either its address ({@link #isFixed() fixed}) or the
 * alignment Domino places it at ({@link #isAuto() automatic}). Immutable: the addresses placement
 * chooses are a separate value ({@code placement.Placement}); rules and emitters read both through
 * {@code placement.PlacedSystem}. Identity matters: two declarations are two regions.
 */
public final class Region {
	private final String id;
	private final RegionKind kind;
	private final Owner owner;
	private final String label;
	private final long size;
	private final long align;
	private final boolean auto;
	private final long base;
	private final SourceLocation where;
	private final SourceLocation addressWhere;
	private final SourceLocation sizeWhere;

	private Region(String id, RegionKind kind, Owner owner, String label, long base, long size, long align,
			boolean auto, SourceLocation where, SourceLocation addressWhere, SourceLocation sizeWhere) {
		this.id = id;
		this.kind = kind;
		this.owner = owner;
		this.label = label;
		this.base = base;
		this.size = size;
		this.align = align;
		this.auto = auto;
		this.where = where;
		this.addressWhere = addressWhere;
		this.sizeWhere = sizeWhere;
	}

	/** A range written with its address. */
	public static Region fixed(String id, RegionKind kind, Owner owner, String label, long base, long size,
			SourceLocation where) {
		return new Region(id, kind, owner, label, base, size, 1, false, where, null, null);
	}

	/** A range whose address Domino chooses, aligned to {@code align} (a power of two). */
	public static Region auto(String id, RegionKind kind, Owner owner, String label, long size, long align,
			SourceLocation where) {
		return new Region(id, kind, owner, label, 0, size, align, true, where, null, null);
	}

	/** The same range, knowing where its address and size values are written (for quick fixes). */
	public Region writtenAt(SourceLocation address, SourceLocation sizeText) {
		return new Region(id, kind, owner, label, base, size, align, auto, where, address, sizeText);
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

	public long size() {
		return size;
	}

	/** The alignment placement uses for an automatic region; 1 for a fixed one. */
	public long align() {
		return align;
	}

	public boolean isAuto() {
		return auto;
	}

	public boolean isFixed() {
		return !auto;
	}

	/** The written address of a fixed region (board banks, devices, reserved ranges always are). */
	public long fixedBase() {
		if (auto) {
			throw new IllegalStateException(id + " is placed automatically: ask the placement for its address");
		}
		return base;
	}

	public SourceLocation where() {
		return where;
	}

	/** Where the address value is written, or null (automatic, or not written as a value). */
	public SourceLocation addressWhere() {
		return addressWhere;
	}

	/** Where the size value is written, or null. */
	public SourceLocation sizeWhere() {
		return sizeWhere;
	}

	@Override
	public String toString() {
		return label + (auto ? " (automatic)" : " " + U64.range(base, size));
	}
}
