package dev.lanes.cli;

import dev.lanes.optim.Optimizers;
import dev.lanes.kernel.Kernels;
import dev.lanes.nn.EpochMetrics;
import dev.lanes.nn.Mlp;
import dev.lanes.nn.Trainer;
import dev.lanes.optim.Optimizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanes compare}: the same network from the same seed trained by several optimizers. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the same network from the same seed with several optimizers (each with its own "
                + "default learning rate) and write a chart of training loss per epoch, one line per optimizer, "
                + "and a table of final accuracy and time."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TrainingOptions opts;

    @Option(names = "--optimizers", paramLabel = "NAME,NAME...", split = ",",
            defaultValue = "sgd,momentum,nesterov,adagrad,rmsprop,adadelta,adam",
            description = "the optimizers (default: ${DEFAULT-VALUE})")
    List<String> optimizers;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "lanes-compare",
            description = "where compare.svg, compare.png and compare.csv go (default: ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws IOException {
        opts.validate();
        for (String o : optimizers) {
            if (!Optimizers.NAMES.contains(o.toLowerCase(Locale.ROOT))) {
                throw opts.bad("--optimizers", o, "is not one of " + String.join(", ", Optimizers.NAMES));
            }
        }
        PrintWriter pw = spec.commandLine().getOut();
        Data.Sets sets = Data.load(opts.data, opts.csv, opts.classes, opts.seed);
        var train = Data.limit(sets.train(), opts.limit);
        var test = Data.limit(sets.test(), opts.testLimit);
        Kernels k = Kernels.best();
        pw.println("lanes compare: " + sets.description() + "; " + train.size() + " training, " + test.size()
                + " test examples; kernels " + k.info());
        List<Charts.Line> lines = new ArrayList<>();
        pw.println(String.format(Locale.ROOT, "%-10s %9s %11s %10s %9s %8s", "optimizer", "lr", "train loss",
                "test loss", "test acc", "time s"));
        StringBuilder csv = new StringBuilder("optimizer,lr,epoch,train_loss,train_accuracy,test_loss,test_accuracy,seconds\n");
        long stepsPerEpoch = (train.size() + opts.batchSize - 1) / opts.batchSize;
        for (String o : optimizers) {
            String name = o.toLowerCase(Locale.ROOT);
            double lr = OptimizerDefaults.defaultLearningRate(name);
            try (Mlp mlp = opts.network(train.inputs(), train.classes(), k)) {
                Optimizer opt = opts.optimizer(name, lr, stepsPerEpoch, Optimizers.Settings.DEFAULTS, mlp);
                Progress progress = Progress.create(opts.quiet, name + " ", opts.epochs);
                long start = System.nanoTime();
                List<EpochMetrics> h = Trainer.builder(mlp, opt).epochs(opts.epochs).batchSize(opts.batchSize)
                        .microBatch(opts.microBatch()).seed(opts.seed).batchListener(progress)
                        .listener(e -> {
                            if (progress != null) {
                                progress.close();
                            }
                        })
                        .build().fit(train, test).history();
                double seconds = (System.nanoTime() - start) * 1e-9;
                double[] ep = new double[h.size()];
                double[] loss = new double[h.size()];
                for (int i = 0; i < h.size(); i++) {
                    EpochMetrics e = h.get(i);
                    ep[i] = e.epoch();
                    loss[i] = e.trainLoss();
                    csv.append(String.format(Locale.ROOT, "%s,%s,%d,%.6f,%.6f,%.6f,%.6f,%.3f%n", name, lr, e.epoch(),
                            e.trainLoss(), e.trainAccuracy(), e.validationLoss(), e.validationAccuracy(), e.seconds()));
                }
                lines.add(new Charts.Line(name + " (lr " + TrainCommand.fmt(lr) + ")", ep, loss));
                EpochMetrics last = h.isEmpty() ? null : h.get(h.size() - 1);
                String row = String.format(Locale.ROOT, "%-10s %9s %11.4f %10.4f %9.4f %8.1f", name, TrainCommand.fmt(lr),
                        last == null ? Double.NaN : last.trainLoss(), last == null ? Double.NaN : last.validationLoss(),
                        last == null ? Double.NaN : last.validationAccuracy(), seconds);
                pw.println(row);
            }
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("compare.csv"), csv);
        var chart = Charts.lines("lanes compare: training loss per epoch", "epoch", "training loss (cross-entropy)",
                lines, false);
        ((org.jfree.chart.axis.NumberAxis) chart.getXYPlot().getDomainAxis())
                .setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
        Charts.save(chart, out.resolve("compare.svg"));
        Charts.save(chart, out.resolve("compare.png"));
        pw.println("wrote " + out.resolve("compare.svg") + ", " + out.resolve("compare.png") + ", "
                + out.resolve("compare.csv"));
        return 0;
    }
}
