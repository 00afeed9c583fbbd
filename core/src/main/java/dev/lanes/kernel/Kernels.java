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
}
