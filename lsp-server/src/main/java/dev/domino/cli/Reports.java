package dev.domino.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.domino.emit.Json;
import dev.domino.model.SourceLocation;
import dev.domino.rules.Diagnostic;
import dev.domino.rules.Fix;
import dev.domino.rules.Related;
import dev.domino.rules.RuleSpec;
import dev.domino.rules.Rules;
import dev.domino.rules.Severity;
import dev.domino.rules.TextEdit;

/** Diagnostics as text (file:line:col: error[rule]: message), JSON, or SARIF 2.1.0 for CI annotations. */
final class Reports {
	static final String VERSION = "0.1.0";

	enum Format {
		TEXT, JSON, SARIF;

		static Format parse(String s) throws UsageException {
			if (s == null) {
				return TEXT;
			}
			return switch (s) {
			case "text" -> TEXT;
			case "json" -> JSON;
			case "sarif" -> SARIF;
			default -> throw new UsageException("--format is text, json or sarif, not '" + s + "'");
			};
		}
	}

	private Reports() {
	}

	static void print(List<Diagnostic> diagnostics, Format format, PrintStream out) {
		switch (format) {
		case JSON -> out.print(Json.write(json(diagnostics)));
		case SARIF -> out.print(Json.write(sarif(diagnostics)));
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

	static Map<String, Object> json(List<Diagnostic> diagnostics) {
		Map<String, Object> root = Json.object();
		List<Object> items = new ArrayList<>();
		for (Diagnostic d : diagnostics) {
			Map<String, Object> o = Json.object();
			o.put("rule", d.ruleId());
			o.put("severity", d.severity().label());
			o.put("message", d.message());
			o.put("location", location(d.where()));
			List<Object> related = new ArrayList<>();
			for (Related r : d.related()) {
				Map<String, Object> ro = Json.object();
				ro.put("message", r.message());
				ro.put("location", location(r.where()));
				related.add(ro);
			}
			o.put("related", related);
			List<Object> fixes = new ArrayList<>();
			for (Fix f : d.fixes()) {
				Map<String, Object> fo = Json.object();
				fo.put("title", f.title());
				List<Object> edits = new ArrayList<>();
				for (TextEdit e : f.edits()) {
					Map<String, Object> eo = Json.object();
					eo.put("location", location(e.at()));
					eo.put("newText", e.newText());
					edits.add(eo);
				}
				fo.put("edits", edits);
				fixes.add(fo);
			}
			o.put("fixes", fixes);
			items.add(o);
		}
		root.put("diagnostics", items);
		root.put("errors", diagnostics.stream().filter(Diagnostic::isError).count());
		root.put("warnings", diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).count());
		return root;
	}

	private static Map<String, Object> location(SourceLocation where) {
		Map<String, Object> o = Json.object();
		o.put("file", where.displayPath());
		o.put("line", where.line());
		o.put("column", where.column());
		o.put("endLine", where.endLine());
		o.put("endColumn", where.endColumn());
		return o;
	}

	/** SARIF 2.1.0 (OASIS): one run, the rule table as the driver's rules, one result per diagnostic. */
	static Map<String, Object> sarif(List<Diagnostic> diagnostics) {
		Map<String, Object> root = Json.object();
		root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
		root.put("version", "2.1.0");
		Map<String, Object> run = Json.object();
		Map<String, Object> driver = Json.object();
		driver.put("name", "domino");
		driver.put("version", VERSION);
		driver.put("informationUri", "https://domino.dev");
		List<Object> rules = new ArrayList<>();
		for (RuleSpec spec : Rules.TABLE) {
			Map<String, Object> r = Json.object();
			r.put("id", spec.id());
			r.put("shortDescription", Map.of("text", spec.summary()));
			r.put("fullDescription", Map.of("text", spec.summary() + " (source: " + spec.source() + ")"));
			r.put("helpUri", "https://domino.dev/docs/rules.md#" + spec.id());
			r.put("defaultConfiguration", Map.of("level", level(spec.severity())));
			rules.add(r);
		}
		driver.put("rules", rules);
		run.put("tool", Map.of("driver", driver));
		List<Object> results = new ArrayList<>();
		for (Diagnostic d : diagnostics) {
			Map<String, Object> r = Json.object();
			r.put("ruleId", d.ruleId());
			int index = indexOf(d.ruleId());
			if (index >= 0) {
				r.put("ruleIndex", index);
			}
			r.put("level", level(d.severity()));
			r.put("message", Map.of("text", d.message()));
			r.put("locations", List.of(Map.of("physicalLocation", physical(d.where()))));
			if (!d.related().isEmpty()) {
				List<Object> related = new ArrayList<>();
				int id = 1;
				for (Related rel : d.related()) {
					Map<String, Object> o = Json.object();
					o.put("id", id++);
					o.put("physicalLocation", physical(rel.where()));
					o.put("message", Map.of("text", rel.message()));
					related.add(o);
				}
				r.put("relatedLocations", related);
			}
			if (!d.fixes().isEmpty()) {
				List<Object> fixes = new ArrayList<>();
				for (Fix f : d.fixes()) {
					List<Object> changes = new ArrayList<>();
					for (TextEdit e : f.edits()) {
						Map<String, Object> change = Json.object();
						change.put("artifactLocation", Map.of("uri", uri(e.at())));
						Map<String, Object> replacement = Json.object();
						replacement.put("deletedRegion", region(e.at()));
						replacement.put("insertedContent", Map.of("text", e.newText()));
						change.put("replacements", List.of(replacement));
						changes.add(change);
					}
					Map<String, Object> fix = Json.object();
					fix.put("description", Map.of("text", f.title()));
					fix.put("artifactChanges", changes);
					fixes.add(fix);
				}
				r.put("fixes", fixes);
			}
			results.add(r);
		}
		run.put("results", results);
		run.put("columnKind", "utf16CodeUnits");
		root.put("runs", List.of(run));
		return root;
	}

	private static int indexOf(String id) {
		for (int i = 0; i < Rules.TABLE.size(); i++) {
			if (Rules.TABLE.get(i).id().equals(id)) {
				return i;
			}
		}
		return -1;
	}

	private static Map<String, Object> physical(SourceLocation where) {
		Map<String, Object> o = Json.object();
		o.put("artifactLocation", Map.of("uri", uri(where)));
		o.put("region", region(where));
		return o;
	}

	private static Map<String, Object> region(SourceLocation where) {
		Map<String, Object> o = Json.object();
		o.put("startLine", where.line());
		o.put("startColumn", where.column());
		o.put("endLine", where.endLine());
		o.put("endColumn", Math.max(where.endColumn(), where.line() == where.endLine() ? where.column() : 1));
		return o;
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
