package dev.lanes.bench;

import static dev.lanes.bench.Backends.SCALAR;
import static dev.lanes.bench.Backends.VECTOR;

import dev.lanes.kernel.Kernels;
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
 * One optimizer step per invocation, scalar reference against vector kernel, for every step
 * kernel. A step is memory-bound (Adam reads p, g, m, v and writes p, m, v: 28 bytes per
 * element), so the target at the large sizes is the memory bandwidth, not a speed-up factor.
 * Hyper-parameters are chosen so that repeated steps keep every value bounded and normal
 * (no overflow, no subnormals), whatever the number of invocations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
public class OptimizerStepBenchmark {
    /** Elements whose results @Setup compares, at most: the whole region up to 1M, else a prefix. */
    private static final int VERIFIED = (1 << 20) + 3;

    @Param({"4096", "65536", "1048576", "16777216"})
    int size;

    float[] p;
    float[] g;
    float[] s1;
    float[] s2;
    float[] s3;

    /** One step of each kernel with the benchmark's hyper-parameters, on the given regions. */
    interface Step {
        void run(Kernels k, float[] p, float[] g, float[] a, float[] b, float[] c, int n);
    }

    static final Step SGD = (k, p, g, a, b, c, n) -> k.sgdStep(p, 0, g, 0, n, 1e-6f, 1e-4f);

    /** The momentum step on the regions starting at {@code off}, for {@link AlignmentBenchmark}. */
    interface MomentumAt {
        void run(Kernels k, float[] p, float[] g, float[] buf, int off, int n);
    }

    static final MomentumAt MOMENTUM_AT = (k, p, g, buf, off, n) ->
            k.momentumStep(p, off, g, off, buf, off, n, 1e-6f, 1e-4f, 0.9f, 1f, true, false);
    static final Step MOMENTUM = (k, p, g, a, b, c, n) -> MOMENTUM_AT.run(k, p, g, a, 0, n);
    static final Step VELOCITY = (k, p, g, a, b, c, n) -> k.velocityStep(p, 0, g, 0, a, 0, n, 1e-6f, 1e-4f, 0.9f);
    static final Step ADAGRAD = (k, p, g, a, b, c, n) -> k.adagradStep(p, 0, g, 0, a, 0, n, 1e-6f, 1e-4f, 1e-10f);
    static final Step RMSPROP = (k, p, g, a, b, c, n) -> k.rmspropStep(p, 0, g, 0, a, 0, b, 0, c, 0, n, 1e-6f, 1e-4f,
            0.99f, 0.01f, 1e-8f, 0.9f, false, false);
    static final Step ADADELTA = (k, p, g, a, b, c, n) -> k.adadeltaStep(p, 0, g, 0, a, 0, b, 0, n, 1e-3f, 1e-4f,
            0.9f, 0.1f, 1e-6f);
    static final Step ADAM = (k, p, g, a, b, c, n) -> k.adamStep(p, 0, g, 0, a, 0, b, 0, c, 0, n, 1e-6f, 0f,
            0.9999999f, 0.9f, 0.1f, 0.999f, 0.001f, 0.5f, 0.70710677f, 1e-8f, true, false);
    static final Step ADAMAX = (k, p, g, a, b, c, n) -> k.adamaxStep(p, 0, g, 0, a, 0, b, 0, n, 1e-6f, 1e-4f,
            0.9f, 0.1f, 0.999f, 1e-8f);
    static final Step NADAM = (k, p, g, a, b, c, n) -> k.nadamStep(p, 0, g, 0, a, 0, b, 0, n, 1e-7f, 1e-6f, 1e-4f,
            0.9f, 0.1f, 0.999f, 0.001f, 0.5f, 1e-8f);
    static final Step RADAM = (k, p, g, a, b, c, n) -> k.radamStep(p, 0, g, 0, a, 0, b, 0, n, 1e-6f, 1e-4f,
            0.9f, 0.1f, 0.999f, 0.001f, 0.5f, 0.5f, 0.9f, 1e-8f, true);
    static final Step RPROP = (k, p, g, a, b, c, n) -> k.rpropStep(p, 0, g, 0, a, 0, b, 0, n, 0.5f, 1.2f, 1e-6f, 1e-5f);
    static final Step ASGD = (k, p, g, a, b, c, n) -> k.asgdStep(p, 0, g, 0, a, 0, n, 1e-6f, 1e-4f, 0.999999f, 0.5f);
    static final Step QUICKPROP = (k, p, g, a, b, c, n) -> k.quickpropStep(p, 0, g, 0, a, 0, b, 0, n, 1e-6f, 1e-4f, 1f);

