package dev.lanes.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernel.Kernels;
import dev.lanes.optim.functions.TestFunction;
import dev.lanes.optim.functions.TestFunctions;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The optimizers on the textbook functions: where they go from where, with which settings. */
class ConvergenceTest {

    /** Runs {@code steps} steps of the optimizer built over x on f, from x0; returns x. */
    static float[] run(TestFunction f, float[] x0, int steps, Function<Parameter, Optimizer> build) {
        float[] x = x0.clone();
        float[] g = new float[x.length];
        Optimizer o = build.apply(Parameter.of("x", x, g));
        Runnable gradient = () -> f.gradient(x, g);
        for (int t = 0; t < steps; t++) {
            if (o instanceof Nesterov n) {
                n.lookAhead();
                gradient.run();
                n.step();
            } else {
                gradient.run();
                o.step();
            }
        }
        return x;
    }

    static final TestFunction QUARTIC = TestFunctions.quartic();
    static final double LOCAL = -1.586346063622633;
    static final double GLOBAL = 2.0422;

    @Test
    void gradientDescentSettlesInTheLocalMinimumOfTheQuartic() {
        float[] x = run(QUARTIC, new float[] {-2.8f}, 1000,
                p -> Sgd.builder().learningRate(0.05).kernels(Kernels.scalar()).params(p).build());
        assertEquals(LOCAL, x[0], 1e-4);
    }

    @Test
    void momentumCarriesPastTheLocalMinimumToTheGlobalOne() {
        float[] buffer = run(QUARTIC, new float[] {-2.8f}, 2000,
                p -> Sgd.builder().learningRate(0.05).momentum(0.9).kernels(Kernels.scalar()).params(p).build());
        assertEquals(GLOBAL, buffer[0], 1e-3);
        float[] velocity = run(QUARTIC, new float[] {-2.8f}, 2000,
                p -> Momentum.builder().learningRate(0.05).alpha(0.9).kernels(Kernels.scalar()).params(p).build());
        assertEquals(GLOBAL, velocity[0], 1e-3);
        assertEquals(GLOBAL, QUARTIC.minima().get(0).point()[0], 1e-3);
        assertEquals(LOCAL, QUARTIC.minima().get(1).point()[0], 1e-9);
    }

    @Test
    void adaGradsEffectiveRateOnlyShrinks() {
        TestFunction bowl = TestFunctions.bowl(1, 10);
        float[] x = {1, 1};
        float[] g = new float[2];
        double lr = 0.5;
        AdaGrad o = AdaGrad.builder().learningRate(lr).kernels(Kernels.scalar()).params(Parameter.of("x", x, g)).build();
        double[] last = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        for (int t = 0; t < 200; t++) {
            bowl.gradient(x, g);
            float[] before = x.clone();
            o.step();
            float[] sum = o.exportState().array("x", "sum");
            for (int i = 0; i < 2; i++) {
                double rate = lr / (Math.sqrt(sum[i]) + 1e-10);
                assertTrue(rate <= last[i], "step " + t + ": rate " + rate + " after " + last[i]);
                if (t < 5) {
                    assertEquals(rate, ((double) before[i] - x[i]) / g[i], rate * 1e-5, "the step is rate·g");
                    assertTrue(rate < last[i], "the rate shrinks while the gradient is not 0");
                }
                last[i] = rate;
            }
        }
        assertTrue(last[0] < 0.5 && last[1] < 0.1, last[0] + ", " + last[1]);
        assertTrue(Math.abs(x[0]) < 1e-2 && Math.abs(x[1]) < 1e-2, x[0] + ", " + x[1]);
    }

