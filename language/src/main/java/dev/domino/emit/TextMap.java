package dev.domino.emit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.domino.model.Device;
import dev.domino.model.Region;
import dev.domino.model.SystemModel;
import dev.domino.model.U64;

/** The memory map as text, for terminals and hovers: bank by bank, range by range, with the gaps. */
public final class TextMap {
	private TextMap() {
	}

	public static String emit(SystemModel system) {
		StringBuilder out = new StringBuilder();
		out.append(system.isBoardOnly() ? "board " + system.board().name()
				: "system " + system.name() + " on board " + system.board().name()).append('\n');
		for (Region bank : system.board().banks()) {
			out.append('\n').append(bank.label()).append(' ').append(bank.describeRange()).append(' ')
					.append(U64.size(bank.size())).append('\n');
			List<Region> inside = new ArrayList<>();
			for (Region r : system.regions()) {
				if (r.isPlaced() && r.kind().isRam() && r.overlaps(bank)) {
					inside.add(r);
				}
			}
			lines(out, inside, bank.base(), bank.last());
		}
		List<Region> devices = new ArrayList<>();
		for (Device d : system.board().devices()) {
			devices.addAll(d.regs());
		}
		if (!devices.isEmpty()) {
			out.append("\ndevices\n");
			lines(out, devices, null, null);
		}
		return out.toString();
	}

	/** The lines of a list of ranges, for a hover: base, end, size, what. */
	public static String lines(List<Region> regions) {
		StringBuilder out = new StringBuilder();
		lines(out, regions, null, null);
		return out.toString();
	}

	private static void lines(StringBuilder out, List<Region> regions, Long from, Long last) {
		List<Region> sorted = new ArrayList<>(regions);
		sorted.sort(Comparator.comparing(Region::base, Long::compareUnsigned).thenComparing(Region::id));
		Long cursor = from;
		for (Region r : sorted) {
			if (cursor != null && U64.lt(cursor, r.base())) {
				line(out, cursor, r.base() - cursor, "free", "");
			}
			line(out, r.base(), r.size(), r.label(), (r.isAuto() ? "auto" : "") + (cursor != null
					&& U64.lt(r.base(), cursor) ? (r.isAuto() ? ", " : "") + "OVERLAPS" : ""));
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
