package dev.lanes.vectorops;

import static dev.lanes.kernel.internal.Checks.checkBinary;
import static dev.lanes.kernel.internal.Checks.checkClampBounds;
import static dev.lanes.kernel.internal.Checks.checkIn;
import static dev.lanes.kernel.internal.Checks.checkUnary;
import static dev.lanes.kernel.internal.Checks.region;
import static dev.lanes.vectorops.Species.F;
import static dev.lanes.vectorops.Species.L;

import dev.lanes.kernel.KernelInfo;
import dev.lanes.kernel.Kernels;
import dev.lanes.kernel.LanesMath;
import dev.lanes.kernel.internal.MatrixChecks;
import dev.lanes.kernel.internal.Reductions;
import dev.lanes.kernel.internal.StepChecks;
import jdk.incubator.vector.FloatVector;

/**
 * The Vector API implementation of {@link Kernels}, at the width of {@link Species#F}. Every
 * kernel performs the scalar reference's operations in the reference's order, lane by lane, and
 * so returns the reference's bits; where the reference uses {@link Math#fma}, so does this code
 * (on a CPU without FMA hardware that is slow, but never wrong).
 */
public final class VectorKernels implements Kernels {
    static final VectorKernels INSTANCE = new VectorKernels();

    /**
     * Blocks of 64 elements reduced per strip. A strip of every array a reduction reads stays in
     * L1 while the strip is swept once per group of four accumulators (see {@link #dot}).
     */
    private static final int STRIP = 32 * Reductions.LANES;

    private static final KernelInfo INFO = KernelInfo.of("vector", F.vectorBitSize(), Species.preferredBits());

    private VectorKernels() {}

    @Override
    public KernelInfo info() {
        return INFO;
    }

