package dev.lanes.vectorops;

import static dev.lanes.vectorops.Bits.SCALAR;
import static dev.lanes.vectorops.Bits.VECTOR;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.optim.functions.TestFunction;
import dev.lanes.optim.functions.TestFunctions;
import dev.lanes.optim.secondorder.HessianFunction;
import dev.lanes.optim.secondorder.Lbfgs;
import dev.lanes.optim.secondorder.Newton;
import dev.lanes.optim.secondorder.Objective;
import dev.lanes.optim.secondorder.Result;
import java.util.SplittableRandom;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * L-BFGS and Newton give the same bits under the vector kernels as under the scalar reference:
 * every iterate, the result record and the final point. Dimensions cross the lane counts of every
 * width; each run is a whole minimization, so the tries are fewer than a kernel's.
 */
class SecondOrderProperties {
    private static final int[] DIMENSIONS = {1, 2, 3, 7, 15, 16, 17, 63, 64, 65, 131};

    /** ½(x − c)ᵀA(x − c) with A = BBᵀ + I, B random in [−1, 1], c and the start random. */
    static TestFunction randomQuadratic(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] b = new double[n * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextDouble(-1, 1);
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = i == j ? 1 : 0;
                for (int k = 0; k < n; k++) {
                    s += b[i * n + k] * b[j * n + k];
                }
                a[i * n + j] = s;
                a[j * n + i] = s;
            }
        }
        double[] c = new double[n];
        double[] start = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = r.nextDouble(-2, 2);
            start[i] = r.nextDouble(-5, 5);
        }
        return TestFunctions.quadratic("random", a, c, start);
    }

    static float[] start(TestFunction f, long seed, double jitter) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] s = f.start();
        float[] x = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            x[i] = (float) (s[i] + jitter * r.nextDouble(-1, 1));
        }
        return x;
    }

    static void sameRun(TestFunction f, float[] x0, int history) {
        float[] a = x0.clone();
        float[] b = x0.clone();
        Result ra = Lbfgs.builder().history(history).kernels(SCALAR).build(f.dimension())
                .minimize(a, Objective.of(f), 150, 1e-6);
        Result rb = Lbfgs.builder().history(history).kernels(VECTOR).build(f.dimension())
                .minimize(b, Objective.of(f), 150, 1e-6);
        assertEquals(ra, rb, f.toString());
        Bits.assertSame(a, b, f + " L-BFGS final point");
    }

    @Property(tries = 40, edgeCases = EdgeCasesMode.MIXIN)
    void lbfgsOnRandomQuadratics(@ForAll @IntRange(min = 0, max = 10) int d, @ForAll long seed,
                                 @ForAll @IntRange(min = 1, max = 12) int history) {
        TestFunction f = randomQuadratic(DIMENSIONS[d], seed);
        sameRun(f, start(f, seed, 0), history);
    }

    @Property(tries = 40, edgeCases = EdgeCasesMode.MIXIN)
    void lbfgsOnRosenbrockBealeAndBowls(@ForAll @IntRange(min = 0, max = 2) int which, @ForAll long seed) {
        TestFunction f = switch (which) {
            case 0 -> TestFunctions.rosenbrock();
            case 1 -> TestFunctions.beale();
            default -> TestFunctions.bowl(1, 3, 10, 30, 100, 300, 1000, 0.5, 2, 7, 70, 700, 5, 50, 500, 5000, 9, 90);
        };
        sameRun(f, start(f, seed, 0.3), 10);
    }

    @Property(tries = 40, edgeCases = EdgeCasesMode.MIXIN)
    void newtonOnRandomQuadratics(@ForAll @IntRange(min = 0, max = 10) int d, @ForAll @LongRange long seed) {
        TestFunction f = randomQuadratic(DIMENSIONS[d], seed);
        float[] a = start(f, seed, 0);
        float[] b = a.clone();
        Result ra = Newton.builder().stepSize(0.5).kernels(SCALAR).build(f.dimension())
                .minimize(a, Objective.of(f), HessianFunction.of(f), 30, 1e-5);
        Result rb = Newton.builder().stepSize(0.5).kernels(VECTOR).build(f.dimension())
                .minimize(b, Objective.of(f), HessianFunction.of(f), 30, 1e-5);
        assertEquals(ra, rb);
        Bits.assertSame(a, b, "Newton final point");
    }
}
