package dev.lanes.kernel;

/**
 * Lanes' own transcendental functions on floats: one algorithm each, in basic IEEE operations
 * ({@code + - * /}, {@link Math#fma} where a fused step is meant, comparisons and selects) and
 * bit manipulation, so that the result is identical on every CPU and JVM. The vector kernels in
 * {@code vectorops} execute the same steps, in the same order, lane by lane.
 *
 * <p>Accuracy is stated against the exactly rounded value of the true function, taken as
 * {@code (float) StrictMath.f((double) x)} (for {@link #sigmoid} the double expression
 * {@code 1 / (1 + StrictMath.exp(-(double) x))} rounded to float), in ulps: the distance between
 * the two floats counted on the ordered integer representation of floats. The bounds in each
 * method's documentation were measured over every float of the range given there
 * ({@code LanesMathSweepTest}, tagged {@code slow}); outside it the results are the special values,
 * exact.
 */
public final class LanesMath {
    private LanesMath() {}

    // ---------------------------------------------------------------- constants shared by the vector form

    /** ln 2 rounded to float, and the remainder ln 2 − LN2_HI rounded to float. */
    static final float LN2_HI = 0x1.62e43p-1f;
    static final float LN2_LO = -0x1.05c61p-29f;
    static final float LOG2E = 0x1.715476p0f;
    /** 1.5·2^23: adding it to a float of magnitude below 2^22 rounds that float to an integer. */
    static final float SHIFT = 0x1.8p23f;
    static final int SHIFT_BITS = 0x4b400000;

    /** exp: arguments are clamped to [EXP_LO, EXP_HI], which keeps the scale 2^n within [2^-150, 2^128]. */
    static final float EXP_LO = -104f;
    static final float EXP_HI = 89f;
    /** The largest float whose exp rounds to a finite float, and the smallest whose exp rounds above 0. */
    static final float EXP_OVERFLOW = 0x1.62e42ep6f;
    static final float EXP_UNDERFLOW = -0x1.9fe368p6f;
    /** exp(r) = 1 + r + r²·(E0 + E1·r + E2·r² + E3·r³ + E4·r⁴) on |r| ≤ ln2/2 (Chebyshev fit). */
    static final float E0 = 0x1.0p-1f;
    static final float E1 = 0x1.5554d8p-3f;
    static final float E2 = 0x1.555516p-5f;
    static final float E3 = 0x1.12106cp-7f;
    static final float E4 = 0x1.6d1606p-10f;

    /** log: the bits of √½ rounded to float; mantissas are reduced into [√½, √2). */
    static final int SQRT_HALF_BITS = 0x3f3504f3;
    /** log(1+f) = 2·atanh(s), s = f/(2+f), z = s²: 2·atanh(s)/s − 2 = z·(L0 + L1·z + L2·z² + L3·z³). */
    static final float L0 = 0x1.555556p-1f;
    static final float L1 = 0x1.9999eep-2f;
    static final float L2 = 0x1.245b28p-2f;
    static final float L3 = 0x1.de0b02p-3f;

    /** tanh: below TANH_SMALL, tanh(a) = a + a³·(T0 + T1·a² + … + T6·a¹²) (Chebyshev fit on [0, 0.625]). */
    static final float TANH_SMALL = 0.625f;
    static final float T0 = -0x1.555556p-2f;
    static final float T1 = 0x1.11111p-3f;
    static final float T2 = -0x1.ba1a58p-5f;
    static final float T3 = 0x1.66270cp-6f;
    static final float T4 = -0x1.20104ap-7f;
    static final float T5 = 0x1.b15b42p-9f;
    static final float T6 = -0x1.c40cc8p-11f;

    // ---------------------------------------------------------------- functions

