package dev.lanes.kernel;

/**
 * The kernels Lanes computes with: one interface, two implementations that return the same
 * bits. {@link #scalar()} is the reference, written one element at a time in a documented order
 * of operations; the Vector API implementation in the {@code vectorops} module is found at run
 * time by {@link #best()}.
 *
 * <p><b>The numeric contract.</b> For every input, length, offset, vector width and thread count
 * every implementation returns exactly the bits of the scalar reference (any NaN equals any
 * NaN). Reductions use the canonical order of DESIGN rule 3: element {@code i} goes to virtual
 * lane {@code i mod 64}, each lane accumulates in index order from +0.0, and the lanes are
 * combined by the pairwise tree {@code lane[l] += lane[l + s]} for {@code s = 32, 16, …, 1}.
 *
 * <p><b>Regions.</b> An array argument {@code x} comes with an offset {@code xOff}; a kernel reads
 * or writes {@code x[xOff, xOff + n)}. An output region may be the very same region as an input
 * (in-place use) or disjoint from it; a partial overlap is rejected. Arguments are checked before
 * anything is written: a call that throws has changed nothing.
 *
 * <p>Implementations are stateless and safe to use from any number of threads.
 */
public interface Kernels {

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
    static Kernels best() {
        return KernelSelection.best();
    }

    /** The scalar reference, which defines the result of every kernel. */
    static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /** What this implementation is and where it runs: backend, vector width, CPU and JVM. */
    KernelInfo info();

    // ---------------------------------------------------------------- reductions (canonical order)

    /** Σ x[i], in the canonical order. */
    float sum(float[] x, int xOff, int n);

    /** Σ x[i]·y[i], each lane accumulating {@code acc = fma(x[i], y[i], acc)}, canonical order. */
    float dot(float[] x, int xOff, float[] y, int yOff, int n);

    /** Σ x[i]², each lane accumulating {@code acc = fma(x[i], x[i], acc)}, canonical order. */
    float sumSquares(float[] x, int xOff, int n);

    /**
     * max |x[i]| by {@link Math#max} (NaN wins), lanes combined by the canonical tree;
     * +0.0 when {@code n == 0}.
     */
    float maxAbs(float[] x, int xOff, int n);

    // ---------------------------------------------------------------- transcendental functions

    /**
     * {@code y[i] = exp(x[i])} by Lanes' own algorithm (see {@link LanesMath#exp(float)}),
     * identical on every platform.
     */
    void exp(float[] x, int xOff, float[] y, int yOff, int n);

    /** {@code y[i] = log(x[i])}, natural logarithm (see {@link LanesMath#log(float)}). */
    void log(float[] x, int xOff, float[] y, int yOff, int n);

    /** {@code y[i] = tanh(x[i])} (see {@link LanesMath#tanh(float)}). */
    void tanh(float[] x, int xOff, float[] y, int yOff, int n);

    /** {@code y[i] = 1 / (1 + exp(-x[i]))} (see {@link LanesMath#sigmoid(float)}). */
    void sigmoid(float[] x, int xOff, float[] y, int yOff, int n);

    // ---------------------------------------------------------------- element-wise

    /** {@code y[i] = a · x[i]}. */
    void scale(float a, float[] x, int xOff, float[] y, int yOff, int n);

    /** {@code z[i] = x[i] + y[i]}. */
    void add(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n);

    /** {@code z[i] = x[i] · y[i]}. */
    void multiply(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n);

