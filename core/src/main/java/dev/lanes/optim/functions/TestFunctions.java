package dev.lanes.optim.functions;

/**
 * The functions of the optimization textbook, with exact gradients and Hessians (see
 * {@link TestFunction} for the precision of each overload).
 *
 * <table>
 * <caption>The functions</caption>
 * <tr><th>factory</th><th>f</th><th>minima</th><th>start</th><th>plot box</th></tr>
 * <tr><td>{@link #bowl(double...)}</td><td>½ Σ λᵢ xᵢ²</td><td>0, value 0</td><td>(1, …, 1)</td><td>[−2, 2]ⁿ</td></tr>
 * <tr><td>{@link #rotatedBowl}</td><td>½ xᵀ R diag(1, κ) Rᵀ x</td><td>0, value 0</td><td>(1, 1)</td><td>[−2, 2]²</td></tr>
 * <tr><td>{@link #quartic()}</td><td>0.3x⁴ − 0.1x³ − 2x² − 0.8x</td><td>global ≈ 2.0421 (−5.6085), local ≈ −1.5863 (−1.4649)</td><td>−2.5</td><td>[−3, 3]</td></tr>
 * <tr><td>{@link #rosenbrock()}</td><td>(1 − x)² + 100(y − x²)²</td><td>(1, 1), value 0</td><td>(−1.2, 1)</td><td>[−2, 2] × [−1, 3]</td></tr>
 * <tr><td>{@link #beale()}</td><td>(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²</td><td>(3, 0.5), value 0</td><td>(1, 1)</td><td>[−4.5, 4.5]²</td></tr>
 * <tr><td>{@link #saddle()}</td><td>x² − y²</td><td>none (saddle point at 0)</td><td>(1, 10⁻³)</td><td>[−2, 2]²</td></tr>
 * </table>
 */
public final class TestFunctions {
    private TestFunctions() {}

    /**
     * The axis-aligned quadratic bowl {@code f(x) = ½ Σᵢ λᵢ xᵢ²}, Hessian {@code diag(λ)}, condition
     * number {@code max λ / min λ}; minimum 0 at the origin. Start {@code (1, …, 1)}.
     *
     * @param eigenvalues the curvatures λᵢ, one per coordinate
     * @throws IllegalArgumentException if there are none or one is not finite and positive
     */
    public static TestFunction bowl(double... eigenvalues) {
        int n = eigenvalues.length;
        if (n == 0) {
            throw new IllegalArgumentException("eigenvalues must not be empty");
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            double l = eigenvalues[i];
            if (!(l > 0) || !Double.isFinite(l)) {
                throw new IllegalArgumentException("eigenvalues[" + i + "] must be finite and > 0, was " + l);
            }
            a[i * n + i] = l;
        }
        double[] start = new double[n];
        java.util.Arrays.fill(start, 1);
        return new Quadratic("bowl" + java.util.Arrays.toString(eigenvalues), a, new double[n], start, 2);
    }

