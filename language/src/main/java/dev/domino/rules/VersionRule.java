package dev.domino.rules;

import java.util.Map;

import dev.domino.diagnostics.Fix;
import dev.domino.diagnostics.Report.RuleReport;
import dev.domino.diagnostics.TextEdit;
import dev.domino.model.Domain;
import dev.domino.model.SourceLocation;
import dev.domino.model.SystemModel;
import dev.domino.xen.XenFeature;
import dev.domino.xen.XenVersion;

/**
 * version: the selected Xen is a release Domino knows, and every property used is understood by
 * it (table: {@link XenFeature}, each row with the release tag and file it was verified in).
 */
final class VersionRule implements Rule {
	@Override
	public void check(CheckContext context, RuleReport report) {
		SystemModel system = context.system();
		if (system.isBoardOnly()) {
			return;
		}
		XenVersion version = system.xen().version();
		SourceLocation versionWhere = system.xen().versionWhere();
		if (!version.atLeast(XenVersion.OLDEST)) {
			report.at(versionWhere, "Xen " + version + " has no dom0less boot (xen,domain nodes are read from Xen "
					+ XenVersion.OLDEST + " on)").fix(select(system, XenVersion.OLDEST)).emit();
			return;
		}
		if (version.compareTo(XenVersion.NEWEST) > 0) {
			report.warning(versionWhere, "Xen " + version + " is not a release Domino has checked its facts against"
					+ " (the newest is " + XenVersion.NEWEST + "): it is checked as a development build").emit();
		}
		if (system.xen().heap() != null) {
			need(XenFeature.STATIC_HEAP, system.xen().heap().where(), system, report);
		}
		if (!system.cpupools().isEmpty()) {
			need(XenFeature.CPUPOOLS, system.cpupools().get(0).where(), system, report);
		}
		if (!system.sharedMemories().isEmpty()) {
			need(XenFeature.SHARED_MEMORY, system.sharedMemories().get(0).where(), system, report);
		}
		if (!system.eventChannels().isEmpty()) {
			need(XenFeature.STATIC_EVTCHN, system.eventChannels().get(0).where(), system, report);
		}
		if (system.dom0().isEmpty() && !system.domains().isEmpty()) {
			need(XenFeature.DOM0LESS_ONLY, system.where(), system, report);
		}
		// only what this release lacks is looked up in each domain, in the table's order
		java.util.List<XenFeature> lacking = java.util.Arrays.stream(XenFeature.values())
				.filter(f -> !version.atLeast(f.since())).toList();
		for (Domain d : system.domains()) {
			Map<XenFeature, SourceLocation> used = d.features();
			for (XenFeature feature : lacking) {
				SourceLocation where = used.get(feature);
				if (where != null) {
					need(feature, where, system, report);
				}
			}
		}
	}

	private static void need(XenFeature feature, SourceLocation where, SystemModel system, RuleReport report) {
		XenVersion version = system.xen().version();
		if (version.atLeast(feature.since())) {
			return;
		}
		if (feature.unreleased()) {
			report.at(where, "no Xen release has " + feature.description() + " yet (" + feature.source() + "); system "
					+ system.name() + " selects Xen " + version).related(system.xen().versionWhere(),
							"the Xen version is selected here")
					.emit();
			return;
		}
		report.at(where, feature.description() + " needs Xen " + feature.since() + " (" + feature.source()
				+ "); system " + system.name() + " selects Xen " + version)
				.related(system.xen().versionWhere(), "the Xen version is selected here")
				.fix(select(system, feature.since())).emit();
	}

	private static Fix select(SystemModel system, XenVersion version) {
		return Fix.of("Select Xen " + version, new TextEdit(system.xen().versionWhere(), version.toString()));
	}
}