    /** {@code y[i] = fma(a, x[i], y[i])}: one rounding. */
    void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n);

    /** {@code z[i] = fma(x[i], y[i], z[i])}: one rounding. */
    void multiplyAdd(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n);

    /**
     * {@code y[i] = min(max(x[i], lo), hi)} by {@link Math#max} and {@link Math#min}: NaN stays
     * NaN.
     *
     * @throws IllegalArgumentException if {@code lo} or {@code hi} is NaN or {@code lo > hi}
     */
    void clamp(float lo, float hi, float[] x, int xOff, float[] y, int yOff, int n);

    // ---------------------------------------------------------------- MLP forward and backward (issue 4)
    //
    // Matrices are row-major: element (i, j) of a matrix stored at (a, aOff) with leading dimension
    // lda is a[aOff + i·lda + j]. Batches are [rows][features], weights [in][out]. Every product
    // gives each output element its own accumulator, which runs through the sum in index order
    // (DESIGN rule 2); so any block of the output may be computed by any thread, alone, with the
    // same bits: to compute output rows [r0, r1) pass the row-0 offsets advanced by r0·ld and
    // rows = r1 − r0; to compute output columns [c0, c1) advance the offsets of the operand that
    // carries the columns (and of the output) by c0 and pass c1 − c0 columns. A product's output
    // may not overlap any of its inputs (checked on the spans the matrices occupy). A matrix with
    // no rows or no columns is never read; its offset need only be >= 0. ParallelKernels spreads
    // the products over a Parallel thread team this way.

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
    void gemmForward(float[] x, int xOff, int ldx, float[] w, int wOff, int ldw, float[] b, int bOff,
                     float[] y, int yOff, int ldy, int rows, int in, int out);

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
    void gemmBackwardWeights(float[] x, int xOff, int ldx, float[] dy, int dyOff, int lddy,
                             float[] dw, int dwOff, int lddw, int rows, int in, int out);

    /**
     * Bias gradient, {@code db = Σ_r dY[r]}, overwriting {@code db}: for {@code j < out},
     * <pre>{@code
     * acc = +0.0f;
     * for (r = 0; r < rows; r++) acc = acc + dy[dyOff + r·lddy + j];
     * db[dbOff + j] = acc;
     * }</pre>
     */
    void biasBackward(float[] dy, int dyOff, int lddy, float[] db, int dbOff, int rows, int out);

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
    void gemmBackwardInput(float[] dy, int dyOff, int lddy, float[] wt, int wtOff, int ldwt,
                           float[] dx, int dxOff, int lddx, int rows, int out, int in);

    /**
     * {@code t[tOff + j·ldt + i] = a[aOff + i·lda + j]} for {@code i < rows}, {@code j < cols}: a copy,
     * so exact. {@code t} may not overlap {@code a}.
     */
    void transpose(float[] a, int aOff, int lda, float[] t, int tOff, int ldt, int rows, int cols);

    /** ReLU, {@code y[i] = max(x[i], +0.0f)} by {@link Math#max}: NaN stays NaN, −0 becomes +0. */
    void reluForward(float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * ReLU backward from the forward output {@code y}: {@code dx[i] = (y[i] > 0) ? dy[i] : +0.0f}.
     * {@code dx} may be the region of {@code dy} or of {@code y} (in place) or disjoint from both.
     */
    void reluBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n);

    /**
     * Leaky ReLU, {@code y[i] = (x[i] > 0) ? x[i] : alpha · x[i]}.
     *
     * @throws IllegalArgumentException if {@code alpha} is negative or not finite
     */
    void leakyReluForward(float alpha, float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * Leaky ReLU backward from the forward output {@code y} (for {@code alpha >= 0}, {@code y > 0}
     * exactly when {@code x > 0}): {@code dx[i] = (y[i] > 0) ? dy[i] : alpha · dy[i]}.
     *
     * @throws IllegalArgumentException if {@code alpha} is negative or not finite
     */
    void leakyReluBackward(float alpha, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n);

    /**
     * Sigmoid backward from the forward output {@code y} (the forward pass is {@link #sigmoid}):
     * {@code dx[i] = dy[i] · (y[i] · (1 − y[i]))}, three roundings in that order.
     */
    void sigmoidBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n);

    /**
     * Tanh backward from the forward output {@code y} (the forward pass is {@link #tanh}):
     * {@code dx[i] = dy[i] · (1 − y[i] · y[i])}, three roundings in that order.
     */
    void tanhBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n);

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
    void softmaxForward(float[] x, int xOff, float[] y, int yOff, int rows, int cols);

    /**
     * Row-wise softmax backward from the forward output {@code y}; for each row:
     * {@code d = Σ_j y[j]·dy[j]} (canonical order with fma, as {@link #dot}), then
     * {@code dx[j] = y[j] · (dy[j] − d)}. {@code dx} may be the region of {@code dy} or disjoint
     * from it, not of {@code y}.
     */
    void softmaxBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int rows, int cols);

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
     * gradient (DESIGN rule 7). {@code dLogits} may be the region of the logits (in place) or
     * disjoint from it.
     *
     * @return the mean loss of these rows, {@code (Σ_r rowLoss[r]) / rows} with the sum in canonical
     *         order; +0.0 when {@code rows == 0}
     * @throws IllegalArgumentException if a label is outside {@code [0, classes)} or
     *                                  {@code batchRows < rows} (nothing written)
     */
    float softmaxCrossEntropy(float[] logits, int logitsOff, int[] labels, int labelsOff,
                              float[] dLogits, int dLogitsOff, float[] rowLoss, int rowLossOff,
                              int rows, int classes, int batchRows);

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
    float mseLoss(float[] y, int yOff, float[] target, int targetOff, float[] dy, int dyOff,
                  float[] rowLoss, int rowLossOff, int rows, int cols, int batchRows);

    // ================================================================ optimizer steps (issue 3, branch optim)
    //
    // One fused pass per optimizer step over a parameter region p, its gradient g (read only) and
    // the optimizer's state regions, all of length n and pairwise disjoint (n == 0 allows anything).
    // The float scalars are per-step constants computed once by dev.lanes.optim (StepScalars), each
    // already rounded to float where PyTorch rounds its Python scalar. In every formula
    // gd = (weightDecay == 0 ? g : fma(weightDecay, p, g)) is the gradient with L2 weight decay,
    // fma is Math.fma, and each other operation rounds to float. The formulas follow PyTorch 1.13's
    // single-tensor order of operations, so that they reproduce its results bit for bit.

    /** {@code p = fma(-lr, gd, p)}: gradient descent (full batch, mini-batch or single example). */
    void sgdStep(float[] p, int pOff, float[] g, int gOff, int n, float lr, float weightDecay);

    /**
     * Momentum in PyTorch's buffer form: {@code b = first ? gd : fma(oneMinusDampening, gd, b * momentum)};
     * {@code d = nesterov ? fma(momentum, b, gd) : b}; {@code p = fma(-lr, d, p)}.
     */
    void momentumStep(float[] p, int pOff, float[] g, int gOff, float[] b, int bOff, int n,
                      float lr, float weightDecay, float momentum, float oneMinusDampening,
                      boolean nesterov, boolean first);

    /** Textbook momentum, velocity form: {@code v = fma(-lr, gd, alpha * v)}; {@code p = p + v}. */
    void velocityStep(float[] p, int pOff, float[] g, int gOff, float[] v, int vOff, int n,
                      float lr, float weightDecay, float alpha);

    /** AdaGrad: {@code s = fma(gd, gd, s)}; {@code p = p + (-lr * gd) / (sqrt(s) + eps)}. */
    void adagradStep(float[] p, int pOff, float[] g, int gOff, float[] s, int sOff, int n,
                     float lr, float weightDecay, float eps);

    /**
     * RMSProp: {@code r = fma(oneMinusAlpha * gd, gd, r * alpha)}; centred:
     * {@code a = fma(oneMinusAlpha, gd, a * alpha)}, {@code x = fma(-a, a, r)}, else {@code x = r};
     * {@code d = epsInside ? sqrt(x + eps) : sqrt(x) + eps}; with momentum != 0:
     * {@code b = b * momentum + gd / d}, {@code p = fma(-lr, b, p)}; else {@code p = p + (-lr * gd) / d}.
     * {@code a} may be null unless centred, {@code b} unless momentum != 0.
     */
    void rmspropStep(float[] p, int pOff, float[] g, int gOff, float[] r, int rOff, float[] a, int aOff,
                     float[] b, int bOff, int n, float lr, float weightDecay, float alpha, float oneMinusAlpha,
                     float eps, float momentum, boolean centered, boolean epsInside);

    /**
     * AdaDelta: {@code r = fma(oneMinusRho * gd, gd, r * rho)}; {@code d = sqrt(u + eps) / sqrt(r + eps) * gd};
     * {@code u = fma(oneMinusRho * d, d, u * rho)}; {@code p = fma(-lr, d, p)}.
     */
    void adadeltaStep(float[] p, int pOff, float[] g, int gOff, float[] r, int rOff, float[] u, int uOff, int n,
                      float lr, float weightDecay, float rho, float oneMinusRho, float eps);

    /**
     * Adam, AdamW and AMSGrad: {@code p = p * decay} (decoupled weight decay; 1 for none);
     * {@code m = fma(oneMinusBeta1, gd, m * beta1)}; {@code v = fma(oneMinusBeta2 * gd, gd, v * beta2)};
     * with amsgrad {@code vMax = max(vMax, v)}, {@code w = vMax}, else {@code w = v};
     * {@code d = epsInside ? sqrt(w / bc2 + eps) : sqrt(w) / bc2Sqrt + eps};
     * {@code p = p + (-stepSize * m) / d}. {@code vMax} may be null unless amsgrad.
     */
    void adamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
                  float[] vMax, int vMaxOff, int n, float stepSize, float weightDecay, float decay,
                  float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                  float bc2, float bc2Sqrt, float eps, boolean amsgrad, boolean epsInside);

    /**
     * AdaMax: {@code m = fma(oneMinusBeta1, gd, m * beta1)}; {@code u = max(u * beta2, |gd| + eps)}
     * (NaN wins); {@code p = p + (-stepSize * m) / u}.
     */
    void adamaxStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] u, int uOff, int n,
                    float stepSize, float weightDecay, float beta1, float oneMinusBeta1, float beta2, float eps);

    /**
     * NAdam: {@code m}, {@code v} as Adam; {@code d = sqrt(v) / bc2Sqrt + eps};
     * {@code p = p + (-gradStep * gd) / d}; {@code p = p + (-avgStep * m) / d}.
     */
    void nadamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff, int n,
                   float gradStep, float avgStep, float weightDecay, float beta1, float oneMinusBeta1,
                   float beta2, float oneMinusBeta2, float bc2Sqrt, float eps);

    /**
     * RAdam: {@code m}, {@code v} as Adam; {@code c = m / bc1}; rectified:
     * {@code p = p - ((c * lr) * ((1 / (sqrt(v) + eps)) * bc2Sqrt)) * rect}, else {@code p = p - c * lr}.
     */
    void radamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff, int n,
                   float lr, float weightDecay, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                   float bc1, float bc2Sqrt, float rect, float eps, boolean rectified);

    /**
     * Rprop (PyTorch's form, without weight decay): {@code s = sign(g * prev)} where
     * {@code sign(x) = (x > 0) - (x < 0)} (0 for ±0 and NaN); {@code f = s > 0 ? etaPlus : s < 0 ? etaMinus : 1};
     * {@code size = min(max(size * f, minStep), maxStep)}; {@code h = f == etaMinus ? 0 : g};
     * {@code p = fma(-sign(h), size, p)}; {@code prev = h}.
     */
    void rpropStep(float[] p, int pOff, float[] g, int gOff, float[] prev, int prevOff, float[] size, int sizeOff,
                   int n, float etaMinus, float etaPlus, float minStep, float maxStep);

    /**
     * ASGD: {@code p = p * decay}; {@code p = fma(-eta, gd, p)} ({@code gd} from the old p);
     * {@code ax = mu == 1 ? p : ax + (p - ax) * mu}.
     */
    void asgdStep(float[] p, int pOff, float[] g, int gOff, float[] ax, int axOff, int n,
                  float eta, float weightDecay, float decay, float mu);

    /**
     * QuickProp: {@code q = gd / (prevG - gd)} (0 if NaN); {@code s = prevS == 0 ? -lr * gd
     * : prevS * min(max(q, -maxGrowth), maxGrowth)}; {@code p = p + s}; {@code prevG = gd}; {@code prevS = s}.
     */
    void quickpropStep(float[] p, int pOff, float[] g, int gOff, float[] prevG, int prevGOff,
                       float[] prevS, int prevSOff, int n, float lr, float weightDecay, float maxGrowth);
}
