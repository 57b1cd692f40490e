package dev.domino.model;

import java.util.List;

/** A boot-time cpupool: physical CPUs and the scheduler that runs them. */
public record Cpupool(String name, List<Member> cpus, Located<String> scheduler, SourceLocation where) {
	/** A CPU named in the pool: the board's CPU, or null when the board has none by that name or index. */
	public record Member(Cpu cpu, String written, SourceLocation where) {
	}

	public String schedulerName() {
		return scheduler == null ? null : scheduler.value();
	}
}
