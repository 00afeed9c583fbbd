package dev.lanes.kernel.internal;

/**
 * The canonical order of every contiguous reduction (DESIGN rule 3), shared by the scalar
 * reference and the vector kernels so that there is one definition of it.
 *
 * <p>Element {@code i} of a reduction is accumulated, in index order starting from +0.0, into
 * virtual lane {@code i mod 64}; then the 64 lanes are combined by the fixed pairwise tree
 * {@code lane[l] += lane[l + s]} for {@code s = 32, 16, 8, 4, 2, 1}. A vector kernel of width
 * {@code w} lanes keeps {@code 64 / w} vector accumulators, which hold exactly these lanes.
 */
public final class Reductions {
    /** The number of virtual lanes of the canonical order. */
    public static final int LANES = 64;

    private Reductions() {}

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
}
