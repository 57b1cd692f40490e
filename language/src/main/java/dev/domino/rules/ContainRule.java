package dev.domino.rules;

import dev.domino.diagnostics.Report.RuleReport;
import dev.domino.model.Device;
import dev.domino.model.Domain;
import dev.domino.model.Region;
import dev.domino.model.Section;
import dev.domino.model.SystemModel;
import dev.domino.model.U64;
import dev.domino.mpu.MpuPlan;
import dev.domino.mpu.MpuPlanner;
import dev.domino.placement.PlacedRegion;
import dev.domino.placement.PlacedSystem;
import dev.domino.placement.Placement;
import dev.domino.placement.Placer;

/**
 * contain: every range lies where it must: below 2^pa-bits and not wrapping; RAM ranges inside
 * one memory bank; boot files inside the boot window (or the boot-modules section); on MPU
 * systems guest memory and devices inside their sections. An automatic range placement could not
 * fit anywhere is reported here too.
 */
final class ContainRule implements Rule {
	@Override
	public void check(CheckContext context, RuleReport report) {
		SystemModel system = context.system();
		PlacedSystem placed = context.placed();
		for (Placement.Unplaced u : placed.placement().unplaced()) {
			report.at(u.region().where(), u.reason()).related(u.container(), u.containerLabel()).emit();
		}
		int bits = system.board().paBits();
		for (PlacedRegion r : placed.regions()) {
			if (r.wraps()) {
				report.at(r.where(), r.label() + " at " + U64.hex(r.base()) + " with size " + U64.size(r.size())
						+ " runs past the end of the 64-bit address space").emit();
				continue;
			}
			if (bits < 64 && Long.compareUnsigned(r.last(), (1L << bits) - 1) > 0) {
				report.at(r.where(), r.label() + " " + r.describeRange() + " ends above the " + bits
						+ "-bit physical address space of board " + system.board().name() + " (limit "
						+ U64.hex(1L << bits) + ")").emit();
				continue;
			}
			if (r.kind().isRam()) {
				inBank(placed, r, report);
			}
		}
		if (system.isBoardOnly()) {
			return;
		}
		PlacedRegion window = placed.at(system.boot().window());
		if (window != null && system.board().banks().stream().noneMatch(b -> placed.at(b).contains(window))) {
			report.at(window.where(), "the boot window " + window.describeRange() + " is not inside one memory bank")
					.emit();
		}
		PlacedRegion area = placed.at(Placer.bootArea(system));
		if (area != null) {
			for (PlacedRegion r : placed.regions()) {
				if (MpuPlanner.belongsTo(r.region(), Section.Kind.BOOT_MODULES) && !area.contains(r)) {
					report.at(r.where(), r.label() + " " + r.describeRange() + " is outside the " + area.label() + " "
							+ area.describeRange()).related(area.where(), "the " + area.label()).emit();
				}
			}
		}
		MpuPlan plan = context.mpuPlan();
		if (plan != null) {
			sections(placed, plan, report);
		}
	}

	private static void inBank(PlacedSystem placed, PlacedRegion r, RuleReport report) {
		for (Region b : placed.model().board().banks()) {
			PlacedRegion bank = placed.at(b);
			if (bank.contains(r)) {
				return;
			}
			if (bank.contains(r.base())) {
				report.at(r.where(), r.label() + " " + r.describeRange() + " runs past the end of " + bank.label() + " "
						+ bank.describeRange()).related(bank.where(), bank.label()).emit();
				return;
			}
		}
		report.at(r.where(), r.label() + " " + r.describeRange() + " is not in RAM: no memory bank of board "
				+ placed.model().board().name() + " contains it").emit();
	}

	private static void sections(PlacedSystem placed, MpuPlan plan, RuleReport report) {
		SystemModel system = placed.model();
		PlacedRegion guest = plan.sections().get(Section.Kind.GUEST_MEMORY);
		if (guest != null) {
			for (Domain d : system.domains()) {
				for (Region r : d.staticBanks()) {
					outside(placed.at(r), guest, report);
				}
			}
			system.sharedMemories().forEach(s -> outside(placed.at(s.host()), guest, report));
		}
		PlacedRegion devices = plan.sections().get(Section.Kind.DEVICE_MEMORY);
		if (devices != null) {
			for (Device d : system.board().devices()) {
				boolean used = MpuPlanner.usedByXen(system, d) || system.domains().stream()
						.anyMatch(dom -> dom.passthroughs().stream().anyMatch(p -> p.device() == d));
				if (used) {
					d.regs().forEach(r -> outside(placed.at(r), devices, report));
				}
			}
		}
	}

	private static void outside(PlacedRegion r, PlacedRegion section, RuleReport report) {
		if (r != null && !section.contains(r)) {
			report.at(r.where(), r.label() + " " + r.describeRange() + " is outside the " + section.label() + " "
					+ section.describeRange()).related(section.where(), section.label()).emit();
		}
	}
}
