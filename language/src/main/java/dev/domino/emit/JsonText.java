package dev.domino.emit;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** JSON as Domino writes it in its outputs: Gson, two-space indentation, no HTML escaping, a final newline. */
public final class JsonText {
	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
			.create();

	private JsonText() {
	}

	public static String write(Object value) {
		return GSON.toJson(value) + "\n";
	}
}
