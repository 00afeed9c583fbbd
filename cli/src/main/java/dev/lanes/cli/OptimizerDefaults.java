package dev.lanes.cli;

import java.util.List;

/**
 * What the program chooses for the optimizers of {@link dev.lanes.optim.Optimizers} (by their
 * command-line names) when the user does not: the learning rate, and the set {@code compare} runs.
 */
final class OptimizerDefaults {
    /** What {@code compare} runs by default. */
    static final List<String> COMPARED = List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam");

    private OptimizerDefaults() {}

    /** A learning rate that trains the default MLP on pixels scaled to [0, 1] well with this optimizer. */
    static double defaultLearningRate(String name) {
        return switch (name) {
            case "sgd" -> 0.05;
            case "momentum", "nesterov" -> 0.01;
            case "adagrad" -> 0.01;
            case "adadelta" -> 1.0;
            case "rprop" -> 0.001;
            case "asgd" -> 0.05;
            case "adamax", "nadam" -> 2e-3;
            default -> 1e-3;
        };
    }
}
