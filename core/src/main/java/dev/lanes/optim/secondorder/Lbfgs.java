package dev.lanes.optim.secondorder;

import dev.lanes.kernel.Kernels;

/**
 * L-BFGS (Nocedal 1980) with a backtracking Armijo line search, on {@code float[]} points.
 *
 * <p><b>Iteration.</b> From x with gradient g, the direction {@code d = −H g} comes from the
 * two-loop recursion over the last m pairs {@code (s, y)}, {@code ρ = 1 / sᵀy}: newest to oldest
 * {@code αᵢ = ρᵢ·sᵢᵀq}, {@code q ← q − αᵢyᵢ}; then {@code q ← γq} with
 * {@code γ = sᵀy / yᵀy} of the newest pair; oldest to newest {@code β = ρᵢ·yᵢᵀq},
 * {@code q ← q + (αᵢ − β)sᵢ}; {@code d = −q}. If {@code gᵀd ≥ 0} (rounding can do that) the history
 * is dropped and {@code d = −g}. The line search tries {@code t = 1} (or {@code min(1, 1/‖g‖₂)}
 * while the history is empty) and multiplies t by {@code backtrack} until
 * {@code f(x + t·d) ≤ f(x) + c₁·t·gᵀd} (Armijo; a NaN value fails it), at most
 * {@code maxLineSearch} trials. The pair {@code s = x' − x}, {@code y = g' − g} is kept only if
 * {@code sᵀy > 0}, which keeps H positive definite without a Wolfe curvature test.
 *
 * <p><b>Arithmetic.</b> Everything is float: every dot product and norm is the canonical reduction
 * of the {@link Kernels} given to the builder ({@code dot}, {@code sumSquares}), the vector updates are
 * its {@code axpy} (fma) and {@code scale}; the scalars {@code ρ, α, β, γ} are float, and only the
 * Armijo comparison is evaluated in double. So the iterates are the same bits under
 * {@link Kernels#scalar()} and {@link Kernels#best()}, at every vector width.
 *
 * <p>An instance owns its workspace ({@code (2m + 4)·n} floats, allocated by {@link Builder#build(int)});
 * {@link #minimize} allocates nothing but its {@link Result}. One instance per thread.
 */
public final class Lbfgs {
    private final int n;
    private final int m;
    private final double c1;
    private final double backtrack;
    private final int maxLineSearch;
    private final Kernels kernels;
    private final float[] g;
    private final float[] gNew;
    private final float[] xNew;
    private final float[] d;
    private final float[] s;
    private final float[] y;
    private final float[] rho;
    private final float[] alpha;
    private int head;
    private int count;

    private Lbfgs(Builder b, int n) {
        this.n = n;
        this.m = b.history;
        this.c1 = b.c1;
        this.backtrack = b.backtrack;
        this.maxLineSearch = b.maxLineSearch;
        this.kernels = b.kernels == null ? Kernels.best() : b.kernels;
        this.g = new float[n];
        this.gNew = new float[n];
        this.xNew = new float[n];
        this.d = new float[n];
        this.s = new float[m * n];
        this.y = new float[m * n];
        this.rho = new float[m];
        this.alpha = new float[m];
    }

    /** A builder: history 10, c₁ = 10⁻⁴, backtrack 0.5, 40 line-search trials, {@link Kernels#best()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The dimension this instance was built for. */
    public int dimension() {
        return n;
    }

