package dev.lanes.optim.functions;

import java.util.List;

/** {@code f(x) = ½ (x − c)ᵀ A (x − c)}; see {@link TestFunctions#quadratic}. */
final class Quadratic implements TestFunction {
    private final String name;
    private final int n;
    private final double[] a;
    private final double[] c;
    private final double[] start;
    private final List<Minimum> minima;
    private final PlotBox box;

    Quadratic(String name, double[] a, double[] c, double[] start, double halfWidth) {
        this.name = name;
        this.n = c.length;
        this.a = a.clone();
        this.c = c.clone();
        this.start = start.clone();
        this.minima = positiveDefinite(this.a, n)
                ? List.of(new Minimum(c, 0, true))
                : List.of();
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            lo[i] = c[i] - halfWidth;
            hi[i] = c[i] + halfWidth;
        }
        this.box = new PlotBox(lo, hi);
    }

    /** Whether a Cholesky factorization of the symmetric {@code a} succeeds with positive pivots. */
    private static boolean positiveDefinite(double[] a, int n) {
        double[] l = new double[n * n];
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) {
                d -= l[j * n + k] * l[j * n + k];
            }
            if (!(d > 0)) {
                return false;
            }
            double ljj = Math.sqrt(d);
            l[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * n + k] * l[j * n + k];
                }
                l[i * n + j] = s / ljj;
            }
        }
        return true;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double value(double[] x) {
        Shapes.point(x.length, n);
        double s = 0;
        for (int i = 0; i < n; i++) {
            double ri = 0;
            for (int j = 0; j < n; j++) {
                ri += a[i * n + j] * (x[j] - c[j]);
            }
            s += (x[i] - c[i]) * ri;
        }
        return 0.5 * s;
    }

    @Override
    public void gradient(double[] x, double[] g) {
        Shapes.point(x.length, n);
        Shapes.output("g", g.length, n);
        if (x == g) {
            throw new IllegalArgumentException("g must not be the array x");
        }
        for (int i = 0; i < n; i++) {
            double ri = 0;
            for (int j = 0; j < n; j++) {
                ri += a[i * n + j] * (x[j] - c[j]);
            }
            g[i] = ri;
        }
    }

    @Override
    public double value(float[] x) {
        Shapes.point(x.length, n);
        double s = 0;
        for (int i = 0; i < n; i++) {
            double ri = 0;
            for (int j = 0; j < n; j++) {
                ri += a[i * n + j] * ((double) x[j] - c[j]);
            }
            s += ((double) x[i] - c[i]) * ri;
        }
        return 0.5 * s;
    }

    @Override
    public void gradient(float[] x, float[] g) {
        Shapes.point(x.length, n);
        Shapes.output("g", g.length, n);
        if (x == g) {
            throw new IllegalArgumentException("g must not be the array x");
        }
        for (int i = 0; i < n; i++) {
            double ri = 0;
            for (int j = 0; j < n; j++) {
                ri += a[i * n + j] * ((double) x[j] - c[j]);
            }
            g[i] = (float) ri;
        }
    }

    @Override
    public void hessian(double[] x, double[] h) {
        Shapes.point(x.length, n);
        Shapes.output("h", h.length, n * n);
        System.arraycopy(a, 0, h, 0, n * n);
    }

    @Override
    public List<Minimum> minima() {
        return minima;
    }

    @Override
    public double[] start() {
        return start.clone();
    }

    @Override
    public PlotBox plotBox() {
        return box;
    }

    @Override
    public String toString() {
        return name;
    }
}
