package dev.lanes.kernel;

import dev.lanes.kernel.internal.Checks;
import dev.lanes.kernel.internal.KernelAccess;
import dev.lanes.kernel.internal.KernelBackend;
import dev.lanes.kernel.internal.MatrixChecks;
import dev.lanes.kernel.internal.ParallelBackend;
import dev.lanes.kernel.internal.ScalarKernels;
import java.util.Objects;

/**
 * The kernels Lanes computes with. {@link #scalar()} is the reference, written one element at a
 * time in a documented order of operations; {@link #best()} finds the Vector API implementation
 * of the {@code vectorops} module at run time. Both give the same bits.
 *
 * <p><b>The numeric contract</b> (docs/DESIGN.md, rules 1 to 5). For every input, length, offset,
 * vector width and thread count every implementation returns exactly the bits of the scalar
 * reference (any NaN equals any NaN). Reductions use the canonical order of rule 3: element
 * {@code i} goes to virtual lane {@code i mod 64}, each lane accumulates in index order from +0.0,
 * and the lanes are combined by the pairwise tree {@code lane[l] += lane[l + s]} for
 * {@code s = 32, 16, …, 1}.
 *
 * <p><b>Regions.</b> An array argument {@code x} comes with an offset {@code xOff}; a kernel reads
 * or writes {@code x[xOff, xOff + n)}. An output region may be the very same region as an input
 * (in-place use) or disjoint from it; a partial overlap is rejected. Every argument is checked
 * here, once, before the implementation runs: a call that throws has changed nothing, and the
 * implementations behind this class check nothing.
 *
 * <p><b>Threads.</b> {@link #parallel(Parallel)} gives kernels that spread every matrix product
 * over a team of threads by its outputs (rule 5): the same bits for any number of threads. The
 * kernels are stateless and safe to use from any number of threads, except that those of one
 * {@code parallel} object run one call at a time.
 */
public final class Kernels {
    static {
        KernelAccess.install(k -> k.backend);
    }

    private static final Kernels SCALAR = new Kernels(ScalarKernels.INSTANCE, null);

    private final KernelBackend backend;
    private final Parallel team;

    private Kernels(KernelBackend backend, Parallel team) {
        this.backend = backend;
        this.team = team;
    }

    /** Checked kernels over {@code backend}: for the kernel selection. */
    static Kernels of(KernelBackend backend) {
        return backend == ScalarKernels.INSTANCE ? SCALAR : new Kernels(backend, null);
    }

    /**
     * The kernels chosen for this JVM: the Vector API implementation when the {@code vectorops}
     * module is present and the JVM runs with {@code --add-modules jdk.incubator.vector},
     * otherwise the scalar reference (said once on standard error). The system property
     * {@code lanes.kernels=scalar|vector} forces a choice and {@code lanes.vector.bits=64|128|256|512}
     * the vector width; both are read once, at the first call.
     *
     * @throws IllegalStateException if {@code lanes.kernels=vector} was asked for and the vector
     *                               kernels cannot run, or a property has a bad value
     */
    public static Kernels best() {
        return KernelSelection.best();
    }

    /** The scalar reference, which defines the result of every kernel. */
    public static Kernels scalar() {
        return SCALAR;
    }

    /**
     * These kernels with every matrix product ({@link #gemmForward}, {@link #gemmBackwardWeights},
     * {@link #gemmBackwardInput}, {@link #biasBackward}) split over {@code team} by blocks of
     * outputs, each block computed by these kernels on one thread; the other kernels run on the
     * calling thread. The bits are those of these kernels. The returned object runs one call at a
     * time; the team stays the caller's to close.
     *
     * @throws IllegalStateException if these kernels already run on a team
     */
    public Kernels parallel(Parallel team) {
        Objects.requireNonNull(team, "team");
        if (this.team != null) {
            throw new IllegalStateException("these kernels already run on a team of " + this.team.threads()
                    + " threads");
        }
        return new Kernels(new ParallelBackend(backend, team), team);
    }

    /** The team given to {@link #parallel(Parallel)}, or null: every kernel on the calling thread. */
    public Parallel team() {
        return team;
    }

    @Override
    public String toString() {
        return backend.info() + (team == null ? "" : " threads=" + team.threads());
    }

