package dev.lanes.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The header parser on crafted text: the regressions of its fuzz target. */
class JsonTest {
    @Test
    void nestingIsLimitedInsteadOfOverflowingTheStack() {
        String deep = "[".repeat(200_000) + "]".repeat(200_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(deep));
        assertEquals("JSON header, at character 64: nested deeper than 64 levels", e.getMessage());
        String objects = "{\"a\":".repeat(100) + "0" + "}".repeat(100);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Json.parse(objects)).getMessage()
                .contains("nested deeper than 64 levels"));
        String ok = "[".repeat(64) + "]".repeat(64);
        Object v = Json.parse(ok);
        for (int i = 1; i < 64; i++) {
            v = ((List<?>) v).get(0);
        }
        assertEquals(List.of(), v);
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[".repeat(65) + "]".repeat(65)));
        // siblings do not add up
        assertEquals(2, ((List<?>) Json.parse("[" + "[]".repeat(1) + "," + "[[]]" + "]")).size());
    }

    @Test
    void unicodeEscapesTakeExactlyFourHexDigits() {
        assertEquals(Map.of("k", "A\u00e9"), Json.parse("{\"k\":\"\\u0041\\u00E9\"}"));
        for (String bad : new String[] {"\"\\u+041\"", "\"\\u-001\"", "\"\\u004\"", "\"\\u00g1\"", "\"\\u\uff10041\""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
            assertTrue(e.getMessage().contains("escape"), e.getMessage());
        }
    }

    @Test
    void messagesQuoteTheTextOnOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.parse("{\"a\\nb\\u001b[31m\":1,\"a\\nb\\u001b[31m\":2}"));
        assertTrue(e.getMessage().endsWith(": duplicate key \"a\\u000ab\\u001b[31m\""), e.getMessage());
        assertEquals("x\\u2028" + "y".repeat(78) + "... (100 characters)", Json.printable("x\u2028" + "y".repeat(98), 80));
        assertEquals("\\ud800a\ud83d\ude00", Json.printable("\ud800a\ud83d\ude00", 10));
    }
}
