package dev.domino.eclipse.editor;

import java.util.List;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.TextAttribute;
import org.eclipse.jface.text.presentation.PresentationReconciler;
import org.eclipse.jface.text.rules.DefaultDamagerRepairer;
import org.eclipse.jface.text.rules.EndOfLineRule;
import org.eclipse.jface.text.rules.ICharacterScanner;
import org.eclipse.jface.text.rules.IRule;
import org.eclipse.jface.text.rules.IToken;
import org.eclipse.jface.text.rules.IWordDetector;
import org.eclipse.jface.text.rules.MultiLineRule;
import org.eclipse.jface.text.rules.RuleBasedScanner;
import org.eclipse.jface.text.rules.SingleLineRule;
import org.eclipse.jface.text.rules.Token;
import org.eclipse.jface.text.rules.WordRule;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;

import dev.domino.eclipse.DominoServices;

/**
 * Colours: the grammar's keywords (read from the grammar, so they never drift from it), strings, comments and
 * numbers (hex with separators, sizes with K/M/G/T).
 */
public class DominoPresentationReconciler extends PresentationReconciler {
	public DominoPresentationReconciler() {
		RuleBasedScanner scanner = new RuleBasedScanner();
		IToken keyword = token(new RGB(127, 0, 85), SWT.BOLD);
		IToken string = token(new RGB(42, 0, 255), SWT.NORMAL);
		IToken comment = token(new RGB(63, 127, 95), SWT.NORMAL);
		IToken number = token(new RGB(0, 110, 150), SWT.NORMAL);
		WordRule words = new WordRule(new IWordDetector() {
			@Override
			public boolean isWordStart(char c) {
				return Character.isLetter(c) || c == '_';
			}

			@Override
			public boolean isWordPart(char c) {
				return Character.isLetterOrDigit(c) || c == '_' || c == '-';
			}
		}, Token.UNDEFINED);
		List<String> keywords = DominoServices.get().keywords();
		for (String k : keywords) {
			if (!k.isEmpty() && Character.isLetter(k.charAt(0))) {
				words.addWord(k, keyword);
			}
		}
		scanner.setRules(new IRule[] { new EndOfLineRule("//", comment), new MultiLineRule("/*", "*/", comment),
				new SingleLineRule("\"", "\"", string, '\\'), new NumberRule(number), words });
		DefaultDamagerRepairer dr = new DefaultDamagerRepairer(scanner);
		setDamager(dr, IDocument.DEFAULT_CONTENT_TYPE);
		setRepairer(dr, IDocument.DEFAULT_CONTENT_TYPE);
	}

	private static IToken token(RGB rgb, int style) {
		return new Token(new TextAttribute(new org.eclipse.swt.graphics.Color(Display.getDefault(), rgb), null, style));
	}

	/** 42, 0x4000_0000, 64M, 4.17: digits, then letters, digits, dots and underscores. */
	static final class NumberRule implements IRule {
		private final IToken token;

		NumberRule(IToken token) {
			this.token = token;
		}

		@Override
		public IToken evaluate(ICharacterScanner scanner) {
			int c = scanner.read();
			if (c == ICharacterScanner.EOF || !Character.isDigit(c)) {
				scanner.unread();
				return Token.UNDEFINED;
			}
			do {
				c = scanner.read();
			} while (c != ICharacterScanner.EOF && (Character.isLetterOrDigit(c) || c == '_' || c == '.'));
			scanner.unread();
			return token;
		}
	}
}
