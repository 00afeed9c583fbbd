package dev.lanes.nn.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small, strict subset of JSON a safetensors header needs: objects (no duplicate keys),
 * arrays, strings and non-negative integers. Anything else (fractions, negative numbers,
 * {@code true}, {@code null}, trailing text other than spaces) is rejected with the position.
 *
 * <p>The parser recurses once per level of nesting, so nesting is limited to {@link #MAX_DEPTH}
 * levels (a safetensors header needs 3): deeper input is rejected like any other malformed
 * text, never with a {@link StackOverflowError}. What it allocates is proportional to the text:
 * at most {@link #BYTES_PER_CHAR} bytes per character in all (strings, maps, lists and boxed
 * integers together), plus {@link #FIXED_ALLOCATION} (an error's message and stack trace).
 */
final class Json {
    /** The deepest nesting of arrays and objects accepted. */
    static final int MAX_DEPTH = 64;
    /** A bound on the bytes allocated per character of text (checked by the fuzz tests). */
    static final int BYTES_PER_CHAR = 64;
    /** A bound on the bytes allocated besides those per character. */
    static final int FIXED_ALLOCATION = 64 << 10;

    private final String s;
    private int i;
    private int depth;

    private Json(String s) {
        this.s = s;
    }

    /** Parses {@code text}: a {@code Map<String, Object>}, {@code List<Object>}, {@code String} or {@code Long}. */
    static Object parse(String text) {
        Json p = new Json(text);
        p.space();
        Object v = p.value();
        p.space();
        if (p.i != text.length()) {
            throw p.error("unexpected text after the JSON value");
        }
        return v;
    }

    /**
     * {@code text} made safe to embed in a one-line message: control characters, line and
     * paragraph separators and unpaired surrogates as {@code \\uXXXX}, and at most {@code max}
     * characters of it (the rest counted, not shown).
     */
    static String printable(String text, int max) {
        String t = text.length() > max ? text.substring(0, max) : text;
        StringBuilder b = new StringBuilder(t.length() + 16);
        for (int k = 0; k < t.length(); k++) {
            char c = t.charAt(k);
            boolean lone = Character.isHighSurrogate(c)
                    ? k + 1 >= t.length() || !Character.isLowSurrogate(t.charAt(k + 1))
                    : Character.isLowSurrogate(c) && (k == 0 || !Character.isHighSurrogate(t.charAt(k - 1)));
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || lone) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (t.length() < text.length()) {
            b.append("... (").append(text.length()).append(" characters)");
        }
        return b.toString();
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("JSON header, at character " + i + ": " + what);
    }

    private void space() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
            i++;
        }
    }

    private Object value() {
        if (i >= s.length()) {
            throw error("unexpected end");
        }
        char c = s.charAt(i);
        if (c == '{') {
            return object();
        } else if (c == '[') {
            return array();
        } else if (c == '"') {
            return string();
        } else if (c >= '0' && c <= '9') {
            return integer();
        }
        throw error("unsupported value starting with '" + printable(String.valueOf(c), 1) + "'");
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private Map<String, Object> object() {
        enter();
        Map<String, Object> m = new LinkedHashMap<>();
        i++;
        space();
        if (peek('}')) {
            i++;
            depth--;
            return m;
        }
        while (true) {
            space();
            if (!peek('"')) {
                throw error("expected a key");
            }
            String k = string();
            space();
            expect(':');
            space();
            Object v = value();
            if (m.put(k, v) != null) {
                throw error("duplicate key \"" + printable(k, 80) + "\"");
            }
            space();
            if (peek(',')) {
                i++;
            } else {
                expect('}');
                depth--;
                return m;
            }
        }
    }

    private List<Object> array() {
        enter();
        List<Object> a = new ArrayList<>();
        i++;
        space();
        if (peek(']')) {
            i++;
            depth--;
            return a;
        }
        while (true) {
            space();
            a.add(value());
            space();
            if (peek(',')) {
                i++;
            } else {
                expect(']');
                depth--;
                return a;
            }
        }
    }

    private String string() {
        i++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw error("unterminated string");
            }
            char c = s.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i >= s.length()) {
                throw error("unterminated escape");
            }
            char e = s.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw error("short \\u escape");
                    }
                    int c16 = 0;
                    for (int k = 0; k < 4; k++) {
                        int d = Character.digit(s.charAt(i + k), 16);
                        if (d < 0 || s.charAt(i + k) > 'f') {
                            throw error("bad \\u escape: four hexadecimal digits expected");
                        }
                        c16 = c16 << 4 | d;
                    }
                    b.append((char) c16);
                    i += 4;
                }
                default -> throw error("bad escape \\" + printable(String.valueOf(e), 1));
            }
        }
    }

    private Long integer() {
        int start = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            throw error("only integers are supported");
        }
        if (i - start > 1 && s.charAt(start) == '0') {
            throw error("leading zero");
        }
        try {
            return Long.parseLong(s.substring(start, i));
        } catch (NumberFormatException x) {
            throw error("integer out of range");
        }
    }

    private boolean peek(char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        i++;
    }

    /** {@code value} as a JSON string literal. */
    static String quote(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('"');
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
