package dev.lanes.kernel.internal;

import dev.lanes.kernel.KernelInfo;

/**
 * An implementation of the kernels behind the {@link dev.lanes.kernel.Kernels} facade: the scalar
 * reference ({@link ScalarKernels}), the Vector API kernels of {@code vectorops}, or a team
 * spreading another backend's products ({@link ParallelBackend}). Each method computes what the
 * {@code Kernels} method of the same name documents, on arguments the facade has already checked:
 * a backend checks nothing.
 */
public interface KernelBackend {

    /** What this backend is and where it runs. */
    KernelInfo info();

    /** The optimizers' step kernels of this backend. */
    StepKernels steps();

    // ---------------------------------------------------------------- reductions (canonical order, rule 3)

    float sum(float[] x, int xOff, int n);
    float dot(float[] x, int xOff, float[] y, int yOff, int n);
    float sumSquares(float[] x, int xOff, int n);
    float maxAbs(float[] x, int xOff, int n);

    // ---------------------------------------------------------------- transcendental functions (LanesMath, rule 4)

    void exp(float[] x, int xOff, float[] y, int yOff, int n);
    void log(float[] x, int xOff, float[] y, int yOff, int n);
    void tanh(float[] x, int xOff, float[] y, int yOff, int n);
    void sigmoid(float[] x, int xOff, float[] y, int yOff, int n);

    // ---------------------------------------------------------------- element-wise

    void scale(float a, float[] x, int xOff, float[] y, int yOff, int n);
    void add(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n);
    void multiply(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n);
    void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n);
    void multiplyAdd(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n);
    void clamp(float lo, float hi, float[] x, int xOff, float[] y, int yOff, int n);

    // ---------------------------------------------------------------- MLP products (rule 2), activations, softmax and losses

    void gemmForward(float[] x, int xOff, int ldx, float[] w, int wOff, int ldw, float[] b, int bOff,
            float[] y, int yOff, int ldy, int rows, int in, int out);
    void gemmBackwardWeights(float[] x, int xOff, int ldx, float[] dy, int dyOff, int lddy, float[] dw,
            int dwOff, int lddw, int rows, int in, int out);
    void biasBackward(float[] dy, int dyOff, int lddy, float[] db, int dbOff, int rows, int out);
    void gemmBackwardInput(float[] dy, int dyOff, int lddy, float[] wt, int wtOff, int ldwt, float[] dx,
            int dxOff, int lddx, int rows, int out, int in);
    void transpose(float[] a, int aOff, int lda, float[] t, int tOff, int ldt, int rows, int cols);
    void reluForward(float[] x, int xOff, float[] y, int yOff, int n);
    void reluBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n);
    void leakyReluForward(float alpha, float[] x, int xOff, float[] y, int yOff, int n);
    void leakyReluBackward(float alpha, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff,
            int n);
    void sigmoidBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n);
    void tanhBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n);
    void softmaxForward(float[] x, int xOff, float[] y, int yOff, int rows, int cols);
    void softmaxBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int rows,
            int cols);
    float softmaxCrossEntropy(float[] logits, int logitsOff, int[] labels, int labelsOff, float[] dLogits,
            int dLogitsOff, float[] rowLoss, int rowLossOff, int rows, int classes, int batchRows);
    float mseLoss(float[] y, int yOff, float[] target, int targetOff, float[] dy, int dyOff, float[] rowLoss,
            int rowLossOff, int rows, int cols, int batchRows);
}
