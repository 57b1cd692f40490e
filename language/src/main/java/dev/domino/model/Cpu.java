package dev.domino.model;

/** A physical CPU of the board; {@code mpidr} is its affinity value (the DT reg of its node). */
public record Cpu(String name, long mpidr, SourceLocation where) {
}
