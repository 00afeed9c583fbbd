package dev.lanes.optim.functions;

import java.util.List;

/**
 * {@code f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²}; see
 * {@link TestFunctions#beale()}.
 */
final class Beale extends Planar {

    Beale() {
        super("beale", List.of(new Minimum(new double[] {3, 0.5}, 0, true)),
                new double[] {1, 1},
                new PlotBox(new double[] {-4.5, -4.5}, new double[] {4.5, 4.5}));
    }

    @Override
    double f(double x, double y) {
        double t1 = 1.5 - x + x * y;
        double t2 = 2.25 - x + x * y * y;
        double t3 = 2.625 - x + x * y * y * y;
        return t1 * t1 + t2 * t2 + t3 * t3;
    }

    @Override
    double fx(double x, double y) {
        double t1 = 1.5 - x + x * y;
        double t2 = 2.25 - x + x * y * y;
        double t3 = 2.625 - x + x * y * y * y;
        return 2 * (t1 * (y - 1) + t2 * (y * y - 1) + t3 * (y * y * y - 1));
    }

    @Override
    double fy(double x, double y) {
        double t1 = 1.5 - x + x * y;
        double t2 = 2.25 - x + x * y * y;
        double t3 = 2.625 - x + x * y * y * y;
        return 2 * (t1 * x + t2 * 2 * x * y + t3 * 3 * x * y * y);
    }

    @Override
    double fxx(double x, double y) {
        double d1 = y - 1;
        double d2 = y * y - 1;
        double d3 = y * y * y - 1;
        return 2 * (d1 * d1 + d2 * d2 + d3 * d3);
    }

    @Override
    double fxy(double x, double y) {
        double t1 = 1.5 - x + x * y;
        double t2 = 2.25 - x + x * y * y;
        double t3 = 2.625 - x + x * y * y * y;
        return 2 * (x * (y - 1) + t1
                + 2 * x * y * (y * y - 1) + t2 * 2 * y
                + 3 * x * y * y * (y * y * y - 1) + t3 * 3 * y * y);
    }

    @Override
    double fyy(double x, double y) {
        double t2 = 2.25 - x + x * y * y;
        double t3 = 2.625 - x + x * y * y * y;
        double e2 = 2 * x * y;
        double e3 = 3 * x * y * y;
        return 2 * (x * x + e2 * e2 + t2 * 2 * x + e3 * e3 + t3 * 6 * x * y);
    }
}