    // ---------------------------------------------------------------- reductions
    //
    // The canonical order has 64 virtual lanes; a vector of L lanes holds L of them, so 64/L
    // vectors hold all. Rather than one code shape per width, each strip of whole 64-element
    // blocks is swept once per group of four accumulator vectors (64/(4L) sweeps: one at 512
    // bits, two at 256), the group's lanes parked in a 64-float array between strips. Four
    // independent chains cover the FMA latency of a load-bound loop. Elements past the last
    // whole block go, by the reference's own code, to lanes 0, 1, …. The 64-float array is a
    // per-thread scratch, so a reduction allocates nothing.

    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[Reductions.LANES]);

    /** This thread's 64 lane accumulators, set to +0.0. */
    private static float[] zeroedLanes() {
        float[] lanes = SCRATCH.get();
        FloatVector zero = FloatVector.zero(F);
        for (int c = 0; c < Reductions.LANES; c += L) {
            zero.intoArray(lanes, c);
        }
        return lanes;
    }

    /**
     * The canonical tree of {@link Reductions#sumTree}: the levels {@code s >= L} as whole-vector
     * adds (lane {@code l} of one vector meets lane {@code l + s}, exactly as in the reference),
     * the last levels, inside one vector, by the reference's own code.
     */
    private static float sumTree(float[] lanes) {
        int s = Reductions.LANES / 2;
        for (; s >= L; s >>= 1) {
            for (int l = 0; l < s; l += L) {
                FloatVector.fromArray(F, lanes, l).add(FloatVector.fromArray(F, lanes, l + s)).intoArray(lanes, l);
            }
        }
        for (; s >= 1; s >>= 1) {
            for (int l = 0; l < s; l++) {
                lanes[l] += lanes[l + s];
            }
        }
        return lanes[0];
    }

    /** {@link #sumTree} with {@link Math#max}, as {@link Reductions#maxTree}. */
    private static float maxTree(float[] lanes) {
        int s = Reductions.LANES / 2;
        for (; s >= L; s >>= 1) {
            for (int l = 0; l < s; l += L) {
                FloatVector.fromArray(F, lanes, l).max(FloatVector.fromArray(F, lanes, l + s)).intoArray(lanes, l);
            }
        }
        for (; s >= 1; s >>= 1) {
            for (int l = 0; l < s; l++) {
                lanes[l] = Math.max(lanes[l], lanes[l + s]);
            }
        }
        return lanes[0];
    }

    @Override
    public float sum(float[] x, int xOff, int n) {
        checkIn(x, xOff, n);
        float[] lanes = zeroedLanes();
        int full = n & -Reductions.LANES;
        for (int s = 0; s < full; s += STRIP) {
            int e = Math.min(full, s + STRIP);
            for (int c = 0; c < Reductions.LANES; c += 4 * L) {
                FloatVector a0 = FloatVector.fromArray(F, lanes, c);
                FloatVector a1 = FloatVector.fromArray(F, lanes, c + L);
                FloatVector a2 = FloatVector.fromArray(F, lanes, c + 2 * L);
                FloatVector a3 = FloatVector.fromArray(F, lanes, c + 3 * L);
                for (int b = s + c; b < e; b += Reductions.LANES) {
                    int i = xOff + b;
                    a0 = a0.add(FloatVector.fromArray(F, x, i));
                    a1 = a1.add(FloatVector.fromArray(F, x, i + L));
                    a2 = a2.add(FloatVector.fromArray(F, x, i + 2 * L));
                    a3 = a3.add(FloatVector.fromArray(F, x, i + 3 * L));
                }
                a0.intoArray(lanes, c);
                a1.intoArray(lanes, c + L);
                a2.intoArray(lanes, c + 2 * L);
                a3.intoArray(lanes, c + 3 * L);
            }
        }
        for (int i = full; i < n; i++) {
            lanes[i - full] += x[xOff + i];
        }
        return sumTree(lanes);
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        checkIn(x, xOff, n);
        region("y", y, yOff, n);
        float[] lanes = zeroedLanes();
        int full = n & -Reductions.LANES;
        for (int s = 0; s < full; s += STRIP) {
            int e = Math.min(full, s + STRIP);
            for (int c = 0; c < Reductions.LANES; c += 4 * L) {
                FloatVector a0 = FloatVector.fromArray(F, lanes, c);
                FloatVector a1 = FloatVector.fromArray(F, lanes, c + L);
                FloatVector a2 = FloatVector.fromArray(F, lanes, c + 2 * L);
                FloatVector a3 = FloatVector.fromArray(F, lanes, c + 3 * L);
                for (int b = s + c; b < e; b += Reductions.LANES) {
                    int i = xOff + b;
                    int j = yOff + b;
                    a0 = FloatVector.fromArray(F, x, i).fma(FloatVector.fromArray(F, y, j), a0);
                    a1 = FloatVector.fromArray(F, x, i + L).fma(FloatVector.fromArray(F, y, j + L), a1);
                    a2 = FloatVector.fromArray(F, x, i + 2 * L).fma(FloatVector.fromArray(F, y, j + 2 * L), a2);
                    a3 = FloatVector.fromArray(F, x, i + 3 * L).fma(FloatVector.fromArray(F, y, j + 3 * L), a3);
                }
                a0.intoArray(lanes, c);
                a1.intoArray(lanes, c + L);
                a2.intoArray(lanes, c + 2 * L);
                a3.intoArray(lanes, c + 3 * L);
            }
        }
        for (int i = full; i < n; i++) {
            lanes[i - full] = Math.fma(x[xOff + i], y[yOff + i], lanes[i - full]);
        }
        return sumTree(lanes);
    }

    @Override
    public float sumSquares(float[] x, int xOff, int n) {
        checkIn(x, xOff, n);
        float[] lanes = zeroedLanes();
        int full = n & -Reductions.LANES;
        for (int s = 0; s < full; s += STRIP) {
            int e = Math.min(full, s + STRIP);
            for (int c = 0; c < Reductions.LANES; c += 4 * L) {
                FloatVector a0 = FloatVector.fromArray(F, lanes, c);
                FloatVector a1 = FloatVector.fromArray(F, lanes, c + L);
                FloatVector a2 = FloatVector.fromArray(F, lanes, c + 2 * L);
                FloatVector a3 = FloatVector.fromArray(F, lanes, c + 3 * L);
                for (int b = s + c; b < e; b += Reductions.LANES) {
                    int i = xOff + b;
                    FloatVector v0 = FloatVector.fromArray(F, x, i);
                    FloatVector v1 = FloatVector.fromArray(F, x, i + L);
                    FloatVector v2 = FloatVector.fromArray(F, x, i + 2 * L);
                    FloatVector v3 = FloatVector.fromArray(F, x, i + 3 * L);
                    a0 = v0.fma(v0, a0);
                    a1 = v1.fma(v1, a1);
                    a2 = v2.fma(v2, a2);
                    a3 = v3.fma(v3, a3);
                }
                a0.intoArray(lanes, c);
                a1.intoArray(lanes, c + L);
                a2.intoArray(lanes, c + 2 * L);
                a3.intoArray(lanes, c + 3 * L);
            }
        }
        for (int i = full; i < n; i++) {
            float v = x[xOff + i];
            lanes[i - full] = Math.fma(v, v, lanes[i - full]);
        }
        return sumTree(lanes);
    }

    @Override
    public float maxAbs(float[] x, int xOff, int n) {
        checkIn(x, xOff, n);
        float[] lanes = zeroedLanes();
        int full = n & -Reductions.LANES;
        for (int s = 0; s < full; s += STRIP) {
            int e = Math.min(full, s + STRIP);
            for (int c = 0; c < Reductions.LANES; c += 4 * L) {
                FloatVector a0 = FloatVector.fromArray(F, lanes, c);
                FloatVector a1 = FloatVector.fromArray(F, lanes, c + L);
                FloatVector a2 = FloatVector.fromArray(F, lanes, c + 2 * L);
                FloatVector a3 = FloatVector.fromArray(F, lanes, c + 3 * L);
                for (int b = s + c; b < e; b += Reductions.LANES) {
                    int i = xOff + b;
                    a0 = a0.max(FloatVector.fromArray(F, x, i).abs());
                    a1 = a1.max(FloatVector.fromArray(F, x, i + L).abs());
                    a2 = a2.max(FloatVector.fromArray(F, x, i + 2 * L).abs());
                    a3 = a3.max(FloatVector.fromArray(F, x, i + 3 * L).abs());
                }
                a0.intoArray(lanes, c);
                a1.intoArray(lanes, c + L);
                a2.intoArray(lanes, c + 2 * L);
                a3.intoArray(lanes, c + 3 * L);
            }
        }
        for (int i = full; i < n; i++) {
            lanes[i - full] = Math.max(lanes[i - full], Math.abs(x[xOff + i]));
        }
        return maxTree(lanes);
    }

    // ---------------------------------------------------------------- transcendental functions
    //
    // VectorMath performs LanesMath's steps lane by lane; the tail applies LanesMath itself.

    @Override
    public void exp(float[] x, int xOff, float[] y, int yOff, int n) {
        checkUnary(x, xOff, y, yOff, n);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            VectorMath.exp(FloatVector.fromArray(F, x, xOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = LanesMath.exp(x[xOff + i]);
        }
    }

    @Override
    public void log(float[] x, int xOff, float[] y, int yOff, int n) {
        checkUnary(x, xOff, y, yOff, n);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            VectorMath.log(FloatVector.fromArray(F, x, xOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = LanesMath.log(x[xOff + i]);
        }
    }

    @Override
    public void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
        checkUnary(x, xOff, y, yOff, n);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            VectorMath.tanh(FloatVector.fromArray(F, x, xOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = LanesMath.tanh(x[xOff + i]);
        }
    }

    @Override
    public void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
        checkUnary(x, xOff, y, yOff, n);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            VectorMath.sigmoid(FloatVector.fromArray(F, x, xOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = LanesMath.sigmoid(x[xOff + i]);
        }
    }

    // ---------------------------------------------------------------- element-wise

    @Override
    public void scale(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        checkUnary(x, xOff, y, yOff, n);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(F, x, xOff + i).mul(a).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = a * x[xOff + i];
        }
    }

    @Override
    public void add(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n) {
        checkBinary(x, xOff, y, yOff, z, zOff, n);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(F, x, xOff + i).add(FloatVector.fromArray(F, y, yOff + i)).intoArray(z, zOff + i);
        }
        for (; i < n; i++) {
            z[zOff + i] = x[xOff + i] + y[yOff + i];
        }
    }

    @Override
    public void multiply(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n) {
        checkBinary(x, xOff, y, yOff, z, zOff, n);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(F, x, xOff + i).mul(FloatVector.fromArray(F, y, yOff + i)).intoArray(z, zOff + i);
        }
        for (; i < n; i++) {
            z[zOff + i] = x[xOff + i] * y[yOff + i];
        }
    }

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        checkUnary(x, xOff, y, yOff, n);
        FloatVector va = FloatVector.broadcast(F, a);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            va.fma(FloatVector.fromArray(F, x, xOff + i), FloatVector.fromArray(F, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = Math.fma(a, x[xOff + i], y[yOff + i]);
        }
    }

    @Override
    public void multiplyAdd(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n) {
        checkBinary(x, xOff, y, yOff, z, zOff, n);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(F, x, xOff + i)
                    .fma(FloatVector.fromArray(F, y, yOff + i), FloatVector.fromArray(F, z, zOff + i))
                    .intoArray(z, zOff + i);
        }
        for (; i < n; i++) {
            z[zOff + i] = Math.fma(x[xOff + i], y[yOff + i], z[zOff + i]);
        }
    }

    @Override
    public void clamp(float lo, float hi, float[] x, int xOff, float[] y, int yOff, int n) {
        checkClampBounds(lo, hi);
        checkUnary(x, xOff, y, yOff, n);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(F, x, xOff + i).max(lo).min(hi).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = Math.min(Math.max(x[xOff + i], lo), hi);
        }
    }

    // ---------------------------------------------------------------- MLP forward and backward (issue 4)
    // The vector forms are in VectorMlp.

    @Override
    public void gemmForward(float[] x, int xOff, int ldx, float[] w, int wOff, int ldw, float[] b, int bOff,
                            float[] y, int yOff, int ldy, int rows, int in, int out) {
        MatrixChecks.gemmForward(x, xOff, ldx, w, wOff, ldw, b, bOff, y, yOff, ldy, rows, in, out);
        VectorMlp.gemmForward(x, xOff, ldx, w, wOff, ldw, b, bOff, y, yOff, ldy, rows, in, out);
    }

    @Override
    public void gemmBackwardWeights(float[] x, int xOff, int ldx, float[] dy, int dyOff, int lddy,
                                    float[] dw, int dwOff, int lddw, int rows, int in, int out) {
        MatrixChecks.gemmBackwardWeights(x, xOff, ldx, dy, dyOff, lddy, dw, dwOff, lddw, rows, in, out);
        VectorMlp.gemmBackwardWeights(x, xOff, ldx, dy, dyOff, lddy, dw, dwOff, lddw, rows, in, out);
    }

    @Override
    public void biasBackward(float[] dy, int dyOff, int lddy, float[] db, int dbOff, int rows, int out) {
        MatrixChecks.biasBackward(dy, dyOff, lddy, db, dbOff, rows, out);
        VectorMlp.biasBackward(dy, dyOff, lddy, db, dbOff, rows, out);
    }

    @Override
    public void gemmBackwardInput(float[] dy, int dyOff, int lddy, float[] wt, int wtOff, int ldwt,
                                  float[] dx, int dxOff, int lddx, int rows, int out, int in) {
        MatrixChecks.gemmBackwardInput(dy, dyOff, lddy, wt, wtOff, ldwt, dx, dxOff, lddx, rows, out, in);
        VectorMlp.gemmForward(dy, dyOff, lddy, wt, wtOff, ldwt, null, 0, dx, dxOff, lddx, rows, out, in);
    }

    @Override
    public void transpose(float[] a, int aOff, int lda, float[] t, int tOff, int ldt, int rows, int cols) {
        MatrixChecks.transpose(a, aOff, lda, t, tOff, ldt, rows, cols);
        VectorMlp.transpose(a, aOff, lda, t, tOff, ldt, rows, cols);
    }

    @Override
    public void reluForward(float[] x, int xOff, float[] y, int yOff, int n) {
        MatrixChecks.unary("x", x, xOff, "y", y, yOff, n);
        VectorMlp.reluForward(x, xOff, y, yOff, n);
    }

    @Override
    public void reluBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MatrixChecks.backward(y, yOff, dy, dyOff, dx, dxOff, n);
        VectorMlp.reluBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void leakyReluForward(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        MatrixChecks.leakySlope(alpha);
        MatrixChecks.unary("x", x, xOff, "y", y, yOff, n);
        VectorMlp.leakyReluForward(alpha, x, xOff, y, yOff, n);
    }

    @Override
    public void leakyReluBackward(float alpha, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MatrixChecks.leakySlope(alpha);
        MatrixChecks.backward(y, yOff, dy, dyOff, dx, dxOff, n);
        VectorMlp.leakyReluBackward(alpha, y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void sigmoidBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MatrixChecks.backward(y, yOff, dy, dyOff, dx, dxOff, n);
        VectorMlp.sigmoidBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void tanhBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MatrixChecks.backward(y, yOff, dy, dyOff, dx, dxOff, n);
        VectorMlp.tanhBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void softmaxForward(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        MatrixChecks.rowwise(x, xOff, y, yOff, rows, cols);
        VectorMlp.softmaxForward(x, xOff, y, yOff, rows, cols);
    }

    @Override
    public void softmaxBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int rows, int cols) {
        MatrixChecks.softmaxBackward(y, yOff, dy, dyOff, dx, dxOff, rows, cols);
        VectorMlp.softmaxBackward(y, yOff, dy, dyOff, dx, dxOff, rows, cols);
    }

    @Override
    public float softmaxCrossEntropy(float[] logits, int logitsOff, int[] labels, int labelsOff,
                                     float[] dLogits, int dLogitsOff, float[] rowLoss, int rowLossOff,
                                     int rows, int classes, int batchRows) {
        MatrixChecks.softmaxCrossEntropy(logits, logitsOff, labels, labelsOff, dLogits, dLogitsOff,
                rowLoss, rowLossOff, rows, classes, batchRows);
        return VectorMlp.softmaxCrossEntropy(logits, logitsOff, labels, labelsOff, dLogits, dLogitsOff,
                rowLoss, rowLossOff, rows, classes, batchRows);
    }

    @Override
    public float mseLoss(float[] y, int yOff, float[] target, int targetOff, float[] dy, int dyOff,
                         float[] rowLoss, int rowLossOff, int rows, int cols, int batchRows) {
        MatrixChecks.mseLoss(y, yOff, target, targetOff, dy, dyOff, rowLoss, rowLossOff, rows, cols, batchRows);
        return VectorMlp.mseLoss(y, yOff, target, targetOff, dy, dyOff, rowLoss, rowLossOff, rows, cols, batchRows);
    }

    // ================================================================ optimizer steps (issue 3, branch optim)
    // Arguments checked by StepChecks, then the per-element code of VectorOptimizerSteps.

    @Override
    public void sgdStep(float[] p, int pOff, float[] g, int gOff, int n, float lr, float weightDecay) {
        StepChecks.params(p, pOff, g, gOff, n);
        VectorOptimizerSteps.sgd(p, pOff, g, gOff, n, lr, weightDecay);
    }

    @Override
    public void momentumStep(float[] p, int pOff, float[] g, int gOff, float[] b, int bOff, int n, float lr,
            float weightDecay, float momentum, float oneMinusDampening, boolean nesterov, boolean first) {
        StepChecks.step(p, pOff, g, gOff, n, true, "b", b, bOff, false, null, null, 0, false, null, null, 0);
        VectorOptimizerSteps.momentum(p, pOff, g, gOff, b, bOff, n, lr, weightDecay, momentum, oneMinusDampening,
                nesterov, first);
    }

    @Override
    public void velocityStep(float[] p, int pOff, float[] g, int gOff, float[] v, int vOff, int n, float lr,
            float weightDecay, float alpha) {
        StepChecks.step(p, pOff, g, gOff, n, true, "v", v, vOff, false, null, null, 0, false, null, null, 0);
        VectorOptimizerSteps.velocity(p, pOff, g, gOff, v, vOff, n, lr, weightDecay, alpha);
    }

    @Override
    public void adagradStep(float[] p, int pOff, float[] g, int gOff, float[] s, int sOff, int n, float lr,
            float weightDecay, float eps) {
        StepChecks.step(p, pOff, g, gOff, n, true, "s", s, sOff, false, null, null, 0, false, null, null, 0);
        VectorOptimizerSteps.adagrad(p, pOff, g, gOff, s, sOff, n, lr, weightDecay, eps);
    }

    @Override
    public void rmspropStep(float[] p, int pOff, float[] g, int gOff, float[] r, int rOff, float[] a, int aOff,
            float[] b, int bOff, int n, float lr, float weightDecay, float alpha, float oneMinusAlpha, float eps,
            float momentum, boolean centered, boolean epsInside) {
        StepChecks.step(p, pOff, g, gOff, n, true, "r", r, rOff, centered, "a", a, aOff, momentum != 0f, "b", b, bOff);
        VectorOptimizerSteps.rmsprop(p, pOff, g, gOff, r, rOff, a, aOff, b, bOff, n, lr, weightDecay, alpha,
                oneMinusAlpha, eps, momentum, centered, epsInside);
    }

    @Override
    public void adadeltaStep(float[] p, int pOff, float[] g, int gOff, float[] r, int rOff, float[] u, int uOff,
            int n, float lr, float weightDecay, float rho, float oneMinusRho, float eps) {
        StepChecks.step(p, pOff, g, gOff, n, true, "r", r, rOff, true, "u", u, uOff, false, null, null, 0);
        VectorOptimizerSteps.adadelta(p, pOff, g, gOff, r, rOff, u, uOff, n, lr, weightDecay, rho, oneMinusRho, eps);
    }

    @Override
    public void adamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff,
            float[] vMax, int vMaxOff, int n, float stepSize, float weightDecay, float decay, float beta1,
            float oneMinusBeta1, float beta2, float oneMinusBeta2, float bc2, float bc2Sqrt, float eps,
            boolean amsgrad, boolean epsInside) {
        StepChecks.step(p, pOff, g, gOff, n, true, "m", m, mOff, true, "v", v, vOff, amsgrad, "vMax", vMax, vMaxOff);
        VectorOptimizerSteps.adam(p, pOff, g, gOff, m, mOff, v, vOff, vMax, vMaxOff, n, stepSize, weightDecay, decay,
                beta1, oneMinusBeta1, beta2, oneMinusBeta2, bc2, bc2Sqrt, eps, amsgrad, epsInside);
    }

    @Override
    public void adamaxStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] u, int uOff, int n,
            float stepSize, float weightDecay, float beta1, float oneMinusBeta1, float beta2, float eps) {
        StepChecks.step(p, pOff, g, gOff, n, true, "m", m, mOff, true, "u", u, uOff, false, null, null, 0);
        VectorOptimizerSteps.adamax(p, pOff, g, gOff, m, mOff, u, uOff, n, stepSize, weightDecay, beta1,
                oneMinusBeta1, beta2, eps);
    }

    @Override
    public void nadamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff, int n,
            float gradStep, float avgStep, float weightDecay, float beta1, float oneMinusBeta1, float beta2,
            float oneMinusBeta2, float bc2Sqrt, float eps) {
        StepChecks.step(p, pOff, g, gOff, n, true, "m", m, mOff, true, "v", v, vOff, false, null, null, 0);
        VectorOptimizerSteps.nadam(p, pOff, g, gOff, m, mOff, v, vOff, n, gradStep, avgStep, weightDecay, beta1,
                oneMinusBeta1, beta2, oneMinusBeta2, bc2Sqrt, eps);
    }

    @Override
    public void radamStep(float[] p, int pOff, float[] g, int gOff, float[] m, int mOff, float[] v, int vOff, int n,
            float lr, float weightDecay, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
            float bc1, float bc2Sqrt, float rect, float eps, boolean rectified) {
        StepChecks.step(p, pOff, g, gOff, n, true, "m", m, mOff, true, "v", v, vOff, false, null, null, 0);
        VectorOptimizerSteps.radam(p, pOff, g, gOff, m, mOff, v, vOff, n, lr, weightDecay, beta1, oneMinusBeta1,
                beta2, oneMinusBeta2, bc1, bc2Sqrt, rect, eps, rectified);
    }

    @Override
    public void rpropStep(float[] p, int pOff, float[] g, int gOff, float[] prev, int prevOff, float[] size,
            int sizeOff, int n, float etaMinus, float etaPlus, float minStep, float maxStep) {
        StepChecks.step(p, pOff, g, gOff, n, true, "prev", prev, prevOff, true, "size", size, sizeOff, false, null,
                null, 0);
        VectorOptimizerSteps.rprop(p, pOff, g, gOff, prev, prevOff, size, sizeOff, n, etaMinus, etaPlus, minStep,
                maxStep);
    }

    @Override
    public void asgdStep(float[] p, int pOff, float[] g, int gOff, float[] ax, int axOff, int n, float eta,
            float weightDecay, float decay, float mu) {
        StepChecks.step(p, pOff, g, gOff, n, true, "ax", ax, axOff, false, null, null, 0, false, null, null, 0);
        VectorOptimizerSteps.asgd(p, pOff, g, gOff, ax, axOff, n, eta, weightDecay, decay, mu);
    }

    @Override
    public void quickpropStep(float[] p, int pOff, float[] g, int gOff, float[] prevG, int prevGOff, float[] prevS,
            int prevSOff, int n, float lr, float weightDecay, float maxGrowth) {
        StepChecks.step(p, pOff, g, gOff, n, true, "prevG", prevG, prevGOff, true, "prevS", prevS, prevSOff, false,
                null, null, 0);
        VectorOptimizerSteps.quickprop(p, pOff, g, gOff, prevG, prevGOff, prevS, prevSOff, n, lr, weightDecay,
                maxGrowth);
    }
}
