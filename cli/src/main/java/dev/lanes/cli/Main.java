package dev.lanes.cli;

import dev.lanes.kernel.Kernels;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code lanes} program: dispatches to its commands (parsed by picocli). Run it through
 * {@code ./lanes}. Exit status: 0 done, 1 a failure (missing data, a replay beyond its bound, a
 * bad file), 2 a bad command line (the usage is printed).
 */
@Command(name = "lanes", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Trains neural networks on the CPU with SIMD kernels that give the same bits everywhere.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {TrainCommand.class, CompareCommand.class, PathsCommand.class, FingerprintCommand.class,
            CrossCheckCommand.class, ReplayCommand.class, BenchCommand.class, DemoCommand.class, Main.Info.class,
            CommandLine.HelpCommand.class},
        footer = {"", "System properties (put them in LANES_OPTS, e.g. LANES_OPTS=-Dlanes.vector.bits=128 ./lanes info):",
            "  lanes.kernels=scalar|vector       force the scalar reference or the vector kernels",
            "  lanes.vector.bits=64|128|256|512  the vector width (a width the CPU lacks is emulated)",
            "./lanes jmh [JMH arguments] runs the JMH benchmark suite."})
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private Main() {}

    /** Entry point; exits with the command's status. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command line; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        System.setProperty("java.awt.headless", "true");
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(o);
        cl.setErr(e);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, ignored) -> {
            CommandLine line = ex.getCommandLine();
            PrintWriter w = line.getErr();
            w.println("lanes " + line.getCommandName() + ": " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, w);
            line.usage(w);
            return CommandLine.ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof UsageException u) {
                line.getErr().println("lanes " + line.getCommandName() + ": " + u.getMessage());
                line.usage(line.getErr());
                return CommandLine.ExitCode.USAGE;
            }
            if (ex instanceof DataException || ex instanceof java.io.IOException
                    || ex instanceof java.io.UncheckedIOException || ex instanceof IllegalArgumentException) {
                line.getErr().println("lanes " + line.getCommandName() + ": " + ex.getMessage());
                return CommandLine.ExitCode.SOFTWARE;
            }
            throw ex;
        });
        int status = cl.execute(args);
        o.flush();
        e.flush();
        return status;
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("lanes: name a command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** {@code lanes info}. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Print the kernels in use: backend, vector width, CPU and JVM.")
    static final class Info implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(Kernels.best().info());
            return 0;
        }
    }

    /** The program's version, from the jar's manifest where there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"lanes " + (v != null ? v : "0.1.0-SNAPSHOT"), Kernels.best().info().toString()};
        }
    }

    /** A bad command line found after parsing: the message names the option and the value. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** Data that is missing or unreadable: the message says how to get it. */
    static final class DataException extends RuntimeException {
        DataException(String message) {
            super(message);
        }
    }
}
