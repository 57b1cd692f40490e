package dev.domino.resolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.domino.ast.AstPackage;
import dev.domino.ast.ChannelEnd;
import dev.domino.ast.CpuRef;
import dev.domino.ast.CpupoolItem;
import dev.domino.ast.PoolCpus;
import dev.domino.ast.PoolScheduler;
import dev.domino.ast.Sections;
import dev.domino.ast.ShmItem;
import dev.domino.ast.ShmOwner;
import dev.domino.diagnostics.RuleId;
import dev.domino.model.Board;
import dev.domino.model.Cpu;
import dev.domino.model.Cpupool;
import dev.domino.model.Domain;
import dev.domino.model.EventChannel;
import dev.domino.model.Located;
import dev.domino.model.Owner;
import dev.domino.model.Region;
import dev.domino.model.RegionKind;
import dev.domino.model.Section;
import dev.domino.model.SharedMemory;
import dev.domino.model.SourceLocation;
import dev.domino.model.U64;
import dev.domino.xen.Alignment;
import dev.domino.xen.GuestLayout;

/** Resolves what domains share or what the system divides: shared memory, cpupools and MPU sections. */
final class SharedResources {
	private static final AstPackage AST = AstPackage.eINSTANCE;

	private final BuildContext context;
	private final ModuleTable modules;
	/** Per non-direct-mapped domain: the next guest address for shared memory written without one. */
	private final Map<Domain, Long> guestCursor = new HashMap<>();

	SharedResources(BuildContext context, ModuleTable modules) {
		this.context = context;
		this.modules = modules;
	}

	/** Null for a cpupool without a name: half-typed, the parser reported it. */
	Cpupool cpupool(dev.domino.ast.Cpupool c, Board board) {
		if (c.getName() == null) {
			return null;
		}
		List<Cpupool.Member> cpus = new ArrayList<>();
		Located<String> scheduler = null;
		for (CpupoolItem item : c.getItems()) {
			if (item instanceof PoolCpus p) {
				for (CpuRef ref : p.getCpus()) {
					SourceLocation where = context.locations.of(ref);
					if (ref.getIndex() != null) {
						Long index = context.values.eval(ref.getIndex());
						if (index != null) {
							boolean exists = Long.compareUnsigned(index, board.cpus().size()) < 0;
							Cpu cpu = exists ? board.cpus().get(index.intValue()) : null;
							cpus.add(new Cpupool.Member(cpu, Long.toUnsignedString(index), where));
						}
					} else if (ref.getCpu() != null && !ref.getCpu().eIsProxy()) {
						String name = ref.getCpu().getName();
						cpus.add(new Cpupool.Member(board.cpu(name).orElse(null), name, where));
					}
				}
			} else if (item instanceof PoolScheduler s) {
				scheduler = Located.of(s.getScheduler(), context.locations.of(s, AST.getPoolScheduler_Scheduler()));
			}
		}
		return context.origin(c, new Cpupool(c.getName(), cpus, scheduler,
				context.locations.of(c, AST.getCpupool_Name())));
	}

