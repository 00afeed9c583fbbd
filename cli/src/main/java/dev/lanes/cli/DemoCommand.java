package dev.lanes.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanes demo}: the reproducible logistic-regression demonstration ({@link Demo}). */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train a logistic-regression classifier on synthetic data with the Lanes kernels and print "
                + "what it did, with a SHA-256 of the weights that is the same on every machine.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "40", description = "epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "data seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        if (epochs < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--epochs': '" + epochs + "' must be >= 1");
        }
        return Demo.run(epochs, seed, spec.commandLine().getOut());
    }
}
