package dev.lanes.optim.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TestFunctionsTest {

    static List<TestFunction> all() {
        return List.of(
                TestFunctions.bowl(1, 10),
                TestFunctions.bowl(0.5, 2, 8),
                TestFunctions.rotatedBowl(5, Math.PI / 6),
                TestFunctions.rotatedBowl(100, 0.3),
                TestFunctions.quartic(),
                TestFunctions.rosenbrock(),
                TestFunctions.rosenbrock(2, 10),
                TestFunctions.beale(),
                TestFunctions.saddle(),
                TestFunctions.quadratic("shifted", new double[] {3, 1, 1, 2}, new double[] {1, -2}, new double[] {0, 0}));
    }

    /** Random points in the plot box, plus the start and the minima. */
    static List<double[]> points(TestFunction f, int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        var lo = f.plotBox().lo();
        var hi = f.plotBox().hi();
        var pts = new java.util.ArrayList<double[]>();
        pts.add(f.start());
        for (var m : f.minima()) {
            pts.add(m.point());
        }
        for (int k = 0; k < count; k++) {
            double[] x = new double[f.dimension()];
            for (int i = 0; i < x.length; i++) {
                x[i] = lo[i] + (hi[i] - lo[i]) * r.nextDouble();
            }
            pts.add(x);
        }
        return pts;
    }

    /**
     * Central difference of {@code fun} along coordinate j with step h = 1e-5·max(1, |xⱼ|): truncation
     * error O(h²·f''') and rounding error O(ε·|f|/h), both far below the tolerance for these smooth
     * polynomials.
     */
    static double central(java.util.function.ToDoubleFunction<double[]> fun, double[] x, int j) {
        double h = 1e-5 * Math.max(1, Math.abs(x[j]));
        double[] p = x.clone();
        double[] m = x.clone();
        p[j] += h;
        m[j] -= h;
        return (fun.applyAsDouble(p) - fun.applyAsDouble(m)) / (p[j] - m[j]);
    }

    static void close(double expected, double actual, double scale, Object what) {
        double tol = 1e-6 * Math.max(1, Math.max(Math.abs(expected), scale));
        if (!(Math.abs(expected - actual) <= tol)) {
            throw new AssertionError(what + ": finite difference " + expected + " vs analytic " + actual);
        }
    }

    @Test
    void gradientsMatchCentralDifferences() {
        for (TestFunction f : all()) {
            int n = f.dimension();
            for (double[] x : points(f, 50, 1)) {
                double[] g = new double[n];
                f.gradient(x, g);
                double scale = Math.abs(f.value(x));
                for (int j = 0; j < n; j++) {
                    close(central(f::value, x, j), g[j], scale, f + " dF/dx" + j + " at " + java.util.Arrays.toString(x));
                }
            }
        }
    }

    @Test
    void hessiansMatchCentralDifferencesOfTheGradient() {
        for (TestFunction f : all()) {
            assertTrue(f.hasHessian());
            int n = f.dimension();
            for (double[] x : points(f, 50, 2)) {
                double[] h = new double[n * n];
                f.hessian(x, h);
                double[] g0 = new double[n];
                f.gradient(x, g0);
                double scale = 0;
                for (double v : g0) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int i = 0; i < n; i++) {
                    final int row = i;
                    for (int j = 0; j < n; j++) {
                        double fd = central(p -> {
                            double[] g = new double[n];
                            f.gradient(p, g);
                            return g[row];
                        }, x, j);
                        close(fd, h[i * n + j], scale, f + " H[" + i + "][" + j + "] at " + java.util.Arrays.toString(x));
                        assertEquals(h[i * n + j], h[j * n + i], f + " Hessian symmetric");
                    }
                }
            }
        }
    }

    @Test
    void minimaAreStationaryWithPositiveDefiniteHessianAndTheStatedValue() {
        for (TestFunction f : all()) {
            int n = f.dimension();
            for (var m : f.minima()) {
                double[] x = m.point();
                assertEquals(m.value(), f.value(x), 1e-12, f + " value at minimum");
                double[] g = new double[n];
                f.gradient(x, g);
                for (int i = 0; i < n; i++) {
                    assertEquals(0, g[i], 1e-12, f + " gradient at minimum");
                }
                double[] h = new double[n * n];
                f.hessian(x, h);
                if (n == 1) {
                    assertTrue(h[0] > 0);
                } else if (n == 2) {
                    assertTrue(h[0] > 0 && h[0] * h[3] - h[1] * h[2] > 0, f + " Hessian positive definite at minimum");
                }
            }
        }
    }

    @Test
    void knownMinima() {
        var q = TestFunctions.quartic().minima();
        assertEquals(2, q.size());
        assertTrue(q.get(0).global());
        assertFalse(q.get(1).global());
        assertEquals(2.042, q.get(0).point()[0], 5e-4);
        assertEquals(-1.586, q.get(1).point()[0], 5e-4);
        assertTrue(q.get(0).value() < q.get(1).value());
        // The global minimum really is lower than anything on a fine grid of [-3, 3].
        for (int k = -3000; k <= 3000; k++) {
            assertTrue(TestFunctions.quartic().value(new double[] {k / 1000.0}) >= q.get(0).value());
        }
        assertEquals(0, TestFunctions.rosenbrock().value(new double[] {1, 1}));
        assertEquals(0, TestFunctions.beale().value(new double[] {3, 0.5}));
        assertEquals(24.2, TestFunctions.rosenbrock().value(new double[] {-1.2, 1}), 1e-12);
        assertTrue(TestFunctions.saddle().minima().isEmpty());
        assertEquals(1 - 4, TestFunctions.saddle().value(new double[] {1, 2}));
        assertTrue(TestFunctions.quadratic("indefinite", new double[] {1, 2, 2, 1}, new double[2], new double[2])
                .minima().isEmpty());
    }

    @Test
    void illConditionedBowlSpansTheAskedConditionNumber() {
        TestFunction f = TestFunctions.illConditionedBowl(5, 100);
        double[] h = new double[25];
        f.hessian(new double[5], h);
        assertEquals(1, h[0]);
        assertEquals(10, h[2 * 5 + 2], 1e-13);
        assertEquals(100, h[24]);
        assertEquals(0, h[1]);
        assertEquals(5, f.dimension());
        var e = assertThrows(IllegalArgumentException.class, () -> TestFunctions.illConditionedBowl(0, 10));
        assertTrue(e.getMessage().contains("n") && e.getMessage().contains("0"), e.getMessage());
    }

    @Test
    void rotatedBowlHasTheAskedEigenvalues() {
        double[] h = new double[4];
        TestFunctions.rotatedBowl(25, 0.7).hessian(new double[2], h);
        double tr = h[0] + h[3];
        double det = h[0] * h[3] - h[1] * h[2];
        assertEquals(26, tr, 1e-12);
        assertEquals(25, det, 1e-12);
    }

    @Test
    void floatOverloadsRoundTheDoubleResultOnce() {
        for (TestFunction f : all()) {
            int n = f.dimension();
            for (double[] xd : points(f, 20, 3)) {
                float[] xf = new float[n];
                double[] xw = new double[n];
                for (int i = 0; i < n; i++) {
                    xf[i] = (float) xd[i];
                    xw[i] = xf[i];
                }
                double[] gd = new double[n];
                float[] gf = new float[n];
                f.gradient(xw, gd);
                f.gradient(xf, gf);
                for (int i = 0; i < n; i++) {
                    assertEquals(Float.floatToIntBits((float) gd[i]), Float.floatToIntBits(gf[i]), f + " float gradient");
                }
                assertEquals(f.value(xw), f.value(xf), f + " float value");
            }
        }
    }

    @Test
    void badArgumentsAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> TestFunctions.bowl(1, -2));
        assertTrue(e.getMessage().contains("eigenvalues[1]") && e.getMessage().contains("-2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TestFunctions.rotatedBowl(0.5, 0));
        assertTrue(e.getMessage().contains("conditionNumber") && e.getMessage().contains("0.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TestFunctions.rosenbrock().value(new double[3]));
        assertTrue(e.getMessage().contains("length 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TestFunctions.quadratic("q", new double[] {1, 2, 3, 1}, new double[2], new double[2]));
        assertTrue(e.getMessage().contains("symmetric"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TestFunctions.beale().gradient(new double[2], new double[1]));
    }
}
