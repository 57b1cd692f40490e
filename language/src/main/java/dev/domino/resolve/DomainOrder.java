package dev.domino.resolve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
		// by declaration index, not by object: an edit re-sorts thousands of domains
		int n = declared.size();
		Map<Domain, Integer> index = new java.util.IdentityHashMap<>(n);
		for (Domain d : declared) {
			index.put(d, index.size());
		}
		int[][] before = new int[n][];
		int[] waiting = new int[n];
		List<List<Integer>> followers = null;
		for (int i = 0; i < n; i++) {
			Domain d = declared.get(i);
			List<Integer> deps = new ArrayList<>(1);
			for (DomainItem item : d.getItems()) {
				if (item instanceof After a) {
					for (Domain target : a.getDomains()) {
						Integer j = target.eIsProxy() ? null : index.get(target);
						if (target == d) {
							report.at(RuleId.ORDER, locations.of(a), "domain " + d.getName() + " cannot come after itself")
									.emit();
						} else if (j != null && !deps.contains(j)) {
							deps.add(j);
							followers = followers != null ? followers : emptyLists(n);
							followers.get(j).add(i);
						}
					}
				}
			}
			before[i] = new int[deps.size()];
			for (int k = 0; k < before[i].length; k++) {
				before[i][k] = deps.get(k);
			}
			waiting[i] = deps.size();
		}
		if (followers == null) {
			return declared; // nobody uses 'after': declaration order
		}
		// Kahn's algorithm; among the domains that are ready, the first declared goes first
		java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
		for (int i = 0; i < n; i++) {
			if (waiting[i] == 0) {
				ready.add(i);
			}
		}
		List<Domain> out = new ArrayList<>(n);
		boolean[] done = new boolean[n];
		while (!ready.isEmpty()) {
			int next = ready.poll();
			out.add(declared.get(next));
			done[next] = true;
			for (int f : followers.get(next)) {
				if (--waiting[f] == 0) {
					ready.add(f);
				}
			}
		}
		if (out.size() < n) {
			reportCycle(declared, before, done, locations, report);
			return declared;
		}
		return out;
	}

	private static List<List<Integer>> emptyLists(int n) {
		List<List<Integer>> lists = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			lists.add(new ArrayList<>(1));
		}
		return lists;
	}

	private static void reportCycle(List<Domain> declared, int[][] before, boolean[] done, Locations locations,
			Report report) {
		// walk dependencies from the first blocked domain until one repeats, taking the first declared
		int start = 0;
		while (done[start]) {
			start++;
		}
		List<Integer> walk = new ArrayList<>();
		boolean[] walked = new boolean[declared.size()];
		int current = start;
		while (!walked[current]) {
			walked[current] = true;
			walk.add(current);
			int next = Integer.MAX_VALUE;
			for (int dep : before[current]) {
				if (!done[dep]) {
					next = Math.min(next, dep);
				}
			}
			current = next; // a blocked domain always waits for another blocked one
		}
		List<Domain> path = walk.stream().map(declared::get).toList();
		Domain repeated = declared.get(current);
		List<Domain> cycle = path.subList(path.indexOf(repeated), path.size());
		StringBuilder names = new StringBuilder();
		for (Domain d : cycle) {
			names.append(d.getName()).append(" after ");
		}
		names.append(repeated.getName());
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
