package dev.lanes.vectorops;

import static dev.lanes.vectorops.Bits.SCALAR;
import static dev.lanes.vectorops.Bits.VECTOR;
import static dev.lanes.vectorops.Bits.assertSame;

import dev.lanes.kernel.internal.KernelAccess;
import dev.lanes.kernel.internal.StepKernels;
import dev.lanes.vectorops.KernelArbitraries.Regions;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The optimizer step kernels: vector == scalar reference, bit for bit, over three consecutive
 * steps (so that state written by one step is read by the next), for random regions at random
 * offsets holding every kind of value, in-range hyper-parameters with now and then an arbitrary
 * float, and every flag. Whole arrays are compared, so a write outside a region fails.
 */
class OptimizerStepProperties {
    private static final int STEPS = 3;

    /** One kernel call on regions {@code a[k][o[k], o[k] + n)}: a[0] = p, a[1] = g, then the state. */
    interface Step {
        void run(StepKernels k, float[][] a, int[] o, int n);
    }

    private static final StepKernels SCALAR_STEPS = KernelAccess.steps(SCALAR);
    private static final StepKernels VECTOR_STEPS = KernelAccess.steps(VECTOR);

    static void check(Regions r, Step step) {
        int count = r.arrays().length;
        float[][] s = new float[count][];
        float[][] v = new float[count][];
        for (int k = 0; k < count; k++) {
            s[k] = r.array(k);
            v[k] = r.array(k);
        }
        for (int t = 0; t < STEPS; t++) {
            step.run(SCALAR_STEPS, s, r.offsets(), r.n());
            step.run(VECTOR_STEPS, v, r.offsets(), r.n());
            for (int k = 0; k < count; k++) {
                assertSame(s[k], v[k], "step " + (t + 1) + ", array " + k + ": " + r);
            }
        }
    }

    @Provide
    Arbitrary<Regions> two() {
        return KernelArbitraries.regions(2);
    }

    @Provide
    Arbitrary<Regions> three() {
        return KernelArbitraries.regions(3);
    }

    @Provide
    Arbitrary<Regions> four() {
        return KernelArbitraries.regions(4);
    }

    @Provide
    Arbitrary<Regions> five() {
        return KernelArbitraries.regions(5);
    }

