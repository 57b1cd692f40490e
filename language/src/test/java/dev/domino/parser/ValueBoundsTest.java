package dev.domino.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.antlr.runtime.ANTLRStringStream;
import org.antlr.runtime.Token;
import org.junit.jupiter.api.Test;

import dev.domino.parser.antlr.internal.InternalDominoLexer;
import dev.domino.parser.antlr.internal.InternalDominoParser;

/** Which parentheses and operators the bounds refuse, token by token on the real lexer's output. */
class ValueBoundsTest {
	/** The texts of the tokens turned into ones no rule accepts. */
	static List<String> refused(String text) {
		ValueBounds bounds = new ValueBounds(new InternalDominoLexer(new ANTLRStringStream(text)), InternalDominoParser.tokenNames);
		List<String> refused = new ArrayList<>();
		for (Token t = bounds.nextToken(); t.getType() != Token.EOF; t = bounds.nextToken()) {
			if (t.getType() == InternalDominoParser.RULE_ANY_OTHER) {
				refused.add(t.getText());
			}
		}
		return refused;
	}

	static String nested(int depth) {
		return "memory " + "(".repeat(depth) + "16M" + ")".repeat(depth);
	}

	static String operators(int count) {
		return "memory 1M" + " + 1M".repeat(count);
	}

	@Test
	void parenthesesUpToTheDepthAreKeptAndDeeperOnesRefusedWithTheirPartners() {
		assertEquals(List.of(), refused(nested(BoundedParser.MAX_DEPTH)));
		assertEquals(List.of("(", ")"), refused(nested(BoundedParser.MAX_DEPTH + 1)));
		assertEquals(List.of("(", "(", ")", ")"), refused(nested(BoundedParser.MAX_DEPTH + 2)));
	}

	@Test
	void operatorsUpToTheLimitAreKeptAndLaterOnesRefused() {
		assertEquals(List.of(), refused(operators(BoundedParser.MAX_OPERATORS)));
		assertEquals(List.of("+"), refused(operators(BoundedParser.MAX_OPERATORS + 1)));
		assertEquals(List.of("-", "*"), refused("memory 1M" + " + 1M".repeat(BoundedParser.MAX_OPERATORS) + " - 1M * 2"));
	}

	@Test
	void anythingButNumbersSpacesAndCommentsEndsAValue() {
		int half = BoundedParser.MAX_OPERATORS / 2 + 1;
		assertEquals(List.of(), refused(operators(half) + "\n" + operators(half)));
		assertEquals(List.of("+"), refused("memory 1M" + " + 1M /* a comment */".repeat(half) + "// and another\n"
				+ " + 1M".repeat(BoundedParser.MAX_OPERATORS + 1 - half)));
		assertEquals(List.of(), refused(nested(BoundedParser.MAX_DEPTH) + " " + nested(BoundedParser.MAX_DEPTH)));
	}

	@Test
	void tokensOfAnotherGrammarAreRefused() {
		assertThrows(IllegalArgumentException.class,
				() -> new ValueBounds(new InternalDominoLexer(new ANTLRStringStream("")), new String[] { "'('", "')'", "RULE_ANY_OTHER" }));
	}
}
