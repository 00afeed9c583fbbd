package dev.lanes.optim.functions;

import java.util.List;

/** Base of the functions of two variables: subclasses give f, its two partials and three second partials. */
abstract class Planar implements TestFunction {
    private final String name;
    private final List<Minimum> minima;
    private final double[] start;
    private final PlotBox box;

    Planar(String name, List<Minimum> minima, double[] start, PlotBox box) {
        this.name = name;
        this.minima = List.copyOf(minima);
        this.start = start.clone();
        this.box = box;
    }

    abstract double f(double x, double y);

    abstract double fx(double x, double y);

    abstract double fy(double x, double y);

    abstract double fxx(double x, double y);

    abstract double fxy(double x, double y);

    abstract double fyy(double x, double y);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int dimension() {
        return 2;
    }

    @Override
    public final double value(double[] x) {
        Shapes.point(x.length, 2);
        return f(x[0], x[1]);
    }

    @Override
    public final void gradient(double[] x, double[] g) {
        Shapes.point(x.length, 2);
        Shapes.output("g", g.length, 2);
        double gx = fx(x[0], x[1]);
        double gy = fy(x[0], x[1]);
        g[0] = gx;
        g[1] = gy;
    }

    @Override
    public final double value(float[] x) {
        Shapes.point(x.length, 2);
        return f(x[0], x[1]);
    }

    @Override
    public final void gradient(float[] x, float[] g) {
        Shapes.point(x.length, 2);
        Shapes.output("g", g.length, 2);
        double gx = fx(x[0], x[1]);
        double gy = fy(x[0], x[1]);
        g[0] = (float) gx;
        g[1] = (float) gy;
    }

    @Override
    public final void hessian(double[] x, double[] h) {
        Shapes.point(x.length, 2);
        Shapes.output("h", h.length, 4);
        double a = fxx(x[0], x[1]);
        double b = fxy(x[0], x[1]);
        double c = fyy(x[0], x[1]);
        h[0] = a;
        h[1] = b;
        h[2] = b;
        h[3] = c;
    }

    @Override
    public final List<Minimum> minima() {
        return minima;
    }

    @Override
    public final double[] start() {
        return start.clone();
    }

    @Override
    public final PlotBox plotBox() {
        return box;
    }

    @Override
    public String toString() {
        return name;
    }
}
