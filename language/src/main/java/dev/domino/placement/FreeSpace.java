package dev.domino.placement;

import java.util.Map;
import java.util.TreeMap;

import dev.domino.model.U64;

/**
 * Free address ranges, kept as a sorted map of disjoint [start, last] intervals (inclusive,
 * so a range may end at 2^64 - 1). Allocation is first fit, upwards from a cursor or downwards
 * from the top, at a power-of-two alignment.
 */
final class FreeSpace {
	// start -> inclusive last, compared unsigned
	private final TreeMap<Long, Long> free = new TreeMap<>(Long::compareUnsigned);

	void add(long base, long size) {
		if (size == 0) {
			return;
		}
		long last = base + size - 1;
		Map.Entry<Long, Long> before = free.floorEntry(base);
		if (before != null && touches(before.getValue(), base)) {
			base = before.getKey();
			last = U64.max(last, before.getValue());
			free.remove(before.getKey());
		}
		Map.Entry<Long, Long> after = free.higherEntry(base);
		while (after != null && touches(last, after.getKey())) {
			last = U64.max(last, after.getValue());
			free.remove(after.getKey());
			after = free.higherEntry(base);
		}
		free.put(base, last);
	}

	/** True when an interval ending at {@code last} overlaps or abuts one starting at {@code start}. */
	private static boolean touches(long last, long start) {
		return last == -1L || U64.ge(last + 1, start);
	}

	void remove(long base, long size) {
		if (size == 0) {
			return;
		}
		long last = base + size - 1;
		Map.Entry<Long, Long> e = free.floorEntry(base);
		if (e == null || U64.lt(e.getValue(), base)) {
			e = free.ceilingEntry(base);
		}
		while (e != null && U64.le(e.getKey(), last)) {
			long start = e.getKey();
			long end = e.getValue();
			free.remove(start);
			if (U64.lt(start, base)) {
				free.put(start, base - 1);
			}
			if (U64.gt(end, last)) {
				free.put(last + 1, end);
			}
			e = free.ceilingEntry(last == -1L ? last : last + 1);
			if (last == -1L) {
				break;
			}
		}
	}

	/** Lowest aligned base at or above {@code from} where {@code size} bytes are free, or null. */
	Long firstFitUp(long from, long size, long align) {
		Map.Entry<Long, Long> e = free.floorEntry(from);
		if (e == null || U64.lt(e.getValue(), from)) {
			e = free.ceilingEntry(from);
		}
		while (e != null) {
			long start = U64.max(e.getKey(), from);
			try {
				long base = U64.alignUp(start, align);
				long last = U64.add(base, size - 1);
				if (U64.le(last, e.getValue()) && U64.le(start, base)) {
					return base;
				}
			} catch (ArithmeticException overflow) {
				return null;
			}
			e = free.higherEntry(e.getKey());
		}
		return null;
	}

	/** Highest aligned base where {@code size} bytes are free, or null. */
	Long firstFitDown(long size, long align) {
		for (Map.Entry<Long, Long> e : free.descendingMap().entrySet()) {
			long span = e.getValue() - e.getKey();
			if (U64.lt(span, size - 1)) {
				continue;
			}
			long base = U64.alignDown(e.getValue() - (size - 1), align);
			if (U64.le(e.getKey(), base) && U64.le(base, e.getValue() - (size - 1))) {
				return base;
			}
		}
		return null;
	}

	/** The largest free interval, for "no room" messages. */
	long largest() {
		long best = 0;
		for (Map.Entry<Long, Long> e : free.entrySet()) {
			long span = e.getValue() - e.getKey() + 1;
			if (span == 0) {
				return -1L; // the whole 64-bit space
			}
			best = U64.max(best, span);
		}
		return best;
	}
}
