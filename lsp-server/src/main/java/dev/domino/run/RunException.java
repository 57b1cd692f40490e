package dev.domino.run;

import java.io.IOException;

/** A run that cannot start: a tool that is not installed, outputs that cannot be read (exit code 2). */
public final class RunException extends IOException {
	private static final long serialVersionUID = 1L;

	public RunException(String message) {
		super("run: " + message);
	}
}
