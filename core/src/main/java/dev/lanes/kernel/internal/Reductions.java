package dev.lanes.kernel.internal;

import java.util.Arrays;

/**
 * The canonical order of every contiguous reduction (docs/DESIGN.md rule 3), written once: the
 * scalar reference and the vector kernels both end in {@link #sumTree} or {@link #maxTree}.
 *
 * <p>Element {@code i} of a reduction is accumulated, in index order starting from +0.0, into
 * virtual lane {@code i mod 64}; then the 64 lanes are combined by the fixed pairwise tree
 * {@code lane[l] += lane[l + s]} for {@code s = 32, 16, 8, 4, 2, 1}. A vector kernel of width
 * {@code w} lanes keeps {@code 64 / w} vector accumulators, which hold exactly these lanes, and
 * hands them to the same tree.
 *
 * <p>The lanes live in a per-thread array ({@link #lanes()}), so a reduction allocates nothing.
 */
public final class Reductions {
    /** The number of virtual lanes of the canonical order. */
    public static final int LANES = 64;

    private static final ThreadLocal<float[]> LANE_SCRATCH = ThreadLocal.withInitial(() -> new float[LANES]);

    private Reductions() {}

    /**
     * This thread's 64 lane accumulators, set to +0.0: valid until the thread's next reduction
     * (reductions do not nest).
     */
    public static float[] lanes() {
        float[] lanes = LANE_SCRATCH.get();
        Arrays.fill(lanes, 0f);
        return lanes;
    }

    /** Combines 64 lane sums by the canonical pairwise tree; overwrites {@code lanes}. */
    public static float sumTree(float[] lanes) {
        for (int s = LANES / 2; s >= 1; s >>= 1) {
            for (int l = 0; l < s; l++) {
                lanes[l] += lanes[l + s];
            }
        }
        return lanes[0];
    }

    /** Combines 64 lane maxima by the same tree with {@link Math#max}; overwrites {@code lanes}. */
    public static float maxTree(float[] lanes) {
        for (int s = LANES / 2; s >= 1; s >>= 1) {
            for (int l = 0; l < s; l++) {
                lanes[l] = Math.max(lanes[l], lanes[l + s]);
            }
        }
        return lanes[0];
    }

    /** The reference of {@code Kernels.sum}: {@code Σ x[i]}. */
    public static float sum(float[] x, int xOff, int n) {
        float[] lanes = lanes();
        for (int i = 0; i < n; i++) {
            lanes[i & (LANES - 1)] += x[xOff + i];
        }
        return sumTree(lanes);
    }

    /** The reference of {@code Kernels.dot}: {@code Σ x[i]·y[i]}, each lane by fma. */
    public static float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        float[] lanes = lanes();
        for (int i = 0; i < n; i++) {
            int l = i & (LANES - 1);
            lanes[l] = Math.fma(x[xOff + i], y[yOff + i], lanes[l]);
        }
        return sumTree(lanes);
    }

    /** The reference of {@code Kernels.sumSquares}: {@code Σ x[i]²}, each lane by fma. */
    public static float sumSquares(float[] x, int xOff, int n) {
        float[] lanes = lanes();
        for (int i = 0; i < n; i++) {
            int l = i & (LANES - 1);
            float v = x[xOff + i];
            lanes[l] = Math.fma(v, v, lanes[l]);
        }
        return sumTree(lanes);
    }

    /** The reference of {@code Kernels.maxAbs}: {@code max |x[i]|} by {@link Math#max} (NaN wins). */
    public static float maxAbs(float[] x, int xOff, int n) {
        float[] lanes = lanes();
        for (int i = 0; i < n; i++) {
            int l = i & (LANES - 1);
            lanes[l] = Math.max(lanes[l], Math.abs(x[xOff + i]));
        }
        return maxTree(lanes);
    }

    /** {@code (Σ a[i]) / n} in canonical order; +0.0 when {@code n == 0}. */
    public static float mean(float[] a, int off, int n) {
        return n == 0 ? 0f : sum(a, off, n) / n;
    }
}
