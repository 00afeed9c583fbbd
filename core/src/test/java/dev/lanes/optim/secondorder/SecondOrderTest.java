package dev.lanes.optim.secondorder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernel.Kernels;
import dev.lanes.optim.functions.TestFunction;
import dev.lanes.optim.functions.TestFunctions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SecondOrderTest {

    static float[] start(TestFunction f) {
        double[] s = f.start();
        float[] x = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            x[i] = (float) s[i];
        }
        return x;
    }

    /** A random symmetric positive definite n×n matrix B Bᵀ + n·I. */
    static double[] randomSpd(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] b = new double[n * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextDouble(-1, 1);
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = i == j ? n : 0;
                for (int k = 0; k < n; k++) {
                    s += b[i * n + k] * b[j * n + k];
                }
                a[i * n + j] = s;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                a[i * n + j] = a[j * n + i];
            }
        }
        return a;
    }

    static TestFunction randomQuadratic(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed + 1);
        double[] c = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = r.nextDouble(-1, 1);
            s[i] = r.nextDouble(-3, 3);
        }
        return TestFunctions.quadratic("random" + n, randomSpd(n, seed), c, s);
    }

    static double distance(float[] x, double[] p) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (x[i] - p[i]) * (x[i] - p[i]);
        }
        return Math.sqrt(s);
    }

    @Test
    void newtonSolvesAQuadraticInOneStep() {
        // Curvatures with exact square roots make the double Cholesky solve exact: the step lands on 0.
        TestFunction bowl = TestFunctions.bowl(1, 16);
        float[] x = start(bowl);
        Newton newton = Newton.builder().build(2);
        assertTrue(newton.step(x, Objective.of(bowl), HessianFunction.of(bowl)));
        assertArrayEquals(new float[] {0, 0}, x);

        for (TestFunction q : new TestFunction[] {TestFunctions.rotatedBowl(50, 0.4), randomQuadratic(37, 5),
                TestFunctions.quadratic("shifted", new double[] {3, 1, 1, 2}, new double[] {1, -2}, new double[] {0, 0})}) {
            float[] z = start(q);
            Newton nz = Newton.builder().build(q.dimension());
            double g0 = gradientNorm(q, z);
            nz.step(z, Objective.of(q), HessianFunction.of(q));
            // One step lands on the minimum up to the float rounding of the point.
            assertTrue(distance(z, q.minima().get(0).point()) <= 1e-6 * q.dimension(), q + ": " + distance(z, q.minima().get(0).point()));
            assertTrue(gradientNorm(q, z) <= 1e-5 * g0, q.toString());
            Result r = Newton.builder().build(q.dimension()).minimize(z, Objective.of(q), HessianFunction.of(q), 5, 1e-3 * g0);
            assertTrue(r.converged(), r.toString());
        }
    }

    static double gradientNorm(TestFunction f, float[] x) {
        float[] g = new float[x.length];
        f.gradient(x, g);
        double s = 0;
        for (float v : g) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }

    @Test
    void newtonWithAStepSizeTakesThatFractionOfTheStep() {
        TestFunction bowl = TestFunctions.bowl(2, 8);
        float[] x = {1, 1};
        Newton.builder().stepSize(0.25).build(2).step(x, Objective.of(bowl), HessianFunction.of(bowl));
        assertArrayEquals(new float[] {0.75f, 0.75f}, x);
    }

    @Test
    void newtonRefusesTheSaddleByDefaultAndLeavesThePointUnchanged() {
        TestFunction saddle = TestFunctions.saddle();
        float[] x = start(saddle);
        float[] before = x.clone();
        var e = assertThrows(IndefiniteHessianException.class,
                () -> Newton.builder().build(2).step(x, Objective.of(saddle), HessianFunction.of(saddle)));
        assertEquals(1, e.pivot());
        assertEquals(-2.0, e.pivotValue());
        assertArrayEquals(before, x);
    }

    @Test
    void newtonFallsBackToAGradientStepWhenAsked() {
        TestFunction saddle = TestFunctions.saddle();
        float[] x = start(saddle);
        float[] g = new float[2];
        saddle.gradient(x, g);
        float[] expected = {Math.fma(-0.1f, g[0], x[0]), Math.fma(-0.1f, g[1], x[1])};
        Newton n = Newton.builder().stepSize(0.1).onIndefinite(Newton.Indefinite.GRADIENT_STEP).build(2);
        assertFalse(n.step(x, Objective.of(saddle), HessianFunction.of(saddle)));
        assertArrayEquals(expected, x);
        // Gradient steps escape the saddle along y, where f decreases without bound.
        Result r = n.minimize(x, Objective.of(saddle), HessianFunction.of(saddle), 100, 0);
        assertEquals(Result.Status.MAX_ITERATIONS, r.status());
        assertTrue(r.value() < -1e3, r.toString());
    }

    @Test
    void newtonOnTheQuarticFindsTheMinimumOfItsBasin() {
        TestFunction q = TestFunctions.quartic();
        float[] x = {-2.5f};
        Result r = Newton.builder().build(1).minimize(x, Objective.of(q), HessianFunction.of(q), 50, 1e-5);
        assertTrue(r.converged(), r.toString());
        assertEquals(q.minima().get(1).point()[0], x[0], 1e-6);
        x[0] = 3;
        r = Newton.builder().build(1).minimize(x, Objective.of(q), HessianFunction.of(q), 50, 1e-5);
        assertTrue(r.converged(), r.toString());
        assertEquals(q.minima().get(0).point()[0], x[0], 1e-6);
    }

    @Test
    void newtonOnRosenbrock() {
        TestFunction f = TestFunctions.rosenbrock();
        float[] x = start(f);
        Result r = Newton.builder().build(2).minimize(x, Objective.of(f), HessianFunction.of(f), 50, 1e-4);
        assertTrue(r.converged(), r.toString());
        assertTrue(distance(x, new double[] {1, 1}) < 1e-4, java.util.Arrays.toString(x));
    }

    @Test
    void lbfgsConvergesOnRosenbrockAndBeale() {
        for (TestFunction f : new TestFunction[] {TestFunctions.rosenbrock(), TestFunctions.beale()}) {
            float[] x = start(f);
            Result r = Lbfgs.builder().build(2).minimize(x, Objective.of(f), 500, 1e-4);
            assertTrue(r.converged(), f + ": " + r);
            assertTrue(distance(x, f.minima().get(0).point()) < 1e-3, f + " ended at " + java.util.Arrays.toString(x));
            assertTrue(r.iterations() < 100, f + ": " + r);
        }
    }

    @Test
    void lbfgsOnIllConditionedBowlsAndRandomQuadratics() {
        double[] eig = new double[100];
        for (int i = 0; i < eig.length; i++) {
            eig[i] = StrictMath.pow(1000, i / 99.0);
        }
        TestFunction bowl = TestFunctions.bowl(eig);
        for (TestFunction f : new TestFunction[] {bowl, randomQuadratic(37, 9), TestFunctions.rotatedBowl(1000, 1)}) {
            float[] x = start(f);
            double g0 = gradientNorm(f, x);
            Result r = Lbfgs.builder().history(5).build(f.dimension()).minimize(x, Objective.of(f), 1000, 1e-5 * g0);
            assertTrue(r.converged(), f + ": " + r);
        }
    }

    @Test
    void lbfgsResultsAreIdenticalUnderScalarAndBestKernels() {
        for (TestFunction f : new TestFunction[] {TestFunctions.rosenbrock(), TestFunctions.beale(), randomQuadratic(67, 3)}) {
            float[] a = start(f);
            float[] b = start(f);
            Result ra = Lbfgs.builder().kernels(Kernels.scalar()).build(f.dimension()).minimize(a, Objective.of(f), 200, 1e-5);
            Result rb = Lbfgs.builder().kernels(Kernels.best()).build(f.dimension()).minimize(b, Objective.of(f), 200, 1e-5);
            assertEquals(ra, rb);
            assertArrayEquals(a, b);
        }
    }

    @Test
    void badArgumentsAreRejectedBeforeAnythingChanges() {
        TestFunction f = TestFunctions.rosenbrock();
        float[] x = {1, 2, 3};
        var e = assertThrows(IllegalArgumentException.class,
                () -> Lbfgs.builder().build(2).minimize(x, Objective.of(f), 10, 1e-4));
        assertTrue(e.getMessage().contains("length 2"), e.getMessage());
        assertArrayEquals(new float[] {1, 2, 3}, x);
        e = assertThrows(IllegalArgumentException.class, () -> Lbfgs.builder().history(0));
        assertTrue(e.getMessage().contains("history") && e.getMessage().contains("0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Newton.builder().stepSize(-1));
        assertTrue(e.getMessage().contains("stepSize") && e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Newton.builder().build(2).minimize(new float[2], Objective.of(f), HessianFunction.of(f), -1, 0));
        assertTrue(e.getMessage().contains("maxIterations"), e.getMessage());
    }
}
