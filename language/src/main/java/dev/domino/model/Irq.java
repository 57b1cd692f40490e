package dev.domino.model;

/** An interrupt of a device: SPI n is INTID 32 + n, PPI n is INTID 16 + n. */
public record Irq(Type type, long number, SourceLocation where) {
	public enum Type {
		SPI, PPI
	}

	public long intid() {
		return number + (type == Type.SPI ? 32 : 16);
	}

	public String describe() {
		return type.name() + " " + number + " (INTID " + intid() + ")";
	}
}