    /** What these kernels are and where they run: backend, vector width, CPU and JVM. */
    public KernelInfo info() {
        return backend.info();
    }

    // ---------------------------------------------------------------- reductions (canonical order)

    /** Σ x[i], in the canonical order. */
    public float sum(float[] x, int xOff, int n) {
        Checks.checkIn(x, xOff, n);
        return backend.sum(x, xOff, n);
    }

    /** Σ x[i]·y[i], each lane accumulating {@code acc = fma(x[i], y[i], acc)}, canonical order. */
    public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.checkIn(x, xOff, n);
        Checks.region("y", y, yOff, n);
        return backend.dot(x, xOff, y, yOff, n);
    }

    /** Σ x[i]², each lane accumulating {@code acc = fma(x[i], x[i], acc)}, canonical order. */
    public float sumSquares(float[] x, int xOff, int n) {
        Checks.checkIn(x, xOff, n);
        return backend.sumSquares(x, xOff, n);
    }

    /**
     * max |x[i]| by {@link Math#max} (NaN wins), lanes combined by the canonical tree;
     * +0.0 when {@code n == 0}.
     */
    public float maxAbs(float[] x, int xOff, int n) {
        Checks.checkIn(x, xOff, n);
        return backend.maxAbs(x, xOff, n);
    }

    // ---------------------------------------------------------------- transcendental functions

    /**
     * {@code y[i] = exp(x[i])} by Lanes' own algorithm (see {@link LanesMath#exp(float)}),
     * identical on every platform.
     */
    public void exp(float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.checkUnary(x, xOff, y, yOff, n);
        backend.exp(x, xOff, y, yOff, n);
    }

    /** {@code y[i] = log(x[i])}, natural logarithm (see {@link LanesMath#log(float)}). */
    public void log(float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.checkUnary(x, xOff, y, yOff, n);
        backend.log(x, xOff, y, yOff, n);
    }

    /** {@code y[i] = tanh(x[i])} (see {@link LanesMath#tanh(float)}). */
    public void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.checkUnary(x, xOff, y, yOff, n);
        backend.tanh(x, xOff, y, yOff, n);
    }

    /** {@code y[i] = 1 / (1 + exp(-x[i]))} (see {@link LanesMath#sigmoid(float)}). */
    public void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.checkUnary(x, xOff, y, yOff, n);
        backend.sigmoid(x, xOff, y, yOff, n);
    }

    // ---------------------------------------------------------------- element-wise

    /** {@code y[i] = a · x[i]}. */
    public void scale(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.checkUnary(x, xOff, y, yOff, n);
        backend.scale(a, x, xOff, y, yOff, n);
    }

    /** {@code z[i] = x[i] + y[i]}. */
    public void add(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n) {
        Checks.checkBinary(x, xOff, y, yOff, z, zOff, n);
        backend.add(x, xOff, y, yOff, z, zOff, n);
    }

    /** {@code z[i] = x[i] · y[i]}. */
    public void multiply(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n) {
        Checks.checkBinary(x, xOff, y, yOff, z, zOff, n);
        backend.multiply(x, xOff, y, yOff, z, zOff, n);
    }

    /** {@code y[i] = fma(a, x[i], y[i])}: one rounding. */
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.checkUnary(x, xOff, y, yOff, n);
        backend.axpy(a, x, xOff, y, yOff, n);
    }

    /** {@code z[i] = fma(x[i], y[i], z[i])}: one rounding. */
    public void multiplyAdd(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n) {
        Checks.checkBinary(x, xOff, y, yOff, z, zOff, n);
        backend.multiplyAdd(x, xOff, y, yOff, z, zOff, n);
    }

    /**
     * {@code y[i] = min(max(x[i], lo), hi)} by {@link Math#max} and {@link Math#min}: NaN stays
     * NaN.
     *
     * @throws IllegalArgumentException if {@code lo} or {@code hi} is NaN or {@code lo > hi}
     */
    public void clamp(float lo, float hi, float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.checkClampBounds(lo, hi);
        Checks.checkUnary(x, xOff, y, yOff, n);
        backend.clamp(lo, hi, x, xOff, y, yOff, n);
    }

    // ---------------------------------------------------------------- MLP forward and backward
    //
    // Matrices are row-major: element (i, j) of a matrix stored at (a, aOff) with leading dimension
    // lda is a[aOff + i·lda + j]. Batches are [rows][features], weights [in][out]. Every product
    // gives each output element its own accumulator, which runs through the sum in index order
    // (docs/DESIGN.md rule 2); so any block of the output may be computed by any thread, alone, with the
    // same bits: to compute output rows [r0, r1) pass the row-0 offsets advanced by r0·ld and
    // rows = r1 − r0; to compute output columns [c0, c1) advance the offsets of the operand that
    // carries the columns (and of the output) by c0 and pass c1 − c0 columns. A product's output
    // may not overlap any of its inputs (checked on the spans the matrices occupy). A matrix with
    // no rows or no columns is never read; its offset need only be >= 0. A Kernels made by
    // parallel(team) spreads the products over the team this way.

    /**
     * Dense forward, {@code Y = X·W + b}: for {@code r < rows}, {@code j < out},
     * <pre>{@code
     * acc = (b == null) ? +0.0f : b[bOff + j];
     * for (k = 0; k < in; k++) acc = fma(x[xOff + r·ldx + k], w[wOff + k·ldw + j], acc);
     * y[yOff + r·ldy + j] = acc;
     * }</pre>
     * The bias enters first, as the starting value of the accumulator.
     *
     * @param b the bias of length {@code out}, or {@code null} for none (then the product starts at +0.0)
     * @throws IllegalArgumentException if a dimension is negative, a leading dimension is smaller than
     *                                  its row length, or {@code y} overlaps an input
     * @throws IndexOutOfBoundsException if a matrix does not fit its array
     */
    public void gemmForward(float[] x, int xOff, int ldx, float[] w, int wOff, int ldw, float[] b, int bOff,
                     float[] y, int yOff, int ldy, int rows, int in, int out) {
        MatrixChecks.gemmForward(x, xOff, ldx, w, wOff, ldw, b, bOff, y, yOff, ldy, rows, in, out);
        backend.gemmForward(x, xOff, ldx, w, wOff, ldw, b, bOff, y, yOff, ldy, rows, in, out);
    }

    /**
     * Weight gradient, {@code dW = Xᵀ·dY}, overwriting {@code dw}: for {@code k < in}, {@code j < out},
     * <pre>{@code
     * acc = +0.0f;
     * for (r = 0; r < rows; r++) acc = fma(x[xOff + r·ldx + k], dy[dyOff + r·lddy + j], acc);
     * dw[dwOff + k·lddw + j] = acc;
     * }</pre>
     * Threads split {@code dw} by its rows ({@code k}, advancing {@code xOff} and {@code dwOff}) or
     * its columns ({@code j}, advancing {@code dyOff} and {@code dwOff}), never by {@code r}.
     */
    public void gemmBackwardWeights(float[] x, int xOff, int ldx, float[] dy, int dyOff, int lddy,
                             float[] dw, int dwOff, int lddw, int rows, int in, int out) {
        MatrixChecks.gemmBackwardWeights(x, xOff, ldx, dy, dyOff, lddy, dw, dwOff, lddw, rows, in, out);
        backend.gemmBackwardWeights(x, xOff, ldx, dy, dyOff, lddy, dw, dwOff, lddw, rows, in, out);
    }

    /**
     * Bias gradient, {@code db = Σ_r dY[r]}, overwriting {@code db}: for {@code j < out},
     * <pre>{@code
     * acc = +0.0f;
     * for (r = 0; r < rows; r++) acc = acc + dy[dyOff + r·lddy + j];
     * db[dbOff + j] = acc;
     * }</pre>
     */
    public void biasBackward(float[] dy, int dyOff, int lddy, float[] db, int dbOff, int rows, int out) {
        MatrixChecks.biasBackward(dy, dyOff, lddy, db, dbOff, rows, out);
        backend.biasBackward(dy, dyOff, lddy, db, dbOff, rows, out);
    }

    /**
     * Input gradient, {@code dX = dY·Wᵀ}, from the transposed weight {@code wt = Wᵀ} of shape
     * [out][in] (see {@link #transpose}), overwriting {@code dx}: for {@code r < rows}, {@code k < in},
     * <pre>{@code
     * acc = +0.0f;
     * for (j = 0; j < out; j++) acc = fma(dy[dyOff + r·lddy + j], wt[wtOff + j·ldwt + k], acc);
     * dx[dxOff + r·lddx + k] = acc;
     * }</pre>
     * This is {@link #gemmForward} of {@code dY} and {@code Wᵀ} without bias.
     */
    public void gemmBackwardInput(float[] dy, int dyOff, int lddy, float[] wt, int wtOff, int ldwt,
                           float[] dx, int dxOff, int lddx, int rows, int out, int in) {
        MatrixChecks.gemmBackwardInput(dy, dyOff, lddy, wt, wtOff, ldwt, dx, dxOff, lddx, rows, out, in);
        backend.gemmBackwardInput(dy, dyOff, lddy, wt, wtOff, ldwt, dx, dxOff, lddx, rows, out, in);
    }

    /**
     * {@code t[tOff + j·ldt + i] = a[aOff + i·lda + j]} for {@code i < rows}, {@code j < cols}: a copy,
     * so exact. {@code t} may not overlap {@code a}.
     */
    public void transpose(float[] a, int aOff, int lda, float[] t, int tOff, int ldt, int rows, int cols) {
        MatrixChecks.transpose(a, aOff, lda, t, tOff, ldt, rows, cols);
        backend.transpose(a, aOff, lda, t, tOff, ldt, rows, cols);
    }

    /** ReLU, {@code y[i] = max(x[i], +0.0f)} by {@link Math#max}: NaN stays NaN, −0 becomes +0. */
    public void reluForward(float[] x, int xOff, float[] y, int yOff, int n) {
        MatrixChecks.unary("x", x, xOff, "y", y, yOff, n);
        backend.reluForward(x, xOff, y, yOff, n);
    }

    /**
     * ReLU backward from the forward output {@code y}: {@code dx[i] = (y[i] > 0) ? dy[i] : +0.0f}.
     * {@code dx} may be the region of {@code dy} or of {@code y} (in place) or disjoint from both.
     */
    public void reluBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MatrixChecks.backward(y, yOff, dy, dyOff, dx, dxOff, n);
        backend.reluBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    /**
     * Leaky ReLU, {@code y[i] = (x[i] > 0) ? x[i] : alpha · x[i]}.
     *
     * @throws IllegalArgumentException if {@code alpha} is negative or not finite
     */
    public void leakyReluForward(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        MatrixChecks.leakySlope(alpha);
        MatrixChecks.unary("x", x, xOff, "y", y, yOff, n);
        backend.leakyReluForward(alpha, x, xOff, y, yOff, n);
    }

    /**
     * Leaky ReLU backward from the forward output {@code y} (for {@code alpha >= 0}, {@code y > 0}
     * exactly when {@code x > 0}): {@code dx[i] = (y[i] > 0) ? dy[i] : alpha · dy[i]}.
     *
     * @throws IllegalArgumentException if {@code alpha} is negative or not finite
     */
    public void leakyReluBackward(float alpha, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MatrixChecks.leakySlope(alpha);
        MatrixChecks.backward(y, yOff, dy, dyOff, dx, dxOff, n);
        backend.leakyReluBackward(alpha, y, yOff, dy, dyOff, dx, dxOff, n);
    }

    /**
     * Sigmoid backward from the forward output {@code y} (the forward pass is {@link #sigmoid}):
     * {@code dx[i] = dy[i] · (y[i] · (1 − y[i]))}, three roundings in that order.
     */
    public void sigmoidBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MatrixChecks.backward(y, yOff, dy, dyOff, dx, dxOff, n);
        backend.sigmoidBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    /**
     * Tanh backward from the forward output {@code y} (the forward pass is {@link #tanh}):
     * {@code dx[i] = dy[i] · (1 − y[i] · y[i])}, three roundings in that order.
     */
    public void tanhBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MatrixChecks.backward(y, yOff, dy, dyOff, dx, dxOff, n);
        backend.tanhBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    /**
     * Row-wise softmax of a dense [rows][cols] batch; for each row:
     * <pre>{@code
     * m = max_j x[j]                      (Math.max from -Infinity; the order does not matter)
     * e[j] = exp(x[j] - m)                (LanesMath.exp)
     * s = Σ_j e[j]                        (canonical order, as sum())
     * y[j] = e[j] / s
     * }</pre>
     * {@code y} may be the region of {@code x} (in place) or disjoint from it.
     */
    public void softmaxForward(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        MatrixChecks.rowwise(x, xOff, y, yOff, rows, cols);
        backend.softmaxForward(x, xOff, y, yOff, rows, cols);
    }

    /**
     * Row-wise softmax backward from the forward output {@code y}; for each row:
     * {@code d = Σ_j y[j]·dy[j]} (canonical order with fma, as {@link #dot}), then
     * {@code dx[j] = y[j] · (dy[j] − d)}. {@code dx} may be the region of {@code dy} or disjoint
     * from it, not of {@code y}.
     */
    public void softmaxBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int rows, int cols) {
        MatrixChecks.softmaxBackward(y, yOff, dy, dyOff, dx, dxOff, rows, cols);
        backend.softmaxBackward(y, yOff, dy, dyOff, dx, dxOff, rows, cols);
    }

    /**
     * Softmax and cross-entropy fused, stable for large logits. For each row {@code r} of the dense
     * [rows][classes] logits, with {@code c = labels[labelsOff + r]}:
     * <pre>{@code
     * m = max_j x[j];  z = x[c] - m;  e[j] = exp(x[j] - m);  s = Σ_j e[j]   (as softmaxForward)
     * rowLoss[r] = log(s) - z                                              (LanesMath.log)
     * dLogits[j] = (e[j] / s - t[j]) / batchRows,   t[j] = (j == c) ? 1 : 0
     * }</pre>
     * so {@code dLogits} is these rows' part of the gradient of the mean loss over a batch of
     * {@code batchRows} rows: with {@code batchRows == rows}, the gradient of these rows' mean loss;
     * with the rows one micro-batch of a larger batch, the micro-batch's term of the batch's
     * gradient (docs/DESIGN.md rule 7). {@code dLogits} may be the region of the logits (in place) or
     * disjoint from it.
     *
     * @return the mean loss of these rows, {@code (Σ_r rowLoss[r]) / rows} with the sum in canonical
     *         order; +0.0 when {@code rows == 0}
     * @throws IllegalArgumentException if a label is outside {@code [0, classes)} or
     *                                  {@code batchRows < rows} (nothing written)
     */
    public float softmaxCrossEntropy(float[] logits, int logitsOff, int[] labels, int labelsOff,
                              float[] dLogits, int dLogitsOff, float[] rowLoss, int rowLossOff,
                              int rows, int classes, int batchRows) {
        MatrixChecks.softmaxCrossEntropy(logits, logitsOff, labels, labelsOff, dLogits, dLogitsOff,
                rowLoss, rowLossOff, rows, classes, batchRows);
        return backend.softmaxCrossEntropy(logits, logitsOff, labels, labelsOff, dLogits, dLogitsOff, rowLoss, rowLossOff, rows, classes, batchRows);
    }

    /**
     * Mean squared error in the textbook's form, the L2 divergence {@code ½‖y − t‖²} per row,
     * averaged over the rows. For each row {@code r} of the dense [rows][cols] batch:
     * <pre>{@code
     * e[j] = y[j] - t[j]
     * rowLoss[r] = 0.5f · Σ_j e[j]²          (canonical order with fma, as sumSquares())
     * dy[j] = e[j] / batchRows
     * }</pre>
     * ({@code batchRows} as in {@link #softmaxCrossEntropy}; PyTorch's
     * {@code MSELoss(reduction="mean")} is {@code 2 / cols} times this loss.) {@code dy} may be the
     * region of {@code y} (in place) or disjoint from it and from {@code target}.
     *
     * @return the mean loss {@code (Σ_r rowLoss[r]) / rows}, canonical order; +0.0 when {@code rows == 0}
     * @throws IllegalArgumentException if {@code batchRows < rows} (nothing written)
     */
    public float mseLoss(float[] y, int yOff, float[] target, int targetOff, float[] dy, int dyOff,
                  float[] rowLoss, int rowLossOff, int rows, int cols, int batchRows) {
        MatrixChecks.mseLoss(y, yOff, target, targetOff, dy, dyOff, rowLoss, rowLossOff, rows, cols, batchRows);
        return backend.mseLoss(y, yOff, target, targetOff, dy, dyOff, rowLoss, rowLossOff, rows, cols, batchRows);
    }
}
