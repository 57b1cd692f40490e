package dev.domino.resolve;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.domino.ast.After;
import dev.domino.ast.Domain;
import dev.domino.ast.DomainItem;
import dev.domino.diagnostics.Report;
import dev.domino.diagnostics.RuleId;

/**
 * Orders domains for creation: a domain comes after those it names in {@code after}, otherwise
 * in declaration order. The order is the order of the DT nodes, hence of the domain ids.
 * A cycle is an {@code order} error and leaves the declaration order.
 */
final class DomainOrder {
	private DomainOrder() {
	}

	static List<Domain> sort(List<Domain> declared, Locations locations, Report report) {
		Map<Domain, Integer> index = new java.util.IdentityHashMap<>();
		for (Domain d : declared) {
			index.put(d, index.size());
		}
		Map<Domain, Set<Domain>> before = new LinkedHashMap<>();
		Map<Domain, List<Domain>> followers = new java.util.IdentityHashMap<>();
		for (Domain d : declared) {
			Set<Domain> deps = new HashSet<>();
			for (DomainItem item : d.getItems()) {
				if (item instanceof After a) {
					for (Domain target : a.getDomains()) {
						if (target == d) {
							report.at(RuleId.ORDER, locations.of(a), "domain " + d.getName() + " cannot come after itself")
									.emit();
						} else if (!target.eIsProxy() && index.containsKey(target) && deps.add(target)) {
							followers.computeIfAbsent(target, k -> new ArrayList<>()).add(d);
						}
					}
				}
			}
			before.put(d, deps);
		}
		if (followers.isEmpty()) {
			return declared; // nobody uses 'after': declaration order
		}
		// Kahn's algorithm; among the domains that are ready, the first declared goes first
		Map<Domain, Integer> waiting = new java.util.IdentityHashMap<>();
		java.util.PriorityQueue<Domain> ready = new java.util.PriorityQueue<>(java.util.Comparator.comparing(index::get));
		for (Domain d : declared) {
			waiting.put(d, before.get(d).size());
			if (before.get(d).isEmpty()) {
				ready.add(d);
			}
		}
		List<Domain> out = new ArrayList<>();
		Set<Domain> done = new HashSet<>();
		while (!ready.isEmpty()) {
			Domain next = ready.poll();
			out.add(next);
			done.add(next);
			for (Domain f : followers.getOrDefault(next, List.of())) {
				if (waiting.merge(f, -1, Integer::sum) == 0) {
					ready.add(f);
				}
			}
		}
		if (out.size() < declared.size()) {
			reportCycle(declared, before, done, locations, report);
			return declared;
		}
		return out;
	}

	private static void reportCycle(List<Domain> declared, Map<Domain, Set<Domain>> before, Set<Domain> done,
			Locations locations, Report report) {
		// walk dependencies from the first blocked domain until one repeats
		Domain start = declared.stream().filter(d -> !done.contains(d)).findFirst().orElseThrow();
		List<Domain> path = new ArrayList<>();
		Domain current = start;
		while (!path.contains(current)) {
			path.add(current);
			Domain cur = current;
			current = before.get(cur).stream().filter(d -> !done.contains(d))
					.min((a, b) -> Integer.compare(declared.indexOf(a), declared.indexOf(b))).orElseThrow();
		}
		List<Domain> cycle = path.subList(path.indexOf(current), path.size());
		StringBuilder names = new StringBuilder();
		for (Domain d : cycle) {
			names.append(d.getName()).append(" after ");
		}
		names.append(current.getName());
		Domain first = cycle.get(0);
		Report.Builder b = report.at(RuleId.ORDER, locations.of(first, dev.domino.ast.AstPackage.eINSTANCE.getDomain_Name()),
				"'after' makes a cycle: " + names + "; domains keep their declared order");
		for (Domain d : cycle.subList(1, cycle.size())) {
			b.related(locations.of(d, dev.domino.ast.AstPackage.eINSTANCE.getDomain_Name()), "domain " + d.getName()
					+ " is part of the cycle");
		}
		b.emit();
	}
}
