package dev.lanes.spark;

import static dev.lanes.spark.SparkTests.assertBits;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.nn.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark training gives the single-JVM trainer's bits for any partitioning and threads (local[2]).
 */
class SparkTrainingTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTests.session("local[2]");
    }

    @Test
    void equalsTheSingleJvmTrainerForAnyPartitionsAndThreads() throws Exception {
        // 290 rows in 8 shards: shards of 37 and 36 rows, a last step with only 2 micro-batches
        Dataset d = SparkTests.data(290, 11);
        SparkTests.Settings s = new SparkTests.Settings(2, 32, 4, 5);
        List<String> localLog = new ArrayList<>();
        float[] expected = SparkTests.local(d, s, localLog);
        for (int partitions : new int[] {1, 2, 3, 7}) {
            for (int threads : new int[] {1, 2}) {
                List<String> log = new ArrayList<>();
                float[] w = SparkTests.spark(spark, d, s, partitions, threads, log);
                assertBits(expected, w, partitions + " partitions, " + threads + " threads");
                assertEquals(localLog, log, "epoch losses and accuracies");
            }
        }
    }
}
