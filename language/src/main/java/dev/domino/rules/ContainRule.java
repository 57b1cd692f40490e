package dev.domino.rules;

import dev.domino.model.Device;
import dev.domino.model.Domain;
import dev.domino.model.Region;
import dev.domino.model.RegionKind;
import dev.domino.model.Section;
import dev.domino.model.SystemModel;
import dev.domino.model.U64;
import dev.domino.mpu.MpuPlan;
import dev.domino.mpu.MpuPlanner;
import dev.domino.placement.Placer;

/**
 * contain: every range lies where it must: below 2^pa-bits and not wrapping; RAM ranges inside
 * one memory bank; boot files inside the boot window (or the boot-modules section); on MPU
 * systems guest memory and devices inside their sections.
 */
final class ContainRule implements Rule {
	@Override
	public void check(CheckContext context, Report report) {
		SystemModel system = context.system();
		int bits = system.board().paBits();
		for (Region r : system.regions()) {
			if (!r.isPlaced()) {
				continue;
			}
			if (r.wraps()) {
				report.error("contain", r.where(), r.label() + " at " + U64.hex(r.base()) + " with size "
						+ U64.size(r.size()) + " runs past the end of the 64-bit address space").emit();
				continue;
			}
			if (bits < 64 && Long.compareUnsigned(r.last(), (1L << bits) - 1) > 0) {
				report.error("contain", r.where(), r.label() + " " + r.describeRange() + " ends above the "
						+ bits + "-bit physical address space of board " + system.board().name() + " (limit "
						+ U64.hex(1L << bits) + ")").emit();
				continue;
			}
			if (r.kind().isRam()) {
				inBank(system, r, report);
			}
		}
		if (system.isBoardOnly()) {
			return;
		}
		Region window = system.boot().window();
		if (window != null && system.board().banks().stream().noneMatch(b -> b.contains(window))) {
			report.error("contain", window.where(), "the boot window " + window.describeRange()
					+ " is not inside one memory bank").emit();
		}
		Region area = Placer.bootArea(system);
		if (area != null) {
			for (Region r : system.regions()) {
				if (r.isPlaced() && MpuPlanner.belongsTo(r, Section.Kind.BOOT_MODULES) && !area.contains(r)) {
					report.error("contain", r.where(), r.label() + " " + r.describeRange() + " is outside the "
							+ area.label() + " " + area.describeRange()).related(area.where(), "the " + area.label())
							.emit();
				}
			}
		}
		MpuPlan plan = context.mpuPlan();
		if (plan != null) {
			sections(system, plan, report);
		}
	}

	private static void inBank(SystemModel system, Region r, Report report) {
		for (Region bank : system.board().banks()) {
			if (bank.contains(r)) {
				return;
			}
			if (bank.contains(r.base())) {
				report.error("contain", r.where(), r.label() + " " + r.describeRange() + " runs past the end of "
						+ bank.label() + " " + bank.describeRange()).related(bank.where(), bank.label()).emit();
				return;
			}
		}
		report.error("contain", r.where(), r.label() + " " + r.describeRange()
				+ " is not in RAM: no memory bank of board " + system.board().name() + " contains it").emit();
	}

	private static void sections(SystemModel system, MpuPlan plan, Report report) {
		Region guest = plan.sections().get(Section.Kind.GUEST_MEMORY);
		if (guest != null) {
			for (Domain d : system.domains()) {
				for (Region r : d.staticBanks()) {
					outside(r, guest, report);
				}
			}
			system.sharedMemories().forEach(s -> outside(s.host(), guest, report));
		}
		Region devices = plan.sections().get(Section.Kind.DEVICE_MEMORY);
		if (devices != null) {
			for (Device d : system.board().devices()) {
				boolean used = MpuPlanner.usedByXen(system, d) || system.domains().stream()
						.anyMatch(dom -> dom.passthroughs().stream().anyMatch(p -> p.device().equals(d.name())));
				if (used) {
					d.regs().forEach(r -> outside(r, devices, report));
				}
			}
		}
	}

	private static void outside(Region r, Region section, Report report) {
		if (r.isPlaced() && !section.contains(r)) {
			report.error("contain", r.where(), r.label() + " " + r.describeRange() + " is outside the "
					+ section.label() + " " + section.describeRange()).related(section.where(), section.label())
					.emit();
		}
	}
}