    /** A rate, decay or size: mostly in [0, 1], sometimes 0 or tiny, sometimes any float. */
    @Provide
    Arbitrary<Float> rate() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.floats().between(0f, 1f).ofScale(7)),
                Tuple.of(1, Arbitraries.of(0f, 1e-8f, 1e-3f, 0.9f, 0.999f, 1f)),
                Tuple.of(1, KernelArbitraries.values()));
    }

    /** A small positive constant such as eps: mostly in-range, sometimes any float. */
    @Provide
    Arbitrary<Float> eps() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(1e-10f, 1e-8f, 1e-6f, 1e-3f, 0.1f)),
                Tuple.of(1, Arbitraries.floats().between(0f, 1f).ofScale(7)),
                Tuple.of(1, KernelArbitraries.values()));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void sgdStep(@ForAll("two") Regions r, @ForAll("rate") float lr, @ForAll("rate") float wd, @ForAll boolean maximize) {
        StepKernels.SgdArgs x = new StepKernels.SgdArgs();
        x.maximize = maximize;
        x.lr = lr;
        x.weightDecay = wd;
        check(r, (k, a, o, n) -> k.sgdStep(a[0], o[0], a[1], o[1], n, x));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void momentumStep(@ForAll("three") Regions r, @ForAll("rate") float lr, @ForAll("rate") float wd,
                      @ForAll("rate") float mu, @ForAll("rate") float omd, @ForAll boolean nesterov,
                      @ForAll boolean first, @ForAll boolean maximize) {
        StepKernels.MomentumArgs x = new StepKernels.MomentumArgs();
        x.maximize = maximize;
        x.lr = lr;
        x.weightDecay = wd;
        x.momentum = mu;
        x.oneMinusDampening = omd;
        x.nesterov = nesterov;
        x.first = first;
        check(r, (k, a, o, n) -> k.momentumStep(a[0], o[0], a[1], o[1], a[2], o[2], n, x));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void velocityStep(@ForAll("three") Regions r, @ForAll("rate") float lr, @ForAll("rate") float wd,
                      @ForAll("rate") float alpha, @ForAll boolean maximize) {
        StepKernels.VelocityArgs x = new StepKernels.VelocityArgs();
        x.maximize = maximize;
        x.lr = lr;
        x.weightDecay = wd;
        x.alpha = alpha;
        check(r, (k, a, o, n) -> k.velocityStep(a[0], o[0], a[1], o[1], a[2], o[2], n, x));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void adagradStep(@ForAll("three") Regions r, @ForAll("rate") float lr, @ForAll("rate") float wd,
                     @ForAll("eps") float eps, @ForAll boolean maximize) {
        StepKernels.AdaGradArgs x = new StepKernels.AdaGradArgs();
        x.maximize = maximize;
        x.lr = lr;
        x.weightDecay = wd;
        x.eps = eps;
        check(r, (k, a, o, n) -> k.adagradStep(a[0], o[0], a[1], o[1], a[2], o[2], n, x));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void rmspropStep(@ForAll("five") Regions r, @ForAll("rate") float lr, @ForAll("rate") float wd,
                     @ForAll("rate") float alpha, @ForAll("eps") float eps, @ForAll("rate") float momentum,
                     @ForAll boolean withMomentum, @ForAll boolean centered, @ForAll boolean epsInside, @ForAll boolean maximize) {
        float mu = withMomentum ? momentum : 0f;
        StepKernels.RmsPropArgs x = new StepKernels.RmsPropArgs();
        x.maximize = maximize;
        x.lr = lr;
        x.weightDecay = wd;
        x.alpha = alpha;
        x.oneMinusAlpha = 1 - alpha;
        x.eps = eps;
        x.momentum = mu;
        x.centered = centered;
        x.epsInside = epsInside;
        check(r, (k, a, o, n) -> k.rmspropStep(a[0], o[0], a[1], o[1], a[2], o[2], centered ? a[3] : null, o[3],
                mu != 0f ? a[4] : null, o[4], n, x));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void adadeltaStep(@ForAll("four") Regions r, @ForAll("rate") float lr, @ForAll("rate") float wd,
                      @ForAll("rate") float rho, @ForAll("eps") float eps, @ForAll boolean maximize) {
        StepKernels.AdaDeltaArgs x = new StepKernels.AdaDeltaArgs();
        x.maximize = maximize;
        x.lr = lr;
        x.weightDecay = wd;
        x.rho = rho;
        x.oneMinusRho = 1 - rho;
        x.eps = eps;
        check(r, (k, a, o, n) -> k.adadeltaStep(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], n, x));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void adamStep(@ForAll("five") Regions r, @ForAll("rate") float step, @ForAll("rate") float wd,
                  @ForAll("rate") float shrink, @ForAll("rate") float beta1, @ForAll("rate") float beta2,
                  @ForAll("rate") float bc2, @ForAll("eps") float eps, @ForAll boolean amsgrad,
                  @ForAll boolean epsInside, @ForAll boolean maximize) {
        StepKernels.AdamArgs x = new StepKernels.AdamArgs();
        x.maximize = maximize;
        x.stepSize = step;
        x.weightDecay = wd;
        x.shrink = shrink;
        x.beta1 = beta1;
        x.oneMinusBeta1 = 1 - beta1;
        x.beta2 = beta2;
        x.oneMinusBeta2 = 1 - beta2;
        x.bc2 = bc2;
        x.bc2Sqrt = (float) Math.sqrt(bc2);
        x.eps = eps;
        x.amsgrad = amsgrad;
        x.epsInside = epsInside;
        check(r, (k, a, o, n) -> k.adamStep(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], amsgrad ? a[4] : null,
                o[4], n, x));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void adamaxStep(@ForAll("four") Regions r, @ForAll("rate") float step, @ForAll("rate") float wd,
                    @ForAll("rate") float beta1, @ForAll("rate") float beta2, @ForAll("eps") float eps, @ForAll boolean maximize) {
        StepKernels.AdaMaxArgs x = new StepKernels.AdaMaxArgs();
        x.maximize = maximize;
        x.stepSize = step;
        x.weightDecay = wd;
        x.beta1 = beta1;
        x.oneMinusBeta1 = 1 - beta1;
        x.beta2 = beta2;
        x.eps = eps;
        check(r, (k, a, o, n) -> k.adamaxStep(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], n, x));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void nadamStep(@ForAll("four") Regions r, @ForAll("rate") float gradStep, @ForAll("rate") float avgStep,
                   @ForAll("rate") float wd, @ForAll("rate") float beta1, @ForAll("rate") float beta2,
                   @ForAll("rate") float bc2Sqrt, @ForAll("eps") float eps, @ForAll boolean maximize) {
        StepKernels.NAdamArgs x = new StepKernels.NAdamArgs();
        x.maximize = maximize;
        x.gradStep = gradStep;
        x.avgStep = avgStep;
        x.weightDecay = wd;
        x.beta1 = beta1;
        x.oneMinusBeta1 = 1 - beta1;
        x.beta2 = beta2;
        x.oneMinusBeta2 = 1 - beta2;
        x.bc2Sqrt = bc2Sqrt;
        x.eps = eps;
        check(r, (k, a, o, n) -> k.nadamStep(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], n, x));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void radamStep(@ForAll("four") Regions r, @ForAll("rate") float lr, @ForAll("rate") float wd,
                   @ForAll("rate") float beta1, @ForAll("rate") float beta2, @ForAll("rate") float bc1,
                   @ForAll("rate") float bc2Sqrt, @ForAll("rate") float rect, @ForAll("eps") float eps,
                   @ForAll boolean rectified, @ForAll boolean maximize) {
        StepKernels.RAdamArgs x = new StepKernels.RAdamArgs();
        x.maximize = maximize;
        x.lr = lr;
        x.weightDecay = wd;
        x.beta1 = beta1;
        x.oneMinusBeta1 = 1 - beta1;
        x.beta2 = beta2;
        x.oneMinusBeta2 = 1 - beta2;
        x.bc1 = bc1;
        x.bc2Sqrt = bc2Sqrt;
        x.rect = rect;
        x.eps = eps;
        x.rectified = rectified;
        check(r, (k, a, o, n) -> k.radamStep(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], n, x));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void rpropStep(@ForAll("four") Regions r, @ForAll("rate") float etaMinus, @ForAll("rate") float plus,
                   @ForAll("eps") float minStep, @ForAll("rate") float maxStep, @ForAll boolean maximize) {
        StepKernels.RpropArgs x = new StepKernels.RpropArgs();
        x.maximize = maximize;
        x.etaMinus = etaMinus;
        x.etaPlus = 1 + plus;
        x.minStep = minStep;
        x.maxStep = maxStep * 50;
        check(r, (k, a, o, n) -> k.rpropStep(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], n, x));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void asgdStep(@ForAll("three") Regions r, @ForAll("rate") float eta, @ForAll("rate") float wd,
                  @ForAll("rate") float shrink, @ForAll("rate") float mu, @ForAll boolean maximize) {
        StepKernels.AsgdArgs x = new StepKernels.AsgdArgs();
        x.maximize = maximize;
        x.eta = eta;
        x.weightDecay = wd;
        x.shrink = shrink;
        x.mu = mu;
        check(r, (k, a, o, n) -> k.asgdStep(a[0], o[0], a[1], o[1], a[2], o[2], n, x));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void quickpropStep(@ForAll("four") Regions r, @ForAll("rate") float lr, @ForAll("rate") float wd,
                       @ForAll("rate") float growth, @ForAll boolean maximize) {
        StepKernels.QuickPropArgs x = new StepKernels.QuickPropArgs();
        x.maximize = maximize;
        x.lr = lr;
        x.weightDecay = wd;
        x.maxGrowth = 1 + growth;
        check(r, (k, a, o, n) -> k.quickpropStep(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], n, x));
    }
}
