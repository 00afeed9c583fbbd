package dev.lanes.nn;

/**
 * Weight initialisations, drawn from an {@link Rng} so that they are the same on every JVM.
 * For a layer with {@code in} inputs and {@code out} outputs, the weights are drawn in storage
 * order ({@code W[k][j]} row-major, {@code k < in}, {@code j < out}), one draw per weight, layer
 * after layer; biases start at +0.0. With {@code u = rng.nextDouble()} and
 * {@code g = rng.nextGaussian()}, the weight is the float nearest to:
 * <ul>
 * <li>{@link #XAVIER_UNIFORM}: {@code (2u − 1) · √(6 / (in + out))} (Glorot and Bengio, 2010);</li>
 * <li>{@link #XAVIER_NORMAL}: {@code g · √(2 / (in + out))};</li>
 * <li>{@link #HE_UNIFORM}: {@code (2u − 1) · √(6 / in)} (He et al., 2015);</li>
 * <li>{@link #HE_NORMAL}: {@code g · √(2 / in)}.</li>
 * </ul>
 * computed in double with {@link StrictMath#sqrt}.
 */
public enum Init {
    /** Glorot/Xavier uniform: for sigmoid, tanh and linear layers. */
    XAVIER_UNIFORM,
    /** Glorot/Xavier normal. */
    XAVIER_NORMAL,
    /** He/Kaiming uniform: for ReLU layers. */
    HE_UNIFORM,
    /** He/Kaiming normal: for ReLU layers. */
    HE_NORMAL;

    /** Fills {@code w[off, off + in·out)} for a layer of {@code in} inputs and {@code out} outputs. */
    void fill(Rng rng, float[] w, int off, int in, int out) {
        int n = in * out;
        switch (this) {
            case XAVIER_UNIFORM -> uniform(rng, w, off, n, StrictMath.sqrt(6.0 / (in + out)));
            case XAVIER_NORMAL -> normal(rng, w, off, n, StrictMath.sqrt(2.0 / (in + out)));
            case HE_UNIFORM -> uniform(rng, w, off, n, StrictMath.sqrt(6.0 / in));
            case HE_NORMAL -> normal(rng, w, off, n, StrictMath.sqrt(2.0 / in));
        }
    }

    private static void uniform(Rng rng, float[] w, int off, int n, double limit) {
        for (int i = 0; i < n; i++) {
            w[off + i] = (float) ((2.0 * rng.nextDouble() - 1.0) * limit);
        }
    }

    private static void normal(Rng rng, float[] w, int off, int n, double std) {
        for (int i = 0; i < n; i++) {
            w[off + i] = (float) (rng.nextGaussian() * std);
        }
    }
}
