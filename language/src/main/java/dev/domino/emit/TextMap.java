package dev.domino.emit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.domino.model.Device;
import dev.domino.model.Region;
import dev.domino.model.SystemModel;
import dev.domino.model.U64;
import dev.domino.placement.PlacedRegion;
import dev.domino.placement.PlacedSystem;

/** The memory map as text, for terminals and hovers: bank by bank, range by range, with the gaps. */
public final class TextMap {
	private TextMap() {
	}

	public static String emit(PlacedSystem placed) {
		SystemModel system = placed.model();
		StringBuilder out = new StringBuilder();
		out.append(system.isBoardOnly() ? "board " + system.board().name()
				: "system " + system.name() + " on board " + system.board().name()).append('\n');
		for (Region b : system.board().banks()) {
			PlacedRegion bank = placed.at(b);
			out.append('\n').append(bank.label()).append(' ').append(bank.describeRange()).append(' ')
					.append(U64.size(bank.size())).append('\n');
			List<PlacedRegion> inside = new ArrayList<>();
			for (PlacedRegion r : placed.regions()) {
				if (r.kind().isRam() && r.overlaps(bank)) {
					inside.add(r);
				}
			}
			lines(out, inside, bank.base(), bank.last());
		}
		List<PlacedRegion> devices = new ArrayList<>();
		for (Device d : system.board().devices()) {
			d.regs().forEach(r -> devices.add(placed.at(r)));
		}
		if (!devices.isEmpty()) {
			out.append("\ndevices\n");
			lines(out, devices, null, null);
		}
		return out.toString();
	}

	/** The lines of a list of ranges, for a hover: base, end, size, what. */
	public static String lines(List<PlacedRegion> regions) {
		StringBuilder out = new StringBuilder();
		lines(out, regions, null, null);
		return out.toString();
	}

	private static void lines(StringBuilder out, List<PlacedRegion> regions, Long from, Long last) {
		List<PlacedRegion> sorted = new ArrayList<>(regions);
		sorted.sort(Comparator.comparing(PlacedRegion::base, Long::compareUnsigned).thenComparing(PlacedRegion::id));
		Long cursor = from;
		for (PlacedRegion r : sorted) {
			if (cursor != null && U64.lt(cursor, r.base())) {
				line(out, cursor, r.base() - cursor, "free", "");
			}
			line(out, r.base(), r.size(), r.label(), (r.region().isAuto() ? "auto" : "") + (cursor != null
					&& U64.lt(r.base(), cursor) ? (r.region().isAuto() ? ", " : "") + "OVERLAPS" : ""));
			if (cursor != null && U64.gt(r.end(), cursor) && r.end() != 0) {
				cursor = r.end();
			}
		}
		if (cursor != null && last != null && U64.le(cursor, last)) {
			line(out, cursor, last - cursor + 1, "free", "");
		}
	}

	private static void line(StringBuilder out, long base, long size, String what, String note) {
		out.append(String.format("  %-21s %-21s %10s  %s%s%n", U64.hex(base), U64.hex(base + size), U64.size(size),
				what, note.isEmpty() ? "" : "  (" + note + ")"));
	}
}
