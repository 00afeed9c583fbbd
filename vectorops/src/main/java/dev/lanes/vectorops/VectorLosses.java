package dev.lanes.vectorops;

import static dev.lanes.vectorops.Species.F;
import static dev.lanes.vectorops.Species.L;

import dev.lanes.kernel.LanesMath;
import dev.lanes.kernel.internal.MlpReference;
import dev.lanes.kernel.internal.Reductions;
import jdk.incubator.vector.FloatVector;

/**
 * The vector forms of the row-wise softmax and of the losses, for {@link VectorKernels}: the same
 * operations as the scalar reference ({@link MlpReference}) in the same order, lane by lane.
 * Arguments were checked by the facade.
 */
final class VectorLosses {
    private VectorLosses() {}

    // Per row: the maximum (order-independent under Math.max, so lane-wise then across lanes),
    // exp and the divisions vectorised, and the row sum by the one canonical-order code of
    // Reductions (a row of logits is short; its sum is not where the time goes).

    static void softmaxForward(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols;
            int yo = yOff + r * cols;
            float m = max(x, xo, cols);
            exps(x, xo, m, y, yo, cols);
            float s = Reductions.sum(y, yo, cols);
            int j = 0;
            for (int bound = F.loopBound(cols); j < bound; j += L) {
                FloatVector.fromArray(F, y, yo + j).div(s).intoArray(y, yo + j);
            }
            for (; j < cols; j++) {
                y[yo + j] = y[yo + j] / s;
            }
        }
    }

    static void softmaxBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int yo = yOff + r * cols;
            int dyo = dyOff + r * cols;
            int dxo = dxOff + r * cols;
            float d = Reductions.dot(y, yo, dy, dyo, cols);
            int j = 0;
            for (int bound = F.loopBound(cols); j < bound; j += L) {
                FloatVector.fromArray(F, y, yo + j).mul(FloatVector.fromArray(F, dy, dyo + j).sub(d))
                        .intoArray(dx, dxo + j);
            }
            for (; j < cols; j++) {
                dx[dxo + j] = y[yo + j] * (dy[dyo + j] - d);
            }
        }
    }

    static float softmaxCrossEntropy(float[] logits, int logitsOff, int[] labels, int labelsOff,
                                     float[] dLogits, int dLogitsOff, float[] rowLoss, int rowLossOff,
                                     int rows, int classes, int batchRows) {
        float fr = batchRows;
        for (int r = 0; r < rows; r++) {
            int xo = logitsOff + r * classes;
            int go = dLogitsOff + r * classes;
            int c = labels[labelsOff + r];
            float m = max(logits, xo, classes);
            float z = logits[xo + c] - m;
            exps(logits, xo, m, dLogits, go, classes);
            float s = Reductions.sum(dLogits, go, classes);
            rowLoss[rowLossOff + r] = LanesMath.log(s) - z;
            // Every element as a non-label (t = 0), then the label's element by the reference's code.
            float ec = dLogits[go + c];
            int j = 0;
            for (int bound = F.loopBound(classes); j < bound; j += L) {
                FloatVector.fromArray(F, dLogits, go + j).div(s).sub(0f).div(fr).intoArray(dLogits, go + j);
            }
            for (; j < classes; j++) {
                dLogits[go + j] = MlpReference.crossEntropyGradient(dLogits[go + j], s, 0f, batchRows);
            }
            dLogits[go + c] = MlpReference.crossEntropyGradient(ec, s, 1f, batchRows);
        }
        return Reductions.mean(rowLoss, rowLossOff, rows);
    }

    static float mseLoss(float[] y, int yOff, float[] target, int targetOff, float[] dy, int dyOff,
                         float[] rowLoss, int rowLossOff, int rows, int cols, int batchRows) {
        float fr = batchRows;
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            int j = 0;
            for (int bound = F.loopBound(cols); j < bound; j += L) {
                FloatVector.fromArray(F, y, yOff + o + j).sub(FloatVector.fromArray(F, target, targetOff + o + j))
                        .intoArray(dy, dyOff + o + j);
            }
            for (; j < cols; j++) {
                dy[dyOff + o + j] = y[yOff + o + j] - target[targetOff + o + j];
            }
            rowLoss[rowLossOff + r] = 0.5f * Reductions.sumSquares(dy, dyOff + o, cols);
            j = 0;
            for (int bound = F.loopBound(cols); j < bound; j += L) {
                FloatVector.fromArray(F, dy, dyOff + o + j).div(fr).intoArray(dy, dyOff + o + j);
            }
            for (; j < cols; j++) {
                dy[dyOff + o + j] = dy[dyOff + o + j] / batchRows;
            }
        }
        return Reductions.mean(rowLoss, rowLossOff, rows);
    }

    /** {@code max_j a[j]} by Math.max semantics: lane-wise, then across the lanes and the tail. */
    private static float max(float[] a, int off, int n) {
        float m = Float.NEGATIVE_INFINITY;
        int j = 0;
        int bound = F.loopBound(n);
        if (bound > 0) {
            FloatVector v = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
            for (; j < bound; j += L) {
                v = v.max(FloatVector.fromArray(F, a, off + j));
            }
            for (int l = 0; l < L; l++) {
                m = Math.max(m, v.lane(l));
            }
        }
        for (; j < n; j++) {
            m = Math.max(m, a[off + j]);
        }
        return m;
    }

    /** {@code e[j] = exp(x[j] - m)} by Lanes' exp. */
    private static void exps(float[] x, int xOff, float m, float[] e, int eOff, int n) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += L) {
            VectorMath.exp(FloatVector.fromArray(F, x, xOff + j).sub(m)).intoArray(e, eOff + j);
        }
        for (; j < n; j++) {
            e[eOff + j] = LanesMath.exp(x[xOff + j] - m);
        }
    }
}
