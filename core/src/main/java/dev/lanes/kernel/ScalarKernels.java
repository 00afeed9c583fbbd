package dev.lanes.kernel;

import static dev.lanes.kernel.internal.Checks.checkBinary;
import static dev.lanes.kernel.internal.Checks.checkClampBounds;
import static dev.lanes.kernel.internal.Checks.checkIn;
import static dev.lanes.kernel.internal.Checks.checkUnary;
import static dev.lanes.kernel.internal.Checks.region;

import dev.lanes.kernel.internal.MatrixChecks;
import dev.lanes.kernel.internal.MlpReference;
import dev.lanes.kernel.internal.Reductions;

/**
 * The scalar reference: every kernel written one element at a time, in the order of operations
 * that defines its result. The vector kernels must return these bits exactly.
 */
public final class ScalarKernels implements Kernels {
    static final ScalarKernels INSTANCE = new ScalarKernels();

    private static final KernelInfo INFO = KernelInfo.of("scalar", Float.SIZE, 0);

    private ScalarKernels() {}

    @Override
    public KernelInfo info() {
        return INFO;
    }

    // ---------------------------------------------------------------- reductions

    @Override
    public float sum(float[] x, int xOff, int n) {
        checkIn(x, xOff, n);
        float[] lanes = new float[Reductions.LANES];
        for (int i = 0; i < n; i++) {
            lanes[i & 63] += x[xOff + i];
        }
        return Reductions.sumTree(lanes);
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        checkIn(x, xOff, n);
        region("y", y, yOff, n);
        float[] lanes = new float[Reductions.LANES];
        for (int i = 0; i < n; i++) {
            lanes[i & 63] = Math.fma(x[xOff + i], y[yOff + i], lanes[i & 63]);
        }
        return Reductions.sumTree(lanes);
    }

    @Override
    public float sumSquares(float[] x, int xOff, int n) {
        checkIn(x, xOff, n);
        float[] lanes = new float[Reductions.LANES];
        for (int i = 0; i < n; i++) {
            float v = x[xOff + i];
            lanes[i & 63] = Math.fma(v, v, lanes[i & 63]);
        }
        return Reductions.sumTree(lanes);
    }

    @Override
    public float maxAbs(float[] x, int xOff, int n) {
        checkIn(x, xOff, n);
        float[] lanes = new float[Reductions.LANES];
        for (int i = 0; i < n; i++) {
            lanes[i & 63] = Math.max(lanes[i & 63], Math.abs(x[xOff + i]));
        }
        return Reductions.maxTree(lanes);
    }

    // ---------------------------------------------------------------- transcendental functions

    @Override
    public void exp(float[] x, int xOff, float[] y, int yOff, int n) {
        checkUnary(x, xOff, y, yOff, n);
        for (int i = 0; i < n; i++) {
            y[yOff + i] = LanesMath.exp(x[xOff + i]);
        }
    }

    @Override
    public void log(float[] x, int xOff, float[] y, int yOff, int n) {
        checkUnary(x, xOff, y, yOff, n);
        for (int i = 0; i < n; i++) {
            y[yOff + i] = LanesMath.log(x[xOff + i]);
        }
    }

