package dev.domino.rules;

import java.util.List;

import dev.domino.diagnostics.RuleId;

/**
 * The checker's table, in table order: which class checks each row of {@link RuleId} and what it
 * builds on. {@code syntax} and {@code order} are found while parsing and resolving and have no
 * class here; {@code value} has one for what only the whole system shows (boot-script strings).
 */
public final class Rules {
	private Rules() {
	}

	private static RuleSpec rule(RuleId id, Rule rule, RuleId... prerequisites) {
		return new RuleSpec(id, rule, List.of(prerequisites));
	}

	public static final List<RuleSpec> TABLE = List.of(
			rule(RuleId.VALUE, new ValueRule()),
			rule(RuleId.OVERLAP, new OverlapRule()),
			rule(RuleId.OVERLAP_GUEST, new OverlapGuestRule()),
			rule(RuleId.ALIGN_PAGE, new AlignPageRule()),
			rule(RuleId.ALIGN_HEAP, new AlignHeapRule()),
			rule(RuleId.ALIGN_IMAGE, new AlignImageRule()),
			rule(RuleId.ALIGN_DTB, new AlignDtbRule()),
			rule(RuleId.ALIGN_MPU, new AlignMpuRule()),
			rule(RuleId.CONTAIN, new ContainRule()),
			rule(RuleId.MPU_BUDGET, new MpuBudgetRule(), RuleId.ALIGN_MPU),
			rule(RuleId.MEMORY_BUDGET, new MemoryBudgetRule()),
			rule(RuleId.LIMITS, new LimitsRule()),
			rule(RuleId.CPUS, new CpusRule()),
			rule(RuleId.EXCLUSIVE, new ExclusiveRule()),
			rule(RuleId.IOMMU, new IommuRule()),
			rule(RuleId.REQUIRES, new RequiresRule()),
			rule(RuleId.VERSION, new VersionRule()),
			rule(RuleId.FILE, new FileRule()));
}
