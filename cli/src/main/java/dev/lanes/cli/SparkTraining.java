package dev.lanes.cli;

import dev.lanes.nn.Mlp;
import dev.lanes.nn.Trainer;
import dev.lanes.nn.data.Dataset;
import dev.lanes.spark.SparkGradients;
import java.io.IOException;
import java.io.PrintWriter;
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
import picocli.CommandLine.Option;

/**
 * {@code lanes train --spark MASTER}: the same training with the gradients computed by Spark's
 * executors ({@link SparkGradients}); the trainer, the network, the optimizer and everything
 * printed are {@code train}'s own, so a run prints the weights a local run prints.
 */
final class SparkTraining {
    private SparkTraining() {}

    /** The options of a Spark run, mixed into {@code train}. */
    static final class Options {
        @Option(names = "--spark", paramLabel = "MASTER", description = "train through Apache Spark: the executors "
                + "compute the gradients (local[N] runs Spark in this process; spark://HOST:PORT, yarn, ... a "
                + "cluster); the weights are those of a local run")
        String master;

        @Option(names = "--partitions", paramLabel = "N", defaultValue = "0", description = "with --spark: partitions "
                + "of the training data (default: Spark's default parallelism); never more than the micro-batches "
                + "per batch are used")
        int partitions;

        @Option(names = "--task-threads", paramLabel = "N", defaultValue = "1", description = "with --spark: threads "
                + "of each training task (default: ${DEFAULT-VALUE})")
        int taskThreads;

        /** Whether a Spark run was asked for. */
        boolean on() {
            return master != null;
        }

        /** Usage errors for values picocli cannot check. */
        void validate(TrainingOptions opts) {
            if (partitions < 0) {
                throw opts.bad("--partitions", String.valueOf(partitions), "must be >= 0");
            }
            if (taskThreads < 1) {
                throw opts.bad("--task-threads", String.valueOf(taskThreads), "must be >= 1");
            }
        }
    }

    /**
     * Runs {@code trainer.fit} with the gradients from a Spark session on {@code options.master}
     * over {@code train}, evaluating on {@code test} after each epoch as a local run does.
     */
    static Trainer.Result fit(Options options, Trainer trainer, Mlp mlp, Dataset train, Dataset test,
                              PrintWriter err) throws IOException {
        SparkSession spark = SparkSession.builder().master(options.master).appName("lanes train")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            spark.sparkContext().setLogLevel("ERROR");
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            int partitions = options.partitions > 0 ? options.partitions : sc.defaultParallelism();
            var frame = spark.createDataFrame(sc.parallelize(rows(train), partitions), SCHEMA);
            try (SparkGradients source = SparkGradients.builder(frame, mlp).threadsPerTask(options.taskThreads)
                    .build()) {
                Trainer.Result result = trainer.fit(new Announcing(source, options.master, err), test);
                return result;
            }
        } finally {
            spark.stop();
        }
    }

    private static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("features", SQLDataTypes.VectorType(), false),
        DataTypes.createStructField("label", DataTypes.DoubleType, false)});

    /** The examples in order, features widened to double (exactly). */
    private static List<Row> rows(Dataset d) {
        List<Row> rows = new ArrayList<>(d.size());
        int n = d.inputs();
        float[] x = d.features();
        for (int i = 0; i < d.size(); i++) {
            double[] v = new double[n];
            for (int j = 0; j < n; j++) {
                v[j] = x[i * n + j];
            }
            rows.add(RowFactory.create(Vectors.dense(v), (double) d.labels()[i]));
        }
        return rows;
    }

    /** Says once, on stderr, how the data was laid out, when the first epoch has started it. */
    private static final class Announcing implements Trainer.GradientSource {
        private final SparkGradients source;
        private final String master;
        private final PrintWriter err;
        private boolean said;

        Announcing(SparkGradients source, String master, PrintWriter err) {
            this.source = source;
            this.master = master;
            this.err = err;
        }

        @Override
        public int examples() {
            return source.examples();
        }

        @Override
        public void beginEpoch(int epoch, dev.lanes.nn.BatchPlan plan) throws IOException {
            source.beginEpoch(epoch, plan);
            if (!said) {
                said = true;
                int s = plan.shards();
                err.printf("spark %s: %d micro-batch%s of %d rows per batch, in %d partition%s, %d task%s%s%n", master,
                        s, s == 1 ? "" : "es", plan.microBatchRows(), source.partitions(),
                        source.partitions() == 1 ? "" : "s", source.tasks(), source.tasks() == 1 ? "" : "s",
                        s == 1 ? " (one micro-batch per batch is one task's work: --micro-batch spreads a batch)" : "");
                err.flush();
            }
        }

        @Override
        public int gradient(int step, float[] rowLoss) throws IOException {
            return source.gradient(step, rowLoss);
        }
    }
}
