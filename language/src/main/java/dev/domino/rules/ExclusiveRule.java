package dev.domino.rules;

import java.util.HashMap;
import java.util.Map;

import dev.domino.diagnostics.Report.RuleReport;
import dev.domino.model.Device;
import dev.domino.model.Domain;
import dev.domino.model.EventChannel;
import dev.domino.model.Irq;
import dev.domino.model.Located;
import dev.domino.model.Passthrough;
import dev.domino.model.SystemModel;
import dev.domino.mpu.MpuPlanner;
import dev.domino.xen.GuestLayout;

/**
 * exclusive: a device, and each SPI, belongs to one domain (or to Xen); a domain's vpl011 uses
 * SPI 0 (INTID 32, GUEST_VPL011_SPI), which a passed-through SPI 0 would clash with; and a domain
 * that sets nr_spis must count every SPI routed to it.
 */
final class ExclusiveRule implements Rule {
	private record Use(Domain domain, Passthrough passthrough) {
	}

	/**
	 * A domain's event-channel ports are its own: one channel each, and none where xenstore's is (the
	 * first free port, 1, in a domain with xen,enhanced "enabled": RELEASE-4.17.0:xen/arch/arm/domain_build.c:3837-3844).
	 */
	private static void ports(SystemModel system, Domain d, RuleReport report) {
		Map<Long, EventChannel> taken = new HashMap<>();
		for (EventChannel e : system.eventChannels()) {
			for (EventChannel.End end : new EventChannel.End[] { e.first(), e.second() }) {
				if (end.domain() != d || end.port() == 0) {
					continue;
				}
				EventChannel first = taken.putIfAbsent(end.port(), e);
				if (first != null) {
					report.at(end.where(), "port " + end.port() + " of domain " + d.name() + " is taken by event channel "
							+ first.name() + " and by event channel " + e.name()).emit();
				}
				if (end.port() == 1 && d.options().enhanced() == Domain.Enhanced.ENABLED) {
					report.at(end.where(), "port 1 of domain " + d.name() + " is the one xenstore's channel takes"
							+ " (enhanced): give event channel " + e.name() + " another port").emit();
				}
			}
		}
	}

	@Override
	public void check(CheckContext context, RuleReport report) {
		SystemModel system = context.system();
		if (system.isBoardOnly()) {
			return;
		}
		Map<String, Use> deviceOwner = new HashMap<>();
		Map<Long, Use> spiOwner = new HashMap<>();
		for (Domain d : system.domains()) {
			long maxSpi = d.vpl011() ? GuestLayout.VPL011_SPI : -1;
			for (Passthrough p : d.passthroughs()) {
				Device dev = p.device();
				Use use = new Use(d, p);
				Use first = deviceOwner.putIfAbsent(dev.name(), use);
				if (first != null) {
					report.at(p.deviceWhere(), "device " + dev.name() + " is passed to domain "
							+ first.domain().name() + " and to domain " + d.name() + "; a device belongs to one domain")
							.related(first.passthrough().deviceWhere(), "passed to domain " + first.domain().name()
									+ " here")
							.emit();
				}
				if (MpuPlanner.usedByXen(system, dev)) {
					report.at(p.deviceWhere(), "device " + dev.name()
							+ " is used by Xen itself (console, interrupt controller or IOMMU) and cannot be passed to"
							+ " domain " + d.name()).related(dev.where(), "device " + dev.name()).emit();
				}
				for (Irq irq : dev.irqs()) {
					if (irq.type() != Irq.Type.SPI) {
						continue;
					}
					maxSpi = Math.max(maxSpi, irq.number());
					Use spiFirst = spiOwner.putIfAbsent(irq.number(), use);
					if (spiFirst != null && spiFirst.domain() != d && spiFirst.passthrough().device() != dev) {
						report.at(p.deviceWhere(), "SPI " + irq.number() + " of device " + dev.name()
								+ " would be routed to domain " + d.name() + " but is already routed to domain "
								+ spiFirst.domain().name() + " (device " + spiFirst.passthrough().device().name() + ")")
								.related(spiFirst.passthrough().deviceWhere(), "routed to domain "
										+ spiFirst.domain().name() + " here")
								.emit();
					}
					if (d.vpl011() && irq.number() == GuestLayout.VPL011_SPI) {
						report.at(p.deviceWhere(), "device " + dev.name() + " uses SPI 0 (INTID 32),"
								+ " which the virtual PL011 console of domain " + d.name() + " uses too")
								.related(irq.where(), "the interrupt of " + dev.name()).emit();
					}
				}
			}
			ports(system, d, report);
			Located<Long> nrSpis = d.devices().nrSpis();
			if (nrSpis != null && maxSpi >= 0 && nrSpis.value() < maxSpi + 1) {
				long needed = maxSpi + 1;
				report.at(nrSpis.where(), "domain " + d.name() + " sets nr_spis " + nrSpis.value()
						+ " but needs " + needed + " to reach SPI " + maxSpi
						+ (d.vpl011() && maxSpi == GuestLayout.VPL011_SPI ? " (its vpl011)" : " of its passthrough devices"))
						.fix(Fixes.insertOrReplaceNumber("Raise nr_spis to " + needed, nrSpis.where(), needed)).emit();
			}
		}
		system.dom0().ifPresent(dom0 -> hidden(system, dom0, deviceOwner, report));
	}

	/**
	 * dom0's hide list: devices no domain takes. One a domU is given is hidden from dom0 already; one
	 * Xen uses itself (its console, the GIC, an SMMU) marked xen,passthrough would be lost to Xen.
	 */
	private static void hidden(SystemModel system, Domain dom0, Map<String, Use> deviceOwner, RuleReport report) {
		for (Located<Device> h : dom0.devices().hidden()) {
			Use owner = deviceOwner.get(h.value().name());
			if (MpuPlanner.usedByXen(system, h.value())) {
				report.at(h.where(), "device " + h.value().name() + " is used by Xen itself (console, interrupt"
						+ " controller or IOMMU): hiding it from dom0 would take it from Xen too").emit();
			} else if (owner != null) {
				report.warning(h.where(), "device " + h.value().name() + " is given to domain " + owner.domain().name()
						+ ", so dom0 does not see it anyway: no need to hide it")
						.related(owner.passthrough().deviceWhere(), "given to domain " + owner.domain().name() + " here")
						.emit();
			}
		}
	}
}
