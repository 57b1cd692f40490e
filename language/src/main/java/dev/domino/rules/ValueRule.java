package dev.domino.rules;

import dev.domino.diagnostics.Report.RuleReport;
import dev.domino.model.BootConfig;
import dev.domino.model.BootModule;
import dev.domino.model.Domain;
import dev.domino.model.SystemModel;
import dev.domino.uboot.ScriptQuoting;

/**
 * value (script part): every string that reaches the U-Boot script can be carried safely. File
 * names, and in edit mode command lines, are single-quoted; the load command is pasted as a
 * command, so it must be one. Number errors of the same id are reported while the model is built.
 */
final class ValueRule implements Rule {
	@Override
	public void check(CheckContext context, RuleReport report) {
		SystemModel system = context.system();
		if (system.isBoardOnly() || !system.boot().hasScript()) {
			return;
		}
		BootConfig boot = system.boot();
		String load = ScriptQuoting.commandProblem(boot.loadCommand());
		if (load != null) {
			report.at(boot.loadWhere() != null ? boot.loadWhere() : boot.where(), load).emit();
		}
		for (BootModule m : system.modules()) {
			String problem = ScriptQuoting.problem(m.bootName());
			if (problem != null) {
				report.at(m.where(), "the file name \"" + m.bootName() + "\" " + problem).emit();
			}
		}
		if (boot.deviceTreeMode() == BootConfig.DeviceTreeMode.EDIT) {
			if (system.xen().bootargs() != null && ScriptQuoting.problem(system.xen().bootargs()) != null) {
				report.at(system.xen().bootargsWhere(), "Xen's command line "
						+ ScriptQuoting.problem(system.xen().bootargs()) + "; use 'device-tree prebaked'").emit();
			}
			for (Domain d : system.domains()) {
				if (d.kernel().args() != null && ScriptQuoting.problem(d.kernel().args()) != null) {
					report.at(d.kernel().where(), "the command line of domain " + d.name() + " "
							+ ScriptQuoting.problem(d.kernel().args()) + "; use 'device-tree prebaked'").emit();
				}
			}
		}
	}
}
