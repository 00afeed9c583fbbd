package dev.lanes.kernel;

/**
 * Lanes' own transcendental functions on floats: one algorithm each, in basic IEEE operations
 * and bit manipulation, so that the result is identical on every CPU and JVM. The vector
 * kernels in {@code vectorops} execute the same steps lane by lane.
 */
public final class LanesMath {
    private LanesMath() {}

    // TEMPORARY: placeholders until the deterministic algorithms land (issue 2, item 5).
    public static float exp(float x) { return (float) StrictMath.exp(x); }
    public static float log(float x) { return (float) StrictMath.log(x); }
    public static float tanh(float x) { return (float) StrictMath.tanh(x); }
    public static float sigmoid(float x) { return (float) (1 / (1 + StrictMath.exp(-x))); }
}
