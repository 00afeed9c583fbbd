package dev.lanes.cli;

import java.io.PrintStream;
import java.util.Arrays;

/** The {@code lanes} program: dispatches to its commands. Run it through {@code ./lanes}. */
public final class Main {
    static final String USAGE = """
            usage: lanes <command> [options]

            commands:
              demo    train a logistic-regression classifier on synthetic data with the Lanes
                      kernels and print what it did (options: --epochs N, --seed N)
              info    print the kernels in use: backend, vector width, CPU and JVM
              jmh     run the JMH benchmark suite (arguments go to JMH; -h lists them)

            system properties (put them in LANES_OPTS, e.g. LANES_OPTS=-Dlanes.vector.bits=128):
              lanes.kernels=scalar|vector   force the scalar reference or the vector kernels
              lanes.vector.bits=64|128|256|512  the vector width (a width the CPU lacks is emulated)
            """;

    private Main() {}

    /** Entry point; exits 2 on a usage error. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "demo" -> Demo.run(rest, out);
                case "info" -> {
                    out.println(dev.lanes.kernel.Kernels.best().info());
                    yield 0;
                }
                case "-h", "--help", "help" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> {
                    err.println("lanes: unknown command '" + args[0] + "'");
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (UsageException e) {
            err.println("lanes " + args[0] + ": " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
    }

    /** A bad command line: the message names the option and the value. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
