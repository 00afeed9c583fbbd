package dev.lanes.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernel.Kernels;
import dev.lanes.kernel.internal.KernelAccess;
import dev.lanes.kernel.internal.StepKernels;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Algorithms that coincide for some settings produce the same bits there, in the manner of
 * Optax's {@code rmsprop(bias-corrected) == adam(b1=0)}.
 */
class EquivalenceTest {
    static final int N = 67;
    static final int STEPS = 25;

    /** The parameter values after {@code STEPS} steps on random gradients (seeded alike). */
    static float[] trajectory(Function<Parameter, Optimizer> build) {
        return trajectory(build, false);
    }

    /** {@link #trajectory(Function)}, with every gradient negated when {@code negate}. */
    static float[] trajectory(Function<Parameter, Optimizer> build, boolean negate) {
        SplittableRandom random = new SplittableRandom(2024);
        float[] x = new float[N];
        float[] g = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = (float) random.nextGaussian();
        }
        Optimizer o = build.apply(Parameter.of("x", x, g));
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < N; i++) {
                g[i] = (float) random.nextGaussian() + 0.1f * x[i];
                if (negate) {
                    g[i] = -g[i];
                }
            }
            if (o instanceof Nesterov n) {
                n.lookAhead();
                n.step();
            } else {
                o.step();
            }
        }
        return x;
    }

    static void assertBits(float[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]),
                    "index " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    @Test
    void maximizingIsDescendingTheNegatedGradient() {
        Kernels k = Kernels.scalar();
        java.util.List<Function<Boolean, Function<Parameter, Optimizer>>> all = java.util.List.of(
                m -> p -> Sgd.builder().momentum(0.9).weightDecay(0.01).maximize(m).kernels(k).params(p).build(),
                m -> p -> Momentum.builder().weightDecay(0.01).maximize(m).kernels(k).params(p).build(),
                m -> p -> Nesterov.builder().maximize(m).kernels(k).params(p).build(),
                m -> p -> AdaGrad.builder().weightDecay(0.01).maximize(m).kernels(k).params(p).build(),
                m -> p -> RmsProp.builder().centered(true).momentum(0.5).maximize(m).kernels(k).params(p).build(),
                m -> p -> AdaDelta.builder().weightDecay(0.01).maximize(m).kernels(k).params(p).build(),
                m -> p -> Adam.builder().amsgrad(true).weightDecay(0.01).maximize(m).kernels(k).params(p).build(),
                m -> p -> Adam.adamW().maximize(m).kernels(k).params(p).build(),
                m -> p -> AdaMax.builder().weightDecay(0.01).maximize(m).kernels(k).params(p).build(),
                m -> p -> NAdam.builder().weightDecay(0.01).maximize(m).kernels(k).params(p).build(),
                m -> p -> RAdam.builder().weightDecay(0.01).maximize(m).kernels(k).params(p).build(),
                m -> p -> Rprop.builder().maximize(m).kernels(k).params(p).build(),
                m -> p -> Asgd.builder().t0(3).weightDecay(0.01).maximize(m).kernels(k).params(p).build(),
                m -> p -> QuickProp.builder().weightDecay(0.01).maximize(m).kernels(k).params(p).build());
        for (Function<Boolean, Function<Parameter, Optimizer>> build : all) {
            // the same trajectory, gradients in the state included, whether the sign is flipped
            // by the caller or by the optimizer; and a different one from plain descent
            float[] ascend = trajectory(build.apply(true));
            assertBits(trajectory(build.apply(false), true), ascend);
            assertTrue(!java.util.Arrays.equals(trajectory(build.apply(false)), ascend));
        }
    }

    @Test
    void adamWithoutFirstMomentOrBiasCorrectionIsRmsProp() {
        Kernels k = Kernels.scalar();
        float[] adam = trajectory(p -> Adam.builder().learningRate(0.01).betas(0, 0.99).biasCorrection(false)
                .kernels(k).params(p).build());
        float[] rms = trajectory(p -> RmsProp.builder().learningRate(0.01).alpha(0.99).kernels(k).params(p).build());
        assertBits(rms, adam);
    }

    @Test
    void adamWWithoutWeightDecayIsAdam() {
        Kernels k = Kernels.scalar();
        assertBits(trajectory(p -> Adam.builder().learningRate(0.01).amsgrad(true).kernels(k).params(p).build()),
                trajectory(p -> Adam.adamW().weightDecay(0).learningRate(0.01).amsgrad(true).kernels(k).params(p).build()));
    }

    @Test
    void adamWDecaysTheParameterNotTheGradient() {
        Kernels k = Kernels.scalar();
        float[] l2 = trajectory(p -> Adam.builder().learningRate(0.01).weightDecay(0.5).kernels(k).params(p).build());
        float[] decoupled = trajectory(p -> Adam.adamW().learningRate(0.01).weightDecay(0.5).kernels(k).params(p).build());
        float[] none = trajectory(p -> Adam.builder().learningRate(0.01).kernels(k).params(p).build());
        double l2Change = 0;
        double decoupledChange = 0;
        for (int i = 0; i < N; i++) {
            l2Change += Math.abs(l2[i] - none[i]);
            decoupledChange += Math.abs(decoupled[i] - none[i]);
        }
        assertTrue(l2Change > 0 && decoupledChange > 0 && Math.abs(l2Change - decoupledChange) > 1e-3,
                l2Change + " vs " + decoupledChange);
    }

    @Test
    void decoupledWeightDecayScalesTheParameterFirst() {
        Kernels k = Kernels.scalar();
        assertBits(trajectory(p -> Adam.adamW().learningRate(0.01).weightDecay(0.3).kernels(k).params(p).build()),
                trajectory(p -> Adam.builder().learningRate(0.01).weightDecay(0.3).decoupledWeightDecay(true)
                        .kernels(k).params(p).build()));
        float[] x = {1.5f, -2f, 0.25f};
        float[] g = {0.5f, 1f, -3f};
        float[] expected = new float[3];
        float decay = (float) (1 - 0.1 * 0.2);
        for (int i = 0; i < 3; i++) {
            expected[i] = Math.fma(-0.1f, g[i], x[i] * decay);
        }
        Sgd.builder().learningRate(0.1).weightDecay(0.2).decoupledWeightDecay(true).kernels(k)
                .params(Parameter.of("x", x, g)).build().step();
        assertBits(expected, x);
    }

    @Test
    void momentumKernelWithoutMomentumIsTheSgdKernel() {
        StepKernels k = KernelAccess.steps(Kernels.scalar());
        SplittableRandom random = new SplittableRandom(5);
        StepKernels.SgdArgs plain = new StepKernels.SgdArgs();
        plain.lr = 0.1f;
        plain.weightDecay = 0.01f;
        StepKernels.MomentumArgs none = new StepKernels.MomentumArgs();
        none.lr = 0.1f;
        none.weightDecay = 0.01f;
        none.oneMinusDampening = 1f;
        float[] p1 = new float[N];
        float[] g = new float[N];
        for (int i = 0; i < N; i++) {
            p1[i] = (float) random.nextGaussian();
        }
        float[] p2 = p1.clone();
        float[] b = new float[N];
        for (int t = 0; t < STEPS; t++) {
            for (int i = 0; i < N; i++) {
                g[i] = (float) random.nextGaussian();
            }
            none.first = t == 0;
            k.sgdStep(p1, 0, g, 0, N, plain);
            k.momentumStep(p2, 0, g, 0, b, 0, N, none);
        }
        assertBits(p1, p2);
    }

    @Test
    void nesterovLookAheadWithoutMomentumIsPlainGradientDescentInVelocityForm() {
        Kernels k = Kernels.scalar();
        assertBits(trajectory(p -> Momentum.builder().alpha(0).learningRate(0.1).kernels(k).params(p).build()),
                trajectory(p -> Nesterov.builder().alpha(0).learningRate(0.1).kernels(k).params(p).build()));
    }

    @Test
    void aGroupThatSetsTheDefaultsIsTheDefaultGroup() {
        Kernels k = Kernels.scalar();
        assertBits(trajectory(p -> NAdam.builder().learningRate(0.01).weightDecay(0.1).kernels(k).params(p).build()),
                trajectory(p -> NAdam.builder().kernels(k)
                        .group(ParamGroup.of(p).withLearningRate(0.01).withWeightDecay(0.1)).build()));
        assertBits(trajectory(p -> Sgd.builder().learningRate(0.01).kernels(k).params(p).build()),
                trajectory(p -> Sgd.builder().schedule(step -> 0.01).kernels(k).params(p).build()));
    }

    @Test
    void clippingAboveTheLargestGradientChangesNothing() {
        Kernels k = Kernels.scalar();
        assertBits(trajectory(p -> Adam.builder().kernels(k).params(p).build()),
                trajectory(p -> Adam.builder().clipGradientValue(1e6).clipGradientNorm(1e9).kernels(k).params(p).build()));
    }

    @Test
    void integerPowersAreCorrectlyRounded() {
        assertEquals(0.6561, StepScalars.powInt(0.9, 4));
        assertEquals(1, StepScalars.powInt(0.3, 0));
        assertEquals(Math.pow(0.5, 40), StepScalars.powInt(0.5, 40));
        java.math.BigDecimal exact = new java.math.BigDecimal(0.999).pow(2904);
        assertEquals(exact.doubleValue(), StepScalars.powInt(0.999, 2904));
        assertEquals(StepScalars.powInt(0.9, 7), StepScalars.pow(0.9, 7.0));
        assertEquals(StrictMath.pow(0.96, 0.052), StepScalars.pow(0.96, 0.052), Math.ulp(1.0));
        assertArrayEquals(new float[] {1f}, new float[] {(float) StepScalars.pow(1, 0.5)});
    }
}
