package dev.lanes.optim.secondorder;

import dev.lanes.kernel.Kernels;

/**
 * Newton's method with a step size: {@code x ← x − ε · H(x)⁻¹ ∇f(x)}.
 *
 * <p><b>Arithmetic.</b> The gradient is a {@code float[]} from the {@link Objective}; the Hessian a
 * dense {@code double[]} from the {@link HessianFunction}. The system {@code H d = ∇f} is solved in
 * {@code double} by a Cholesky factorization {@code H = L Lᵀ} (the column-by-column algorithm,
 * each sum accumulated in index order, then forward and back substitution), and each coordinate is
 * updated as {@code x[i] = (float) (x[i] − ε · d[i])}. The gradient norm for the stopping test is
 * {@code sqrt(kernels.sumSquares(g))}, the canonical reduction, so results are the same bits under
 * {@link Kernels#scalar()} and {@link Kernels#best()}.
 *
 * <p><b>When H is not positive definite</b> (a pivot ≤ 0 or NaN), Newton's step would head for a
 * saddle point or a maximum. {@link Indefinite#REFUSE} (the default) throws an
 * {@link IndefiniteHessianException} and leaves x unchanged; {@link Indefinite#GRADIENT_STEP}
 * takes a gradient-descent step with the same step size instead,
 * {@code x[i] = fma((float) −ε, g[i], x[i])} in float.
 *
 * <p>An instance owns its workspace (O(n²) doubles, allocated once by {@link Builder#build(int)}):
 * {@link #step} allocates nothing, {@link #minimize} only its {@link Result}; use one instance per thread.
 */
public final class Newton {
    /** What to do when the Hessian is not positive definite. */
    public enum Indefinite {
        /** Throw {@link IndefiniteHessianException}; x is unchanged (the default). */
        REFUSE,
        /** Take the step {@code x ← x − ε ∇f(x)} instead. */
        GRADIENT_STEP
    }

    private final int n;
    private final double stepSize;
    private final Indefinite indefinite;
    private final Kernels kernels;
    private final float[] g;
    private final double[] h;
    private final double[] d;
    private double lastValue;
    private double lastGradientNorm;
    private boolean lastNewton;

    private Newton(Builder b, int n) {
        this.n = n;
        this.stepSize = b.stepSize;
        this.indefinite = b.indefinite;
        this.kernels = b.kernels == null ? Kernels.best() : b.kernels;
        this.g = new float[n];
        this.h = new double[n * n];
        this.d = new double[n];
    }

    /** A builder: step size 1, {@link Indefinite#REFUSE}, {@link Kernels#best()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The dimension this instance was built for. */
    public int dimension() {
        return n;
    }

    /**
     * One step from x, in place.
     *
     * @return true for a Newton step, false for a gradient step taken because H was not positive
     *         definite (only with {@link Indefinite#GRADIENT_STEP})
     * @throws IllegalArgumentException     if {@code x.length != dimension()}
     * @throws IndefiniteHessianException   if H is not positive definite and the policy is REFUSE
     */
    public boolean step(float[] x, Objective f, HessianFunction hessian) {
        checkPoint(x);
        lastValue = f.evaluate(x, g);
        lastGradientNorm = Math.sqrt(kernels.sumSquares(g, 0, n));
        apply(x, hessian);
        return lastNewton;
    }

    /** f at the point where the last {@link #step} started. */
    public double lastValue() {
        return lastValue;
    }

    /** {@code ‖∇f‖₂} at the point where the last {@link #step} started. */
    public double lastGradientNorm() {
        return lastGradientNorm;
    }

    /**
     * Steps from x, in place, until {@code ‖∇f(x)‖₂ ≤ gradientTolerance} or {@code maxIterations}
     * steps have been taken or a step leaves x unchanged.
     *
     * @throws IllegalArgumentException   if {@code x.length != dimension()}, {@code maxIterations < 0}
     *                                    or the tolerance is negative or NaN
     * @throws IndefiniteHessianException as {@link #step}; x holds the last point reached
     */
    public Result minimize(float[] x, Objective f, HessianFunction hessian, int maxIterations, double gradientTolerance) {
        checkPoint(x);
        checkLimits(maxIterations, gradientTolerance);
        int it = 0;
        int evals = 0;
        while (true) {
            double fx = f.evaluate(x, g);
            evals++;
            double gn = Math.sqrt(kernels.sumSquares(g, 0, n));
            lastValue = fx;
            lastGradientNorm = gn;
            if (gn <= gradientTolerance) {
                return new Result(Result.Status.CONVERGED, it, evals, fx, gn);
            }
            if (it == maxIterations) {
                return new Result(Result.Status.MAX_ITERATIONS, it, evals, fx, gn);
            }
            if (!apply(x, hessian)) {
                return new Result(Result.Status.STALLED, it, evals, fx, gn);
            }
            it++;
        }
    }

