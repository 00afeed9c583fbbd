package dev.lanes.cli;

import dev.lanes.optim.Optimizers;
import dev.lanes.kernel.Kernels;
import dev.lanes.nn.EpochMetrics;
import dev.lanes.nn.Evaluation;
import dev.lanes.nn.Mlp;
import dev.lanes.nn.Trainer;
import dev.lanes.optim.Optimizer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanes train}: trains an MLP classifier and reports test accuracy. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a multi-layer perceptron classifier (default: 784-256-128-10 ReLU, Adam lr 1e-3, "
                + "batch 128, 5 epochs, on the Fashion-MNIST subset inside the program) and print its test "
                + "accuracy and loss."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TrainingOptions opts;

    @Mixin
    SparkTraining.Options spark;

    @Option(names = {"-o", "--optimizer"}, paramLabel = "NAME", defaultValue = "adam",
            description = "sgd, momentum, nesterov, adagrad, rmsprop, adadelta, adam, adamw, adamax, nadam, radam, "
                    + "rprop, asgd (default: ${DEFAULT-VALUE})")
    String optimizer;

    @Option(names = "--lr", paramLabel = "X", description = "learning rate (default: one that suits the optimizer, "
            + "1e-3 for Adam)")
    Double lr;

    @Option(names = "--momentum", paramLabel = "X", description = "momentum (sgd, momentum, nesterov, rmsprop)")
    Double momentum;

    @Option(names = "--beta1", paramLabel = "X", description = "first-moment decay of the Adam family (default 0.9)")
    Double beta1;

    @Option(names = "--beta2", paramLabel = "X", description = "second-moment decay of the Adam family (default 0.999)")
    Double beta2;

    @Option(names = "--eps", paramLabel = "X", description = "epsilon of the adaptive methods")
    Double eps;

    @Option(names = "--rho", paramLabel = "X", description = "decay of RMSProp's and AdaDelta's averages")
    Double rho;

    @Option(names = "--weight-decay", paramLabel = "X", defaultValue = "0", description = "L2 weight decay "
            + "(decoupled for adamw) (default: ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "write DIR/checkpoint.safetensors after every epoch")
    Path checkpoint;

    @Option(names = "--resume", description = "continue from DIR/checkpoint.safetensors of --checkpoint DIR")
    boolean resume;

    @Option(names = "--log", paramLabel = "FILE", defaultValue = "lanes-train.csv",
            description = "CSV log, one row per epoch (default: ${DEFAULT-VALUE})")
    Path log;

    @Option(names = "--plot", paramLabel = "FILE", description = "chart of loss and accuracy per epoch (.svg or .png)")
    Path plot;

    @Override
    public Integer call() throws IOException {
        opts.validate();
        spark.validate(opts);
        String name = optimizer.toLowerCase(Locale.ROOT);
        if (!Optimizers.NAMES.contains(name)) {
            throw opts.bad("--optimizer", optimizer, "is not one of " + String.join(", ", Optimizers.NAMES));
        }
        double rate = lr != null ? lr : OptimizerDefaults.defaultLearningRate(name);
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw opts.bad("--lr", String.valueOf(lr), "must be a positive number");
        }
        if (plot != null && !plot.toString().matches("(?i).*\\.(svg|png)")) {
            throw opts.bad("--plot", plot.toString(), "must end in .svg or .png");
        }
        if (resume && checkpoint == null) {
            throw opts.bad("--resume", "true", "needs --checkpoint DIR");
        }
        PrintWriter out = spec.commandLine().getOut();
        Data.Sets sets = Data.load(opts.data, opts.csv, opts.classes, opts.seed);
        var train = Data.limit(sets.train(), opts.limit);
        var test = Data.limit(sets.test(), opts.testLimit);
        Kernels k = Kernels.best();
        Optimizers.Settings hyper = new Optimizers.Settings(nan(momentum), nan(beta1), nan(beta2), nan(eps), nan(rho),
                weightDecay);
        try (Mlp mlp = opts.network(train.inputs(), train.classes(), k)) {
            long stepsPerEpoch = (train.size() + opts.batchSize - 1) / opts.batchSize;
            Optimizer opt = opts.optimizer(name, rate, stepsPerEpoch, hyper, mlp);
            out.println("lanes train: " + sets.description() + "; " + train.size() + " training, " + test.size()
                    + " test examples");
            out.printf(Locale.ROOT, "network %s, %s lr %s, schedule %s, batch %d, %d epochs, seed %d%n",
                    shape(mlp), name, fmt(rate), opts.schedule, opts.batchSize, opts.epochs, opts.seed);
            out.println("kernels: " + k.info() + ", threads " + mlp.threads());
            Path file = checkpoint == null ? null : checkpoint.resolve("checkpoint.safetensors");
            if (checkpoint != null) {
                Files.createDirectories(checkpoint);
            }
            if (resume && !Files.isRegularFile(file)) {
                throw new Main.DataException("--resume: no checkpoint at " + file);
            }
            boolean appendLog = resume && Files.isRegularFile(log);
            int epochs = opts.epochs;
            Progress progress = Progress.create(opts.quiet, "", epochs);
            try (BufferedWriter csv = openLog(log, appendLog)) {
                Trainer.Builder builder = Trainer.builder(mlp, opt).epochs(epochs).batchSize(opts.batchSize)
                        .microBatch(opts.microBatch()).seed(opts.seed).batchListener(progress)
                        .listener(e -> {
                            if (progress != null) {
                                progress.close();
                            }
                            out.printf(Locale.ROOT, "epoch %2d/%d  loss %.4f  acc %.4f | test loss %.4f  acc %.4f"
                                    + " | lr %.3g | train %.1f s  %,.0f img/s | eval %.1f s%n", e.epoch(), epochs,
                                    e.trainLoss(), e.trainAccuracy(), e.validationLoss(), e.validationAccuracy(),
                                    e.learningRate(), e.trainSeconds(), e.examplesPerSecond(),
                                    e.seconds() - e.trainSeconds());
                            writeRow(csv, e);
                        });
                if (file != null) {
                    builder.checkpoint(file, 1);
                }
                Trainer trainer = builder.build();
                if (resume) {
                    try {
                        trainer.resume(file);
                    } catch (IOException e) {
                        // one line, whatever the file put into the message (it names the file)
                        throw new IOException(ReplayCommand.oneLine(String.valueOf(e.getMessage())), e);
                    }
                    out.println("resumed from " + file + " after epoch " + trainer.epoch());
                }
                Trainer.Result result = spark.on()
                        ? SparkTraining.fit(spark, trainer, mlp, train, test, spec.commandLine().getErr())
                        : trainer.fit(train, test);
                if (result.history().isEmpty()) {
                    out.println("nothing to do: " + trainer.epoch() + " epochs are already done");
                }
                Evaluation e = mlp.evaluate(test.features(), 0, test.labels(), 0, test.size());
                out.printf(Locale.ROOT, "test accuracy %.4f (%d/%d), test loss %.4f%n",
                        e.accuracy(), e.correct(), e.examples(), e.loss());
                out.println("backend " + k.info().backend() + ", vector width " + k.info().vectorBits()
                        + " bits, " + mlp.threads() + " threads; log " + log
                        + (file != null ? "; checkpoint " + file : ""));
                if (plot != null) {
                    List<String[]> rows = readLog(log);
                    Charts.save(plotOf(rows, name), plot);
                    out.println("chart " + plot);
                }
                out.println("weights sha256 " + weightsSha256(mlp.parameterArray()));
            }
        }
        return 0;
    }

    /**
     * The SHA-256 of the final weights, printed as the last line: every value of
     * {@link Mlp#parameterArray()} in its order (per layer, the weight {@code [in][out]} row-major,
     * then the bias) as the four little-endian bytes of {@link Float#floatToIntBits}. Two runs
     * print the same digest exactly when their weights have the same bits (any NaN counting as
     * one).
     */
    static String weightsSha256(float[] weights) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float w : weights) {
            if (!b.hasRemaining()) {
                md.update(b.flip());
                b.clear();
            }
            b.putInt(Float.floatToIntBits(w));
        }
        md.update(b.flip());
        return HexFormat.of().formatHex(md.digest());
    }

    static String shape(Mlp mlp) {
        StringBuilder s = new StringBuilder();
        for (int w : mlp.sizes()) {
            s.append(s.isEmpty() ? "" : "-").append(w);
        }
        return s + " " + mlp.activation(0);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static double nan(Double v) {
        return v == null ? Double.NaN : v;
    }

    static final String HEADER = "epoch,train_loss,train_accuracy,test_loss,test_accuracy,learning_rate,steps,"
            + "seconds,images_per_second";

    private static BufferedWriter openLog(Path log, boolean append) throws IOException {
        Path parent = log.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        BufferedWriter w = append
                ? Files.newBufferedWriter(log, java.nio.file.StandardOpenOption.APPEND)
                : Files.newBufferedWriter(log);
        if (!append) {
            w.write(HEADER);
            w.newLine();
            w.flush();
        }
        return w;
    }

    private static void writeRow(BufferedWriter w, EpochMetrics e) {
        try {
            w.write(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.6g,%d,%.3f,%.1f", e.epoch(), e.trainLoss(),
                    e.trainAccuracy(), e.validationLoss(), e.validationAccuracy(), e.learningRate(), e.steps(),
                    e.seconds(), e.examplesPerSecond()));
            w.newLine();
            w.flush();
        } catch (IOException x) {
            throw new java.io.UncheckedIOException(x);
        }
    }

    private static List<String[]> readLog(Path log) throws IOException {
        return Files.readAllLines(log).stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",")).toList();
    }

    private static org.jfree.chart.JFreeChart plotOf(List<String[]> rows, String optimizer) {
        int n = rows.size();
        double[] ep = new double[n];
        double[][] cols = new double[4][n];
        for (int i = 0; i < n; i++) {
            ep[i] = Double.parseDouble(rows.get(i)[0]);
            for (int c = 0; c < 4; c++) {
                cols[c][i] = Double.parseDouble(rows.get(i)[c + 1]);
            }
        }
        return Charts.lossAndAccuracy("lanes train: loss and accuracy per epoch (" + optimizer + ")", ep, cols[0],
                cols[2], cols[1], cols[3]);
    }
}
