package dev.lanes.vectorops;

import static dev.lanes.vectorops.Species.F;
import static dev.lanes.vectorops.Species.L;

import dev.lanes.kernel.KernelInfo;
import dev.lanes.kernel.LanesMath;
import dev.lanes.kernel.internal.KernelBackend;
import dev.lanes.kernel.internal.Reductions;
import dev.lanes.kernel.internal.StepKernels;
import jdk.incubator.vector.FloatVector;

/**
 * The Vector API backend of {@code dev.lanes.kernel.Kernels}, at the width of {@link Species#F}.
 * Every kernel performs the scalar reference's operations in the reference's order, lane by lane,
 * and so returns the reference's bits; where the reference uses {@link Math#fma}, so does this
 * code (on a CPU without FMA hardware that is slow, but never wrong). The facade has checked the
 * arguments. The matrix products are in {@link VectorGemm}, the activations in
 * {@link VectorActivations}, softmax and the losses in {@link VectorLosses}, the step kernels in
 * {@link VectorOptimizerSteps}.
 */
public final class VectorKernels implements KernelBackend {
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
    // bits, two at 256), the group's lanes parked in the 64-float array of Reductions.lanes()
    // between strips. Four independent chains cover the FMA latency of a load-bound loop.
    // Elements past the last whole block go, by the reference's own code, to lanes 0, 1, …; the
    // lanes then meet in the one canonical tree, Reductions.sumTree.

    @Override
    public float sum(float[] x, int xOff, int n) {
        float[] lanes = Reductions.lanes();
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
        return Reductions.sumTree(lanes);
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        float[] lanes = Reductions.lanes();
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
        return Reductions.sumTree(lanes);
    }

    @Override
    public float sumSquares(float[] x, int xOff, int n) {
        float[] lanes = Reductions.lanes();
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
        return Reductions.sumTree(lanes);
    }

    @Override
    public float maxAbs(float[] x, int xOff, int n) {
        float[] lanes = Reductions.lanes();
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
        return Reductions.maxTree(lanes);
    }

    // ---------------------------------------------------------------- transcendental functions
    //
    // VectorMath performs LanesMath's steps lane by lane; the tail applies LanesMath itself.

    @Override
    public void exp(float[] x, int xOff, float[] y, int yOff, int n) {
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
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(F, x, xOff + i).max(lo).min(hi).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = Math.min(Math.max(x[xOff + i], lo), hi);
        }
    }

    // ---------------------------------------------------------------- MLP forward and backward
    // The vector forms are in VectorGemm.

    @Override
    public void gemmForward(float[] x, int xOff, int ldx, float[] w, int wOff, int ldw, float[] b, int bOff,
                            float[] y, int yOff, int ldy, int rows, int in, int out) {
        VectorGemm.gemmForward(x, xOff, ldx, w, wOff, ldw, b, bOff, y, yOff, ldy, rows, in, out);
    }

    @Override
    public void gemmBackwardWeights(float[] x, int xOff, int ldx, float[] dy, int dyOff, int lddy,
                                    float[] dw, int dwOff, int lddw, int rows, int in, int out) {
        VectorGemm.gemmBackwardWeights(x, xOff, ldx, dy, dyOff, lddy, dw, dwOff, lddw, rows, in, out);
    }

    @Override
    public void biasBackward(float[] dy, int dyOff, int lddy, float[] db, int dbOff, int rows, int out) {
        VectorGemm.biasBackward(dy, dyOff, lddy, db, dbOff, rows, out);
    }

    @Override
    public void gemmBackwardInput(float[] dy, int dyOff, int lddy, float[] wt, int wtOff, int ldwt,
                                  float[] dx, int dxOff, int lddx, int rows, int out, int in) {
        VectorGemm.gemmForward(dy, dyOff, lddy, wt, wtOff, ldwt, null, 0, dx, dxOff, lddx, rows, out, in);
    }

    @Override
    public void transpose(float[] a, int aOff, int lda, float[] t, int tOff, int ldt, int rows, int cols) {
        VectorGemm.transpose(a, aOff, lda, t, tOff, ldt, rows, cols);
    }

    @Override
    public void reluForward(float[] x, int xOff, float[] y, int yOff, int n) {
        VectorActivations.reluForward(x, xOff, y, yOff, n);
    }

    @Override
    public void reluBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        VectorActivations.reluBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void leakyReluForward(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        VectorActivations.leakyReluForward(alpha, x, xOff, y, yOff, n);
    }

    @Override
    public void leakyReluBackward(float alpha, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        VectorActivations.leakyReluBackward(alpha, y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void sigmoidBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        VectorActivations.sigmoidBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void tanhBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        VectorActivations.tanhBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void softmaxForward(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        VectorLosses.softmaxForward(x, xOff, y, yOff, rows, cols);
    }

    @Override
    public void softmaxBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int rows, int cols) {
        VectorLosses.softmaxBackward(y, yOff, dy, dyOff, dx, dxOff, rows, cols);
    }

    @Override
    public float softmaxCrossEntropy(float[] logits, int logitsOff, int[] labels, int labelsOff,
                                     float[] dLogits, int dLogitsOff, float[] rowLoss, int rowLossOff,
                                     int rows, int classes, int batchRows) {
        return VectorLosses.softmaxCrossEntropy(logits, logitsOff, labels, labelsOff, dLogits, dLogitsOff,
                rowLoss, rowLossOff, rows, classes, batchRows);
    }

    @Override
    public float mseLoss(float[] y, int yOff, float[] target, int targetOff, float[] dy, int dyOff,
                         float[] rowLoss, int rowLossOff, int rows, int cols, int batchRows) {
        return VectorLosses.mseLoss(y, yOff, target, targetOff, dy, dyOff, rowLoss, rowLossOff, rows, cols, batchRows);
    }

    // ---------------------------------------------------------------- optimizer steps

    @Override
    public StepKernels steps() {
        return VectorOptimizerSteps.INSTANCE;
    }
}
