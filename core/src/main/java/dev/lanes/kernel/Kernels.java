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
