package dev.lanes.optim.functions;

import java.util.List;

/** {@code f(x) = 0.3x⁴ − 0.1x³ − 2x² − 0.8x}; see {@link TestFunctions#quartic()}. */
final class Quartic implements TestFunction {
    /** The roots of f'(x) = 1.2x³ − 0.3x² − 4x − 0.8 that are minima, to double precision. */
    static final double GLOBAL_MIN = 2.042136865839012;
    static final double LOCAL_MIN = -1.586346063622633;
    /** The local maximum between them. */
    static final double LOCAL_MAX = -0.20579080221637916;

    private static final List<Minimum> MINIMA = List.of(
            new Minimum(new double[] {GLOBAL_MIN}, f(GLOBAL_MIN), true),
            new Minimum(new double[] {LOCAL_MIN}, f(LOCAL_MIN), false));
    private static final PlotBox BOX = new PlotBox(new double[] {-3}, new double[] {3});

    static double f(double x) {
        double x2 = x * x;
        return 0.3 * x2 * x2 - 0.1 * x2 * x - 2 * x2 - 0.8 * x;
    }

    static double df(double x) {
        return 1.2 * x * x * x - 0.3 * x * x - 4 * x - 0.8;
    }

    static double d2f(double x) {
        return 3.6 * x * x - 0.6 * x - 4;
    }

    @Override
    public String name() {
        return "quartic";
    }

    @Override
    public int dimension() {
        return 1;
    }

    @Override
    public double value(double[] x) {
        Shapes.point(x.length, 1);
        return f(x[0]);
    }

    @Override
    public void gradient(double[] x, double[] g) {
        Shapes.point(x.length, 1);
        Shapes.output("g", g.length, 1);
        g[0] = df(x[0]);
    }

    @Override
    public double value(float[] x) {
        Shapes.point(x.length, 1);
        return f(x[0]);
    }

    @Override
    public void gradient(float[] x, float[] g) {
        Shapes.point(x.length, 1);
        Shapes.output("g", g.length, 1);
        g[0] = (float) df(x[0]);
    }

    @Override
    public void hessian(double[] x, double[] h) {
        Shapes.point(x.length, 1);
        Shapes.output("h", h.length, 1);
        h[0] = d2f(x[0]);
    }

    @Override
    public List<Minimum> minima() {
        return MINIMA;
    }

    @Override
    public double[] start() {
        return new double[] {-2.5};
    }

    @Override
    public PlotBox plotBox() {
        return BOX;
    }

    @Override
    public String toString() {
        return "quartic";
    }
}