    static Stream<Arguments> bowlSolvers() {
        Kernels k = Kernels.scalar();
        return Stream.of(
                Arguments.of("sgd", (Function<Parameter, Optimizer>) p -> Sgd.builder().learningRate(0.1).kernels(k).params(p).build()),
                Arguments.of("sgd momentum", (Function<Parameter, Optimizer>) p -> Sgd.builder().learningRate(0.05).momentum(0.5).kernels(k).params(p).build()),
                Arguments.of("sgd nesterov", (Function<Parameter, Optimizer>) p -> Sgd.builder().learningRate(0.05).momentum(0.5).nesterov(true).kernels(k).params(p).build()),
                Arguments.of("momentum", (Function<Parameter, Optimizer>) p -> Momentum.builder().learningRate(0.05).alpha(0.5).kernels(k).params(p).build()),
                Arguments.of("nesterov look-ahead", (Function<Parameter, Optimizer>) p -> Nesterov.builder().learningRate(0.05).alpha(0.5).kernels(k).params(p).build()),
                Arguments.of("adagrad", (Function<Parameter, Optimizer>) p -> AdaGrad.builder().learningRate(0.5).kernels(k).params(p).build()),
                Arguments.of("rmsprop", (Function<Parameter, Optimizer>) p -> RmsProp.builder().learningRate(0.01).kernels(k).params(p).build()),
                Arguments.of("rmsprop centered momentum", (Function<Parameter, Optimizer>) p -> RmsProp.builder().learningRate(0.01).centered(true).momentum(0.5).kernels(k).params(p).build()),
                Arguments.of("adam", (Function<Parameter, Optimizer>) p -> Adam.builder().learningRate(0.05).kernels(k).params(p).build()),
                Arguments.of("amsgrad", (Function<Parameter, Optimizer>) p -> Adam.builder().learningRate(0.05).amsgrad(true).kernels(k).params(p).build()),
                Arguments.of("adamw", (Function<Parameter, Optimizer>) p -> Adam.adamW().learningRate(0.05).kernels(k).params(p).build()),
                Arguments.of("adamax", (Function<Parameter, Optimizer>) p -> AdaMax.builder().learningRate(0.05).kernels(k).params(p).build()),
                Arguments.of("nadam", (Function<Parameter, Optimizer>) p -> NAdam.builder().learningRate(0.05).kernels(k).params(p).build()),
                Arguments.of("radam", (Function<Parameter, Optimizer>) p -> RAdam.builder().learningRate(0.05).kernels(k).params(p).build()),
                Arguments.of("rprop", (Function<Parameter, Optimizer>) p -> Rprop.builder().learningRate(0.01).kernels(k).params(p).build()),
                Arguments.of("asgd", (Function<Parameter, Optimizer>) p -> Asgd.builder().learningRate(0.1).kernels(k).params(p).build()),
                Arguments.of("quickprop", (Function<Parameter, Optimizer>) p -> QuickProp.builder().learningRate(0.05).kernels(k).params(p).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bowlSolvers")
    void reachesTheMinimumOfAQuadraticBowl(String name, Function<Parameter, Optimizer> build) {
        TestFunction bowl = TestFunctions.bowl(1, 10);
        float[] x = run(bowl, new float[] {1, 1}, 2000, build);
        double value = bowl.value(x);
        System.out.printf("bowl %s: f = %.3g at (%g, %g)%n", name, value, x[0], x[1]);
        assertTrue(value < 1e-4, name + ": f = " + value + " at (" + x[0] + ", " + x[1] + ")");
    }

    /**
     * AdaDelta's step {@code sqrt(u)/sqrt(r)·g} has the units of x, and on a quadratic it settles
     * into a limit cycle around the minimum rather than into it: it gets close, not arbitrarily close.
     */
    @Test
    void adaDeltaGetsCloseToTheMinimumOfABowl() {
        TestFunction bowl = TestFunctions.bowl(1, 10);
        float[] x = run(bowl, new float[] {1, 1}, 2000,
                p -> AdaDelta.builder().learningRate(0.5).eps(1e-4).kernels(Kernels.scalar()).params(p).build());
        assertTrue(bowl.value(x) < bowl.value(new double[] {1, 1}) / 100, "f = " + bowl.value(x));
        assertTrue(Math.abs(x[0]) < 0.15 && Math.abs(x[1]) < 0.15, x[0] + ", " + x[1]);
    }

    @Test
    void reachTheMinimumOfRosenbrock() {
        TestFunction rosenbrock = TestFunctions.rosenbrock();
        float[] start = {-1.2f, 1f};
        Kernels k = Kernels.scalar();
        float[] adam = run(rosenbrock, start, 20_000,
                p -> Adam.builder().learningRate(0.01).kernels(k).params(p).build());
        float[] momentum = run(rosenbrock, start, 20_000,
                p -> Sgd.builder().learningRate(1e-3).momentum(0.9).kernels(k).params(p).build());
        float[] rprop = run(rosenbrock, start, 20_000, p -> Rprop.builder().kernels(k).params(p).build());
        for (float[] x : new float[][] {adam, momentum, rprop}) {
            System.out.printf("rosenbrock: (%g, %g)%n", x[0], x[1]);
        }
        for (float[] x : new float[][] {adam, momentum, rprop}) {
            assertEquals(1, x[0], 1e-2);
            assertEquals(1, x[1], 2e-2);
        }
    }
}
