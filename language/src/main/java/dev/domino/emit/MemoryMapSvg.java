package dev.domino.emit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.domino.model.Device;
import dev.domino.model.Domain;
import dev.domino.model.Owner;
import dev.domino.model.Region;
import dev.domino.model.RegionKind;
import dev.domino.model.SystemModel;
import dev.domino.model.U64;
import dev.domino.placement.PlacedRegion;
import dev.domino.placement.PlacedSystem;

/**
 * memory-map.svg: the placed address space as a person reads it: one band per memory bank and
 * one for devices, a row per range from low to high addresses, free gaps in between. Row heights
 * grow with the logarithm of the size, so a 4 KiB range and a 1 GiB one are both legible.
 * Each row carries its region id and source location (data-* attributes) for the editor.
 */
public final class MemoryMapSvg {
	private static final int WIDTH = 960;
	private static final int ADDRESS_X = 16;
	private static final int BLOCK_X = 176;
	private static final int BLOCK_W = 440;
	private static final int TEXT_X = 632;
	private static final String[] DOMAIN_COLOURS = { "#4e9a06", "#2e7d9a", "#8f5902", "#5c3566", "#c17d11",
			"#206060", "#7a4a8a", "#3465a4" };

	private final StringBuilder body = new StringBuilder();
	private final Map<String, String> domainColours = new HashMap<>();
	private final Path systemDir;
	private int y;

	private MemoryMapSvg(SystemModel system, Path systemDir) {
		this.systemDir = systemDir;
		int i = 0;
		for (Domain d : system.domains()) {
			domainColours.put(d.name(), DOMAIN_COLOURS[i++ % DOMAIN_COLOURS.length]);
		}
	}

	public static String emit(PlacedSystem placed, Path systemDir) {
		MemoryMapSvg svg = new MemoryMapSvg(placed.model(), systemDir);
		return svg.render(placed);
	}

	private String render(PlacedSystem placed) {
		SystemModel system = placed.model();
		y = 20;
		String title = system.isBoardOnly() ? "board " + system.board().name()
				: "system " + system.name() + " on board " + system.board().name() + " (Xen "
						+ system.xen().version() + ")";
		text(ADDRESS_X, y + 16, "title", title);
		y += 40;
		for (Region b : system.board().banks()) {
			PlacedRegion bank = placed.at(b);
			band(bank.label() + " " + bank.describeRange() + " " + U64.size(bank.size()));
			List<PlacedRegion> inside = new ArrayList<>();
			for (PlacedRegion r : placed.regions()) {
				if (r.kind().isRam() && r.overlaps(bank)) {
					inside.add(r);
				}
			}
			rows(inside, bank.base(), bank.last());
		}
		List<PlacedRegion> devices = new ArrayList<>();
		for (Device d : system.board().devices()) {
			d.regs().forEach(r -> devices.add(placed.at(r)));
		}
		if (!devices.isEmpty()) {
			band("devices");
			rows(devices, null, null);
		}
		StringBuilder out = new StringBuilder();
		out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
				.append(y + 20).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(y + 20)
				.append("\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"12\">\n");
		out.append("<style>.title{font-size:18px;font-weight:bold}.band{font-weight:bold;fill:#222}")
				.append(".addr{fill:#555}.label{fill:#fff}.note{fill:#333}.free{fill:#777;font-style:italic}")
				.append(".region:hover rect{stroke:#000;stroke-width:2}</style>\n");
		out.append("<rect width=\"100%\" height=\"100%\" fill=\"#fcfcfc\"/>\n");
		out.append(body);
		out.append("</svg>\n");
		return out.toString();
	}

	private void band(String label) {
		y += 8;
		body.append("<rect x=\"").append(ADDRESS_X).append("\" y=\"").append(y).append("\" width=\"")
				.append(WIDTH - 2 * ADDRESS_X).append("\" height=\"24\" fill=\"#e8e8e8\"/>\n");
		text(ADDRESS_X + 8, y + 16, "band", label);
		y += 32;
	}

