package dev.lanes.bench;

import static dev.lanes.bench.Backends.SCALAR_STEPS;
import static dev.lanes.bench.Backends.VECTOR_STEPS;

import dev.lanes.kernel.internal.StepKernels;
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
        void run(StepKernels k, float[] p, float[] g, float[] a, float[] b, float[] c, int n);
    }

    private static final StepKernels.SgdArgs SGD_ARGS = new StepKernels.SgdArgs();
    private static final StepKernels.MomentumArgs MOMENTUM_ARGS = new StepKernels.MomentumArgs();
    private static final StepKernels.VelocityArgs VELOCITY_ARGS = new StepKernels.VelocityArgs();
    private static final StepKernels.AdaGradArgs ADAGRAD_ARGS = new StepKernels.AdaGradArgs();
    private static final StepKernels.RmsPropArgs RMSPROP_ARGS = new StepKernels.RmsPropArgs();
    private static final StepKernels.AdaDeltaArgs ADADELTA_ARGS = new StepKernels.AdaDeltaArgs();
    private static final StepKernels.AdamArgs ADAM_ARGS = new StepKernels.AdamArgs();
    private static final StepKernels.AdaMaxArgs ADAMAX_ARGS = new StepKernels.AdaMaxArgs();
    private static final StepKernels.NAdamArgs NADAM_ARGS = new StepKernels.NAdamArgs();
    private static final StepKernels.RAdamArgs RADAM_ARGS = new StepKernels.RAdamArgs();
    private static final StepKernels.RpropArgs RPROP_ARGS = new StepKernels.RpropArgs();
    private static final StepKernels.AsgdArgs ASGD_ARGS = new StepKernels.AsgdArgs();
    private static final StepKernels.QuickPropArgs QUICKPROP_ARGS = new StepKernels.QuickPropArgs();

    static {
        SGD_ARGS.lr = 1e-6f;
        SGD_ARGS.weightDecay = 1e-4f;
        MOMENTUM_ARGS.lr = 1e-6f;
        MOMENTUM_ARGS.weightDecay = 1e-4f;
        MOMENTUM_ARGS.momentum = 0.9f;
        MOMENTUM_ARGS.oneMinusDampening = 1f;
        MOMENTUM_ARGS.nesterov = true;
        VELOCITY_ARGS.lr = 1e-6f;
        VELOCITY_ARGS.weightDecay = 1e-4f;
        VELOCITY_ARGS.alpha = 0.9f;
        ADAGRAD_ARGS.lr = 1e-6f;
        ADAGRAD_ARGS.weightDecay = 1e-4f;
        ADAGRAD_ARGS.eps = 1e-10f;
        RMSPROP_ARGS.lr = 1e-6f;
        RMSPROP_ARGS.weightDecay = 1e-4f;
        RMSPROP_ARGS.alpha = 0.99f;
        RMSPROP_ARGS.oneMinusAlpha = 0.01f;
        RMSPROP_ARGS.eps = 1e-8f;
        RMSPROP_ARGS.momentum = 0.9f;
        ADADELTA_ARGS.lr = 1e-3f;
        ADADELTA_ARGS.weightDecay = 1e-4f;
        ADADELTA_ARGS.rho = 0.9f;
        ADADELTA_ARGS.oneMinusRho = 0.1f;
        ADADELTA_ARGS.eps = 1e-6f;
        ADAM_ARGS.stepSize = 1e-6f;
        ADAM_ARGS.shrink = 0.9999999f;
        ADAM_ARGS.beta1 = 0.9f;
        ADAM_ARGS.oneMinusBeta1 = 0.1f;
        ADAM_ARGS.beta2 = 0.999f;
        ADAM_ARGS.oneMinusBeta2 = 0.001f;
        ADAM_ARGS.bc2 = 0.5f;
        ADAM_ARGS.bc2Sqrt = 0.70710677f;
        ADAM_ARGS.eps = 1e-8f;
        ADAM_ARGS.amsgrad = true;
        ADAMAX_ARGS.stepSize = 1e-6f;
        ADAMAX_ARGS.weightDecay = 1e-4f;
        ADAMAX_ARGS.beta1 = 0.9f;
        ADAMAX_ARGS.oneMinusBeta1 = 0.1f;
        ADAMAX_ARGS.beta2 = 0.999f;
        ADAMAX_ARGS.eps = 1e-8f;
        NADAM_ARGS.gradStep = 1e-7f;
        NADAM_ARGS.avgStep = 1e-6f;
        NADAM_ARGS.weightDecay = 1e-4f;
        NADAM_ARGS.beta1 = 0.9f;
        NADAM_ARGS.oneMinusBeta1 = 0.1f;
        NADAM_ARGS.beta2 = 0.999f;
        NADAM_ARGS.oneMinusBeta2 = 0.001f;
        NADAM_ARGS.bc2Sqrt = 0.5f;
        NADAM_ARGS.eps = 1e-8f;
        RADAM_ARGS.lr = 1e-6f;
        RADAM_ARGS.weightDecay = 1e-4f;
        RADAM_ARGS.beta1 = 0.9f;
        RADAM_ARGS.oneMinusBeta1 = 0.1f;
        RADAM_ARGS.beta2 = 0.999f;
        RADAM_ARGS.oneMinusBeta2 = 0.001f;
        RADAM_ARGS.bc1 = 0.5f;
        RADAM_ARGS.bc2Sqrt = 0.5f;
        RADAM_ARGS.rect = 0.9f;
        RADAM_ARGS.eps = 1e-8f;
        RADAM_ARGS.rectified = true;
        RPROP_ARGS.etaMinus = 0.5f;
        RPROP_ARGS.etaPlus = 1.2f;
        RPROP_ARGS.minStep = 1e-6f;
        RPROP_ARGS.maxStep = 1e-5f;
        ASGD_ARGS.eta = 1e-6f;
        ASGD_ARGS.weightDecay = 1e-4f;
        ASGD_ARGS.shrink = 0.999999f;
        ASGD_ARGS.mu = 0.5f;
        QUICKPROP_ARGS.lr = 1e-6f;
        QUICKPROP_ARGS.weightDecay = 1e-4f;
        QUICKPROP_ARGS.maxGrowth = 1f;
    }

    static final Step SGD = (k, p, g, a, b, c, n) -> k.sgdStep(p, 0, g, 0, n, SGD_ARGS);

    /** The SGD step on the regions starting at {@code off}, for {@link AlignmentBenchmark}. */
    static void sgdAt(StepKernels k, float[] p, float[] g, int off, int n) {
        k.sgdStep(p, off, g, off, n, SGD_ARGS);
    }

    /** The momentum step on the regions starting at {@code off}, for {@link AlignmentBenchmark}. */
    interface MomentumAt {
        void run(StepKernels k, float[] p, float[] g, float[] buf, int off, int n);
    }

    static final MomentumAt MOMENTUM_AT = (k, p, g, buf, off, n) ->
            k.momentumStep(p, off, g, off, buf, off, n, MOMENTUM_ARGS);
    static final Step MOMENTUM = (k, p, g, a, b, c, n) -> MOMENTUM_AT.run(k, p, g, a, 0, n);
    static final Step VELOCITY = (k, p, g, a, b, c, n) -> k.velocityStep(p, 0, g, 0, a, 0, n, VELOCITY_ARGS);
    static final Step ADAGRAD = (k, p, g, a, b, c, n) -> k.adagradStep(p, 0, g, 0, a, 0, n, ADAGRAD_ARGS);
    static final Step RMSPROP = (k, p, g, a, b, c, n) -> k.rmspropStep(p, 0, g, 0, a, 0, b, 0, c, 0, n, RMSPROP_ARGS);
    static final Step ADADELTA = (k, p, g, a, b, c, n) -> k.adadeltaStep(p, 0, g, 0, a, 0, b, 0, n, ADADELTA_ARGS);
    static final Step ADAM = (k, p, g, a, b, c, n) -> k.adamStep(p, 0, g, 0, a, 0, b, 0, c, 0, n, ADAM_ARGS);
    static final Step ADAMAX = (k, p, g, a, b, c, n) -> k.adamaxStep(p, 0, g, 0, a, 0, b, 0, n, ADAMAX_ARGS);
    static final Step NADAM = (k, p, g, a, b, c, n) -> k.nadamStep(p, 0, g, 0, a, 0, b, 0, n, NADAM_ARGS);
    static final Step RADAM = (k, p, g, a, b, c, n) -> k.radamStep(p, 0, g, 0, a, 0, b, 0, n, RADAM_ARGS);
    static final Step RPROP = (k, p, g, a, b, c, n) -> k.rpropStep(p, 0, g, 0, a, 0, b, 0, n, RPROP_ARGS);
    static final Step ASGD = (k, p, g, a, b, c, n) -> k.asgdStep(p, 0, g, 0, a, 0, n, ASGD_ARGS);
    static final Step QUICKPROP = (k, p, g, a, b, c, n) -> k.quickpropStep(p, 0, g, 0, a, 0, b, 0, n, QUICKPROP_ARGS);

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
            step.run(SCALAR_STEPS, sc[0], sc[1], sc[2], sc[3], sc[4], n);
            step.run(VECTOR_STEPS, vc[0], vc[1], vc[2], vc[3], vc[4], n);
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
        SGD.run(SCALAR_STEPS, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void sgdVector() {
        SGD.run(VECTOR_STEPS, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void momentumScalar() {
        MOMENTUM.run(SCALAR_STEPS, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void momentumVector() {
        MOMENTUM.run(VECTOR_STEPS, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void velocityScalar() {
        VELOCITY.run(SCALAR_STEPS, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void velocityVector() {
        VELOCITY.run(VECTOR_STEPS, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void adagradScalar() {
        ADAGRAD.run(SCALAR_STEPS, p, g, s2, s1, s3, size);
    }

    @Benchmark
    public void adagradVector() {
        ADAGRAD.run(VECTOR_STEPS, p, g, s2, s1, s3, size);
    }

    @Benchmark
    public void rmspropScalar() {
        RMSPROP.run(SCALAR_STEPS, p, g, s2, s1, s3, size);
    }

    @Benchmark
    public void rmspropVector() {
        RMSPROP.run(VECTOR_STEPS, p, g, s2, s1, s3, size);
    }

    @Benchmark
    public void adadeltaScalar() {
        ADADELTA.run(SCALAR_STEPS, p, g, s2, s3, s1, size);
    }

    @Benchmark
    public void adadeltaVector() {
        ADADELTA.run(VECTOR_STEPS, p, g, s2, s3, s1, size);
    }

    @Benchmark
    public void adamScalar() {
        ADAM.run(SCALAR_STEPS, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void adamVector() {
        ADAM.run(VECTOR_STEPS, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void adamaxScalar() {
        ADAMAX.run(SCALAR_STEPS, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void adamaxVector() {
        ADAMAX.run(VECTOR_STEPS, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void nadamScalar() {
        NADAM.run(SCALAR_STEPS, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void nadamVector() {
        NADAM.run(VECTOR_STEPS, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void radamScalar() {
        RADAM.run(SCALAR_STEPS, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void radamVector() {
        RADAM.run(VECTOR_STEPS, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void rpropScalar() {
        RPROP.run(SCALAR_STEPS, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void rpropVector() {
        RPROP.run(VECTOR_STEPS, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void asgdScalar() {
        ASGD.run(SCALAR_STEPS, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void asgdVector() {
        ASGD.run(VECTOR_STEPS, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void quickpropScalar() {
        QUICKPROP.run(SCALAR_STEPS, p, g, s1, s2, s3, size);
    }

    @Benchmark
    public void quickpropVector() {
        QUICKPROP.run(VECTOR_STEPS, p, g, s1, s2, s3, size);
    }
}
