package dev.lanes.vectorops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the recorded optimizer trajectories (JSON as Python writes it: objects, arrays, numbers,
 * strings, true/false/null, and the non-finite NaN, Infinity, -Infinity). Numbers become Double,
 * objects LinkedHashMap, arrays ArrayList.
 */
final class GoldenJson {
    private final String text;
    private int at;

    private GoldenJson(String text) {
        this.text = text;
    }

    /** The value {@code text} holds. */
    static Object parse(String text) {
        GoldenJson p = new GoldenJson(text);
        Object v = p.value();
        p.skipSpace();
        if (p.at != text.length()) {
            throw p.error("trailing characters");
        }
        return v;
    }

    /** A list of numbers (or the strings "nan", "inf", "-inf") as floats, each rounded once. */
    static float[] floats(Object list) {
        List<?> l = (List<?>) list;
        float[] f = new float[l.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = toFloat(l.get(i));
        }
        return f;
    }

    /** One number (or "nan", "inf", "-inf") as a float. */
    static float toFloat(Object v) {
        if (v instanceof Double d) {
            return d.floatValue();
        }
        return switch (String.valueOf(v)) {
            case "nan" -> Float.NaN;
            case "inf" -> Float.POSITIVE_INFINITY;
            case "-inf" -> Float.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException("not a number: " + v);
        };
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at character " + at);
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private boolean take(String word) {
        if (text.startsWith(word, at)) {
            at += word.length();
            return true;
        }
        return false;
    }

    private Object value() {
        skipSpace();
        if (at >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(at);
        if (c == '{') {
            at++;
            Map<String, Object> m = new LinkedHashMap<>();
            skipSpace();
            if (take("}")) {
                return m;
            }
            do {
                skipSpace();
                String key = string();
                skipSpace();
                if (!take(":")) {
                    throw error("':' expected");
                }
                m.put(key, value());
                skipSpace();
            } while (take(","));
            if (!take("}")) {
                throw error("'}' expected");
            }
            return m;
        }
        if (c == '[') {
            at++;
            List<Object> l = new ArrayList<>();
            skipSpace();
            if (take("]")) {
                return l;
            }
            do {
                l.add(value());
                skipSpace();
            } while (take(","));
            if (!take("]")) {
                throw error("']' expected");
            }
            return l;
        }
        if (c == '"') {
            return string();
        }
        if (take("true")) {
            return Boolean.TRUE;
        }
        if (take("false")) {
            return Boolean.FALSE;
        }
        if (take("null")) {
            return null;
        }
        if (take("NaN")) {
            return Double.NaN;
        }
        if (take("Infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        if (take("-Infinity")) {
            return Double.NEGATIVE_INFINITY;
        }
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        if (start == at) {
            throw error("a value expected");
        }
        return Double.parseDouble(text.substring(start, at));
    }

    private String string() {
        if (!take("\"")) {
            throw error("'\"' expected");
        }
        StringBuilder b = new StringBuilder();
        while (at < text.length() && text.charAt(at) != '"') {
            char c = text.charAt(at++);
            if (c == '\\') {
                char e = text.charAt(at++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> b.append(e);
                }
            } else {
                b.append(c);
            }
        }
        if (!take("\"")) {
            throw error("unterminated string");
        }
        return b.toString();
    }
}