	/** Rows for ranges sorted by base, with free gaps inside [from, last] when a bank is given. */
	private void rows(List<PlacedRegion> regions, Long from, Long last) {
		List<PlacedRegion> sorted = new ArrayList<>(regions);
		sorted.sort(Comparator.comparing(PlacedRegion::base, Long::compareUnsigned).thenComparing(PlacedRegion::id));
		Long cursor = from;
		for (PlacedRegion r : sorted) {
			if (cursor != null && U64.lt(cursor, r.base())) {
				gap(cursor, r.base() - cursor);
			}
			boolean overlapping = cursor != null && U64.lt(r.base(), cursor);
			row(r, overlapping);
			if (cursor != null && U64.gt(r.end(), cursor) && r.end() != 0) {
				cursor = r.end();
			}
		}
		if (cursor != null && last != null && U64.le(cursor, last)) {
			gap(cursor, last - cursor + 1);
		}
	}

	private void row(PlacedRegion r, boolean overlapping) {
		int h = height(r.size());
		String colour = colour(r);
		body.append("<g class=\"region\" data-id=\"").append(escape(r.id())).append('"');
		if (r.where() != null) {
			body.append(" data-file=\"").append(escape(LayoutJson.relative(r.where(), systemDir)))
					.append("\" data-line=\"").append(r.where().line()).append("\" data-column=\"")
					.append(r.where().column()).append('"');
		}
		body.append(">\n<title>").append(escape(r.label() + " " + r.describeRange() + ", " + U64.size(r.size())
				+ ", " + r.owner().describe() + (r.region().isAuto() ? ", placed by Domino" : ""))).append("</title>\n");
		text(ADDRESS_X, y + 14, "addr", U64.hex(r.base()));
		body.append("<rect x=\"").append(BLOCK_X).append("\" y=\"").append(y).append("\" width=\"").append(BLOCK_W)
				.append("\" height=\"").append(h - 2).append("\" rx=\"3\" fill=\"").append(colour).append('"');
		if (overlapping) {
			body.append(" stroke=\"#cc0000\" stroke-width=\"3\"");
		}
		body.append("/>\n");
		text(BLOCK_X + 8, y + Math.min(h - 6, 15), "label", r.label());
		text(TEXT_X, y + 14, "note", U64.size(r.size()) + (r.region().isAuto() ? "  (auto)" : "")
				+ (overlapping ? "  OVERLAP" : ""));
		body.append("</g>\n");
		y += h;
	}

	private void gap(long base, long size) {
		text(ADDRESS_X, y + 13, "addr", U64.hex(base));
		body.append("<rect x=\"").append(BLOCK_X).append("\" y=\"").append(y).append("\" width=\"").append(BLOCK_W)
				.append("\" height=\"16\" fill=\"none\" stroke=\"#bbb\" stroke-dasharray=\"4 3\"/>\n");
		text(BLOCK_X + 8, y + 12, "free", "free " + U64.size(size));
		y += 18;
	}

	static int height(long size) {
		int log = 63 - Long.numberOfLeadingZeros(Math.max(size, 1));
		return Math.max(22, Math.min(72, 22 + 3 * (log - 12)));
	}

	private String colour(PlacedRegion r) {
		Owner o = r.owner();
		return switch (r.kind()) {
		case RESERVED -> "#888a85";
		case DEVICE -> "#ce5c00";
		case XEN_IMAGE, STATIC_HEAP, HOST_DTB -> "#a40000";
		case BOOT_SCRIPT -> "#b8860b";
		case SHARED_MEMORY -> "#75507b";
		case STATIC_MEMORY -> domainColours.getOrDefault(o.name(), "#4e9a06");
		case MODULE -> "#204a87";
		default -> r.kind() == RegionKind.SECTION ? "#555753" : "#3465a4";
		};
	}

	private void text(int x, int atY, String cls, String s) {
		body.append("<text x=\"").append(x).append("\" y=\"").append(atY).append("\" class=\"").append(cls)
				.append("\">").append(escape(s)).append("</text>\n");
	}

	static String escape(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}
