package dev.lanes.kernel;

import static dev.lanes.kernel.internal.Checks.checkBinary;
import static dev.lanes.kernel.internal.Checks.checkClampBounds;
import static dev.lanes.kernel.internal.Checks.checkIn;
import static dev.lanes.kernel.internal.Checks.checkUnary;
import static dev.lanes.kernel.internal.Checks.region;

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
}
