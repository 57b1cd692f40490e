package dev.domino.resolve;

import java.util.ArrayList;
import java.util.List;

import dev.domino.ast.DomainItem;
import dev.domino.ast.DomainMemory;
import dev.domino.ast.Vcpus;
import dev.domino.diagnostics.RuleId;
import dev.domino.model.Domain;
import dev.domino.model.U64;
import dev.domino.model.XenConfig;
import dev.domino.xen.CommandLine;

/**
 * What Xen's command line says of dom0 (dom0_mem=, dom0_max_vcpus=) and what the dom0 block adds
 * to it: the line Xen gets carries each once. Written in both places is a clash, never a duplicate.
 */
final class Dom0CommandLine {
	private final BuildContext context;
	private final XenConfig xen;
	private final CommandLine written;

	Dom0CommandLine(BuildContext context, XenConfig xen) {
		this.context = context;
		this.xen = xen;
		this.written = CommandLine.parse(xen == null ? null : xen.bootargs());
	}

	/** dom0_mem= as written (null when absent); an invalid value is reported. */
	Long memory() {
		if (!written.has("dom0_mem")) {
			return null;
		}
		Long size = CommandLine.size(written.get("dom0_mem"));
		if (size == null) {
			context.report.at(RuleId.VALUE, xen.bootargsWhere(), "dom0_mem=" + written.get("dom0_mem")
					+ " is not a size Xen on Arm reads: digits and B, K, M, G or T (no suffix is KiB; no % and no"
					+ " min:/max:)").emit();
		}
		return size;
	}

	/** dom0_max_vcpus= as written (null when absent); an invalid value is reported. */
	Long vcpus() {
		if (!written.has("dom0_max_vcpus")) {
			return null;
		}
		Long n = CommandLine.integer(written.get("dom0_max_vcpus"));
		if (n == null) {
			context.report.at(RuleId.VALUE, xen.bootargsWhere(), "dom0_max_vcpus=" + written.get("dom0_max_vcpus")
					+ " is not a number of vCPUs: on Arm it takes one integer (no min-max range)").emit();
		}
		return n;
	}

	/** Xen's configuration with the command line Xen gets: the written one plus what the dom0 block says. */
	XenConfig complete(Domain dom0, dev.domino.ast.Domain ast) {
		if (dom0 == null || ast == null) {
			return xen;
		}
		List<String> extra = new ArrayList<>();
		for (DomainItem item : ast.getItems()) {
			if (item instanceof DomainMemory m && dom0.memory().size() != 0) {
				if (written.has("dom0_mem")) {
					clash("memory", "dom0_mem=" + written.get("dom0_mem"), m);
				} else {
					extra.add("dom0_mem=" + U64.sizeLiteral(dom0.memory().size()));
				}
			} else if (item instanceof Vcpus) {
				if (written.has("dom0_max_vcpus")) {
					clash("vcpus", "dom0_max_vcpus=" + written.get("dom0_max_vcpus"), item);
				} else {
					extra.add("dom0_max_vcpus=" + dom0.vcpus());
				}
			}
		}
		return extra.isEmpty() ? xen : xen.withCommandLine(CommandLine.append(xen.bootargs(), extra));
	}

	private void clash(String what, String option, DomainItem item) {
		context.report.at(RuleId.ORDER, context.locations.head(item), "dom0's " + what + " is given twice: here and as "
				+ option + " in Xen's bootargs; keep one").related(xen.bootargsWhere(), "Xen's bootargs").emit();
	}
}
