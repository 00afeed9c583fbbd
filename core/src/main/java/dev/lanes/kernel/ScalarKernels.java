package dev.lanes.kernel;

import static dev.lanes.kernel.internal.Checks.checkBinary;
import static dev.lanes.kernel.internal.Checks.checkClampBounds;
import static dev.lanes.kernel.internal.Checks.checkIn;
import static dev.lanes.kernel.internal.Checks.checkUnary;
import static dev.lanes.kernel.internal.Checks.region;

import dev.lanes.kernel.internal.MatrixChecks;
import dev.lanes.kernel.internal.MlpReference;
import dev.lanes.kernel.internal.OptimizerSteps;
import dev.lanes.kernel.internal.Reductions;
import dev.lanes.kernel.internal.StepChecks;

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
                                     int rows, int classes, int batchRows) {
        MatrixChecks.softmaxCrossEntropy(logits, logitsOff, labels, labelsOff, dLogits, dLogitsOff,
                rowLoss, rowLossOff, rows, classes, batchRows);
        return MlpReference.softmaxCrossEntropy(logits, logitsOff, labels, labelsOff, dLogits, dLogitsOff,
                rowLoss, rowLossOff, rows, classes, batchRows);
    }

    @Override
    public float mseLoss(float[] y, int yOff, float[] target, int targetOff, float[] dy, int dyOff,
                         float[] rowLoss, int rowLossOff, int rows, int cols, int batchRows) {
        MatrixChecks.mseLoss(y, yOff, target, targetOff, dy, dyOff, rowLoss, rowLossOff, rows, cols, batchRows);
        return MlpReference.mseLoss(y, yOff, target, targetOff, dy, dyOff, rowLoss, rowLossOff, rows, cols, batchRows);
    }

    // ================================================================ optimizer steps (issue 3, branch optim)
    // Arguments checked by StepChecks, then the per-element code of OptimizerSteps.

    @Override
    public void sgdStep(float[] p, int pOff, float[] g, int gOff, int n, float lr, float weightDecay) {
        StepChecks.params(p, pOff, g, gOff, n);
        OptimizerSteps.sgd(p, pOff, g, gOff, n, lr, weightDecay);
    }

    @Override
    public void momentumStep(float[] p, int pOff, float[] g, int gOff, float[] b, int bOff, int n, float lr,
            float weightDecay, float momentum, float oneMinusDampening, boolean nesterov, boolean first) {
        StepChecks.step(p, pOff, g, gOff, n, true, "b", b, bOff, false, null, null, 0, false, null, null, 0);
        OptimizerSteps.momentum(p, pOff, g, gOff, b, bOff, n, lr, weightDecay, momentum, oneMinusDampening, nesterov,
                first);
    }

    @Override
    public void velocityStep(float[] p, int pOff, float[] g, int gOff, float[] v, int vOff, int n, float lr,
            float weightDecay, float alpha) {
        StepChecks.step(p, pOff, g, gOff, n, true, "v", v, vOff, false, null, null, 0, false, null, null, 0);
        OptimizerSteps.velocity(p, pOff, g, gOff, v, vOff, n, lr, weightDecay, alpha);
    }

    @Override
    public void adagradStep(float[] p, int pOff, float[] g, int gOff, float[] s, int sOff, int n, float lr,
            float weightDecay, float eps) {
        StepChecks.step(p, pOff, g, gOff, n, true, "s", s, sOff, false, null, null, 0, false, null, null, 0);
        OptimizerSteps.adagrad(p, pOff, g, gOff, s, sOff, n, lr, weightDecay, eps);
    }

    @Override
    public void rmspropStep(float[] p, int pOff, float[] g, int gOff, float[] r, int rOff, float[] a, int aOff,
            float[] b, int bOff, int n, float lr, float weightDecay, float alpha, float oneMinusAlpha, float eps,
            float momentum, boolean centered, boolean epsInside) {
        StepChecks.step(p, pOff, g, gOff, n, true, "r", r, rOff, centered, "a", a, aOff, momentum != 0f, "b", b, bOff);
        OptimizerSteps.rmsprop(p, pOff, g, gOff, r, rOff, a, aOff, b, bOff, n, lr, weightDecay, alpha, oneMinusAlpha,
                eps, momentum, centered, epsInside);
    }

    @Override
    public void adadeltaStep(float[] p, int pOff, float[] g, int gOff, float[] r, int rOff, float[] u, int uOff,
            int n, float lr, float weightDecay, float rho, float oneMinusRho, float eps) {
        StepChecks.step(p, pOff, g, gOff, n, true, "r", r, rOff, true, "u", u, uOff, false, null, null, 0);
        OptimizerSteps.adadelta(p, pOff, g, gOff, r, rOff, u, uOff, n, lr, weightDecay, rho, oneMinusRho, eps);
    }

    @Override
    public void adamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
            float[] vMax, int vMaxOff, int n, float stepSize, float weightDecay, float decay, float beta1,
            float oneMinusBeta1, float beta2, float oneMinusBeta2, float bc2, float bc2Sqrt, float eps,
            boolean amsgrad, boolean epsInside) {
        StepChecks.step(p, pOff, g, gOff, n, true, "m", m, mOff, true, "v", v, vOff, amsgrad, "vMax", vMax, vMaxOff);
        OptimizerSteps.adam(p, pOff, g, gOff, m, mOff, v, vOff, vMax, vMaxOff, n, stepSize, weightDecay, decay,
                beta1, oneMinusBeta1, beta2, oneMinusBeta2, bc2, bc2Sqrt, eps, amsgrad, epsInside);
    }

    @Override
    public void adamaxStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] u, int uOff, int n,
            float stepSize, float weightDecay, float beta1, float oneMinusBeta1, float beta2, float eps) {
        StepChecks.step(p, pOff, g, gOff, n, true, "m", m, mOff, true, "u", u, uOff, false, null, null, 0);
        OptimizerSteps.adamax(p, pOff, g, gOff, m, mOff, u, uOff, n, stepSize, weightDecay, beta1, oneMinusBeta1,
                beta2, eps);
    }

    @Override
    public void nadamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff, int n,
            float gradStep, float avgStep, float weightDecay, float beta1, float oneMinusBeta1, float beta2,
            float oneMinusBeta2, float bc2Sqrt, float eps) {
        StepChecks.step(p, pOff, g, gOff, n, true, "m", m, mOff, true, "v", v, vOff, false, null, null, 0);
        OptimizerSteps.nadam(p, pOff, g, gOff, m, mOff, v, vOff, n, gradStep, avgStep, weightDecay, beta1,
                oneMinusBeta1, beta2, oneMinusBeta2, bc2Sqrt, eps);
    }

    @Override
    public void radamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff, int n,
            float lr, float weightDecay, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
            float bc1, float bc2Sqrt, float rect, float eps, boolean rectified) {
        StepChecks.step(p, pOff, g, gOff, n, true, "m", m, mOff, true, "v", v, vOff, false, null, null, 0);
        OptimizerSteps.radam(p, pOff, g, gOff, m, mOff, v, vOff, n, lr, weightDecay, beta1, oneMinusBeta1, beta2,
                oneMinusBeta2, bc1, bc2Sqrt, rect, eps, rectified);
    }

    @Override
    public void rpropStep(float[] p, int pOff, float[] g, int gOff, float[] prev, int prevOff, float[] size,
            int sizeOff, int n, float etaMinus, float etaPlus, float minStep, float maxStep) {
        StepChecks.step(p, pOff, g, gOff, n, true, "prev", prev, prevOff, true, "size", size, sizeOff, false, null,
                null, 0);
        OptimizerSteps.rprop(p, pOff, g, gOff, prev, prevOff, size, sizeOff, n, etaMinus, etaPlus, minStep, maxStep);
    }

    @Override
    public void asgdStep(float[] p, int pOff, float[] g, int gOff, float[] ax, int axOff, int n, float eta,
            float weightDecay, float decay, float mu) {
        StepChecks.step(p, pOff, g, gOff, n, true, "ax", ax, axOff, false, null, null, 0, false, null, null, 0);
        OptimizerSteps.asgd(p, pOff, g, gOff, ax, axOff, n, eta, weightDecay, decay, mu);
    }

    @Override
    public void quickpropStep(float[] p, int pOff, float[] g, int gOff, float[] prevG, int prevGOff, float[] prevS,
            int prevSOff, int n, float lr, float weightDecay, float maxGrowth) {
        StepChecks.step(p, pOff, g, gOff, n, true, "prevG", prevG, prevGOff, true, "prevS", prevS, prevSOff, false,
                null, null, 0);
        OptimizerSteps.quickprop(p, pOff, g, gOff, prevG, prevGOff, prevS, prevSOff, n, lr, weightDecay, maxGrowth);
    }
}
