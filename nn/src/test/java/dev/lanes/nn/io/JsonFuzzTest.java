package dev.lanes.nn.io;

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
    }

    @AfterAll
    static void report() {
        COUNT.report();
    }
}
