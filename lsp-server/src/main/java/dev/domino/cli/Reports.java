package dev.domino.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.GsonBuilder;

import dev.domino.diagnostics.Diagnostic;
import dev.domino.diagnostics.DiagnosticJson;
import dev.domino.diagnostics.Fix;
import dev.domino.diagnostics.Related;
import dev.domino.diagnostics.RuleId;
import dev.domino.diagnostics.Severity;
import dev.domino.diagnostics.TextEdit;
import dev.domino.model.SourceLocation;

/** Diagnostics as text (file:line:col: error[rule]: message), JSON, or SARIF 2.1.0 for CI annotations. */
final class Reports {
	static final String VERSION = "0.1.0";

	enum Format {
		TEXT, JSON, SARIF
	}

	private Reports() {
	}

	static void print(List<Diagnostic> diagnostics, Format format, PrintStream out) {
		switch (format) {
		case JSON -> out.print(DiagnosticJson.listing(diagnostics));
		case SARIF -> out.print(sarif(diagnostics));
		default -> text(diagnostics, out);
		}
	}

	static void text(List<Diagnostic> diagnostics, PrintStream out) {
		for (Diagnostic d : diagnostics) {
			out.println(d.format());
			for (Related r : d.related()) {
				out.println("    " + r.where().prefix() + ": note: " + r.message());
			}
			for (Fix f : d.fixes()) {
				out.println("    fix: " + f.title());
			}
		}
	}

	static String summary(List<Diagnostic> diagnostics) {
		long errors = diagnostics.stream().filter(Diagnostic::isError).count();
		long warnings = diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).count();
		return plural(errors, "error") + ", " + plural(warnings, "warning");
	}

	private static String plural(long n, String word) {
		return n + " " + word + (n == 1 ? "" : "s");
	}

	// SARIF 2.1.0 (OASIS), as records Gson writes: one run, the rule table as the driver's rules.

	record Text(String text) {
	}

	record Level(String level) {
	}

	record Rule(String id, Text shortDescription, Text fullDescription, String helpUri, Level defaultConfiguration) {
	}

	record Driver(String name, String version, String informationUri, List<Rule> rules) {
	}

	record Tool(Driver driver) {
	}

	record Artifact(String uri) {
	}

	record Region(int startLine, int startColumn, int endLine, int endColumn) {
	}

	record PhysicalLocation(Artifact artifactLocation, Region region) {
	}

	record Location(PhysicalLocation physicalLocation) {
	}

	record RelatedLocation(int id, PhysicalLocation physicalLocation, Text message) {
	}

	record Replacement(Region deletedRegion, Text insertedContent) {
	}

	record ArtifactChange(Artifact artifactLocation, List<Replacement> replacements) {
	}

	record SarifFix(Text description, List<ArtifactChange> artifactChanges) {
	}

	record Result(String ruleId, int ruleIndex, String level, Text message, List<Location> locations,
			List<RelatedLocation> relatedLocations, List<SarifFix> fixes) {
	}

	record Run(Tool tool, List<Result> results, String columnKind) {
	}

	record Log(String $schema, String version, List<Run> runs) {
	}

	static String sarif(List<Diagnostic> diagnostics) {
		List<Rule> rules = new ArrayList<>();
		for (RuleId r : RuleId.values()) {
			rules.add(new Rule(r.id(), new Text(r.summary()), new Text(r.summary() + " (source: " + r.source() + ")"),
					"https://domino.dev/docs/rules.md#" + r.id(), new Level(level(r.severity()))));
		}
		List<Result> results = new ArrayList<>();
		for (Diagnostic d : diagnostics) {
			List<RelatedLocation> related = new ArrayList<>();
			for (Related r : d.related()) {
				related.add(new RelatedLocation(related.size() + 1, physical(r.where()), new Text(r.message())));
			}
			List<SarifFix> fixes = new ArrayList<>();
			for (Fix f : d.fixes()) {
				List<ArtifactChange> changes = new ArrayList<>();
				for (TextEdit e : f.edits()) {
					changes.add(new ArtifactChange(new Artifact(uri(e.at())),
							List.of(new Replacement(region(e.at()), new Text(e.newText())))));
				}
				fixes.add(new SarifFix(new Text(f.title()), changes));
			}
			results.add(new Result(d.ruleId(), d.rule().ordinal(), level(d.severity()), new Text(d.message()),
					List.of(new Location(physical(d.where()))), related.isEmpty() ? null : related,
					fixes.isEmpty() ? null : fixes));
		}
		Log log = new Log("https://json.schemastore.org/sarif-2.1.0.json", "2.1.0", List.of(new Run(
				new Tool(new Driver("domino", VERSION, "https://domino.dev", rules)), results, "utf16CodeUnits")));
		return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(log) + "\n";
	}

	private static PhysicalLocation physical(SourceLocation where) {
		return new PhysicalLocation(new Artifact(uri(where)), region(where));
	}

	private static Region region(SourceLocation where) {
		return new Region(where.line(), where.column(), where.endLine(),
				Math.max(where.endColumn(), where.line() == where.endLine() ? where.column() : 1));
	}

	private static String uri(SourceLocation where) {
		return where.displayPath().replace('\\', '/').replace(" ", "%20");
	}

	private static String level(Severity s) {
		return switch (s) {
		case ERROR -> "error";
		case WARNING -> "warning";
		default -> "note";
		};
	}
}
