package dev.lanes.kernel.internal;

import dev.lanes.kernel.LanesMath;

/**
 * The scalar reference of the MLP kernels (products, activations, softmax, losses): one output
 * element at a time, in the order of operations documented on {@code Kernels}. Arguments were
 * checked by the facade ({@link MatrixChecks}). Row sums use the one canonical tree of
 * {@link Reductions}; the vector kernels share the per-element methods here for their tails.
 */
public final class MlpReference {
    private MlpReference() {}

    // ---------------------------------------------------------------- products

    /** {@code y = x·w (+ b)}, the accumulator starting at {@code b[j]} (or +0.0 without bias). */
    public static void gemmForward(float[] x, int xOff, int ldx, float[] w, int wOff, int ldw, float[] b, int bOff,
                                   float[] y, int yOff, int ldy, int rows, int in, int out) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < out; j++) {
                float acc = b == null ? 0f : b[bOff + j];
                for (int k = 0; k < in; k++) {
                    acc = Math.fma(x[xOff + r * ldx + k], w[wOff + k * ldw + j], acc);
                }
                y[yOff + r * ldy + j] = acc;
            }
        }
    }

    /** {@code dw = xᵀ·dy}, summing over the rows in index order from +0.0. */
    public static void gemmBackwardWeights(float[] x, int xOff, int ldx, float[] dy, int dyOff, int lddy,
                                           float[] dw, int dwOff, int lddw, int rows, int in, int out) {
        for (int k = 0; k < in; k++) {
            for (int j = 0; j < out; j++) {
                float acc = 0f;
                for (int r = 0; r < rows; r++) {
                    acc = Math.fma(x[xOff + r * ldx + k], dy[dyOff + r * lddy + j], acc);
                }
                dw[dwOff + k * lddw + j] = acc;
            }
        }
    }

    /** {@code db = Σ_r dy[r]}, in row order from +0.0. */
    public static void biasBackward(float[] dy, int dyOff, int lddy, float[] db, int dbOff, int rows, int out) {
        for (int j = 0; j < out; j++) {
            float acc = 0f;
            for (int r = 0; r < rows; r++) {
                acc = acc + dy[dyOff + r * lddy + j];
            }
            db[dbOff + j] = acc;
        }
    }

    /** {@code t = aᵀ}. */
    public static void transpose(float[] a, int aOff, int lda, float[] t, int tOff, int ldt, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[tOff + j * ldt + i] = a[aOff + i * lda + j];
            }
        }
    }

    // ---------------------------------------------------------------- activations (per element)

    /** ReLU of one element. */
    public static float relu(float x) {
        return Math.max(x, 0f);
    }

    /** ReLU backward of one element. */
    public static float reluBackward(float y, float dy) {
        return y > 0 ? dy : 0f;
    }

    /** Leaky ReLU of one element. */
    public static float leakyRelu(float alpha, float x) {
        return x > 0 ? x : alpha * x;
    }

    /** Leaky ReLU backward of one element. */
    public static float leakyReluBackward(float alpha, float y, float dy) {
        return y > 0 ? dy : alpha * dy;
    }

    /** Sigmoid backward of one element. */
    public static float sigmoidBackward(float y, float dy) {
        return dy * (y * (1f - y));
    }

    /** Tanh backward of one element. */
    public static float tanhBackward(float y, float dy) {
        return dy * (1f - y * y);
    }

    // ---------------------------------------------------------------- activations (arrays)

    /** {@code y[i] = relu(x[i])}. */
    public static void reluForward(float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = relu(x[xOff + i]);
        }
    }

    /** {@code dx[i] = reluBackward(y[i], dy[i])}. */
    public static void reluBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        for (int i = 0; i < n; i++) {
            dx[dxOff + i] = reluBackward(y[yOff + i], dy[dyOff + i]);
        }
    }

    /** {@code y[i] = leakyRelu(alpha, x[i])}. */
    public static void leakyReluForward(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] = leakyRelu(alpha, x[xOff + i]);
        }
    }

    /** {@code dx[i] = leakyReluBackward(alpha, y[i], dy[i])}. */
    public static void leakyReluBackward(float alpha, float[] y, int yOff, float[] dy, int dyOff,
                                         float[] dx, int dxOff, int n) {
        for (int i = 0; i < n; i++) {
            dx[dxOff + i] = leakyReluBackward(alpha, y[yOff + i], dy[dyOff + i]);
        }
    }

    /** {@code dx[i] = sigmoidBackward(y[i], dy[i])}. */
    public static void sigmoidBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        for (int i = 0; i < n; i++) {
            dx[dxOff + i] = sigmoidBackward(y[yOff + i], dy[dyOff + i]);
        }
    }

    /** {@code dx[i] = tanhBackward(y[i], dy[i])}. */
    public static void tanhBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        for (int i = 0; i < n; i++) {
            dx[dxOff + i] = tanhBackward(y[yOff + i], dy[dyOff + i]);
        }
    }

    // ---------------------------------------------------------------- softmax and losses

    /** Row-wise softmax of a dense [rows][cols] batch. */
    public static void softmaxForward(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols;
            int yo = yOff + r * cols;
            float m = max(x, xo, cols);
            for (int j = 0; j < cols; j++) {
                y[yo + j] = LanesMath.exp(x[xo + j] - m);
            }
            float s = Reductions.sum(y, yo, cols);
            for (int j = 0; j < cols; j++) {
                y[yo + j] = y[yo + j] / s;
            }
        }
    }

    /** Row-wise softmax backward from the forward output. */
    public static void softmaxBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff,
                                       int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int yo = yOff + r * cols;
            int dyo = dyOff + r * cols;
            int dxo = dxOff + r * cols;
            float d = Reductions.dot(y, yo, dy, dyo, cols);
            for (int j = 0; j < cols; j++) {
                dx[dxo + j] = y[yo + j] * (dy[dyo + j] - d);
            }
        }
    }

    /** Fused softmax + cross-entropy; returns the mean loss of the rows. */
    public static float softmaxCrossEntropy(float[] logits, int logitsOff, int[] labels, int labelsOff,
                                            float[] dLogits, int dLogitsOff, float[] rowLoss, int rowLossOff,
                                            int rows, int classes, int batchRows) {
        for (int r = 0; r < rows; r++) {
            int xo = logitsOff + r * classes;
            int go = dLogitsOff + r * classes;
            int c = labels[labelsOff + r];
            float m = max(logits, xo, classes);
            float z = logits[xo + c] - m;
            for (int j = 0; j < classes; j++) {
                dLogits[go + j] = LanesMath.exp(logits[xo + j] - m);
            }
            float s = Reductions.sum(dLogits, go, classes);
            rowLoss[rowLossOff + r] = LanesMath.log(s) - z;
            for (int j = 0; j < classes; j++) {
                dLogits[go + j] = crossEntropyGradient(dLogits[go + j], s, j == c ? 1f : 0f, batchRows);
            }
        }
        return Reductions.mean(rowLoss, rowLossOff, rows);
    }

    /** The gradient of one logit: {@code (e / s - t) / batchRows}. */
    public static float crossEntropyGradient(float e, float s, float t, int batchRows) {
        return (e / s - t) / batchRows;
    }

    /** The textbook's L2 divergence, averaged over rows; returns the mean loss. */
    public static float mseLoss(float[] y, int yOff, float[] target, int targetOff, float[] dy, int dyOff,
                                float[] rowLoss, int rowLossOff, int rows, int cols, int batchRows) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            for (int j = 0; j < cols; j++) {
                dy[dyOff + o + j] = y[yOff + o + j] - target[targetOff + o + j];
            }
            rowLoss[rowLossOff + r] = 0.5f * Reductions.sumSquares(dy, dyOff + o, cols);
            for (int j = 0; j < cols; j++) {
                dy[dyOff + o + j] = dy[dyOff + o + j] / batchRows;
            }
        }
        return Reductions.mean(rowLoss, rowLossOff, rows);
    }

    /** {@code max_i a[i]} by {@link Math#max} from −∞ (an order-independent reduction). */
    public static float max(float[] a, int off, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, a[off + i]);
        }
        return m;
    }
}
