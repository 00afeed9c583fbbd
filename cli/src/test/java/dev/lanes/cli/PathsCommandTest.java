package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lanes paths} end to end: contour charts for each function, the quartic's two endings. */
class PathsCommandTest {
    @TempDir
    Path dir;

    @Test
    void drawsEveryFunction() throws Exception {
        Run r = Run.of("paths", "--out", dir.toString(), "--steps", "40", "--grid", "30",
                "--functions", "beale,rosenbrock,saddle,quadratic", "--optimizers", "sgd,momentum,adam");
        assertEquals(0, r.status(), r.toString());
        for (String f : new String[] {"beale", "rosenbrock", "saddle", "quadratic"}) {
            Run.assertSvg(dir.resolve("paths-" + f + ".svg"));
            Run.assertPng(dir.resolve("paths-" + f + ".png"));
        }
        List<String> csv = Files.readAllLines(dir.resolve("paths.csv"));
        assertEquals("function,optimizer,step,x,y,f", csv.get(0));
        assertTrue(csv.size() > 4 * 3 * 10, "rows: " + csv.size());
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("beale,adam,40,")), "adam's 40th step on beale");
        assertTrue(r.out().contains("left the plot"), "the saddle's paths escape\n" + r);
    }

    @Test
    void quarticMomentumEscapesTheLocalMinimum() throws Exception {
        Run r = Run.of("paths", "--out", dir.toString(), "--functions", "quartic");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().matches("(?s).*gradient descent +ends at x = -1\\.586\\d.*the local minimum.*"), r.toString());
        assertTrue(r.out().matches("(?s).*momentum 0\\.9 +ends at x = 2\\.04\\d\\d.*the global minimum.*"), r.toString());
        Run.assertSvg(dir.resolve("paths-quartic.svg"));
        Run.assertPng(dir.resolve("paths-quartic.png"));
    }
}
