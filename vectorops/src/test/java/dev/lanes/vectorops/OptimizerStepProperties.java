package dev.lanes.vectorops;

import static dev.lanes.vectorops.Bits.SCALAR;
import static dev.lanes.vectorops.Bits.VECTOR;
import static dev.lanes.vectorops.Bits.assertSame;

import dev.lanes.kernel.Kernels;
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
        void run(Kernels k, float[][] a, int[] o, int n);
    }

    static void check(Regions r, Step step) {
        int count = r.arrays().length;
        float[][] s = new float[count][];
        float[][] v = new float[count][];
        for (int k = 0; k < count; k++) {
            s[k] = r.array(k);
            v[k] = r.array(k);
        }
        for (int t = 0; t < STEPS; t++) {
            step.run(SCALAR, s, r.offsets(), r.n());
            step.run(VECTOR, v, r.offsets(), r.n());
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
    void sgdStep(@ForAll("two") Regions r, @ForAll("rate") float lr, @ForAll("rate") float wd) {
        check(r, (k, a, o, n) -> k.sgdStep(a[0], o[0], a[1], o[1], n, lr, wd));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void momentumStep(@ForAll("three") Regions r, @ForAll("rate") float lr, @ForAll("rate") float wd,
                      @ForAll("rate") float mu, @ForAll("rate") float omd, @ForAll boolean nesterov,
                      @ForAll boolean first) {
        check(r, (k, a, o, n) -> k.momentumStep(a[0], o[0], a[1], o[1], a[2], o[2], n, lr, wd, mu, omd,
                nesterov, first));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void velocityStep(@ForAll("three") Regions r, @ForAll("rate") float lr, @ForAll("rate") float wd,
                      @ForAll("rate") float alpha) {
        check(r, (k, a, o, n) -> k.velocityStep(a[0], o[0], a[1], o[1], a[2], o[2], n, lr, wd, alpha));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void adagradStep(@ForAll("three") Regions r, @ForAll("rate") float lr, @ForAll("rate") float wd,
                     @ForAll("eps") float eps) {
        check(r, (k, a, o, n) -> k.adagradStep(a[0], o[0], a[1], o[1], a[2], o[2], n, lr, wd, eps));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void rmspropStep(@ForAll("five") Regions r, @ForAll("rate") float lr, @ForAll("rate") float wd,
                     @ForAll("rate") float alpha, @ForAll("eps") float eps, @ForAll("rate") float momentum,
                     @ForAll boolean withMomentum, @ForAll boolean centered, @ForAll boolean epsInside) {
        float mu = withMomentum ? momentum : 0f;
        check(r, (k, a, o, n) -> k.rmspropStep(a[0], o[0], a[1], o[1], a[2], o[2], centered ? a[3] : null, o[3],
                mu != 0f ? a[4] : null, o[4], n, lr, wd, alpha, 1 - alpha, eps, mu, centered, epsInside));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void adadeltaStep(@ForAll("four") Regions r, @ForAll("rate") float lr, @ForAll("rate") float wd,
                      @ForAll("rate") float rho, @ForAll("eps") float eps) {
        check(r, (k, a, o, n) -> k.adadeltaStep(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], n, lr, wd,
                rho, 1 - rho, eps));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void adamStep(@ForAll("five") Regions r, @ForAll("rate") float step, @ForAll("rate") float wd,
                  @ForAll("rate") float decay, @ForAll("rate") float beta1, @ForAll("rate") float beta2,
                  @ForAll("rate") float bc2, @ForAll("eps") float eps, @ForAll boolean amsgrad,
                  @ForAll boolean epsInside) {
        float bc2Sqrt = (float) Math.sqrt(bc2);
        check(r, (k, a, o, n) -> k.adamStep(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], amsgrad ? a[4] : null,
                o[4], n, step, wd, decay, beta1, 1 - beta1, beta2, 1 - beta2, bc2, bc2Sqrt, eps, amsgrad, epsInside));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void adamaxStep(@ForAll("four") Regions r, @ForAll("rate") float step, @ForAll("rate") float wd,
                    @ForAll("rate") float beta1, @ForAll("rate") float beta2, @ForAll("eps") float eps) {
        check(r, (k, a, o, n) -> k.adamaxStep(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], n, step, wd,
                beta1, 1 - beta1, beta2, eps));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void nadamStep(@ForAll("four") Regions r, @ForAll("rate") float gradStep, @ForAll("rate") float avgStep,
                   @ForAll("rate") float wd, @ForAll("rate") float beta1, @ForAll("rate") float beta2,
                   @ForAll("rate") float bc2Sqrt, @ForAll("eps") float eps) {
        check(r, (k, a, o, n) -> k.nadamStep(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], n, gradStep, avgStep,
                wd, beta1, 1 - beta1, beta2, 1 - beta2, bc2Sqrt, eps));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void radamStep(@ForAll("four") Regions r, @ForAll("rate") float lr, @ForAll("rate") float wd,
                   @ForAll("rate") float beta1, @ForAll("rate") float beta2, @ForAll("rate") float bc1,
                   @ForAll("rate") float bc2Sqrt, @ForAll("rate") float rect, @ForAll("eps") float eps,
                   @ForAll boolean rectified) {
        check(r, (k, a, o, n) -> k.radamStep(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], n, lr, wd,
                beta1, 1 - beta1, beta2, 1 - beta2, bc1, bc2Sqrt, rect, eps, rectified));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void rpropStep(@ForAll("four") Regions r, @ForAll("rate") float etaMinus, @ForAll("rate") float plus,
                   @ForAll("eps") float minStep, @ForAll("rate") float maxStep) {
        float etaPlus = 1 + plus;
        check(r, (k, a, o, n) -> k.rpropStep(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], n, etaMinus, etaPlus,
                minStep, maxStep * 50));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void asgdStep(@ForAll("three") Regions r, @ForAll("rate") float eta, @ForAll("rate") float wd,
                  @ForAll("rate") float decay, @ForAll("rate") float mu) {
        check(r, (k, a, o, n) -> k.asgdStep(a[0], o[0], a[1], o[1], a[2], o[2], n, eta, wd, decay, mu));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void quickpropStep(@ForAll("four") Regions r, @ForAll("rate") float lr, @ForAll("rate") float wd,
                       @ForAll("rate") float growth) {
        check(r, (k, a, o, n) -> k.quickpropStep(a[0], o[0], a[1], o[1], a[2], o[2], a[3], o[3], n, lr, wd,
                1 + growth));
    }
}