    @Setup
    public void setup() {
        p = Backends.data(size, 1);
        g = Backends.data(size, 2);
        s1 = Backends.data(size, 3);
        s2 = positive(Backends.data(size, 4));
        s3 = positive(Backends.data(size, 5));
        verify("sgd", SGD);
        verify("momentum", MOMENTUM);
        verify("velocity", VELOCITY);
        verify("adagrad", (k, p, g, a, b, c, n) -> ADAGRAD.run(k, p, g, b, a, c, n));
        verify("rmsprop", (k, p, g, a, b, c, n) -> RMSPROP.run(k, p, g, b, a, c, n));
        verify("adadelta", (k, p, g, a, b, c, n) -> ADADELTA.run(k, p, g, b, c, a, n));
        verify("adam", ADAM);
        verify("adamax", ADAMAX);
        verify("nadam", NADAM);
        verify("radam", RADAM);
        verify("rprop", RPROP);
        verify("asgd", ASGD);
        verify("quickprop", QUICKPROP);
    }

    private static float[] positive(float[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.abs(a[i]) + 0.5f;
        }
        return a;
    }

    /** Two steps by each backend on copies of (a prefix of) the data must give the same bits. */
    private void verify(String name, Step step) {
        int n = Math.min(size, VERIFIED);
        float[][] sc = copies(n);
        float[][] vc = copies(n);
        for (int t = 0; t < 2; t++) {
            step.run(SCALAR, sc[0], sc[1], sc[2], sc[3], sc[4], n);
            step.run(VECTOR, vc[0], vc[1], vc[2], vc[3], vc[4], n);
        }
        for (int k = 0; k < sc.length; k++) {
            Backends.agree(name + " array " + k, sc[k], vc[k]);
        }
    }

    private float[][] copies(int n) {
        return new float[][] {
            java.util.Arrays.copyOf(p, n), java.util.Arrays.copyOf(g, n), java.util.Arrays.copyOf(s1, n),
            java.util.Arrays.copyOf(s2, n), java.util.Arrays.copyOf(s3, n)};
    }

    @Benchmark
    public void sgdScalar() {
        SGD.run(SCALAR, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void sgdVector() {
        SGD.run(VECTOR, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void momentumScalar() {
        MOMENTUM.run(SCALAR, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void momentumVector() {
        MOMENTUM.run(VECTOR, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void velocityScalar() {
        VELOCITY.run(SCALAR, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void velocityVector() {
        VELOCITY.run(VECTOR, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void adagradScalar() {
        ADAGRAD.run(SCALAR, p, g, s2, s1, s3, size);
    }

    @Benchmark
    public void adagradVector() {
        ADAGRAD.run(VECTOR, p, g, s2, s1, s3, size);
    }

    @Benchmark
    public void rmspropScalar() {
        RMSPROP.run(SCALAR, p, g, s2, s1, s3, size);
    }

    @Benchmark
    public void rmspropVector() {
        RMSPROP.run(VECTOR, p, g, s2, s1, s3, size);
    }

    @Benchmark
    public void adadeltaScalar() {
        ADADELTA.run(SCALAR, p, g, s2, s3, s1, size);
    }

    @Benchmark
    public void adadeltaVector() {
        ADADELTA.run(VECTOR, p, g, s2, s3, s1, size);
    }

    @Benchmark
    public void adamScalar() {
        ADAM.run(SCALAR, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void adamVector() {
        ADAM.run(VECTOR, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void adamaxScalar() {
        ADAMAX.run(SCALAR, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void adamaxVector() {
        ADAMAX.run(VECTOR, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void nadamScalar() {
        NADAM.run(SCALAR, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void nadamVector() {
        NADAM.run(VECTOR, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void radamScalar() {
        RADAM.run(SCALAR, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void radamVector() {
        RADAM.run(VECTOR, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void rpropScalar() {
        RPROP.run(SCALAR, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void rpropVector() {
        RPROP.run(VECTOR, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void asgdScalar() {
        ASGD.run(SCALAR, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void asgdVector() {
        ASGD.run(VECTOR, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void quickpropScalar() {
        QUICKPROP.run(SCALAR, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void quickpropVector() {
        QUICKPROP.run(VECTOR, p, g, s1, s2, s3, size);
    }
}
