package dev.lanes.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.nn.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir
    Path dir;

    Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void readsClassificationWithHeaderAndLabelColumn() throws IOException {
        Path f = file("iris.csv", "a,b,label,c\n1.5, -2 ,0, 3e2\n\n.5,7.,2,-1E-1\n");
        Dataset d = Csv.classification(f, 2, 3, true);
        assertEquals(2, d.size());
        assertEquals(3, d.inputs());
        assertArrayEquals(new float[] {1.5f, -2f, 300f, 0.5f, 7f, -0.1f}, d.features());
        assertArrayEquals(new int[] {0, 2}, d.labels());
        Dataset last = Csv.classification(file("last.csv", "1,2,1\n3,4,0\n"), -1, 2, false);
        assertArrayEquals(new int[] {1, 0}, last.labels());
        assertArrayEquals(new float[] {1, 2, 3, 4}, last.features());
    }

    @Test
    void readsRegression() throws IOException {
        Dataset d = Csv.regression(file("r.csv", "1,2,3\n4,5,6\n"), 1, false);
        assertArrayEquals(new float[] {1, 2, 4, 5}, d.features());
        assertArrayEquals(new float[] {3, 6}, d.targets());
    }

    @Test
    void nonNumericFieldNamesFileLineAndColumn() throws IOException {
        for (String bad : new String[] {"abc", "NaN", "Infinity", "0x10", "1.5f", "", "1e", "--1", "1,5".substring(0, 0) + "."}) {
            Path f = file("bad.csv", "x,y,label\n1,2,0\n3," + bad + ",1\n");
            DataFileException e = assertThrows(DataFileException.class, () -> Csv.classification(f, 2, 2, true),
                    "field '" + bad + "'");
            assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("line 3, column 2")
                    && e.getMessage().contains("not a number"), e.getMessage());
        }
    }

    @Test
    void raggedRowsAndBadLabelsAreReported() throws IOException {
        Path ragged = file("ragged.csv", "1,2,0\n3,1\n");
        DataFileException e = assertThrows(DataFileException.class, () -> Csv.classification(ragged, -1, 2, false));
        assertTrue(e.getMessage().contains("ragged.csv") && e.getMessage().contains("line 2 has 2 fields"), e.getMessage());
        Path label = file("label.csv", "1,2,0\n3,1,2.5\n");
        e = assertThrows(DataFileException.class, () -> Csv.classification(label, -1, 3, false));
        assertTrue(e.getMessage().contains("line 2, column 3"), e.getMessage());
        Path empty = file("empty.csv", "a,b\n");
        e = assertThrows(DataFileException.class, () -> Csv.classification(empty, -1, 3, true));
        assertTrue(e.getMessage().contains("no data rows"), e.getMessage());
    }

    @Test
    void splitShuffleAndStandardize() {
        float[] x = {1, 10, 2, 20, 3, 30, 4, 40, 5, 50};
        Dataset d = Dataset.classification(x, 2, new int[] {0, 1, 0, 1, 0}, 2);
        Dataset[] parts = d.split(3);
        assertEquals(3, parts[0].size());
        assertEquals(2, parts[1].size());
        assertArrayEquals(new float[] {4, 40, 5, 50}, parts[1].features());
        Dataset s = d.shuffled(new Rng(5));
        int[] order = {0, 1, 2, 3, 4};
        new Rng(5).shuffle(order, 0, 5);
        for (int i = 0; i < 5; i++) {
            assertEquals(x[2 * order[i]], s.features()[2 * i]);
            assertEquals(d.labels()[order[i]], s.labels()[i]);
        }
        Standardizer st = Standardizer.fit(parts[0]);
        assertArrayEquals(new float[] {2, 20}, st.mean());
        Dataset z = st.apply(d);
        assertEquals(0f, z.features()[2]);
        assertEquals((float) (1 / Math.sqrt(2.0 / 3)), z.features()[4], 1e-6f);
        assertThrows(IllegalArgumentException.class,
                () -> Dataset.classification(x, 2, new int[] {0, 1, 0, 1, 2}, 2));
    }

    @Test
    void messagesQuoteFieldsOnOneLineAndBriefly() throws IOException {
        Path ctl = Files.write(dir.resolve("ctl.csv"), "1,2,0\n3,4\u001b[2J\u0085,1\n".getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1));
        DataFileException e = assertThrows(DataFileException.class, () -> Csv.classification(ctl, -1, 2, false));
        assertEquals(ctl + ": line 2, column 2: '4\\u001b[2J\\u0085' is not a number", e.getMessage());
        Path longField = file("long.csv", "1,2,0\n3," + "9".repeat(5000) + "x,1\n");
        e = assertThrows(DataFileException.class, () -> Csv.classification(longField, -1, 2, false));
        assertEquals(longField + ": line 2, column 2: '" + "9".repeat(40) + "... (5001 characters)' is not a number",
                e.getMessage());
        // any bytes in a header (it is skipped); outside ASCII in data: not a number
        Path utf8 = Files.write(dir.resolve("utf8.csv"), "größe,länge,klasse\n1,2,0\n".getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(1, Csv.classification(utf8, -1, 2, true).size());
        Path bad = Files.write(dir.resolve("bad.csv"), new byte[] {'1', ',', (byte) 0xff, ',', '0', '\n'});
        e = assertThrows(DataFileException.class, () -> Csv.classification(bad, -1, 2, false));
        assertTrue(e.getMessage().contains("line 1, column 2: '\u00ff' is not a number"), e.getMessage());
    }

    @Test
    void argumentsAreCheckedBeforeTheFileIsRead() {
        Path absent = dir.resolve("absent.csv");
        assertEquals("classes must be >= 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> Csv.classification(absent, -1, 0, false)).getMessage());
        assertEquals("outputs must be >= 1, was -2",
                assertThrows(IllegalArgumentException.class, () -> Csv.regression(absent, -2, false)).getMessage());
        assertThrows(NullPointerException.class, () -> Csv.regression(null, 1, false));
    }
}
