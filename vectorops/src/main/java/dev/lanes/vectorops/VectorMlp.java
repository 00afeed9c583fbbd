package dev.lanes.vectorops;

import dev.lanes.kernel.internal.MlpReference;

/** The vector forms of the MLP kernels. Arguments are checked by {@link VectorKernels}. */
final class VectorMlp {
    private VectorMlp() {}

    // TEMPORARY: the reference, until the vector forms land (later commits on this branch).

    static void gemmForward(float[] x, int xOff, int ldx, float[] w, int wOff, int ldw, float[] b, int bOff,
                            float[] y, int yOff, int ldy, int rows, int in, int out) {
        MlpReference.gemmForward(x, xOff, ldx, w, wOff, ldw, b, bOff, y, yOff, ldy, rows, in, out);
    }

    static void gemmBackwardWeights(float[] x, int xOff, int ldx, float[] dy, int dyOff, int lddy,
                                    float[] dw, int dwOff, int lddw, int rows, int in, int out) {
        MlpReference.gemmBackwardWeights(x, xOff, ldx, dy, dyOff, lddy, dw, dwOff, lddw, rows, in, out);
    }

    static void biasBackward(float[] dy, int dyOff, int lddy, float[] db, int dbOff, int rows, int out) {
        MlpReference.biasBackward(dy, dyOff, lddy, db, dbOff, rows, out);
    }

    static void transpose(float[] a, int aOff, int lda, float[] t, int tOff, int ldt, int rows, int cols) {
        MlpReference.transpose(a, aOff, lda, t, tOff, ldt, rows, cols);
    }

    static void reluForward(float[] x, int xOff, float[] y, int yOff, int n) {
        MlpReference.reluForward(x, xOff, y, yOff, n);
    }

    static void reluBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MlpReference.reluBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    static void leakyReluForward(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        MlpReference.leakyReluForward(alpha, x, xOff, y, yOff, n);
    }

    static void leakyReluBackward(float alpha, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MlpReference.leakyReluBackward(alpha, y, yOff, dy, dyOff, dx, dxOff, n);
    }

    static void sigmoidBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MlpReference.sigmoidBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    static void tanhBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MlpReference.tanhBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    static void softmaxForward(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        MlpReference.softmaxForward(x, xOff, y, yOff, rows, cols);
    }

    static void softmaxBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int rows, int cols) {
        MlpReference.softmaxBackward(y, yOff, dy, dyOff, dx, dxOff, rows, cols);
    }

    static float softmaxCrossEntropy(float[] logits, int logitsOff, int[] labels, int labelsOff,
                                     float[] dLogits, int dLogitsOff, float[] rowLoss, int rowLossOff,
                                     int rows, int classes) {
        return MlpReference.softmaxCrossEntropy(logits, logitsOff, labels, labelsOff, dLogits, dLogitsOff,
                rowLoss, rowLossOff, rows, classes);
    }

    static float mseLoss(float[] y, int yOff, float[] target, int targetOff, float[] dy, int dyOff,
                         float[] rowLoss, int rowLossOff, int rows, int cols) {
        return MlpReference.mseLoss(y, yOff, target, targetOff, dy, dyOff, rowLoss, rowLossOff, rows, cols);
    }
}
