package dev.domino.imports;

/**
 * Something an import could not carry over, or carried over differently: {@code subject} names
 * it as the input does (a DT path, an ImageBuilder variable), {@code message} says what happened.
 */
public record ImportNote(String subject, String message) {
	@Override
	public String toString() {
		return subject + ": " + message;
	}
}