    /**
     * Minimizes f from x, in place, starting with an empty history, until
     * {@code ‖∇f(x)‖₂ ≤ gradientTolerance}, {@code maxIterations} accepted steps, a step that leaves x
     * unchanged, or a failed line search. x always holds the best (last accepted) point.
     *
     * @throws IllegalArgumentException if {@code x.length != dimension()}, {@code maxIterations < 0} or
     *                                  the tolerance is negative or NaN
     */
    public Result minimize(float[] x, Objective f, int maxIterations, double gradientTolerance) {
        if (x.length != n) {
            throw new IllegalArgumentException("x must have length " + n + " (the dimension), had " + x.length);
        }
        Newton.checkLimits(maxIterations, gradientTolerance);
        head = 0;
        count = 0;
        double fx = f.evaluate(x, g);
        int evals = 1;
        int it = 0;
        while (true) {
            double gn = Math.sqrt(kernels.sumSquares(g, 0, n));
            if (gn <= gradientTolerance) {
                return new Result(Result.Status.CONVERGED, it, evals, fx, gn);
            }
            if (it == maxIterations) {
                return new Result(Result.Status.MAX_ITERATIONS, it, evals, fx, gn);
            }
            direction();
            float gd = kernels.dot(g, 0, d, 0, n);
            if (!(gd < 0)) {
                count = 0;
                kernels.scale(-1f, g, 0, d, 0, n);
                gd = -kernels.sumSquares(g, 0, n);
            }
            float t = count == 0 ? (float) Math.min(1.0, 1.0 / gn) : 1f;
            boolean accepted = false;
            double fNew = Double.NaN;
            for (int trial = 0; trial < maxLineSearch; trial++) {
                System.arraycopy(x, 0, xNew, 0, n);
                kernels.axpy(t, d, 0, xNew, 0, n);
                fNew = f.evaluate(xNew, gNew);
                evals++;
                if (fNew <= fx + c1 * t * gd) {
                    accepted = true;
                    break;
                }
                t = (float) (t * backtrack);
            }
            if (!accepted) {
                return new Result(Result.Status.LINE_SEARCH_FAILED, it, evals, fx, gn);
            }
            int off = head * n;
            boolean moved = false;
            for (int i = 0; i < n; i++) {
                float si = xNew[i] - x[i];
                s[off + i] = si;
                y[off + i] = gNew[i] - g[i];
                moved |= si != 0;
            }
            if (!moved) {
                return new Result(Result.Status.STALLED, it, evals, fx, gn);
            }
            float sy = kernels.dot(s, off, y, off, n);
            if (sy > 0) {
                rho[head] = 1f / sy;
                head = (head + 1) % m;
                count = Math.min(count + 1, m);
            }
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            it++;
        }
    }

    /** d = −H g by the two-loop recursion over the stored pairs. */
    private void direction() {
        System.arraycopy(g, 0, d, 0, n);
        for (int j = 0; j < count; j++) {
            int idx = Math.floorMod(head - 1 - j, m);
            float a = rho[idx] * kernels.dot(s, idx * n, d, 0, n);
            alpha[idx] = a;
            kernels.axpy(-a, y, idx * n, d, 0, n);
        }
        if (count > 0) {
            int newest = Math.floorMod(head - 1, m);
            float gamma = (1f / rho[newest]) / kernels.sumSquares(y, newest * n, n);
            kernels.scale(gamma, d, 0, d, 0, n);
        }
        for (int j = count - 1; j >= 0; j--) {
            int idx = Math.floorMod(head - 1 - j, m);
            float b = rho[idx] * kernels.dot(y, idx * n, d, 0, n);
            kernels.axpy(alpha[idx] - b, s, idx * n, d, 0, n);
        }
        kernels.scale(-1f, d, 0, d, 0, n);
    }

    /** Configures an {@link Lbfgs}; each setter checks its argument. */
    public static final class Builder {
        private int history = 10;
        private double c1 = 1e-4;
        private double backtrack = 0.5;
        private int maxLineSearch = 40;
        private Kernels kernels;

        private Builder() {}

        /** m, the number of (s, y) pairs kept, ≥ 1; default 10. */
        public Builder history(int m) {
            if (m < 1) {
                throw new IllegalArgumentException("history must be >= 1, was " + m);
            }
            this.history = m;
            return this;
        }

        /** c₁ of the Armijo condition, in (0, 1); default 10⁻⁴. */
        public Builder c1(double c1) {
            if (!(c1 > 0 && c1 < 1)) {
                throw new IllegalArgumentException("c1 must be in (0, 1), was " + c1);
            }
            this.c1 = c1;
            return this;
        }

        /** The factor shrinking the step after a failed trial, in (0, 1); default 0.5. */
        public Builder backtrack(double factor) {
            if (!(factor > 0 && factor < 1)) {
                throw new IllegalArgumentException("backtrack must be in (0, 1), was " + factor);
            }
            this.backtrack = factor;
            return this;
        }

        /** The most trials per line search, ≥ 1; default 40. */
        public Builder maxLineSearch(int trials) {
            if (trials < 1) {
                throw new IllegalArgumentException("maxLineSearch must be >= 1, was " + trials);
            }
            this.maxLineSearch = trials;
            return this;
        }

        /** The kernels for the reductions and vector updates; default {@link Kernels#best()}. */
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
         * @throws IllegalArgumentException if {@code n < 1} or {@code m·n} overflows an int
         */
        public Lbfgs build(int n) {
            if (n < 1 || (long) history * n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("n must be >= 1 with history * n < 2^31, was n = " + n
                        + " with history " + history);
            }
            return new Lbfgs(this, n);
        }
    }
}