	/**
	 * Shared memory. A peer that is not direct-mapped and gives no guest address gets the next
	 * page-aligned address in the hole between the guest RAM banks.
	 */
	SharedMemory sharedMemory(dev.domino.ast.SharedMemory s, Map<dev.domino.ast.Domain, Domain> domains) {
		if (s.getName() == null) {
			return null; // half-typed: the parser reported the missing name
		}
		Long size = context.values.size(s.getSize(), "shared memory " + s.getName());
		if (size == null) {
			return null;
		}
		SourceLocation where = context.locations.of(s, AST.getSharedMemory_Name());
		Region host = modules.placed(s.getPlacement(), "shm." + s.getName(), RegionKind.SHARED_MEMORY,
				new Owner(Owner.Kind.SHARED, s.getName()), "shared memory " + s.getName(), size, Alignment.PAGE,
				where, context.locations.of(s.getSize()));
		SharedMemory.Peer owner = null;
		List<SharedMemory.Peer> borrowers = new ArrayList<>();
		for (ShmItem item : s.getItems()) {
			Domain domain = item.getDomain() == null ? null : domains.get(item.getDomain());
			if (domain == null) {
				continue; // unresolved (reported by the linker) or a duplicate
			}
			Long guestAddress = item.getGuestAddress() == null ? null : context.values.eval(item.getGuestAddress());
			if (item.getGuestAddress() == null && !domain.directMap()) {
				long cursor = guestCursor.getOrDefault(domain, GuestLayout.SHARED_MEMORY_WINDOW);
				guestAddress = cursor;
				guestCursor.put(domain, U64.alignUp(cursor + size, Alignment.PAGE));
			}
			SharedMemory.Peer peer = new SharedMemory.Peer(domain, guestAddress, context.locations.of(item));
			if (item instanceof ShmOwner) {
				if (owner != null) {
					context.report.at(RuleId.REQUIRES, context.locations.of(item), "shared memory " + s.getName()
							+ " has two owners").related(owner.where(), "the first owner").emit();
				} else {
					owner = peer;
				}
			} else {
				borrowers.add(peer);
			}
		}
		return context.origin(s, new SharedMemory(s.getName(), host, owner, borrowers, where));
	}

	/** A static event channel: both ends, each a domain and a port (0, or none written: any free port). */
	EventChannel eventChannel(dev.domino.ast.EventChannel e, Map<dev.domino.ast.Domain, Domain> domains) {
		if (e.getName() == null) {
			return null; // half-typed: the parser reported the missing name
		}
		List<EventChannel.End> ends = new ArrayList<>();
		for (ChannelEnd end : e.getEnds()) {
			Domain domain = end.getDomain() == null ? null : domains.get(end.getDomain());
			if (domain == null) {
				return null; // unresolved (reported by the linker) or a duplicate
			}
			Long port = end.getPort() == null ? Long.valueOf(0) : context.values.eval(end.getPort());
			if (port == null) {
				return null;
			}
			ends.add(new EventChannel.End(domain, port, context.locations.of(end)));
		}
		if (ends.size() != 2) {
			return null;
		}
		return context.origin(e, new EventChannel(e.getName(), ends.get(0), ends.get(1),
				context.locations.of(e, AST.getEventChannel_Name())));
	}

	List<Section> sections(Sections s) {
		List<Section> out = new ArrayList<>();
		for (dev.domino.ast.Section section : s.getItems()) {
			Section.Kind kind = switch (section.getKind()) {
			case GUEST_MEMORY -> Section.Kind.GUEST_MEMORY;
			case DEVICE_MEMORY -> Section.Kind.DEVICE_MEMORY;
			default -> Section.Kind.BOOT_MODULES;
			};
			SourceLocation where = context.locations.of(section);
			if (out.stream().anyMatch(o -> o.kind() == kind)) {
				context.report.at(RuleId.ORDER, where, "section " + kind.keyword() + " is given twice").emit();
				continue;
			}
			out.add(context.origin(section, new Section(kind, sectionRegion(section, kind, where), where)));
		}
		return out;
	}

	private Region sectionRegion(dev.domino.ast.Section section, Section.Kind kind, SourceLocation where) {
		String id = "section." + kind.keyword();
		Owner owner = new Owner(Owner.Kind.SECTION, kind.keyword());
		String label = "section " + kind.keyword();
		if (section.getFrom() != null) {
			Long from = context.values.eval(section.getFrom());
			Long to = context.values.eval(section.getTo());
			if (from != null && to != null && Long.compareUnsigned(to, from) > 0) {
				return Region.fixed(id, RegionKind.SECTION, owner, label, from, to - from, where);
			} else if (from != null && to != null) {
				context.report.at(RuleId.VALUE, where, "section " + kind.keyword() + " ends before it starts").emit();
			}
		} else if (section.getBase() != null) {
			Long base = context.values.eval(section.getBase());
			Long size = context.values.size(section.getSize(), "section " + kind.keyword());
			if (base != null && size != null) {
				return Region.fixed(id, RegionKind.SECTION, owner, label, base, size, where);
			}
		}
		return null; // automatic: the MPU planner sizes it
	}
}
