package dev.lanes.cli;

import dev.lanes.optim.Optimizers;
import dev.lanes.kernel.Kernels;
import dev.lanes.optim.Optimizer;
import dev.lanes.optim.Parameter;
import dev.lanes.schedule.Schedules;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lanes bench}: a first look at each optimizer's step throughput, the vector kernels against
 * the scalar reference, at an in-cache and an out-of-cache size. Not a substitute for the JMH suite
 * ({@code ./lanes jmh OptimizerStepBenchmark}): one JVM, a short warm-up, the best of a few timed runs.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A quick table (well under a minute) of each optimizer's step throughput, vector kernels "
                + "against the scalar reference, at one in-cache and one out-of-cache size. For real numbers use "
                + "./lanes jmh."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", paramLabel = "N,N", split = ",", defaultValue = "4096,4194304",
            description = "parameter lengths (default: ${DEFAULT-VALUE}: 16 KiB per array, in L1/L2; 16 MiB, beyond "
                    + "most caches)")
    int[] sizes;

    @Option(names = "--optimizers", paramLabel = "NAME,NAME...", split = ",", description = "which (default: all)")
    List<String> optimizers;

    @Option(names = "--millis", paramLabel = "MS", defaultValue = "100",
            description = "time per measurement, after as much warm-up (default: ${DEFAULT-VALUE})")
    int millis;

    @Override
    public Integer call() {
        List<String> names = optimizers != null ? optimizers : Optimizers.NAMES;
        for (String o : names) {
            if (!Optimizers.NAMES.contains(o)) {
                throw bad("--optimizers", o, "is not one of " + String.join(", ", Optimizers.NAMES));
            }
        }
        for (int n : sizes) {
            if (n < 1 || n > 1 << 26) {
                throw bad("--sizes", String.valueOf(n), "must be in [1, 67108864]");
            }
        }
        if (millis < 1 || millis > 10_000) {
            throw bad("--millis", String.valueOf(millis), "must be in [1, 10000]");
        }
        PrintWriter out = spec.commandLine().getOut();
        Kernels vector = Kernels.best();
        Kernels scalar = Kernels.scalar();
        out.println("lanes bench: optimizer steps, million elements per second (best of 3 runs of " + millis
                + " ms after twice as long warm-up); kernels " + vector.info());
        StringBuilder top = new StringBuilder(String.format(Locale.ROOT, "%-9s", ""));
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-9s", "optimizer"));
        float[][] init = new float[sizes.length * 2][];
        for (int j = 0; j < sizes.length; j++) {
            int n = sizes[j];
            top.append(String.format(Locale.ROOT, " | %-24s", "n = " + n + " (" + (n * 4L >= 1 << 22 ? "out of cache"
                    : "in cache") + ")"));
            head.append(String.format(Locale.ROOT, " | %7s %7s %7s", "vector", "scalar", "ratio"));
            init[2 * j] = new float[n];
            init[2 * j + 1] = new float[n];
            for (int i = 0; i < n; i++) {
                init[2 * j][i] = (i % 97) * 0.02f - 1f;
                init[2 * j + 1][i] = ((i % 89) - 44) * 1e-5f;
            }
        }
        out.println(top);
        out.println(head);
        for (String name : names) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-9s", name));
            for (int j = 0; j < sizes.length; j++) {
                double v = throughput(name, vector, init[2 * j], init[2 * j + 1]);
                double s = throughput(name, scalar, init[2 * j], init[2 * j + 1]);
                row.append(String.format(Locale.ROOT, " | %7.0f %7.0f %6.2fx", v, s, v / s));
            }
            out.println(row);
            out.flush();
        }
        if (vector.info().backend().equals("scalar")) {
            out.println("(the vector kernels are not in use: run with --add-modules jdk.incubator.vector, as ./lanes does)");
        }
        return 0;
    }

    private picocli.CommandLine.ParameterException bad(String option, String value, String why) {
        return new picocli.CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '" + option
                + "': '" + value + "' " + why);
    }

    /** Million elements per second of {@code name}'s step over a copy of {@code p0} with gradient {@code g0}. */
    private double throughput(String name, Kernels k, float[] p0, float[] g0) {
        int n = p0.length;
        float[] p = p0.clone();
        float[] g = g0.clone();
        Optimizer opt = Optimizers.byName(name, Schedules.constant(1e-6), Optimizers.Settings.DEFAULTS, k,
                List.of(Parameter.of("p", p, g)));
        long budget = millis * 1_000_000L;
        run(opt, 2 * budget);
        double best = 0;
        for (int r = 0; r < 3; r++) {
            long start = System.nanoTime();
            long steps = run(opt, budget);
            double seconds = (System.nanoTime() - start) * 1e-9;
            best = Math.max(best, steps * (double) n / seconds / 1e6);
        }
        return best;
    }

    private static long run(Optimizer opt, long nanos) {
        long start = System.nanoTime();
        long steps = 0;
        do {
            opt.step();
            steps++;
        } while (System.nanoTime() - start < nanos);
        return steps;
    }
}
