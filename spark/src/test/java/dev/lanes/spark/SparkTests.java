package dev.lanes.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.kernel.Kernels;
import dev.lanes.nn.Activation;
import dev.lanes.nn.Loss;
import dev.lanes.nn.Mlp;
import dev.lanes.nn.Rng;
import dev.lanes.nn.Trainer;
import dev.lanes.nn.data.Dataset;
import dev.lanes.optim.Adam;
import dev.lanes.optim.Optimizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Spark sessions, data and reference trainings shared by the tests of this module. */
final class SparkTests {
    private SparkTests() {}

    /** Features, classes, hidden width and the training settings of the small test problem. */
    static final int INPUTS = 5;
    static final int CLASSES = 3;
    static final int HIDDEN = 8;

    /**
     * A quiet in-process Spark on {@code master}; a session on another master is stopped first (one
     * SparkContext per JVM).
     */
    static SparkSession session(String master) {
        SparkSession active = SparkSession.getActiveSession().getOrElse(() -> null);
        if (active != null && active.sparkContext().master().equals(master) && !active.sparkContext().isStopped()) {
            return active;
        }
        if (active != null) {
            active.stop();
        }
        SparkSession s = SparkSession.builder().master(master).appName("lanes-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        s.sparkContext().setLogLevel("ERROR");
        return s;
    }

    /** A labelled data set of {@code n} rows: three classes by the sign pattern of two features, seeded. */
    static Dataset data(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * INPUTS];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < INPUTS; j++) {
                x[i * INPUTS + j] = (float) rng.nextGaussian();
            }
            float a = x[i * INPUTS];
            float b = x[i * INPUTS + 1];
            y[i] = a > 0 ? (b > 0 ? 0 : 1) : 2;
        }
        return Dataset.classification(x, INPUTS, y, CLASSES);
    }

    static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("features", SQLDataTypes.VectorType(), true),
        DataTypes.createStructField("label", DataTypes.DoubleType, true)});

    /** The rows of {@code d} as a DataFrame of {@code partitions} partitions, in order. */
    static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark, Dataset d, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            double[] v = new double[d.inputs()];
            for (int j = 0; j < v.length; j++) {
                v[j] = d.features()[i * d.inputs() + j];
            }
            rows.add(RowFactory.create(Vectors.dense(v), (double) d.labels()[i]));
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(sc.parallelize(rows, partitions), SCHEMA);
    }

    /** Settings of a training run. */
    record Settings(int epochs, int batch, int micro, long seed) {}

    static Mlp network(Settings s, int threads) {
        return Mlp.builder(INPUTS).hidden(HIDDEN, Activation.RELU).output(CLASSES, Loss.SOFTMAX_CROSS_ENTROPY)
                .seed(s.seed()).kernels(Kernels.best()).threads(threads).maxBatch(Math.min(s.batch(), s.micro()))
                .build();
    }

    static Optimizer adam(Mlp mlp) {
        return Adam.builder().learningRate(0.01).kernels(mlp.kernels()).params(mlp.parameters()).build();
    }

    static Trainer trainer(Mlp mlp, Settings s, List<String> log) {
        return Trainer.builder(mlp, adam(mlp)).epochs(s.epochs()).batchSize(s.batch()).microBatch(s.micro())
                .seed(s.seed()).listener(e -> {
                    if (log != null) {
                        log.add(e.epoch() + " " + e.trainLoss() + " " + e.trainAccuracy());
                    }
                }).build();
    }

    /** The single-JVM reference: the weights after training on {@code d} in this JVM. */
    static float[] local(Dataset d, Settings s, List<String> log) throws IOException {
        try (Mlp mlp = network(s, 1)) {
            trainer(mlp, s, log).fit(d, null);
            return mlp.parameterArray().clone();
        }
    }

    /** The weights after training on {@code d} through Spark. */
    static float[] spark(SparkSession spark, Dataset d, Settings s, int partitions, int threads, List<String> log)
            throws IOException {
        try (Mlp mlp = network(s, 1);
             SparkGradients source = SparkGradients.builder(frame(spark, d, partitions), mlp).threadsPerTask(threads)
                     .build()) {
            trainer(mlp, s, log).fit(source, null);
            return mlp.parameterArray().clone();
        }
    }

    static void assertBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                throw new AssertionError(what + ": parameter " + i + " is " + actual[i] + ", expected " + expected[i]);
            }
        }
    }
}
