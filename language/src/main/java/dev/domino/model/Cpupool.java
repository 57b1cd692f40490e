package dev.domino.model;

import java.util.List;

/** A boot-time cpupool: physical CPUs and the scheduler that runs them. */
public record Cpupool(String name, List<NameRef> cpus, String scheduler, SourceLocation where) {
}
