package dev.lanes.spark;

import dev.lanes.optim.Optimizers;
import dev.lanes.kernel.Kernels;
import dev.lanes.nn.Activation;
import dev.lanes.nn.EpochMetrics;
import dev.lanes.nn.Loss;
import dev.lanes.nn.Mlp;
import dev.lanes.nn.Trainer;
import dev.lanes.nn.data.Dataset;
import dev.lanes.nn.data.Idx;
import dev.lanes.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Lanes on Spark against Spark MLlib's {@code MultilayerPerceptronClassifier} on Fashion-MNIST
 * (784-256-128-10) in {@code local[2]}, and Lanes on Spark against single-JVM Lanes in images per
 * second; prints one table. Run it with {@code spark/peer-benchmark.sh} (see there for options).
 *
 * <p>Rows:
 * <ul>
 * <li>MLlib l-bfgs and gd: its defaults (100 iterations, tol 1e-6, block size 128, its seed) but
 *     the layers; wall time of {@code fit}, then test accuracy.
 * <li>Lanes on Spark, time to 0.88: {@link SparkGradients} under a {@code Trainer} with the test
 *     set as validation, from the start (checking and laying out the data, starting the tasks) to
 *     the end of the first epoch whose test accuracy reaches the target; then
 *     {@link LanesMlpClassifier#fit} with that many epochs, timed whole, and its test accuracy
 *     through {@code transform}.
 * <li>Throughput: the second epoch's training images per second (the first includes compiling),
 *     at global batch 128 and 1024: Spark {@code local[2]} (2 tasks of 1 thread) against the
 *     single-JVM {@code Trainer} with the same micro-batches on 2 threads (the same bits), and
 *     with one micro-batch per batch on 2 and on 1 thread; the ratio is to the best of the three.
 * </ul>
 */
public final class PeerBenchmark {
    private PeerBenchmark() {}

    private static final int[] LAYERS = {784, 256, 128, 10};

    public static void main(String[] args) throws Exception {
        boolean mllib = true;
        Path dir = Path.of("/usr/share/datasets/fashion-mnist");
        int batch = 256;
        int micro = 128;
        double target = 0.88;
        int maxEpochs = 30;
        int mllibIter = 0;
        String[] solvers = {"l-bfgs", "gd"};
        boolean throughputs = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--no-mllib" -> mllib = false;
                case "--mllib-max-iter" -> mllibIter = Integer.parseInt(args[++i]);
                case "--mllib-solvers" -> solvers = args[++i].split(",");
                case "--no-throughput" -> throughputs = false;
                case "--data" -> dir = Path.of(args[++i]);
                case "--batch-size" -> batch = Integer.parseInt(args[++i]);
                case "--micro-batch" -> micro = Integer.parseInt(args[++i]);
                case "--target" -> target = Double.parseDouble(args[++i]);
                case "--max-epochs" -> maxEpochs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--no-mllib, --data DIR, "
                        + "--batch-size N, --micro-batch N, --target ACC, --max-epochs N, --mllib-max-iter N, --mllib-solvers S,S, "
                        + "--no-throughput)");
            }
        }
        if (!Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz"))) {
            throw new IllegalArgumentException(dir + " has no Fashion-MNIST: install it with "
                    + "'sudo apt-get install dataset-fashion-mnist', or pass --data DIR");
        }
        Dataset train = Idx.dataset(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"),
                10).scaled(1f / 255);
        Dataset test = Idx.dataset(dir.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("t10k-labels-idx1-ubyte.gz"),
                10).scaled(1f / 255);
        SparkSession spark = SparkSession.builder().master("local[2]").appName("lanes peer benchmark")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        var trainFrame = frame(spark, train, 2).cache();
        var testFrame = frame(spark, test, 2).cache();
        trainFrame.count();
        testFrame.count();
        List<String> table = new ArrayList<>();
        table.add(String.format(Locale.ROOT, "%-44s | %9s | %10s | %s", "Fashion-MNIST 784-256-128-10, local[2]",
                "test acc", "wall s", "notes"));
        table.add("-".repeat(44) + "-|-" + "-".repeat(9) + "-|-" + "-".repeat(10) + "-|------");

        if (mllib) {
            for (String solver : solvers) {
                System.err.println("MLlib " + solver + " ...");
                long t0 = System.nanoTime();
                MultilayerPerceptronClassifier peer = new MultilayerPerceptronClassifier().setLayers(LAYERS)
                        .setSolver(solver);
                if (mllibIter > 0) {
                    peer.setMaxIter(mllibIter);
                }
                MultilayerPerceptronClassificationModel m = peer.fit(trainFrame);
                double seconds = (System.nanoTime() - t0) * 1e-9;
                double acc = accuracy(m.transform(testFrame));
                table.add(row("MLlib MultilayerPerceptronClassifier " + solver, acc, seconds,
                        "defaults (maxIter " + peer.getMaxIter() + "), sigmoid"));
                System.err.println(table.get(table.size() - 1));
            }
        }

        System.err.println("Lanes on Spark to " + target + " ...");
        Reached r = toTarget(spark, trainFrame, test, batch, micro, target, maxEpochs);
        table.add(row(r.reached ? String.format(Locale.ROOT, "Lanes on Spark, time to %.2f (epoch %d)", target, r.epoch)
                : String.format(Locale.ROOT, "Lanes on Spark, %.2f not reached in %d epochs", target, r.epoch), r.accuracy,
                r.seconds, String.format(Locale.ROOT, "adam 1e-3, batch %d, micro-batch %d, relu", batch, micro)));
        System.err.println(table.get(table.size() - 1));
        long t0 = System.nanoTime();
        LanesMlpClassificationModel model = new LanesMlpClassifier().setLayers(LAYERS).setMaxIter(r.epoch)
                .setBatchSize(batch).setMicroBatchSize(micro).fit(trainFrame);
        double fitSeconds = (System.nanoTime() - t0) * 1e-9;
        table.add(row("LanesMlpClassifier.fit, " + r.epoch + " epochs", accuracy(model.transform(testFrame)),
                fitSeconds, "the estimator with those settings, whole fit"));
        System.err.println(table.get(table.size() - 1));

        if (throughputs) {
            table.add("");
            table.add("training images/s (2nd epoch)   single-JVM Lanes                      | Lanes on Spark | Spark /");
            table.add("global batch, micro-batch     | 2 threads | 2 thr, 1 micro | 1 thr, 1 micro | local[2]       | best single");
            table.add("------------------------------|-----------|----------------|----------------|----------------|------------");
            for (int[] bm : new int[][] {{128, 64}, {128, 32}, {1024, 128}, {1024, 256}}) {
                int b = bm[0];
                int mu = bm[1];
                System.err.println("throughput, batch " + b + ", micro-batch " + mu + " ...");
                double same = throughput(null, train, b, mu, 2);
                double onePass = throughput(null, train, b, b, 2);
                double oneThread = throughput(null, train, b, b, 1);
                double distributed = throughput(trainFrame, train, b, mu, 1);
                double best = Math.max(same, Math.max(onePass, oneThread));
                table.add(String.format(Locale.ROOT, "%-29s | %9.0f | %14.0f | %14.0f | %14.0f | %.2f", b + ", " + mu,
                        same, onePass, oneThread, distributed, distributed / best));
                System.err.println(table.get(table.size() - 1));
            }
        }
        spark.stop();
        System.out.println();
        table.forEach(System.out::println);
    }

    private static String row(String what, double acc, double seconds, String notes) {
        return String.format(Locale.ROOT, "%-44s | %9.4f | %10.1f | %s", what, acc, seconds, notes);
    }

    private static double accuracy(org.apache.spark.sql.Dataset<Row> predicted) {
        long n = predicted.count();
        long right = predicted.filter("prediction = label").count();
        return (double) right / n;
    }

    private static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark, Dataset d, int partitions) {
        List<Row> rows = new ArrayList<>(d.size());
        for (int i = 0; i < d.size(); i++) {
            double[] v = new double[d.inputs()];
            for (int j = 0; j < v.length; j++) {
                v[j] = d.features()[i * d.inputs() + j];
            }
            rows.add(RowFactory.create(Vectors.dense(v), (double) d.labels()[i]));
        }
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, partitions),
                SparkTests.SCHEMA);
    }

    private static Mlp network(int maxBatch, int threads) {
        return Mlp.builder(784).hidden(256, Activation.RELU).hidden(128, Activation.RELU)
                .output(10, Loss.SOFTMAX_CROSS_ENTROPY).seed(1).kernels(Kernels.best()).threads(threads)
                .maxBatch(maxBatch).build();
    }

    private static Optimizer adam(Mlp mlp, long steps, int epochs) {
        return Optimizers.byName("adam", LrSchedules.byName("constant", 1e-3, steps, epochs, 0.5, 2, 0),
                new Optimizers.Settings(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0), mlp.kernels(),
                mlp.parameters());
    }

    private record Reached(boolean reached, int epoch, double accuracy, double seconds) {}

    /** Trains through Spark until the test accuracy reaches {@code target}; the time from the start. */
    private static Reached toTarget(SparkSession spark, org.apache.spark.sql.Dataset<Row> frame, Dataset test, int batch,
                                    int micro, double target, int maxEpochs) throws IOException {
        long t0 = System.nanoTime();
        double[] reached = {0, -1, 0};
        double[] last = {0};
        try (Mlp mlp = network(Math.min(batch, micro), 1);
             SparkGradients source = SparkGradients.builder(frame, mlp).build()) {
            long steps = new dev.lanes.nn.BatchPlan(source.examples(), batch, micro).steps();
            Trainer trainer = Trainer.builder(mlp, adam(mlp, steps, maxEpochs)).epochs(maxEpochs).batchSize(batch)
                    .microBatch(micro).seed(1).listener(e -> {
                        System.err.printf(Locale.ROOT, "  epoch %d: test acc %.4f, %.1f s since the start%n", e.epoch(),
                                e.validationAccuracy(), (System.nanoTime() - t0) * 1e-9);
                        last[0] = e.validationAccuracy();
                        if (reached[1] < 0 && e.validationAccuracy() >= target) {
                            reached[0] = e.epoch();
                            reached[1] = e.validationAccuracy();
                            reached[2] = (System.nanoTime() - t0) * 1e-9;
                        }
                    }).build();
            Trainer.GradientSource stopAtTarget = new Trainer.GradientSource() {
                @Override
                public int examples() {
                    return source.examples();
                }

                @Override
                public void beginEpoch(int epoch, dev.lanes.nn.BatchPlan plan) throws IOException {
                    if (reached[1] >= 0) {
                        throw new IOException("reached");
                    }
                    source.beginEpoch(epoch, plan);
                }

                @Override
                public int gradient(int step, float[] rowLoss) throws IOException {
                    return source.gradient(step, rowLoss);
                }
            };
            try {
                trainer.fit(stopAtTarget, test);
            } catch (IOException e) {
                if (reached[1] < 0) {
                    throw e;
                }
            }
        }
        if (reached[1] < 0) {
            return new Reached(false, maxEpochs, last[0], (System.nanoTime() - t0) * 1e-9);
        }
        return new Reached(true, (int) reached[0], reached[1], reached[2]);
    }

    /** Images per second of the second of two epochs: single-JVM if {@code frame} is null, else through Spark. */
    private static double throughput(org.apache.spark.sql.Dataset<Row> frame, Dataset train, int batch, int micro,
                                     int threads) throws IOException {
        List<EpochMetrics> epochs = new ArrayList<>();
        try (Mlp mlp = network(Math.min(batch, micro), threads)) {
            long steps = new dev.lanes.nn.BatchPlan(train.size(), batch, micro).steps();
            Trainer trainer = Trainer.builder(mlp, adam(mlp, steps, 2)).epochs(2).batchSize(batch).microBatch(micro)
                    .seed(1).listener(epochs::add).build();
            if (frame == null) {
                trainer.fit(train, null);
            } else {
                try (SparkGradients source = SparkGradients.builder(frame, mlp).build()) {
                    trainer.fit(source, null);
                }
            }
        }
        return epochs.get(1).examplesPerSecond();
    }
}
