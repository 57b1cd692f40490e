package dev.domino.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.BiPredicate;

import dev.domino.model.U64;
import dev.domino.placement.PlacedRegion;

/**
 * Overlap detection by a sorted sweep: ranges ordered by base, a heap of the ranges still open
 * ordered by their last address. O(n log n) plus the number of overlaps reported; at most
 * {@code cap} partners are reported per range so a pathological layout cannot flood the output.
 */
public final class Sweep {
	/** Receives each overlapping pair once; {@code first} starts at or before {@code second}. */
	public interface Sink {
		void overlap(PlacedRegion first, PlacedRegion second);
	}

	private Sweep() {
	}

	public static void run(List<PlacedRegion> regions, BiPredicate<PlacedRegion, PlacedRegion> conflicts, int cap,
			Sink sink) {
		List<PlacedRegion> sorted = new ArrayList<>(regions.size());
		for (PlacedRegion r : regions) {
			if (!r.wraps()) {
				sorted.add(r);
			}
		}
		Comparator<PlacedRegion> byBase = Comparator.comparing(PlacedRegion::base, Long::compareUnsigned);
		sorted.sort(byBase.thenComparing(PlacedRegion::last, Comparator.comparing((Long l) -> l, Long::compareUnsigned)
				.reversed()).thenComparing(PlacedRegion::id));
		PriorityQueue<PlacedRegion> open = new PriorityQueue<>(Comparator.comparing(PlacedRegion::last, Long::compareUnsigned));
		List<PlacedRegion> partners = new ArrayList<>();
		for (PlacedRegion r : sorted) {
			while (!open.isEmpty() && U64.lt(open.peek().last(), r.base())) {
				open.poll();
			}
			partners.clear();
			for (PlacedRegion o : open) {
				if (conflicts.test(o, r)) {
					partners.add(o);
				}
			}
			if (partners.size() > 1) {
				partners.sort(byBase.thenComparing(PlacedRegion::id));
			}
			for (int i = 0; i < partners.size() && i < cap; i++) {
				sink.overlap(partners.get(i), r);
			}
			open.add(r);
		}
	}

	/** The common part of two overlapping ranges, as [first, last] inclusive. */
	public static long[] intersection(PlacedRegion a, PlacedRegion b) {
		return new long[] { U64.max(a.base(), b.base()), U64.min(a.last(), b.last()) };
	}
}
