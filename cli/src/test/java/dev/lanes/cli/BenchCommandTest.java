package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code lanes bench} with tiny sizes and times: a row per optimizer with two positive rates and a ratio. */
class BenchCommandTest {
    @Test
    void printsARowPerOptimizer() {
        Run r = Run.of("bench", "--sizes", "37,1024", "--millis", "3", "--optimizers", "sgd,adam,rprop");
        assertEquals(0, r.status(), r.toString());
        for (String o : new String[] {"sgd", "adam", "rprop"}) {
            String row = r.out().lines().filter(l -> l.startsWith(o + " ")).findFirst().orElseThrow();
            String[] cells = row.split("\\|");
            assertEquals(3, cells.length, row);
            for (int c = 1; c < 3; c++) {
                String[] f = cells[c].trim().split(" +");
                assertTrue(Double.parseDouble(f[0]) > 0 && Double.parseDouble(f[1]) > 0 && f[2].endsWith("x"), row);
            }
        }
    }
}
