package dev.domino.rules;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import dev.domino.diagnostics.Report.RuleReport;
import dev.domino.model.Arch;
import dev.domino.model.Cpu;
import dev.domino.model.Cpupool;
import dev.domino.model.Domain;
import dev.domino.model.SystemModel;
import dev.domino.xen.XenLimits;

/**
 * cpus: vCPUs fit the physical CPUs (a warning: Xen overcommits, but a real-time domain
 * rarely wants that); boot-time cpupools name existing CPUs, each CPU at most once, never empty,
 * with a scheduler Xen has (Xen docs/misc/arm/device-tree/cpupools.txt); a null-scheduler pool has a
 * CPU for every vCPU of its domains.
 */
final class CpusRule implements Rule {
	/** vcpu N affinity "0-3,5": N is a vCPU of the domain, and the list names CPUs of the board. */
	private static void affinity(SystemModel system, Domain d, Domain.VcpuAffinity a, RuleReport report) {
		if (Long.compareUnsigned(a.vcpu(), d.vcpus()) >= 0) {
			report.at(a.where(), "domain " + d.name() + " has vCPUs 0 to " + (d.vcpus() - 1) + ", not vCPU "
					+ Long.toUnsignedString(a.vcpu()) + " (Xen panics)").emit();
		}
		int pcpus = system.board().cpus().size();
		for (String part : a.cpus().split(",", -1)) {
			String[] range = part.trim().split("-", -1);
			boolean ok = range.length <= 2 && !part.isBlank();
			long last = -1;
			for (String n : range) {
				if (!n.matches("[0-9]{1,6}")) {
					ok = false;
					break;
				}
				long cpu = Long.parseLong(n);
				ok &= cpu < pcpus && cpu >= last;
				last = cpu;
			}
			if (!ok) {
				report.at(a.where(), "the affinity \"" + a.cpus() + "\" of vCPU " + a.vcpu() + " of domain " + d.name()
						+ " is not a list of CPU numbers and ranges of board " + system.board().name() + " (0 to "
						+ (pcpus - 1) + "), like \"0-1,3\"").emit();
				return;
			}
		}
	}

	/**
	 * The null scheduler runs each vCPU on a CPU of its own, for good: a vCPU that finds no free CPU
	 * of its pool waits for ever ("WARNING: d2v0 not assigned to any CPU!"), and the domain never
	 * runs (RELEASE-4.17.0:xen/common/sched/null.c:18-28 and 503-512; booted here: the second of two
	 * one-vCPU domains in a one-CPU null pool stays silent). So the vCPUs of a null pool's domains
	 * must not outnumber its CPUs. The pool holding the boot CPU becomes Pool-0 (Xen swaps the ids:
	 * RELEASE-4.17.0:xen/common/sched/boot-cpupool.c:160-181), where dom0 and every domain without a
	 * cpupool run too.
	 */
	private static void nullSchedulerPools(SystemModel system, RuleReport report) {
		Cpu boot = system.board().cpus().isEmpty() ? null : system.board().cpus().get(0);
		for (Cpupool pool : system.cpupools()) {
			if (!"null".equals(pool.schedulerName()) || pool.cpus().isEmpty()) {
				continue;
			}
			boolean poolZero = pool.cpus().stream().anyMatch(m -> m.cpu() != null && m.cpu() == boot);
			long vcpus = 0;
			java.util.List<String> names = new java.util.ArrayList<>();
			for (Domain d : system.domains()) {
				if (d.cpupool() != null ? d.cpupool().value() == pool : poolZero) {
					vcpus += d.vcpus();
					names.add((d.isDom0() ? "dom0" : d.name()) + " (" + d.vcpus() + ")");
				}
			}
			if (vcpus > pool.cpus().size()) {
				report.at(pool.where(), "cpupool " + pool.name() + " has " + pool.cpus().size() + " CPU"
						+ (pool.cpus().size() == 1 ? "" : "s") + " and the null scheduler, which gives each vCPU a CPU"
						+ " of its own, but its domains have " + vcpus + " vCPUs: " + String.join(", ", names)
						+ (poolZero ? " (it holds the boot CPU, so it is Pool-0: dom0 and the domains without a cpupool"
								+ " run there too)" : "")
						+ "; a vCPU left without a CPU never runs (Xen: \"not assigned to any CPU\")").emit();
			}
		}
	}