    @Override
    public void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
        checkUnary(x, xOff, y, yOff, n);
        for (int i = 0; i < n; i++) {
            y[yOff + i] = LanesMath.tanh(x[xOff + i]);
        }
    }

    @Override
    public void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
        checkUnary(x, xOff, y, yOff, n);
        for (int i = 0; i < n; i++) {
            y[yOff + i] = LanesMath.sigmoid(x[xOff + i]);
        }
    }

    // ---------------------------------------------------------------- element-wise

    @Override
    public void scale(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        checkUnary(x, xOff, y, yOff, n);
        for (int i = 0; i < n; i++) {
            y[yOff + i] = a * x[xOff + i];
        }
    }

    @Override
    public void add(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n) {
        checkBinary(x, xOff, y, yOff, z, zOff, n);
        for (int i = 0; i < n; i++) {
            z[zOff + i] = x[xOff + i] + y[yOff + i];
        }
    }

    @Override
    public void multiply(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n) {
        checkBinary(x, xOff, y, yOff, z, zOff, n);
        for (int i = 0; i < n; i++) {
            z[zOff + i] = x[xOff + i] * y[yOff + i];
        }
    }

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        checkUnary(x, xOff, y, yOff, n);
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.fma(a, x[xOff + i], y[yOff + i]);
        }
    }

    @Override
    public void multiplyAdd(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n) {
        checkBinary(x, xOff, y, yOff, z, zOff, n);
        for (int i = 0; i < n; i++) {
            z[zOff + i] = Math.fma(x[xOff + i], y[yOff + i], z[zOff + i]);
        }
    }

    @Override
    public void clamp(float lo, float hi, float[] x, int xOff, float[] y, int yOff, int n) {
        checkClampBounds(lo, hi);
        checkUnary(x, xOff, y, yOff, n);
        for (int i = 0; i < n; i++) {
            y[yOff + i] = Math.min(Math.max(x[xOff + i], lo), hi);
        }
    }

    // ---------------------------------------------------------------- MLP forward and backward (issue 4)
    // The references are in MlpReference; the element-wise ones are loops over its per-element code.

    @Override
    public void gemmForward(float[] x, int xOff, int ldx, float[] w, int wOff, int ldw, float[] b, int bOff,
                            float[] y, int yOff, int ldy, int rows, int in, int out) {
        MatrixChecks.gemmForward(x, xOff, ldx, w, wOff, ldw, b, bOff, y, yOff, ldy, rows, in, out);
        MlpReference.gemmForward(x, xOff, ldx, w, wOff, ldw, b, bOff, y, yOff, ldy, rows, in, out);
    }

    @Override
    public void gemmBackwardWeights(float[] x, int xOff, int ldx, float[] dy, int dyOff, int lddy,
                                    float[] dw, int dwOff, int lddw, int rows, int in, int out) {
        MatrixChecks.gemmBackwardWeights(x, xOff, ldx, dy, dyOff, lddy, dw, dwOff, lddw, rows, in, out);
        MlpReference.gemmBackwardWeights(x, xOff, ldx, dy, dyOff, lddy, dw, dwOff, lddw, rows, in, out);
    }

    @Override
    public void biasBackward(float[] dy, int dyOff, int lddy, float[] db, int dbOff, int rows, int out) {
        MatrixChecks.biasBackward(dy, dyOff, lddy, db, dbOff, rows, out);
        MlpReference.biasBackward(dy, dyOff, lddy, db, dbOff, rows, out);
    }

    @Override
    public void gemmBackwardInput(float[] dy, int dyOff, int lddy, float[] wt, int wtOff, int ldwt,
                                  float[] dx, int dxOff, int lddx, int rows, int out, int in) {
        MatrixChecks.gemmBackwardInput(dy, dyOff, lddy, wt, wtOff, ldwt, dx, dxOff, lddx, rows, out, in);
        MlpReference.gemmForward(dy, dyOff, lddy, wt, wtOff, ldwt, null, 0, dx, dxOff, lddx, rows, out, in);
    }

    @Override
    public void transpose(float[] a, int aOff, int lda, float[] t, int tOff, int ldt, int rows, int cols) {
        MatrixChecks.transpose(a, aOff, lda, t, tOff, ldt, rows, cols);
        MlpReference.transpose(a, aOff, lda, t, tOff, ldt, rows, cols);
    }

    @Override
    public void reluForward(float[] x, int xOff, float[] y, int yOff, int n) {
        MatrixChecks.unary("x", x, xOff, "y", y, yOff, n);
        MlpReference.reluForward(x, xOff, y, yOff, n);
    }

    @Override
    public void reluBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MatrixChecks.backward(y, yOff, dy, dyOff, dx, dxOff, n);
        MlpReference.reluBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void leakyReluForward(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        MatrixChecks.leakySlope(alpha);
        MatrixChecks.unary("x", x, xOff, "y", y, yOff, n);
        MlpReference.leakyReluForward(alpha, x, xOff, y, yOff, n);
    }

    @Override
    public void leakyReluBackward(float alpha, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MatrixChecks.leakySlope(alpha);
        MatrixChecks.backward(y, yOff, dy, dyOff, dx, dxOff, n);
        MlpReference.leakyReluBackward(alpha, y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void sigmoidBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MatrixChecks.backward(y, yOff, dy, dyOff, dx, dxOff, n);
        MlpReference.sigmoidBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void tanhBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MatrixChecks.backward(y, yOff, dy, dyOff, dx, dxOff, n);
        MlpReference.tanhBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void softmaxForward(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        MatrixChecks.rowwise(x, xOff, y, yOff, rows, cols);
        MlpReference.softmaxForward(x, xOff, y, yOff, rows, cols);
    }

    @Override
    public void softmaxBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int rows, int cols) {
        MatrixChecks.softmaxBackward(y, yOff, dy, dyOff, dx, dxOff, rows, cols);
        MlpReference.softmaxBackward(y, yOff, dy, dyOff, dx, dxOff, rows, cols);
    }

    @Override
    public float softmaxCrossEntropy(float[] logits, int logitsOff, int[] labels, int labelsOff,
                                     float[] dLogits, int dLogitsOff, float[] rowLoss, int rowLossOff,
                                     int rows, int classes) {
        MatrixChecks.softmaxCrossEntropy(logits, logitsOff, labels, labelsOff, dLogits, dLogitsOff,
                rowLoss, rowLossOff, rows, classes);
        return MlpReference.softmaxCrossEntropy(logits, logitsOff, labels, labelsOff, dLogits, dLogitsOff,
                rowLoss, rowLossOff, rows, classes);
    }

    @Override
    public float mseLoss(float[] y, int yOff, float[] target, int targetOff, float[] dy, int dyOff,
                         float[] rowLoss, int rowLossOff, int rows, int cols) {
        MatrixChecks.mseLoss(y, yOff, target, targetOff, dy, dyOff, rowLoss, rowLossOff, rows, cols);
        return MlpReference.mseLoss(y, yOff, target, targetOff, dy, dyOff, rowLoss, rowLossOff, rows, cols);
    }
}
