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

/** version: every property used is understood by the system's Xen release (table: {@link XenFeature}). */
final class VersionRule implements Rule {
	@Override
	public void check(CheckContext context, RuleReport report) {
		SystemModel system = context.system();
		if (system.isBoardOnly()) {
			return;
		}
		XenVersion version = system.xen().version();
		if (system.xen().heap() != null) {
			need(XenFeature.STATIC_HEAP, system.xen().heap().where(), version, system, report);
		}
		if (!system.cpupools().isEmpty()) {
			need(XenFeature.CPUPOOLS, system.cpupools().get(0).where(), version, system, report);
		}
		if (!system.sharedMemories().isEmpty()) {
			need(XenFeature.SHARED_MEMORY, system.sharedMemories().get(0).where(), version, system, report);
		}
		for (Domain d : system.domains()) {
			for (Map.Entry<XenFeature, SourceLocation> used : d.features().entrySet()) {
				need(used.getKey(), used.getValue(), version, system, report);
			}
		}
	}

	private static void need(XenFeature feature, SourceLocation where, XenVersion version, SystemModel system,
			RuleReport report) {
		if (!version.atLeast(feature.since())) {
			report.at(where, feature.description() + " needs Xen " + feature.since()
					+ "; system " + system.name() + " selects Xen " + version).related(system.xen().versionWhere(),
							"the Xen version is selected here")
					.fix(Fix.of("Select Xen " + feature.since(), new TextEdit(system.xen().versionWhere(),
							feature.since().toString())))
					.emit();
		}
	}
}
