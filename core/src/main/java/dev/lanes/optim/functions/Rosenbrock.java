package dev.lanes.optim.functions;

import java.util.List;

/** {@code f(x, y) = (a − x)² + b·(y − x²)²}; see {@link TestFunctions#rosenbrock(double, double)}. */
final class Rosenbrock extends Planar {
    private final double a;
    private final double b;

    Rosenbrock(double a, double b) {
        super(a == 1 && b == 100 ? "rosenbrock" : "rosenbrock(a=" + a + ", b=" + b + ")",
                List.of(new Minimum(new double[] {a, a * a}, 0, true)),
                new double[] {-1.2, 1},
                new PlotBox(new double[] {-2, -1}, new double[] {2, 3}));
        this.a = a;
        this.b = b;
    }

    @Override
    double f(double x, double y) {
        double u = a - x;
        double v = y - x * x;
        return u * u + b * v * v;
    }

    @Override
    double fx(double x, double y) {
        return -2 * (a - x) - 4 * b * x * (y - x * x);
    }

    @Override
    double fy(double x, double y) {
        return 2 * b * (y - x * x);
    }

    @Override
    double fxx(double x, double y) {
        return 2 - 4 * b * y + 12 * b * x * x;
    }

    @Override
    double fxy(double x, double y) {
        return -4 * b * x;
    }

    @Override
    double fyy(double x, double y) {
        return 2 * b;
    }
}