	static final Set<String> SCHEDULERS = Set.of("credit", "credit2", "rtds", "arinc653", "null");

	@Override
	public void check(CheckContext context, RuleReport report) {
		SystemModel system = context.system();
		Map<Long, Cpu> byMpidr = new HashMap<>();
		for (Cpu cpu : system.board().cpus()) {
			Cpu first = byMpidr.putIfAbsent(cpu.mpidr(), cpu);
			if (first != null) {
				report.at(cpu.where(), "cpu " + cpu.name() + " has the same mpidr as cpu " + first.name()
						+ " (0x" + Long.toHexString(cpu.mpidr()) + ")").related(first.where(), "cpu " + first.name())
						.emit();
			}
		}
		if (system.isBoardOnly()) {
			return;
		}
		int pcpus = system.board().cpus().size();
		Map<Cpu, Cpupool> poolOfCpu = new HashMap<>();
		for (Cpupool pool : system.cpupools()) {
			if (pool.cpus().isEmpty()) {
				report.at(pool.where(), "cpupool " + pool.name() + " has no CPUs").emit();
			}
			String scheduler = pool.schedulerName();
			if (scheduler != null && !SCHEDULERS.contains(scheduler)) {
				report.at(pool.where(), "cpupool " + pool.name() + " asks for scheduler '" + scheduler + "'; Xen has "
						+ String.join(", ", SCHEDULERS.stream().sorted().toList())).emit();
			}
			for (Cpupool.Member member : pool.cpus()) {
				if (member.cpu() == null) {
					report.at(member.where(), "cpupool " + pool.name() + " names CPU " + member.written()
							+ ", which board " + system.board().name() + " does not have (it has " + pcpus + ")").emit();
					continue;
				}
				Cpupool other = poolOfCpu.putIfAbsent(member.cpu(), pool);
				if (other != null) {
					report.at(member.where(), member.cpu().name() + " is in cpupool " + other.name()
							+ " and in cpupool " + pool.name() + "; a CPU belongs to one pool")
							.related(other.where(), "cpupool " + other.name()).emit();
				}
			}
		}
		if (!system.cpupools().isEmpty() && poolOfCpu.size() == pcpus) {
			report.at(system.cpupools().get(0).where(), "every CPU is in a cpupool: Xen needs at least one"
					+ " CPU, the boot CPU, left in the default pool (Pool-0)").emit();
		}
		nullSchedulerPools(system, report);
		int limit = system.board().gicVersion() == 2 ? XenLimits.GICV2_VCPUS
				: system.board().arch() == Arch.AARCH32 ? XenLimits.MAX_VCPUS_ARM32 : XenLimits.MAX_VCPUS_ARM64;
		for (Domain d : system.domains()) {
			if (d.vcpus() > limit) {
				report.at(d.where(), (d.isDom0() ? "dom0" : "domain " + d.name()) + " has " + d.vcpus() + " vCPUs;"
						+ " a guest on board " + system.board().name() + " has at most " + limit
						+ (system.board().gicVersion() == 2 ? " (a virtual GICv2 serves 8)" : "")
						+ ": Xen fails to create it").emit();
			}
			for (Domain.VcpuAffinity a : d.options().affinities()) {
				affinity(system, d, a, report);
			}
			if (d.vcpus() > pcpus) {
				report.warning(d.where(), "domain " + d.name() + " has " + d.vcpus() + " vCPUs but board "
						+ system.board().name() + " has " + pcpus + " CPUs").emit();
			}
			if (d.cpupool() != null) {
				Cpupool pool = d.cpupool().value();
				if (!pool.cpus().isEmpty() && d.vcpus() > pool.cpus().size() && !"null".equals(pool.schedulerName())) {
					report.warning(d.cpupool().where(), "domain " + d.name() + " has " + d.vcpus()
							+ " vCPUs in cpupool " + pool.name() + ", which has " + pool.cpus().size() + " CPUs").emit();
				}
			}
		}
	}
}
