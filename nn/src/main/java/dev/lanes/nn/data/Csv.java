package dev.lanes.nn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reader of numeric CSV files: one example per line, fields separated by commas, surrounding
 * spaces ignored, no quoting. Blank lines are skipped; an optional first line is a header.
 *
 * <p>A field is a decimal number: an optional sign, digits with an optional point, an optional
 * exponent ({@code -1.5}, {@code 3}, {@code 2.5e-3}). Anything else (words, {@code NaN},
 * {@code Infinity}, hexadecimal, an empty field) fails with the file, line and column.
 */
public final class Csv {
    private Csv() {}

    /**
     * A classification dataset: column {@code labelColumn} (0-based; negative counts from the
     * end, {@code -1} the last) holds the class, an integer in {@code [0, classes)}; every other
     * column is a feature.
     *
     * @throws DataFileException naming the file, line and column of a bad field, a row with a
     *                           different number of fields, or a bad label
     */
    public static Dataset classification(Path file, int labelColumn, int classes, boolean header) throws IOException {
        Table t = parse(file, header);
        int col = column(file, t, labelColumn);
        int rows = t.rows.size();
        int inputs = t.columns - 1;
        float[] x = new float[rows * inputs];
        int[] y = new int[rows];
        for (int r = 0; r < rows; r++) {
            float[] row = t.rows.get(r);
            int k = 0;
            for (int c = 0; c < t.columns; c++) {
                if (c == col) {
                    float v = row[c];
                    if (v != (int) v || v < 0 || v >= classes) {
                        throw new DataFileException(file, "line " + t.lines.get(r) + ", column " + (c + 1)
                                + ": label " + v + " is not an integer in [0, " + classes + ")");
                    }
                    y[r] = (int) v;
                } else {
                    x[r * inputs + k++] = row[c];
                }
            }
        }
        return Dataset.classification(x, inputs, y, classes);
    }

    /**
     * A regression dataset: the last {@code outputs} columns are targets, the others features.
     *
     * @throws DataFileException naming the file, line and column of a bad field
     */
    public static Dataset regression(Path file, int outputs, boolean header) throws IOException {
        Table t = parse(file, header);
        int inputs = t.columns - outputs;
        if (outputs < 1 || inputs < 1) {
            throw new DataFileException(file, t.columns + " columns cannot hold " + outputs
                    + " targets and at least one feature");
        }
        int rows = t.rows.size();
        float[] x = new float[rows * inputs];
        float[] y = new float[rows * outputs];
        for (int r = 0; r < rows; r++) {
            float[] row = t.rows.get(r);
            System.arraycopy(row, 0, x, r * inputs, inputs);
            System.arraycopy(row, inputs, y, r * outputs, outputs);
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

    private record Table(int columns, List<float[]> rows, List<Integer> lines) {}

    private static Table parse(Path file, boolean header) throws IOException {
        List<float[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        int columns = -1;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
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
                String[] fields = line.split(",", -1);
                if (columns < 0) {
                    columns = fields.length;
                } else if (fields.length != columns) {
                    throw new DataFileException(file, "line " + number + " has " + fields.length
                            + " fields, earlier lines have " + columns);
                }
                float[] row = new float[columns];
                for (int c = 0; c < columns; c++) {
                    row[c] = number(file, number, c, fields[c].strip());
                }
                rows.add(row);
                lines.add(number);
            }
        }
        if (rows.isEmpty()) {
            throw new DataFileException(file, "holds no data rows");
        }
        return new Table(columns, rows, lines);
    }

    private static float number(Path file, int line, int column, String s) throws DataFileException {
        if (!isDecimal(s)) {
            throw new DataFileException(file, "line " + line + ", column " + (column + 1) + ": '" + s
                    + "' is not a number");
        }
        float v = Float.parseFloat(s);
        if (!Float.isFinite(v)) {
            throw new DataFileException(file, "line " + line + ", column " + (column + 1) + ": '" + s
                    + "' overflows a float");
        }
        return v;
    }

    /** {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?} */
    private static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
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
