package dev.lanes.bench;

import static dev.lanes.bench.Backends.SCALAR;
import static dev.lanes.bench.Backends.VECTOR;

import dev.lanes.optim.secondorder.Lbfgs;
import dev.lanes.optim.secondorder.Objective;
import dev.lanes.optim.secondorder.Result;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Twenty L-BFGS iterations (history 10) on a diagonal quadratic, scalar reference against vector
 * kernels. The objective is the same plain loop in both; what differs is the two-loop recursion's
 * dot products and updates, which dominate (about 4m + 6 passes over n per iteration).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms1g", "-Xmx1g"})
public class SecondOrderBenchmark {
    private static final int ITERATIONS = 20;

    @Param({"259", "4096", "65536"})
    int size;

    float[] x0;
    float[] x;
    Objective bowl;
    Lbfgs scalar;
    Lbfgs vector;

    /** ½ Σ λᵢ xᵢ² with λᵢ in [1, 100]. */
    static final class DiagonalBowl implements Objective {
        private final float[] lambda;

        DiagonalBowl(int n) {
            lambda = new float[n];
            for (int i = 0; i < n; i++) {
                lambda[i] = 1 + 99f * i / Math.max(1, n - 1);
            }
        }

        @Override
        public double evaluate(float[] x, float[] g) {
            double f = 0;
            for (int i = 0; i < x.length; i++) {
                float gi = lambda[i] * x[i];
                g[i] = gi;
                f += 0.5 * (double) gi * x[i];
            }
            return f;
        }
    }

    @Setup
    public void setup() {
        x0 = Backends.data(size, 7);
        x = new float[size];
        bowl = new DiagonalBowl(size);
        scalar = Lbfgs.builder().kernels(SCALAR).build(size);
        vector = Lbfgs.builder().kernels(VECTOR).build(size);
        float[] a = x0.clone();
        float[] b = x0.clone();
        Result ra = scalar.minimize(a, bowl, ITERATIONS, 0);
        Result rb = vector.minimize(b, bowl, ITERATIONS, 0);
        if (!ra.equals(rb)) {
            throw new IllegalStateException("L-BFGS: scalar " + ra + " != vector " + rb);
        }
        Backends.agree("lbfgs", a, b);
    }

    @Benchmark
    public Result lbfgsScalar() {
        System.arraycopy(x0, 0, x, 0, size);
        return scalar.minimize(x, bowl, ITERATIONS, 0);
    }

    @Benchmark
    public Result lbfgsVector() {
        System.arraycopy(x0, 0, x, 0, size);
        return vector.minimize(x, bowl, ITERATIONS, 0);
    }
}