    /** Takes one step from x (gradient already in g); returns whether x changed. Sets lastNewton. */
    private boolean apply(float[] x, HessianFunction hessian) {
        lastNewton = factorAndSolve(x, hessian);
        boolean changed = false;
        if (lastNewton) {
            for (int i = 0; i < n; i++) {
                float xi = (float) (x[i] - stepSize * d[i]);
                changed |= Float.floatToRawIntBits(xi) != Float.floatToRawIntBits(x[i]);
                x[i] = xi;
            }
        } else {
            float a = (float) -stepSize;
            for (int i = 0; i < n; i++) {
                float xi = Math.fma(a, g[i], x[i]);
                changed |= Float.floatToRawIntBits(xi) != Float.floatToRawIntBits(x[i]);
                x[i] = xi;
            }
        }
        return changed;
    }

    /**
     * Fills h, factors it in place (lower triangle becomes L), solves L Lᵀ d = g. Returns false if a
     * pivot is not positive and the policy allows a gradient step; throws if it refuses.
     */
    private boolean factorAndSolve(float[] x, HessianFunction hessian) {
        hessian.hessian(x, h);
        for (int j = 0; j < n; j++) {
            double p = h[j * n + j];
            for (int k = 0; k < j; k++) {
                p -= h[j * n + k] * h[j * n + k];
            }
            if (!(p > 0)) {
                if (indefinite == Indefinite.REFUSE) {
                    throw new IndefiniteHessianException(j, p);
                }
                return false;
            }
            double ljj = Math.sqrt(p);
            h[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = h[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= h[i * n + k] * h[j * n + k];
                }
                h[i * n + j] = s / ljj;
            }
        }
        for (int i = 0; i < n; i++) {
            double s = g[i];
            for (int k = 0; k < i; k++) {
                s -= h[i * n + k] * d[k];
            }
            d[i] = s / h[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = d[i];
            for (int k = i + 1; k < n; k++) {
                s -= h[k * n + i] * d[k];
            }
            d[i] = s / h[i * n + i];
        }
        return true;
    }

    private void checkPoint(float[] x) {
        if (x.length != n) {
            throw new IllegalArgumentException("x must have length " + n + " (the dimension), had " + x.length);
        }
    }

    static void checkLimits(int maxIterations, double gradientTolerance) {
        if (maxIterations < 0) {
            throw new IllegalArgumentException("maxIterations must be >= 0, was " + maxIterations);
        }
        if (!(gradientTolerance >= 0)) {
            throw new IllegalArgumentException("gradientTolerance must be >= 0, was " + gradientTolerance);
        }
    }

    /** Configures a {@link Newton}; each setter checks its argument. */
    public static final class Builder {
        private double stepSize = 1;
        private Indefinite indefinite = Indefinite.REFUSE;
        private Kernels kernels;

        private Builder() {}

        /** ε, finite and > 0; default 1 (the pure Newton step). */
        public Builder stepSize(double stepSize) {
            if (!(stepSize > 0) || stepSize == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("stepSize must be finite and > 0, was " + stepSize);
            }
            this.stepSize = stepSize;
            return this;
        }

        /** The policy when H is not positive definite; default {@link Indefinite#REFUSE}. */
        public Builder onIndefinite(Indefinite policy) {
            if (policy == null) {
                throw new IllegalArgumentException("policy must not be null");
            }
            this.indefinite = policy;
            return this;
        }

        /** The kernels for the reductions; default {@link Kernels#best()}. */
        public Builder kernels(Kernels kernels) {
            if (kernels == null) {
                throw new IllegalArgumentException("kernels must not be null");
            }
            this.kernels = kernels;
            return this;
        }

        /**
         * An instance for points of dimension {@code n}, with its workspace.
         *
         * @throws IllegalArgumentException if {@code n < 1} or {@code n²} overflows an int
         */
        public Newton build(int n) {
            if (n < 1 || n > 46340) {
                throw new IllegalArgumentException("n must be in [1, 46340], was " + n);
            }
            return new Newton(this, n);
        }
    }
}
