package dev.domino.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What seeded random-edit tests share: where to edit. */
public final class RandomEdits {
	private RandomEdits() {
	}

	/** The offset and length of a random match of {@code regex} in {@code text}, or null. */
	public static int[] occurrence(String text, String regex, Random random) {
		List<int[]> found = new ArrayList<>();
		Matcher m = Pattern.compile(regex).matcher(text);
		while (m.find()) {
			found.add(new int[] { m.start(), m.end() - m.start() });
		}
		return found.isEmpty() ? null : found.get(random.nextInt(found.size()));
	}
}
