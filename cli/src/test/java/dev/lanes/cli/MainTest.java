package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line itself: usage, exit status, messages for bad values and missing data. */
class MainTest {
    @TempDir
    Path dir;

    @Test
    void noCommandPrintsUsageAndExits2() {
        Run r = Run.of();
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("Usage: lanes"), r.toString());
    }

    @Test
    void unknownCommandPrintsUsageAndExits2() {
        Run r = Run.of("trian");
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("trian"), r.toString());
        assertTrue(r.err().contains("Usage: lanes"), r.toString());
    }

    @Test
    void unknownOptionPrintsUsageAndExits2() {
        Run r = Run.of("train", "--epoch-count", "3");
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("--epoch-count"), r.toString());
        assertTrue(r.err().contains("Usage: lanes train"), r.toString());
    }

    @Test
    void badValuesNameTheOptionAndTheValue() {
        String[][] cases = {
            {"train", "--epochs", "-3"}, {"train", "--epochs", "many"}, {"train", "--optimizer", "adamm"},
            {"train", "--lr", "-0.5"}, {"train", "--activation", "swish"}, {"train", "--batch-size", "0"},
            {"train", "--plot", "chart.gif"}, {"compare", "--optimizers", "bogus"},
            {"paths", "--functions", "himmelblau"}, {"fingerprint", "--threads", "0"},
            {"replay", "--max-ulps", "-1", "x.json"}, {"bench", "--sizes", "0"},
        };
        for (String[] c : cases) {
            Run r = Run.of(c);
            String option = c[1];
            String value = c[2];
            assertEquals(2, r.status(), String.join(" ", c) + "\n" + r);
            assertTrue(r.err().contains(option), String.join(" ", c) + ": no option name\n" + r);
            assertTrue(r.err().contains(value), String.join(" ", c) + ": no value\n" + r);
        }
    }

    @Test
    void missingDataSaysWhatToDo() {
        Run r = Run.of("train", "--data", dir.resolve("nothing-here").toString(), "--log", dir.resolve("l.csv").toString());
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.err().contains("nothing-here") && r.err().contains("directory"), r.toString());

        Run empty = Run.of("train", "--data", dir.toString(), "--log", dir.resolve("l.csv").toString());
        assertEquals(1, empty.status(), empty.toString());
        assertTrue(empty.err().contains("train-images-idx3-ubyte") && empty.err().contains("dataset-fashion-mnist"),
                empty.toString());

        Run csv = Run.of("train", "--csv", dir.resolve("missing.csv").toString());
        assertEquals(1, csv.status(), csv.toString());
        assertTrue(csv.err().contains("--csv") && csv.err().contains("missing.csv"), csv.toString());
    }

    @Test
    void fashionMnistWithoutThePackageSaysHowToInstallIt() {
        org.junit.jupiter.api.Assumptions.assumeFalse(java.nio.file.Files.isDirectory(Data.DEBIAN_FASHION_MNIST),
                "the Debian package is installed here");
        Run r = Run.of("train", "--data", "fashion-mnist", "--log", dir.resolve("l.csv").toString());
        assertEquals(1, r.status(), r.toString());
        assertTrue(r.err().contains("apt install dataset-fashion-mnist"), r.toString());
    }

    @Test
    void helpInfoAndDemoWork() {
        Run help = Run.of("help");
        assertEquals(0, help.status(), help.toString());
        for (String c : new String[] {"train", "compare", "paths", "fingerprint", "replay", "bench", "demo", "info"}) {
            assertTrue(help.out().contains(c), c + " missing from\n" + help);
        }
        Run info = Run.of("info");
        assertEquals(0, info.status(), info.toString());
        assertTrue(info.out().startsWith("backend="), info.toString());
        Run demo = Run.of("demo", "--epochs", "3");
        assertEquals(0, demo.status(), demo.toString());
        assertTrue(demo.out().contains("weights sha256 "), demo.toString());
    }
}
