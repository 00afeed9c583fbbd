package dev.lanes.kernel.internal;

import dev.lanes.kernel.KernelInfo;
import dev.lanes.kernel.LanesMath;

/**
 * The scalar reference: every kernel written one element at a time, in the order of operations
 * that defines its result (docs/DESIGN.md, "the numeric contract"). The vector kernels must return
 * these bits exactly. The reductions are those of {@link Reductions}, the matrix kernels those of
 * {@link MlpReference} and the step kernels those of {@link OptimizerSteps}; arguments were
 * checked by the {@code Kernels} facade.
 */
public final class ScalarKernels implements KernelBackend {
    /** The one instance. */
    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private static final KernelInfo INFO = KernelInfo.of("scalar", Float.SIZE, 0);

    private ScalarKernels() {}

    @Override
    public KernelInfo info() {
        return INFO;
    }

    // ---------------------------------------------------------------- reductions

    @Override
    public float sum(float[] x, int xOff, int n) {
        return Reductions.sum(x, xOff, n);
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        return Reductions.dot(x, xOff, y, yOff, n);
    }

    @Override
    public float sumSquares(float[] x, int xOff, int n) {
        return Reductions.sumSquares(x, xOff, n);
    }

    @Override
    public float maxAbs(float[] x, int xOff, int n) {
        return Reductions.maxAbs(x, xOff, n);
    }

    // ---------------------------------------------------------------- transcendental functions

    @Override
    public void exp(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = LanesMath.exp(x[xOff + i]);
        }
    }

    @Override
    public void log(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = LanesMath.log(x[xOff + i]);
        }
    }

    @Override
    public void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = LanesMath.tanh(x[xOff + i]);
        }
    }

    @Override
    public void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = LanesMath.sigmoid(x[xOff + i]);
        }
    }

    // ---------------------------------------------------------------- element-wise

    @Override
    public void scale(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = a * x[xOff + i];
        }
    }

    @Override
    public void add(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n) {
        for (int i = 0; i < n; i++) {
            z[zOff + i] = x[xOff + i] + y[yOff + i];
        }
    }

    @Override
    public void multiply(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n) {
        for (int i = 0; i < n; i++) {
            z[zOff + i] = x[xOff + i] * y[yOff + i];
        }
    }

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.fma(a, x[xOff + i], y[yOff + i]);
        }
    }

    @Override
    public void multiplyAdd(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n) {
        for (int i = 0; i < n; i++) {
            z[zOff + i] = Math.fma(x[xOff + i], y[yOff + i], z[zOff + i]);
        }
    }

    @Override
    public void clamp(float lo, float hi, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.min(Math.max(x[xOff + i], lo), hi);
        }
    }

    // ---------------------------------------------------------------- MLP forward and backward
    // The references are in MlpReference; the element-wise ones are loops over its per-element code.

    @Override
    public void gemmForward(float[] x, int xOff, int ldx, float[] w, int wOff, int ldw, float[] b, int bOff,
                            float[] y, int yOff, int ldy, int rows, int in, int out) {
        MlpReference.gemmForward(x, xOff, ldx, w, wOff, ldw, b, bOff, y, yOff, ldy, rows, in, out);
    }

    @Override
    public void gemmBackwardWeights(float[] x, int xOff, int ldx, float[] dy, int dyOff, int lddy,
                                    float[] dw, int dwOff, int lddw, int rows, int in, int out) {
        MlpReference.gemmBackwardWeights(x, xOff, ldx, dy, dyOff, lddy, dw, dwOff, lddw, rows, in, out);
    }

    @Override
    public void biasBackward(float[] dy, int dyOff, int lddy, float[] db, int dbOff, int rows, int out) {
        MlpReference.biasBackward(dy, dyOff, lddy, db, dbOff, rows, out);
    }

    @Override
    public void gemmBackwardInput(float[] dy, int dyOff, int lddy, float[] wt, int wtOff, int ldwt,
                                  float[] dx, int dxOff, int lddx, int rows, int out, int in) {
        MlpReference.gemmForward(dy, dyOff, lddy, wt, wtOff, ldwt, null, 0, dx, dxOff, lddx, rows, out, in);
    }

    @Override
    public void transpose(float[] a, int aOff, int lda, float[] t, int tOff, int ldt, int rows, int cols) {
        MlpReference.transpose(a, aOff, lda, t, tOff, ldt, rows, cols);
    }

    @Override
    public void reluForward(float[] x, int xOff, float[] y, int yOff, int n) {
        MlpReference.reluForward(x, xOff, y, yOff, n);
    }

    @Override
    public void reluBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MlpReference.reluBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void leakyReluForward(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        MlpReference.leakyReluForward(alpha, x, xOff, y, yOff, n);
    }

    @Override
    public void leakyReluBackward(float alpha, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MlpReference.leakyReluBackward(alpha, y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void sigmoidBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MlpReference.sigmoidBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void tanhBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MlpReference.tanhBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void softmaxForward(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        MlpReference.softmaxForward(x, xOff, y, yOff, rows, cols);
    }

    @Override
    public void softmaxBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int rows, int cols) {
        MlpReference.softmaxBackward(y, yOff, dy, dyOff, dx, dxOff, rows, cols);
    }

    @Override
    public float softmaxCrossEntropy(float[] logits, int logitsOff, int[] labels, int labelsOff,
                                     float[] dLogits, int dLogitsOff, float[] rowLoss, int rowLossOff,
                                     int rows, int classes, int batchRows) {
        return MlpReference.softmaxCrossEntropy(logits, logitsOff, labels, labelsOff, dLogits, dLogitsOff,
                rowLoss, rowLossOff, rows, classes, batchRows);
    }

    @Override
    public float mseLoss(float[] y, int yOff, float[] target, int targetOff, float[] dy, int dyOff,
                         float[] rowLoss, int rowLossOff, int rows, int cols, int batchRows) {
        return MlpReference.mseLoss(y, yOff, target, targetOff, dy, dyOff, rowLoss, rowLossOff, rows, cols, batchRows);
    }

    // ---------------------------------------------------------------- optimizer steps

    @Override
    public StepKernels steps() {
        return OptimizerSteps.INSTANCE;
    }
}
