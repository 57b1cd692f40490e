package dev.domino.cli;

/** A command line that cannot be run as written: exit code 2, with the usage. */
final class UsageException extends Exception {
	private static final long serialVersionUID = 1L;

	UsageException(String message) {
		super(message);
	}
}
