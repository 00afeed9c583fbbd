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
import dev.lanes.kernel.internal.Reductions;
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
    // whole block go, by the reference's own code, to lanes 0, 1, ….

    @Override
    public float sum(float[] x, int xOff, int n) {
        checkIn(x, xOff, n);
        float[] lanes = new float[Reductions.LANES];
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
        checkIn(x, xOff, n);
        region("y", y, yOff, n);
        float[] lanes = new float[Reductions.LANES];
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
        checkIn(x, xOff, n);
        float[] lanes = new float[Reductions.LANES];
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
        checkIn(x, xOff, n);
        float[] lanes = new float[Reductions.LANES];
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
}
