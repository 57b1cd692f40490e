package dev.domino.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Options and positional arguments of one command; unknown options are usage errors. */
final class Arguments {
	private final Map<String, String> options = new HashMap<>();
	private final List<String> positional = new ArrayList<>();

	static Arguments parse(List<String> args, Set<String> withValue, Set<String> flags) throws UsageException {
		Arguments out = new Arguments();
		for (int i = 0; i < args.size(); i++) {
			String a = args.get(i);
			if (a.equals("--")) {
				out.positional.addAll(args.subList(i + 1, args.size()));
				break;
			}
			if (a.startsWith("-") && a.length() > 1) {
				String name = a;
				String value = null;
				int eq = a.indexOf('=');
				if (a.startsWith("--") && eq > 0) {
					name = a.substring(0, eq);
					value = a.substring(eq + 1);
				}
				if (withValue.contains(name)) {
					if (value == null) {
						if (i + 1 >= args.size()) {
							throw new UsageException(name + " needs a value");
						}
						value = args.get(++i);
					}
					out.options.put(name, value);
				} else if (flags.contains(name) && value == null) {
					out.options.put(name, "true");
				} else {
					throw new UsageException("unknown option " + a);
				}
			} else {
				out.positional.add(a);
			}
		}
		return out;
	}

	String option(String name) {
		return options.get(name);
	}

	boolean flag(String name) {
		return options.containsKey(name);
	}

	List<String> positional() {
		return positional;
	}
}
