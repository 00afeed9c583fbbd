package dev.lanes.bench;

import static dev.lanes.bench.Backends.VECTOR;

import dev.lanes.kernel.Parallel;
import dev.lanes.optim.AdaDelta;
import dev.lanes.optim.AdaGrad;
import dev.lanes.optim.AdaMax;
import dev.lanes.optim.Adam;
import dev.lanes.optim.Asgd;
import dev.lanes.optim.Momentum;
import dev.lanes.optim.NAdam;
import dev.lanes.optim.Optimizer;
import dev.lanes.optim.OptimizerState;
import dev.lanes.optim.Parameter;
import dev.lanes.optim.QuickProp;
import dev.lanes.optim.RAdam;
import dev.lanes.optim.RmsProp;
import dev.lanes.optim.Rprop;
import dev.lanes.optim.Sgd;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole {@link Optimizer#step()} per invocation on the vector kernels, over one parameter of
 * {@code size} floats, on the calling thread alone ({@code threads = 1}) or spread over a
 * {@link Parallel} team ({@code threads = 2}, the default grain). The step is memory-bound, so the
 * speed-up of a second thread is that of the memory bandwidth: at 1M floats the arrays sit in the
 * last-level cache or just beyond it, at 16M in DRAM. Hyper-parameters as in
 * {@link OptimizerStepBenchmark}, so that repeated steps keep every value bounded and normal.
 * {@code @Setup} checks that the team's step gives the bits of the one-thread step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
public class OptimizerThreadsBenchmark {
    /** Elements of the region that {@code @Setup} steps both ways and compares: more than two grains. */
    private static final int VERIFIED = (1 << 20) + 3;

    @Param({"1048576", "16777216"})
    int size;

    @Param({"1", "2"})
    int threads;

    @Param({"sgd", "sgdMomentum", "momentum", "adagrad", "rmsprop", "adadelta", "adam", "adamax", "nadam",
        "radam", "rprop", "asgd", "quickprop"})
    String algorithm;

    Parallel team;
    Optimizer optimizer;

    @Setup
    public void setup() {
        team = threads > 1 ? new Parallel(threads) : null;
        verify();
        float[] p = Backends.data(size, 1);
        float[] g = Backends.data(size, 2);
        optimizer = build(algorithm, team, Parameter.of("w", p, g));
    }

    @TearDown
    public void tearDown() {
        optimizer.close();
        if (team != null) {
            team.close();
        }
    }

    /** The optimizer of {@code name} on the vector kernels and {@code team} (null: none). */
    static Optimizer build(String name, Parallel team, Parameter p) {
        return switch (name) {
            case "sgd" -> Sgd.builder().learningRate(1e-6).weightDecay(1e-4).kernels(VECTOR).parallel(team)
                    .params(p).build();
            case "sgdMomentum" -> Sgd.builder().learningRate(1e-6).weightDecay(1e-4).momentum(0.9).nesterov(true)
                    .kernels(VECTOR).parallel(team).params(p).build();
            case "momentum" -> Momentum.builder().learningRate(1e-6).weightDecay(1e-4).kernels(VECTOR)
                    .parallel(team).params(p).build();
            case "adagrad" -> AdaGrad.builder().learningRate(1e-6).weightDecay(1e-4).kernels(VECTOR).parallel(team)
                    .params(p).build();
            case "rmsprop" -> RmsProp.builder().learningRate(1e-6).weightDecay(1e-4).momentum(0.9).kernels(VECTOR)
                    .parallel(team).params(p).build();
            case "adadelta" -> AdaDelta.builder().learningRate(1e-3).weightDecay(1e-4).kernels(VECTOR)
                    .parallel(team).params(p).build();
            case "adam" -> Adam.builder().learningRate(1e-6).kernels(VECTOR).parallel(team).params(p).build();
            case "adamax" -> AdaMax.builder().learningRate(1e-6).weightDecay(1e-4).kernels(VECTOR).parallel(team)
                    .params(p).build();
            case "nadam" -> NAdam.builder().learningRate(1e-6).weightDecay(1e-4).kernels(VECTOR).parallel(team)
                    .params(p).build();
            case "radam" -> RAdam.builder().learningRate(1e-6).weightDecay(1e-4).kernels(VECTOR).parallel(team)
                    .params(p).build();
            case "rprop" -> Rprop.builder().learningRate(1e-6).stepSizes(1e-6, 1e-5).kernels(VECTOR).parallel(team)
                    .params(p).build();
            case "asgd" -> Asgd.builder().learningRate(1e-6).weightDecay(1e-4).kernels(VECTOR).parallel(team)
                    .params(p).build();
            case "quickprop" -> QuickProp.builder().learningRate(1e-6).weightDecay(1e-4).maxGrowth(1)
                    .kernels(VECTOR).parallel(team).params(p).build();
            default -> throw new IllegalArgumentException("no algorithm " + name);
        };
    }

    /** Three steps on the team and on one thread, over copies of one region, must give the same bits. */
    private void verify() {
        int n = Math.min(size, VERIFIED);
        float[] p1 = Backends.data(n, 1);
        float[] pt = p1.clone();
        float[] g1 = Backends.data(n, 2);
        float[] gt = g1.clone();
        try (Optimizer one = build(algorithm, null, Parameter.of("w", p1, g1));
             Optimizer many = build(algorithm, team, Parameter.of("w", pt, gt))) {
            for (int t = 0; t < 3; t++) {
                one.step();
                many.step();
            }
            Backends.agree(algorithm + " parameter", p1, pt);
            OptimizerState s1 = one.exportState();
            OptimizerState st = many.exportState();
            for (Map.Entry<String, float[]> e : s1.parameters().get("w").entrySet()) {
                float[] mine = st.array("w", e.getKey());
                if (e.getValue().length != mine.length) {
                    throw new IllegalStateException(algorithm + " state " + e.getKey() + ": lengths differ");
                }
                Backends.agree(algorithm + " state " + e.getKey(), e.getValue(), mine);
            }
        }
        if (!Arrays.equals(g1, gt)) {
            throw new IllegalStateException(algorithm + ": gradients differ");
        }
    }

    @Benchmark
    public boolean step() {
        return optimizer.step();
    }
}
