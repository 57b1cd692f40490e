package dev.domino.fuzz;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.domino.diagnostics.RuleId;

/** The SARIF log of a run: each result names a rule of the table and a region that starts at line 1 or later. */
final class Sarif {
	private Sarif() {
	}

	static void resultsArePlaced(Cli.Run run) {
		JsonObject log;
		try {
			log = JsonParser.parseString(run.out()).getAsJsonObject();
		} catch (RuntimeException e) {
			throw Cli.fail(run, "stdout is not a SARIF log: " + e.getMessage());
		}
		for (JsonElement r : log.getAsJsonArray("runs").get(0).getAsJsonObject().getAsJsonArray("results")) {
			JsonObject result = r.getAsJsonObject();
			JsonObject physical = result.getAsJsonArray("locations").get(0).getAsJsonObject()
					.getAsJsonObject("physicalLocation");
			JsonObject region = physical.getAsJsonObject("region");
			if (RuleId.byId(result.get("ruleId").getAsString()) == null
					|| physical.getAsJsonObject("artifactLocation").get("uri").getAsString().isEmpty()
					|| region.get("startLine").getAsInt() < 1 || region.get("startColumn").getAsInt() < 1) {
				throw Cli.fail(run, "a SARIF result without file, line, column or rule id: " + result);
			}
		}
	}
}