    /**
     * e<sup>x</sup>. With n = round(x/ln2) (by the 1.5·2<sup>23</sup> shifter) and
     * r = x − n·ln2 (two fused steps, ln2 in two parts), e<sup>x</sup> = 2<sup>n</sup>·p(r), p a
     * degree-6 polynomial; the scale 2<sup>n</sup> is applied as two exact powers of two so that
     * a subnormal result is rounded once, by the last multiplication (gradual underflow).
     * {@code x > 88.72283} gives +∞ and {@code x < -103.97208} gives +0, exactly where the
     * rounded true result does; NaN gives NaN.
     *
     * <p>Measured maximum error: MEASURED_EXP.
     */
    public static float exp(float x) {
        float xc = Math.min(Math.max(x, EXP_LO), EXP_HI);
        float k = Math.fma(xc, LOG2E, SHIFT);
        int n = Float.floatToRawIntBits(k) - SHIFT_BITS;
        float kf = k - SHIFT;
        float r = Math.fma(kf, -LN2_HI, xc);
        r = Math.fma(kf, -LN2_LO, r);
        float q = Math.fma(Math.fma(Math.fma(Math.fma(E4, r, E3), r, E2), r, E1), r, E0);
        float p = 1f + Math.fma(r * r, q, r);
        int n1 = n >> 1;
        float y = p * pow2(n - n1) * pow2(n1);
        y = x > EXP_OVERFLOW ? Float.POSITIVE_INFINITY : y;
        return x < EXP_UNDERFLOW ? 0f : y;
    }

    /**
     * The natural logarithm. A subnormal x is first scaled by 2<sup>23</sup>; then
     * x = 2<sup>n</sup>·m with m in [√½, √2), f = m − 1 (exact), s = f/(2+f), and
     * log x = n·ln2 + f − ½f² + s·(½f² + R(s²)), R a degree-4 polynomial. Like StrictMath:
     * log(±0) = −∞, log(x &lt; 0) = NaN, log(+∞) = +∞, log(NaN) = NaN.
     *
     * <p>Measured maximum error: MEASURED_LOG.
     */
    public static float log(float x) {
        boolean sub = x < Float.MIN_NORMAL;
        float xs = sub ? x * 0x1p23f : x;
        int ix = Float.floatToRawIntBits(xs) - SQRT_HALF_BITS;
        int e = (ix >> 23) - (sub ? 23 : 0);
        float m = Float.intBitsToFloat((ix & 0x007fffff) + SQRT_HALF_BITS);
        float f = m - 1f;
        float s = f / (2f + f);
        float z = s * s;
        float rz = z * Math.fma(Math.fma(Math.fma(L3, z, L2), z, L1), z, L0);
        float hfsq = 0.5f * f * f;
        float nf = e;
        float t = Math.fma(s, hfsq + rz, nf * LN2_LO);
        float y = Math.fma(nf, LN2_HI, f - (hfsq - t));
        y = x == Float.POSITIVE_INFINITY ? x : y;
        y = x == 0f ? Float.NEGATIVE_INFINITY : y;
        return x >= 0f ? y : Float.NaN;
    }

    /**
     * The hyperbolic tangent, odd: with a = |x|, below 0.625 tanh a = a + a³·P(a²), P of degree
     * 6; from there 1 − 2/(e<sup>2a</sup> + 1) by {@link #exp}, which reaches exactly 1 where the
     * rounded true result does (|x| above about 9.01); the sign of x is then copied onto the result,
     * so tanh(±0) = ±0 and tanh(±∞) = ±1. NaN gives NaN.
     *
     * <p>Measured maximum error: MEASURED_TANH.
     */
    public static float tanh(float x) {
        int sign = Float.floatToRawIntBits(x) & 0x80000000;
        float a = Float.intBitsToFloat(Float.floatToRawIntBits(x) ^ sign);
        float z = a * a;
        float p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(T6, z, T5), z, T4), z, T3), z, T2), z, T1), z, T0);
        float small = Math.fma(a * z, p, a);
        float big = 1f - 2f / (exp(a + a) + 1f);
        float t = a < TANH_SMALL ? small : big;
        return Float.intBitsToFloat(Float.floatToRawIntBits(t) | sign);
    }

    /**
     * The logistic function 1/(1 + e<sup>−x</sup>). With E = {@link #exp}(−|x|) and d = 1 + E:
     * 1/d for x ≥ 0 and E/d for x &lt; 0, so neither side overflows and the negative side keeps
     * the subnormal results of exp. sigmoid(−∞) = 0, sigmoid(+∞) = 1, sigmoid(±0) = ½, NaN gives NaN.
     *
     * <p>Measured maximum error: MEASURED_SIGMOID.
     */
    public static float sigmoid(float x) {
        float e = exp(-Math.abs(x));
        float d = 1f + e;
        float dlo = e - (d - 1f);
        float num = x < 0f ? e : 1f;
        float q = num / d;
        float c = Math.fma(-q, dlo, Math.fma(-q, d, num));
        return q + c / d;
    }

    private static float pow2(int n) {
        return Float.intBitsToFloat((n + 127) << 23);
    }
}
