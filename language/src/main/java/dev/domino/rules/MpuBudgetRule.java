package dev.domino.rules;

import dev.domino.diagnostics.Report.RuleReport;
import dev.domino.model.Domain;
import dev.domino.model.SystemModel;
import dev.domino.mpu.MpuPlan;

/**
 * mpu-budget: while a domain runs, the MPU holds Xen's fixed regions plus that domain's
 * (static memory, passthrough MMIO, shared memory); together they must fit the board's
 * MPUIR_EL2.REGION count. A warning at 90%, for the next region someone adds.
 */
final class MpuBudgetRule implements Rule {
	@Override
	public void check(CheckContext context, RuleReport report) {
		SystemModel system = context.system();
		if (!system.board().hasMpu()) {
			return;
		}
		if (system.board().mpuRegions() == 0) {
			report.at(system.board().where(), "board " + system.board().name()
					+ " is an Armv8-R board: give its MPU size, for example 'mpu regions 16' (MPUIR_EL2.REGION)").emit();
			return;
		}
		MpuPlan plan = context.mpuPlan();
		if (plan == null) {
			return;
		}
		int budget = plan.budget();
		if (system.domains().isEmpty() && plan.xenCount() > budget) {
			report.at(system.where(), "Xen alone needs " + plan.xenCount() + " MPU regions; board "
					+ system.board().name() + " has " + budget).emit();
		}
		for (Domain d : system.domains()) {
			int used = plan.domainCount(d.name()) + plan.xenCount();
			if (used > budget) {
				report.at(d.where(), "MPU budget exceeded by " + (used - budget) + ": "
						+ plan.usage(d.name())).emit();
			} else if (used * 10 >= budget * 9) {
				report.warning(d.where(), "MPU budget nearly full: " + plan.usage(d.name())).emit();
			}
		}
	}
}
