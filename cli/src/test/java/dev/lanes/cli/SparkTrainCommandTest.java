package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lanes train --spark local[2]} prints what the same run without Spark prints. */
class SparkTrainCommandTest {
    @TempDir
    Path dir;

    private Run train(String log, String... more) {
        String[] base = {"train", "--limit", "600", "--test-limit", "200", "--layers", "32", "--batch-size", "64",
            "--epochs", "2", "--seed", "3", "-q", "--log", dir.resolve(log).toString()};
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return Run.of(all);
    }

    /** The lines a run prints, without the timings and the paths. */
    private static List<String> results(Run r) {
        return r.out().lines().filter(l -> l.startsWith("epoch") || l.startsWith("test accuracy")
                || l.startsWith("weights sha256")).map(l -> l.replaceAll("\\| lr .*", "")).toList();
    }

    @Test
    void sparkRunPrintsTheLocalRunsResults() {
        Run local = train("local.csv", "--micro-batch", "16");
        assertEquals(0, local.status(), local.toString());
        Run spark = train("spark.csv", "--micro-batch", "16", "--spark", "local[2]", "--partitions", "3");
        assertEquals(0, spark.status(), spark.toString());
        assertTrue(spark.err().contains("spark local[2]: 4 micro-batches of 16 rows per batch, in 3 partitions, 2 tasks"),
                spark.toString());
        // two epochs and the test accuracy (and the weights' digest, where train prints it)
        assertTrue(results(local).size() >= 3, local.toString());
        assertEquals(results(local), results(spark));
    }

    @Test
    void badSparkOptionsAreUsageErrors() {
        Run r = train("bad.csv", "--spark", "local[2]", "--partitions", "-1");
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("--partitions"), r.toString());
        Run m = train("bad2.csv", "--micro-batch", "24");
        assertEquals(2, m.status(), m.toString());
        assertTrue(m.err().contains("--micro-batch") && m.err().contains("'24'"), m.toString());
    }
}
