package dev.lanes.optim.functions;

import java.util.List;

/**
 * A function of the optimization textbook on which optimizers are tried: its value, its gradient,
 * its Hessian where it has a small one, its known minima and a box in which to draw it.
 *
 * <p><b>Precision.</b> Everything is computed in {@code double}. The {@code float[]} overloads,
 * for optimizers that work on {@code float[]} parameters, widen each coordinate exactly to
 * {@code double}, compute as the {@code double} overloads do, and round each result once to
 * {@code float}; so {@code gradient(float[] x, float[] g)} gives {@code g[i] = (float) gᵢ(x)}
 * with {@code gᵢ} the double-precision gradient of the same point. None of the methods
 * allocate.
 *
 * <p>Implementations are immutable and safe to use from any number of threads.
 */
public interface TestFunction {

    /** A short name ({@code "rosenbrock"}, {@code "beale"}, ...). */
    String name();

    /** The number of coordinates {@code n} of a point. */
    int dimension();

    /**
     * {@code f(x)}.
     *
     * @throws IllegalArgumentException if {@code x.length != dimension()}
     */
    double value(double[] x);

    /**
     * Writes {@code ∇f(x)} into {@code g[0, n)}.
     *
     * @throws IllegalArgumentException if {@code x.length != dimension()} or {@code g.length < n}
     */
    void gradient(double[] x, double[] g);

    /** {@code f(x)} at a float point, computed in double (see the class comment). */
    double value(float[] x);

    /**
     * Writes {@code (float) ∇f(x)} into {@code g[0, n)}: the double-precision gradient of the
     * exactly widened point, each component rounded once.
     *
     * @throws IllegalArgumentException if {@code x.length != dimension()} or {@code g.length < n}
     */
    void gradient(float[] x, float[] g);

    /** Whether {@link #hessian} is available. Every function built by {@link TestFunctions} has one. */
    default boolean hasHessian() {
        return true;
    }

    /**
     * Writes the Hessian {@code ∇²f(x)} row-major into {@code h[0, n²)}:
     * {@code h[i·n + j] = ∂²f / ∂xᵢ∂xⱼ}.
     *
     * @throws UnsupportedOperationException if {@link #hasHessian()} is false
     * @throws IllegalArgumentException      if {@code x.length != dimension()} or {@code h.length < n²}
     */
    void hessian(double[] x, double[] h);

    /** The known local minima, global ones first; empty if the function has none (a saddle). */
    List<Minimum> minima();

    /** The usual starting point of the literature for this function (a fresh copy). */
    double[] start();

    /** A box that shows the interesting part of the function, for contour plots. */
    PlotBox plotBox();

    /** A local minimum: where it is, the value there, and whether it is a global minimum. */
    record Minimum(double[] point, double value, boolean global) {
        /** Copies {@code point}. */
        public Minimum {
            point = point.clone();
        }

        /** A fresh copy of the point. */
        @Override
        public double[] point() {
            return point.clone();
        }
    }

    /** An axis-aligned box {@code [lo[i], hi[i]]} per coordinate. */
    record PlotBox(double[] lo, double[] hi) {
        /**
         * Copies the bounds.
         *
         * @throws IllegalArgumentException if the lengths differ or some {@code lo[i] >= hi[i]}
         */
        public PlotBox {
            if (lo.length != hi.length) {
                throw new IllegalArgumentException("lo and hi must have the same length, were "
                        + lo.length + " and " + hi.length);
            }
            for (int i = 0; i < lo.length; i++) {
                if (!(lo[i] < hi[i])) {
                    throw new IllegalArgumentException("need lo[" + i + "] < hi[" + i + "], were "
                            + lo[i] + " and " + hi[i]);
                }
            }
            lo = lo.clone();
            hi = hi.clone();
        }

        /** A fresh copy of the lower bounds. */
        @Override
        public double[] lo() {
            return lo.clone();
        }

        /** A fresh copy of the upper bounds. */
        @Override
        public double[] hi() {
            return hi.clone();
        }
    }
}
