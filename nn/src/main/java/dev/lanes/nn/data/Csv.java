package dev.lanes.nn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reader of numeric CSV files: one example per line, fields separated by commas, surrounding
 * spaces ignored, no quoting. Blank lines are skipped; an optional first line is a header (any
 * text, UTF-8 included: it is skipped); the data lines are ASCII, and a byte outside ASCII in a
 * field makes it "not a number".
 *
 * <p>A field is a decimal number: an optional sign, digits with an optional point, an optional
 * exponent ({@code -1.5}, {@code 3}, {@code 2.5e-3}). Anything else (words, {@code NaN},
 * {@code Infinity}, hexadecimal, an empty field) fails with the file, line and column, and so
 * does a number beyond the float range: every value read is finite, as a {@link Dataset} requires.
 *
 * <p>Untrusted files are safe to read: the values are stored as they are parsed, so what a read
 * allocates in all is at most {@value #BYTES_PER_BYTE} bytes per byte of the file plus
 * {@value #FIXED_ALLOCATION} bytes; a file of more than {@code Integer.MAX_VALUE - 8} values is
 * refused.
 */
public final class Csv {
    /** A read allocates at most this many bytes per byte of the file (see the class comment). */
    public static final int BYTES_PER_BYTE = 64;
    /** A read allocates at most this many bytes besides those that grow with the file. */
    public static final int FIXED_ALLOCATION = 1 << 20;
    private static final int MAX_VALUES = Integer.MAX_VALUE - 8;

    private Csv() {}

    /**
     * A classification dataset: column {@code labelColumn} (0-based; negative counts from the
     * end, {@code -1} the last) holds the class, an integer in {@code [0, classes)}; every other
     * column is a feature.
     *
     * @throws IllegalArgumentException if {@code classes < 1} (before the file is read)
     * @throws DataFileException        naming the file, line and column of a bad field, a row with
     *                                  a different number of fields, or a bad label; or if the file
     *                                  has no column {@code labelColumn} or no other column
     * @throws IOException              if the file cannot be read
     */
    public static Dataset classification(Path file, int labelColumn, int classes, boolean header) throws IOException {
        Objects.requireNonNull(file, "file");
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, was " + classes);
        }
        Table t = parse(file, header);
        int col = column(file, t, labelColumn);
        int rows = t.rows;
        int inputs = t.columns - 1;
        float[] x = new float[rows * inputs];
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            int k = 0;
            for (int c = 0; c < t.columns; c++) {
                float v = t.values[r * t.columns + c];
                if (c == col) {
                    if (v != (int) v || v < 0 || v >= classes) {
                        throw new DataFileException(file, "line " + t.lines[r] + ", column " + (c + 1)
                                + ": label " + v + " is not an integer in [0, " + classes + ")");
                    }
                    y[r] = (int) v;
                } else {
                    x[r * inputs + k++] = v;
                }
            }
        }
        return Dataset.classification(x, inputs, y, classes);
    }

    /**
     * A regression dataset: the last {@code outputs} columns are targets, the others features.
     *
     * @throws IllegalArgumentException if {@code outputs < 1} (before the file is read)
     * @throws DataFileException        naming the file, line and column of a bad field, or if the
     *                                  file has not more than {@code outputs} columns
     * @throws IOException              if the file cannot be read
     */
    public static Dataset regression(Path file, int outputs, boolean header) throws IOException {
        Objects.requireNonNull(file, "file");
        if (outputs < 1) {
            throw new IllegalArgumentException("outputs must be >= 1, was " + outputs);
        }
        Table t = parse(file, header);
        int inputs = t.columns - outputs;
        if (inputs < 1) {
            throw new DataFileException(file, t.columns + " columns cannot hold " + outputs
                    + " targets and at least one feature");
        }
        int rows = t.rows;
        float[] x = new float[rows * inputs];
        float[] y = new float[rows * outputs];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(t.values, r * t.columns, x, r * inputs, inputs);
            System.arraycopy(t.values, r * t.columns + inputs, y, r * outputs, outputs);
        }
        return Dataset.regression(x, inputs, y, outputs);
    }

    private static int column(Path file, Table t, int labelColumn) throws DataFileException {
        int col = labelColumn < 0 ? t.columns + labelColumn : labelColumn;
        if (col < 0 || col >= t.columns) {
            throw new DataFileException(file, "label column " + labelColumn + " does not exist in " + t.columns
                    + " columns");
        }
        if (t.columns < 2) {
            throw new DataFileException(file, "needs a label column and at least one feature, has " + t.columns
                    + " column");
        }
        return col;
    }

    /** {@code rows × columns} values, row-major, and the line each row came from. */
    private record Table(int columns, int rows, float[] values, long[] lines) {}

    private static Table parse(Path file, boolean header) throws IOException {
        float[] values = new float[256];
        long[] lines = new long[16];
        int count = 0;
        int rows = 0;
        int columns = -1;
        long number = 0;
        // one char per byte: decoding cannot fail, and a line's number is exact in every message
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line;
            boolean skipHeader = header;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                if (skipHeader) {
                    skipHeader = false;
                    continue;
                }
                int fields = 1;
                for (int i = 0; i < line.length(); i++) {
                    if (line.charAt(i) == ',') {
                        fields++;
                    }
                }
                if (columns < 0) {
                    columns = fields;
                } else if (fields != columns) {
                    throw new DataFileException(file, "line " + number + " has " + fields
                            + " fields, earlier lines have " + columns);
                }
                if ((long) count + columns > MAX_VALUES) {
                    throw new DataFileException(file, "line " + number + ": more than " + MAX_VALUES
                            + " values, more than one array can hold");
                }
                if (count + columns > values.length) {
                    values = Arrays.copyOf(values, (int) Math.min(MAX_VALUES,
                            Math.max((long) count + columns, 2L * values.length)));
                }
                int from = 0;
                for (int c = 0; c < columns; c++) {
                    int to = line.indexOf(',', from);
                    if (to < 0) {
                        to = line.length();
                    }
                    values[count++] = number(file, number, c, line, from, to);
                    from = to + 1;
                }
                if (rows == lines.length) {
                    lines = Arrays.copyOf(lines, 2 * rows);
                }
                lines[rows++] = number;
            }
        }
        if (rows == 0) {
            throw new DataFileException(file, "holds no data rows");
        }
        return new Table(columns, rows, values, lines);
    }

    /** The field {@code line[from, to)}, surrounding spaces ignored, as a finite float. */
    private static float number(Path file, long line, int column, String text, int from, int to)
            throws DataFileException {
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        if (!isDecimal(text, from, to)) {
            throw new DataFileException(file, "line " + line + ", column " + (column + 1) + ": '"
                    + printable(text, from, to) + "' is not a number");
        }
        float v = Float.parseFloat(text.substring(from, to));
        if (!Float.isFinite(v)) {
            throw new DataFileException(file, "line " + line + ", column " + (column + 1) + ": '"
                    + printable(text, from, to) + "' overflows a float");
        }
        return v;
    }

    /** {@code s[from, to)} safe for a one-line message: at most 40 characters, control characters escaped. */
    private static String printable(String s, int from, int to) {
        StringBuilder b = new StringBuilder();
        int end = Math.min(to, from + 40);
        for (int i = from; i < end; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return end < to ? b.append("... (").append(to - from).append(" characters)").toString() : b.toString();
    }

    /** {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?} over {@code s[i, n)}. */
    private static boolean isDecimal(String s, int i, int n) {
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }
}
