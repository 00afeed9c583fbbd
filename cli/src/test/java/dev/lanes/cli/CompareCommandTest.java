package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lanes compare} end to end: the chart in both formats, the CSV and the table. */
class CompareCommandTest {
    @TempDir
    Path dir;

    @Test
    void comparesOptimizersFromTheSameStart() throws Exception {
        Run r = Run.of("compare", "--limit", "256", "--test-limit", "100", "--layers", "16", "--epochs", "2",
                "--batch-size", "32", "--optimizers", "sgd,momentum,adam", "--out", dir.toString());
        assertEquals(0, r.status(), r.toString());
        for (String o : new String[] {"sgd", "momentum", "adam"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.matches(o + " +\\S+ +\\d\\.\\d{4} +\\d\\.\\d{4} +\\d\\.\\d{4} +\\d+\\.\\d")),
                    o + " has no table row\n" + r);
        }
        Run.assertSvg(dir.resolve("compare.svg"));
        Run.assertPng(dir.resolve("compare.png"));
        List<String> csv = Files.readAllLines(dir.resolve("compare.csv"));
        assertEquals(1 + 3 * 2, csv.size(), csv.toString());
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",");
            assertEquals(8, f.length, line);
            assertTrue(Double.parseDouble(f[3]) > 0, line);
        }
        String svg = Files.readString(dir.resolve("compare.svg"));
        assertTrue(svg.contains("momentum") && svg.contains("adam"), "the legend names the optimizers");
    }
}
