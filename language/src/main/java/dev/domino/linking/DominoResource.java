package dev.domino.linking;

import org.eclipse.xtext.linking.lazy.LazyLinkingResource;

/**
 * A Domino file. It tells the linker when the model was brought up to date by a partial parse
 * rather than built anew, so that only what the edit touched is linked again.
 */
public class DominoResource extends LazyLinkingResource {
	private boolean partialUpdate;

	@Override
	public void update(int offset, int replacedTextLength, String newText) {
		partialUpdate = true;
		try {
			super.update(offset, replacedTextLength, newText);
		} finally {
			partialUpdate = false;
		}
	}

	/** True while the model is being linked after a partial parse. */
	boolean isPartialUpdate() {
		return partialUpdate;
	}
}
