package dev.lanes.nn.io;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lanes.nn.FuzzSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes the safetensors header parser: any text parses to a value or fails with an
 * {@link IllegalArgumentException} that gives the position on one line (never a
 * {@link StackOverflowError}, whatever the nesting), within {@link Json#BYTES_PER_CHAR} bytes
 * allocated per character; see {@link FuzzSupport}.
 */
class JsonFuzzTest {
    private static final FuzzSupport.Counter COUNT = new FuzzSupport.Counter("json");

    @DictionaryEntries({"{\"", "\":{\"dtype\":\"F32\",\"shape\":[", "],\"data_offsets\":[", "]}", "__metadata__",
        "\"dtype\"", "\"shape\"", "\"data_offsets\"", "F32", "I64", "U8", "9223372036854775807", "2147483648",
        "4294967296", "3037000500", "\\u00", "[[[[[[[[[[[[[[[["})
    @FuzzTest
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        FuzzSupport.Outcome<Object> o = FuzzSupport.bounded("Json.parse",
                (long) Json.BYTES_PER_CHAR * text.length() + Json.FIXED_ALLOCATION, input, () -> {
                    try {
                        return Json.parse(text);
                    } catch (IllegalArgumentException e) {
                        throw new IOException(e.getMessage(), e);
                    }
                });
        if (o.failure() != null) {
            String m = o.failure().getMessage();
            if (m == null || !m.startsWith("JSON header, at character ") || m.indexOf('\n') >= 0
                    || m.indexOf('\r') >= 0) {
                throw new AssertionError("bad message: " + m + " (input " + FuzzSupport.preview(input) + ")");
            }
        }
        COUNT.allocation(o.allocated());
        COUNT.count(o.failure() == null);
        // libFuzzer's inputs stay short (4 KiB): the first byte also wraps the text in up to
        // 255,000 levels of arrays, for nesting no input could reach
        int levels = input.length == 0 ? 0 : (input[0] & 0xFF) * 1000;
        if (levels > 0) {
            String deep = "[".repeat(levels) + text + "]".repeat(levels);
            FuzzSupport.Outcome<Object> d = FuzzSupport.bounded("Json.parse", (long) Json.BYTES_PER_CHAR * 64
                    + Json.FIXED_ALLOCATION, input, () -> {
                        try {
                            return Json.parse(deep);
                        } catch (IllegalArgumentException e) {
                            throw new IOException(e.getMessage(), e);
                        }
                    });
            if (d.failure() == null || !d.failure().getMessage().endsWith("nested deeper than " + Json.MAX_DEPTH
                    + " levels")) {
                throw new AssertionError("nesting of " + levels + " levels not refused: " + d.failure());
            }
        }
    }

    @AfterAll
    static void report() {
        COUNT.report();
    }
}