    /**
     * The axis-aligned bowl of dimension n with condition number κ: {@link #bowl(double...)} with the
     * curvatures spaced geometrically from 1 to κ, {@code λᵢ = κ^(i/(n−1))} ({@link StrictMath#pow};
     * λ₀ = 1 and λ_{n−1} = κ exactly; for n = 1 the single curvature is 1).
     *
     * @throws IllegalArgumentException if {@code n < 1} or κ is not finite and ≥ 1
     */
    public static TestFunction illConditionedBowl(int n, double conditionNumber) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, was " + n);
        }
        if (!(conditionNumber >= 1) || !Double.isFinite(conditionNumber)) {
            throw new IllegalArgumentException("conditionNumber must be finite and >= 1, was " + conditionNumber);
        }
        double[] l = new double[n];
        for (int i = 0; i < n; i++) {
            l[i] = i == 0 ? 1 : i == n - 1 ? conditionNumber : StrictMath.pow(conditionNumber, (double) i / (n - 1));
        }
        return bowl(l);
    }

    /**
     * The rotated two-dimensional bowl {@code f(x) = ½ xᵀ A x} with {@code A = R(θ) diag(1, κ) R(θ)ᵀ},
     * {@code R(θ) = [[cos θ, −sin θ], [sin θ, cos θ]]}: eigenvalues 1 and κ, condition number κ, the
     * direction of highest curvature at angle {@code θ + π/2}. Its entries are
     * {@code A₀₀ = cos²θ + κ sin²θ}, {@code A₀₁ = A₁₀ = (1 − κ) sin θ cos θ}, {@code A₁₁ = sin²θ + κ cos²θ},
     * with {@link StrictMath#sin}/{@link StrictMath#cos}. Minimum 0 at the origin; start (1, 1).
     *
     * @param conditionNumber κ ≥ 1
     * @param angle           θ in radians
     * @throws IllegalArgumentException if κ is not finite and ≥ 1, or θ is not finite
     */
    public static TestFunction rotatedBowl(double conditionNumber, double angle) {
        if (!(conditionNumber >= 1) || !Double.isFinite(conditionNumber)) {
            throw new IllegalArgumentException("conditionNumber must be finite and >= 1, was " + conditionNumber);
        }
        if (!Double.isFinite(angle)) {
            throw new IllegalArgumentException("angle must be finite, was " + angle);
        }
        double s = StrictMath.sin(angle);
        double c = StrictMath.cos(angle);
        double k = conditionNumber;
        double off = (1 - k) * s * c;
        double[] a = {c * c + k * s * s, off, off, s * s + k * c * c};
        return new Quadratic("rotatedBowl(kappa=" + k + ", angle=" + angle + ")", a, new double[2],
                new double[] {1, 1}, 2);
    }

    /**
     * The general quadratic {@code f(x) = ½ (x − c)ᵀ A (x − c)}, gradient {@code A(x − c)},
     * Hessian {@code A}. Its minimum (value 0 at {@code c}) is listed when {@code A} is positive
     * definite; an indefinite {@code A} gives a function without minima.
     *
     * @param name   the name to report
     * @param a      the symmetric matrix A, row-major n×n (copied)
     * @param center c (copied); its length is the dimension
     * @param start  the suggested start (copied)
     * @throws IllegalArgumentException if the shapes disagree, A is not symmetric, or a value is not finite
     */
    public static TestFunction quadratic(String name, double[] a, double[] center, double[] start) {
        int n = center.length;
        if (n == 0) {
            throw new IllegalArgumentException("center must not be empty");
        }
        if (a.length != n * n) {
            throw new IllegalArgumentException("a must have length n*n = " + (n * n) + ", had " + a.length);
        }
        if (start.length != n) {
            throw new IllegalArgumentException("start must have length " + n + ", had " + start.length);
        }
        for (int i = 0; i < n; i++) {
            finite("center[" + i + "]", center[i]);
            finite("start[" + i + "]", start[i]);
            for (int j = 0; j < n; j++) {
                finite("a[" + (i * n + j) + "]", a[i * n + j]);
                if (a[i * n + j] != a[j * n + i]) {
                    throw new IllegalArgumentException("a must be symmetric: a[" + i + "][" + j + "] = "
                            + a[i * n + j] + " but a[" + j + "][" + i + "] = " + a[j * n + i]);
                }
            }
        }
        return new Quadratic(name, a, center, start, 2);
    }

    /**
     * The quartic {@code f(x) = 0.3x⁴ − 0.1x³ − 2x² − 0.8x} of one variable:
     * {@code f'(x) = 1.2x³ − 0.3x² − 4x − 0.8}, {@code f''(x) = 3.6x² − 0.6x − 4}. Its global
     * minimum is at {@code x ≈ 2.042136865839012} (f ≈ −5.6085), a local minimum at
     * {@code x ≈ −1.586346063622633} (f ≈ −1.4649), separated by a local maximum at
     * {@code x ≈ −0.2058}. Start −2.5 (in the basin of the local minimum).
     */
    public static TestFunction quartic() {
        return new Quartic();
    }

    /** Rosenbrock's banana {@code f(x, y) = (1 − x)² + 100(y − x²)²}, minimum 0 at (1, 1), start (−1.2, 1). */
    public static TestFunction rosenbrock() {
        return new Rosenbrock(1, 100);
    }

    /**
     * Rosenbrock's function {@code f(x, y) = (a − x)² + b(y − x²)²}, minimum 0 at {@code (a, a²)},
     * start (−1.2, 1). Gradient {@code (−2(a − x) − 4bx(y − x²), 2b(y − x²))}, Hessian
     * {@code [[2 − 4by + 12bx², −4bx], [−4bx, 2b]]}.
     *
     * @throws IllegalArgumentException if {@code a} is not finite or {@code b} is not finite and positive
     */
    public static TestFunction rosenbrock(double a, double b) {
        finite("a", a);
        if (!(b > 0) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("b must be finite and > 0, was " + b);
        }
        return new Rosenbrock(a, b);
    }

    /**
     * Beale's function {@code f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²},
     * minimum 0 at (3, 0.5), start (1, 1).
     */
    public static TestFunction beale() {
        return new Beale();
    }

    /**
     * The saddle {@code f(x, y) = x² − y²} (the quadratic with {@code A = diag(2, −2)}): a stationary
     * point at the origin that is not a minimum, so {@link TestFunction#minima()} is empty. Start
     * {@code (1, 10⁻³)}, near the stable direction so that gradient descent first approaches the
     * saddle, then escapes along y.
     */
    public static TestFunction saddle() {
        return new Quadratic("saddle", new double[] {2, 0, 0, -2}, new double[2], new double[] {1, 1e-3}, 2);
    }

    private static void finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, was " + v);
        }
    }
}
