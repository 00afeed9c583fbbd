package dev.lanes.vectorops;

import static dev.lanes.vectorops.Bits.SCALAR;
import static dev.lanes.vectorops.Bits.VECTOR;

import dev.lanes.kernel.Kernels;
import dev.lanes.vectorops.ElementwiseProperties.Unary;
import dev.lanes.vectorops.KernelArbitraries.Regions;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * exp, log, tanh and sigmoid: vector == scalar reference ({@link dev.lanes.kernel.LanesMath}),
 * bit for bit, into a separate output and in place. Beside the default mix of values, each
 * function draws from its interesting range and from the seams of its algorithm (thresholds of
 * overflow and underflow, the switch between tanh's two paths, subnormal inputs of log).
 */
class TranscendentalProperties {
    /** Where exp overflows, underflows and turns subnormal; where tanh and sigmoid reach ±1. */
    private static final Float[] SEAMS = {
        0x1.62e42ep6f, 0x1.62e43p6f, -0x1.9fe368p6f, -0x1.9fe36ap6f, -0x1.5d589ep6f, -87.33655f, 88.72284f,
        0.625f, -0.625f, Math.nextDown(0.625f), -Math.nextDown(0.625f), 9.010914f, -9.010914f, 17.32868f,
        0.34657359f, -0.34657359f, 1f, -1f, 0x1.6a09e6p-1f, 0x1.6a09e6p0f, Float.MIN_NORMAL, Math.nextDown(Float.MIN_NORMAL),
    };

    private static Arbitrary<Regions> regions(Arbitrary<Float> interesting) {
        Arbitrary<Float> ordinary = Arbitraries.frequencyOf(
                Tuple.of(6, interesting),
                Tuple.of(1, Arbitraries.of(SEAMS)));
        return Arbitraries.oneOf(KernelArbitraries.regions(2), KernelArbitraries.regions(2, KernelArbitraries.values(ordinary)));
    }

    @Provide
    Arbitrary<Regions> expInputs() {
        return regions(Arbitraries.floats().between(-110f, 100f).ofScale(6));
    }

    @Provide
    Arbitrary<Regions> logInputs() {
        return regions(Arbitraries.integers().between(0, 0x7f800000).map(Float::intBitsToFloat));
    }

    @Provide
    Arbitrary<Regions> tanhInputs() {
        return regions(Arbitraries.floats().between(-20f, 20f).ofScale(7));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void exp(@ForAll("expInputs") Regions r) {
        ElementwiseProperties.checkUnary(r, Kernels::exp);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void log(@ForAll("logInputs") Regions r) {
        ElementwiseProperties.checkUnary(r, Kernels::log);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void tanh(@ForAll("tanhInputs") Regions r) {
        ElementwiseProperties.checkUnary(r, Kernels::tanh);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void sigmoid(@ForAll("tanhInputs") Regions r) {
        ElementwiseProperties.checkUnary(r, Kernels::sigmoid);
    }

    /** Every 16411th bit pattern (about 260,000 floats of every kind), through both backends. */
    @Example
    void strideOfAllFloats() {
        int n = (int) ((1L << 32) / 16411) + 1;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = Float.intBitsToFloat((int) (i * 16411L));
        }
        for (Unary f : new Unary[] {Kernels::exp, Kernels::log, Kernels::tanh, Kernels::sigmoid}) {
            float[] ys = new float[n];
            float[] yv = new float[n];
            f.run(SCALAR, x, 0, ys, 0, n);
            f.run(VECTOR, x, 0, yv, 0, n);
            Bits.assertSame(ys, yv, "every 16411th float");
        }
    }
}
