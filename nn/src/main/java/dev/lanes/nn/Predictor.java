package dev.lanes.nn;

import dev.lanes.kernel.Kernels;
import java.util.Objects;

/**
 * Inference for one thread over the weights a {@link Mlp} has {@link Mlp#publish() published}:
 * the network's layers, activations and kernels (on the calling thread), with activation buffers
 * of its own. Make one per thread with {@link Mlp#predictor(int)}; the predictors of a network
 * share its published weights read-only and take no lock.
 *
 * <p><b>What may run at the same time.</b> Any number of predictors of one network, each on its
 * own thread; and, on one other thread, anything on the network itself: training, loading a
 * checkpoint, {@link Mlp#publish()}. A predictor reads the published weights once at the start of
 * each call and uses them for every row of that call: a publication made during a call is seen
 * whole by the next call, never half by this one. Training changes nothing predictors see until
 * it publishes. A predictor itself is not thread-safe: one caller at a time.
 *
 * <p>The outputs are the bits {@link Mlp#predict} gives on the same weights: the same kernels,
 * in the same order, row by row (a row's outputs do not depend on the other rows of its call).
 * A call allocates nothing.
 */
public final class Predictor {
    private final Mlp mlp;
    private final Kernels kernels;
    private final int maxRows;
    private final float[][] act;
    private final int inputs;
    private final int outputs;
    private final boolean softmax;
    private long version = -1;

    Predictor(Mlp mlp, int maxRows) {
        this.mlp = mlp;
        this.kernels = mlp.singleThreadKernels();
        this.maxRows = maxRows;
        this.act = mlp.activationBuffers(maxRows);
        this.inputs = mlp.inputs();
        this.outputs = mlp.outputs();
        this.softmax = mlp.loss() == Loss.SOFTMAX_CROSS_ENTROPY;
    }

    /** The most rows one chunk of a call holds. */
    public int maxRows() {
        return maxRows;
    }

    /**
     * The version of the weights the last call used ({@link Mlp#publish()}'s number), or -1
     * before the first call.
     */
    public long version() {
        return version;
    }

    /**
     * What {@link Mlp#predict} computes, on the published weights: for each of {@code rows}
     * examples {@code x[xOff + r·inputs …]}, the softmax probabilities (softmax cross-entropy) or
     * the linear outputs (MSE) at {@code y[yOff + r·outputs …]}.
     *
     * @throws IllegalArgumentException  if {@code rows < 0}
     * @throws IndexOutOfBoundsException if a region lies outside its array (nothing written then)
     */
    public void predict(float[] x, int xOff, int rows, float[] y, int yOff) {
        Objects.requireNonNull(y, "y");
        check(x, xOff, rows, y.length, yOff, (long) rows * outputs, "y");
        Mlp.Weights w = mlp.published();
        version = w.version();
        for (int r = 0; r < rows; r += maxRows) {
            int n = Math.min(maxRows, rows - r);
            float[] out = mlp.forward(kernels, w.values(), act, x, xOff + r * inputs, n);
            if (softmax) {
                kernels.softmaxForward(out, 0, y, yOff + r * outputs, n, outputs);
            } else {
                System.arraycopy(out, 0, y, yOff + r * outputs, n * outputs);
            }
        }
    }

    /**
     * The class of each of {@code rows} examples, as {@link Mlp#classify}, on the published
     * weights, written to {@code classes[cOff + r]}.
     *
     * @throws IllegalArgumentException  if {@code rows < 0}
     * @throws IndexOutOfBoundsException if a region lies outside its array (nothing written then)
     */
    public void classify(float[] x, int xOff, int rows, int[] classes, int cOff) {
        Objects.requireNonNull(classes, "classes");
        check(x, xOff, rows, classes.length, cOff, rows, "classes");
        Mlp.Weights w = mlp.published();
        version = w.version();
        for (int r = 0; r < rows; r += maxRows) {
            int n = Math.min(maxRows, rows - r);
            float[] out = mlp.forward(kernels, w.values(), act, x, xOff + r * inputs, n);
            for (int i = 0; i < n; i++) {
                classes[cOff + r + i] = Mlp.argmax(out, i * outputs, outputs);
            }
        }
    }

    private void check(float[] x, int xOff, int rows, int outLength, int outOff, long outCount, String outName) {
        Objects.requireNonNull(x, "x");
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, was " + rows);
        }
        long xCount = (long) rows * inputs;
        if (xOff < 0 || xOff + xCount > x.length) {
            throw new IndexOutOfBoundsException("x: region [" + xOff + ", " + (xOff + xCount)
                    + ") is outside the array of length " + x.length);
        }
        if (outOff < 0 || outOff + outCount > outLength) {
            throw new IndexOutOfBoundsException(outName + ": region [" + outOff + ", " + (outOff + outCount)
                    + ") is outside the array of length " + outLength);
        }
    }
}
