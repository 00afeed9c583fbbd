package dev.lanes.cli;

import dev.lanes.optim.Optimizers;
import dev.lanes.kernel.Kernels;
import dev.lanes.nn.Activation;
import dev.lanes.nn.Loss;
import dev.lanes.nn.Mlp;
import dev.lanes.optim.Optimizer;
import dev.lanes.schedule.Schedule;
import dev.lanes.schedule.Schedules;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options {@code train} and {@code compare} share: data, network, schedule, batches, threads. */
final class TrainingOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "SOURCE", description = "embedded (default: the Fashion-MNIST subset in "
            + "the program), fashion-mnist (the Debian package dataset-fashion-mnist), or a directory of IDX files")
    String data;

    @Option(names = "--csv", paramLabel = "FILE", description = "a CSV file instead: features, then the class in the "
            + "last column; 20 %% of the rows (after a seeded shuffle) are the test set")
    Path csv;

    @Option(names = "--classes", paramLabel = "N", defaultValue = "10", description = "classes in a CSV (default: ${DEFAULT-VALUE})")
    int classes;

    @Option(names = "--layers", paramLabel = "N,N...", split = ",", defaultValue = "256,128",
            description = "hidden layer widths (default: ${DEFAULT-VALUE}); the input and output widths come from the data")
    int[] layers;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            description = "relu, leaky_relu(0.01), sigmoid, tanh (default: ${DEFAULT-VALUE})")
    String activation;

    @Option(names = "--schedule", paramLabel = "NAME", defaultValue = "constant",
            description = "learning-rate schedule: constant, step (x gamma every --step-epochs), exponential (x gamma "
                    + "per epoch), cosine (to 0 over the run), onecycle (default: ${DEFAULT-VALUE})")
    String schedule;

    @Option(names = "--gamma", paramLabel = "X", defaultValue = "0.5", description = "decay factor of step and "
            + "exponential (default: ${DEFAULT-VALUE})")
    double gamma;

    @Option(names = "--step-epochs", paramLabel = "N", defaultValue = "2", description = "epochs between decays of "
            + "the step schedule (default: ${DEFAULT-VALUE})")
    int stepEpochs;

    @Option(names = "--warmup", paramLabel = "STEPS", defaultValue = "0", description = "linear warm-up steps "
            + "before the schedule (default: ${DEFAULT-VALUE})")
    long warmup;

    @Option(names = {"-b", "--batch-size"}, paramLabel = "N", defaultValue = "128", description = "examples per "
            + "update (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--micro-batch", paramLabel = "N", defaultValue = "0", description = "split each batch into "
            + "micro-batches of N rows (the batch size must be at most N or a multiple of it): gradient accumulation, "
            + "and the unit a --spark run spreads over its tasks (default: one micro-batch per batch)")
    int microBatch;

    @Option(names = {"-e", "--epochs"}, paramLabel = "N", defaultValue = "5", description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "threads for forward and backward (default: "
            + "the available processors); results do not depend on it")
    Integer threads;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "seed of initialisation and "
            + "shuffling (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "use only the first N training "
            + "examples (0: all)")
    int limit;

    @Option(names = "--test-limit", paramLabel = "N", defaultValue = "0", description = "use only the first N test "
            + "examples (0: all)")
    int testLimit;

    @Option(names = {"-q", "--quiet"}, description = "no progress bar (it is shown only on a terminal anyway)")
    boolean quiet;

    /** Checks the values picocli cannot; throws a usage error naming the option and the value. */
    void validate() {
        positive("--epochs", epochs, 0);
        positive("--batch-size", batchSize, 1);
        positive("--classes", classes, 2);
        positive("--step-epochs", stepEpochs, 1);
        if (microBatch < 0 || (microBatch > 0 && batchSize > microBatch && batchSize % microBatch != 0)) {
            throw bad("--micro-batch", String.valueOf(microBatch), microBatch < 0 ? "must be >= 0"
                    : "must divide --batch-size " + batchSize + " (or be at least it)");
        }
        if (threads != null) {
            positive("--threads", threads, 1);
        }
        if (limit < 0 || testLimit < 0) {
            throw bad(limit < 0 ? "--limit" : "--test-limit", String.valueOf(Math.min(limit, testLimit)), "must be >= 0");
        }
        for (int w : layers) {
            positive("--layers", w, 1);
        }
        try {
            Activation.parse(activation);
        } catch (IllegalArgumentException e) {
            throw bad("--activation", activation, "must be relu, leaky_relu(ALPHA), sigmoid, tanh or identity");
        }
        if (!java.util.List.of("constant", "step", "exponential", "cosine", "onecycle").contains(schedule)) {
            throw bad("--schedule", schedule, "must be constant, step, exponential, cosine or onecycle");
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw bad("--gamma", String.valueOf(gamma), "must be in (0, 1]");
        }
        if (warmup < 0) {
            throw bad("--warmup", String.valueOf(warmup), "must be >= 0");
        }
    }

    /** The trainer's micro-batch size: {@code batchSize} (one micro-batch per batch) unless set. */
    int microBatch() {
        return microBatch > 0 ? microBatch : batchSize;
    }

    int threadCount() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    private void positive(String name, long v, long min) {
        if (v < min) {
            throw bad(name, String.valueOf(v), "must be >= " + min);
        }
    }

    ParameterException bad(String option, String value, String why) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': '" + value
                + "' " + why);
    }

    /** The network for data with {@code inputs} features and {@code classes} classes. */
    Mlp network(int inputs, int outputs, Kernels kernels) {
        return Mlp.builder(inputs).hidden(layers, Activation.parse(activation)).output(outputs, Loss.SOFTMAX_CROSS_ENTROPY)
                .seed(seed).kernels(kernels).threads(threadCount()).maxBatch(Math.max(batchSize, 128)).build();
    }

    /** The learning-rate schedule for a run of {@code stepsPerEpoch · epochs} steps from {@code lr}. */
    Schedule schedule(double lr, long stepsPerEpoch) {
        long total = Math.max(1, stepsPerEpoch * Math.max(epochs, 1));
        Schedule s = switch (schedule) {
            case "step" -> Schedules.step(lr, stepsPerEpoch * stepEpochs, gamma);
            case "exponential" -> Schedules.step(lr, stepsPerEpoch, gamma);
            case "cosine" -> Schedules.cosine(lr, total, 0);
            case "onecycle" -> Schedules.oneCycle(lr, total);
            default -> Schedules.constant(lr);
        };
        return warmup > 0 ? Schedules.linearWarmup(warmup, 0.01, s) : s;
    }

    /** Builds an optimizer, turning a refused hyper-parameter into a usage error. */
    Optimizer optimizer(String name, double lr, long stepsPerEpoch, Optimizers.Settings hyper, Mlp mlp) {
        try {
            return Optimizers.byName(name, schedule(lr, stepsPerEpoch), hyper, mlp.kernels(), mlp.parameters());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid optimizer setting for " + name + ": " + e.getMessage());
        }
    }
}
