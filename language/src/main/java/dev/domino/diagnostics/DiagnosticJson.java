package dev.domino.diagnostics;

import java.util.List;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import dev.domino.model.SourceLocation;

/**
 * The one JSON shape of a diagnostic: the command line's {@code --format json} lists it, and the
 * language server carries it in an issue's data to turn related places and fixes into related
 * information and code actions. Lines and columns are 1-based, as in every message.
 */
public final class DiagnosticJson {
	private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
	private static final Gson PRETTY = new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();

	/** A place: the file's URI, the path users see, and the range. */
	public record Location(String uri, String file, int line, int column, int endLine, int endColumn) {
		static Location of(SourceLocation where) {
			return new Location(where.uri(), where.displayPath(), where.line(), where.column(), where.endLine(),
					where.endColumn());
		}
	}

	public record RelatedPlace(String message, Location location) {
	}

	public record Edit(Location location, String newText) {
	}

	public record QuickFix(String title, List<Edit> edits) {
	}

	public record Entry(String rule, String severity, String message, Location location, List<RelatedPlace> related,
			List<QuickFix> fixes) {
	}

	/** What {@code domino check --format json} prints. */
	public record Listing(List<Entry> diagnostics, long errors, long warnings) {
	}

	private DiagnosticJson() {
	}

	public static Entry entry(Diagnostic d) {
		List<RelatedPlace> related = d.related().stream()
				.map(r -> new RelatedPlace(r.message(), Location.of(r.where()))).toList();
		List<QuickFix> fixes = d.fixes().stream().map(f -> new QuickFix(f.title(),
				f.edits().stream().map(e -> new Edit(Location.of(e.at()), e.newText())).toList())).toList();
		return new Entry(d.ruleId(), d.severity().label(), d.message(), Location.of(d.where()), related, fixes);
	}

	/** One diagnostic on one line (an issue's data). */
	public static String write(Diagnostic d) {
		return GSON.toJson(entry(d));
	}

	public static Entry read(String json) {
		return GSON.fromJson(json, Entry.class);
	}

	/** A listing, pretty-printed, ending in a newline. */
	public static String listing(List<Diagnostic> diagnostics) {
		long errors = diagnostics.stream().filter(Diagnostic::isError).count();
		long warnings = diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).count();
		return PRETTY.toJson(new Listing(diagnostics.stream().map(DiagnosticJson::entry).toList(), errors, warnings))
				+ "\n";
	}
}
