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

    @Test
    void emptyPartitionsAndShardsSmallerThanAMicroBatch() throws Exception {
        // 5 rows in 7 input partitions (two of them empty); 8 shards of which 5 hold one row each
        Dataset d = SparkTests.data(5, 21);
        SparkTests.Settings s = new SparkTests.Settings(3, 32, 4, 2);
        assertBits(SparkTests.local(d, s, null), SparkTests.spark(spark, d, s, 7, 1, null), "5 rows, 7 partitions");
    }

    @Test
    void partitionsSmallerThanAMicroBatch() throws Exception {
        // 40 rows in 7 partitions of 5 or 6 rows, micro-batches of 8
        Dataset d = SparkTests.data(40, 22);
        SparkTests.Settings s = new SparkTests.Settings(2, 16, 8, 3);
        assertBits(SparkTests.local(d, s, null), SparkTests.spark(spark, d, s, 7, 1, null), "40 rows, 7 partitions");
    }

    @Test
    void dataSmallerThanOneBatch() throws Exception {
        // 20 rows, batches of 64 in micro-batches of 16: one step of four 5-row micro-batches per epoch
        Dataset d = SparkTests.data(20, 23);
        SparkTests.Settings s = new SparkTests.Settings(4, 64, 16, 4);
        assertBits(SparkTests.local(d, s, null), SparkTests.spark(spark, d, s, 3, 1, null), "20 rows, batch 64");
    }

    @Test
    void oneMicroBatchPerBatchIsThePlainMiniBatchLoop() throws Exception {
        Dataset d = SparkTests.data(100, 24);
        SparkTests.Settings s = new SparkTests.Settings(2, 16, 16, 6);
        assertBits(SparkTests.local(d, s, null), SparkTests.spark(spark, d, s, 3, 2, null), "one shard");
    }
}
