package dev.lanes.spark;

import static dev.lanes.spark.SparkTests.assertBits;

import dev.lanes.nn.data.Dataset;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The same bits on one core, and when Spark retries a failed task: {@code local[1]}, then
 * {@code local[2,2]} (each task may fail once) with failures injected into the first attempt of a
 * training task and of a layout task.
 */
class SparkFailuresTest {
    private static final Dataset DATA = SparkTests.data(290, 31);
    private static final SparkTests.Settings SETTINGS = new SparkTests.Settings(2, 32, 4, 9);

    @Test
    void oneCoreGivesTheSameBits() throws Exception {
        SparkSession spark = SparkTests.session("local[1]");
        float[] expected = SparkTests.local(DATA, SETTINGS, null);
        for (int partitions : new int[] {1, 3, 7}) {
            assertBits(expected, SparkTests.spark(spark, DATA, SETTINGS, partitions, 1, null),
                    "local[1], " + partitions + " partitions");
        }
        assertBits(expected, SparkTests.spark(spark, DATA, SETTINGS, 2, 2, null), "local[1], 2 partitions, 2 threads");
    }

    @Test
    void retriedTasksGiveTheSameBits() throws Exception {
        SparkSession spark = SparkTests.session("local[2,2]");
        float[] expected = SparkTests.local(DATA, SETTINGS, null);
        var sc = spark.sparkContext();
        try {
            // the training task of partition 1 fails at step 3 of epoch 2, after it has answered earlier steps
            sc.setLocalProperty(ShardWorker.FAIL_ONCE, "1:2:3");
            assertBits(expected, SparkTests.spark(spark, DATA, SETTINGS, 3, 1, null), "a training task retried");
            sc.setLocalProperty(ShardWorker.FAIL_ONCE, "0:1:0");
            assertBits(expected, SparkTests.spark(spark, DATA, SETTINGS, 2, 2, null), "a task retried at its first step");
            sc.setLocalProperty(ShardWorker.FAIL_ONCE, null);
            sc.setLocalProperty(TrainingData.FAIL_LAYOUT_ONCE, "2");
            assertBits(expected, SparkTests.spark(spark, DATA, SETTINGS, 3, 1, null), "a layout task retried");
        } finally {
            sc.setLocalProperty(ShardWorker.FAIL_ONCE, null);
            sc.setLocalProperty(TrainingData.FAIL_LAYOUT_ONCE, null);
        }
    }

    @Test
    void aTaskThatKeepsFailingEndsTheTrainingWithItsCause() {
        SparkSession spark = SparkTests.session("local[1]");
        var sc = spark.sparkContext();
        try {
            // local[1] allows no retry: the job fails, and fit says why
            sc.setLocalProperty(ShardWorker.FAIL_ONCE, "0:1:2");
            java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                    () -> SparkTests.spark(spark, DATA, SETTINGS, 2, 1, null));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("the training job failed")
                    && e.getMessage().contains("injected failure at epoch 1, step 2"), e.getMessage());
        } finally {
            sc.setLocalProperty(ShardWorker.FAIL_ONCE, null);
        }
    }
}
