package dev.domino.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The resolved model of one system: everything after parsing works on it (placement, rules,
 * emitters, editor services). It holds no Xtext types. A board checked on its own is a model
 * without Xen, boot configuration or domains.
 */
public final class SystemModel {
	private final String name;
	private final SourceLocation where;
	private final Board board;
	private final XenConfig xen;
	private final BootConfig boot;
	private final List<BootModule> modules;
	private final List<Domain> domains;
	private final List<SharedMemory> sharedMemories;
	private final List<Cpupool> cpupools;
	private volatile List<Region> regions;
	private final List<Section> sections;
	private final List<EventChannel> eventChannels;

	public SystemModel(String name, SourceLocation where, Board board, XenConfig xen, BootConfig boot,
			List<BootModule> modules, List<Domain> domains, List<SharedMemory> sharedMemories,
			List<Cpupool> cpupools, List<Section> sections, List<EventChannel> eventChannels) {
		this.name = name;
		this.where = where;
		this.board = board;
		this.xen = xen;
		this.boot = boot;
		this.modules = List.copyOf(modules);
		this.domains = List.copyOf(domains);
		this.sharedMemories = List.copyOf(sharedMemories);
		this.cpupools = List.copyOf(cpupools);
		this.sections = List.copyOf(sections);
		this.eventChannels = List.copyOf(eventChannels);
	}

	public static SystemModel boardOnly(Board board) {
		return new SystemModel(null, board.where(), board, null, null, List.of(), List.of(), List.of(), List.of(),
				List.of(), List.of());
	}

	/** Null for a board checked on its own. */
	public String name() {
		return name;
	}

	public boolean isBoardOnly() {
		return xen == null;
	}

	public SourceLocation where() {
		return where;
	}

	public Board board() {
		return board;
	}

	public XenConfig xen() {
		return xen;
	}

	public BootConfig boot() {
		return boot;
	}

	/** Every boot module, Xen's image included, in load order. */
	public List<BootModule> modules() {
		return modules;
	}

	/**
	 * Every guest in creation order: dom0 first (domain id 0) when there is one, then the dom0less
	 * domains in the order of their DT nodes, hence of their domain ids (1, 2, ...).
	 */
	public List<Domain> domains() {
		return domains;
	}

	/** The classic dom0, if the system has one. */
	public Optional<Domain> dom0() {
		return domains.isEmpty() || !domains.get(0).isDom0() ? Optional.empty() : Optional.of(domains.get(0));
	}

	/** The dom0less domains (those with a /chosen xen,domain node). */
	public List<Domain> domUs() {
		return dom0().isPresent() ? domains.subList(1, domains.size()) : domains;
	}

	/** The domain id Xen gives a domain: dom0 is 0, dom0less domains count from 1 in node order. */
	public int domainId(Domain d) {
		return d.isDom0() ? 0 : domUs().indexOf(d) + 1;
	}

	public List<EventChannel> eventChannels() {
		return eventChannels;
	}

	public Optional<Domain> domain(String domainName) {
		return domains.stream().filter(d -> d.name().equals(domainName)).findFirst();
	}

	public List<SharedMemory> sharedMemories() {
		return sharedMemories;
	}

	public List<Cpupool> cpupools() {
		return cpupools;
	}

	public List<Section> sections() {
		return sections;
	}

	public Optional<Section> section(Section.Kind kind) {
		return sections.stream().filter(s -> s.kind() == kind).findFirst();
	}

	/** Every range of the system, board ranges first, in a stable order. */
	public List<Region> regions() {
		List<Region> all = regions;
		if (all == null) {
			all = collectRegions();
			regions = all; // the model is immutable: every caller may share one list
		}
		return all;
	}

	private List<Region> collectRegions() {
		List<Region> all = new ArrayList<>();
		all.addAll(board.banks());
		all.addAll(board.reserved());
		for (Device device : board.devices()) {
			all.addAll(device.regs());
		}
		if (boot != null) {
			if (boot.script() != null) {
				all.add(boot.script());
			}
			if (boot.deviceTree() != null) {
				all.add(boot.deviceTree());
			}
		}
		for (BootModule module : modules) {
			all.add(module.region());
		}
		if (xen != null && xen.heap() != null) {
			all.add(xen.heap());
		}
		for (Domain domain : domains) {
			all.addAll(domain.staticBanks());
		}
		for (SharedMemory shm : sharedMemories) {
			all.add(shm.host());
		}
		for (Section section : sections) {
			if (section.region() != null) {
				all.add(section.region()); // automatic sections are planned later (MpuPlanner)
			}
		}
		return Collections.unmodifiableList(all);
	}
}
