package dev.domino.model;

import java.util.Map;

import dev.domino.xen.Kconfig;

/** The .config a Xen image was built with: which options are on ({@code CONFIG_X=y}) and off. */
public record XenBuild(InputFile file, Map<String, Boolean> options, SourceLocation where) {
	/** True (=y), false (not set, or =n), or null when the .config does not mention it at all. */
	public Boolean set(Kconfig.Option option) {
		return options.get(option.symbol());
	}
}
