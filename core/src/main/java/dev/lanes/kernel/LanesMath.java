package dev.lanes.kernel;

import static dev.lanes.kernel.internal.MathConstants.*;

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
 * method's documentation were measured over every float of the range given there by
 * {@code LanesMathSweepTest} (tagged {@code slow}; its documentation gives the command); outside
 * that range every result is a special value (0, ±1, ±∞, NaN), StrictMath's exactly. In short:
 *
 * <table>
 *   <caption>Maximum error against the exactly rounded result</caption>
 *   <tr><th>function</th><th>range swept (every float)</th><th>max error</th></tr>
 *   <tr><td>exp</td><td>[−104, 89]</td><td>1 ulp</td></tr>
 *   <tr><td>log</td><td>(0, Float.MAX_VALUE], subnormals included</td><td>1 ulp</td></tr>
 *   <tr><td>tanh</td><td>[−9.1, 9.1]</td><td>1 ulp</td></tr>
 *   <tr><td>sigmoid</td><td>[−104, 17.4]</td><td>1 ulp</td></tr>
 * </table>
 *
 * <p>All four are monotone, like the true functions: no result is below the result of the
 * preceding float.
 */
public final class LanesMath {
    private LanesMath() {}

    // ---------------------------------------------------------------- functions

    /**
     * e<sup>x</sup>. With n = round(x/ln2) (by the 1.5·2<sup>23</sup> shifter) and
     * r = x − n·ln2 (two fused steps, ln2 in two parts), e<sup>x</sup> = 2<sup>n</sup>·p(r), p a
     * degree-6 polynomial; the scale 2<sup>n</sup> is applied as two exact powers of two so that
     * a subnormal result is rounded once, by the last multiplication (gradual underflow).
     * {@code x > 88.72283} gives +∞ and {@code x < -103.97208} gives +0, exactly where the
     * rounded true result does; NaN gives NaN.
     *
     * <p>Measured maximum error: <b>1 ulp</b> over every float in [−104, 89]
     * (2,239,889,409 floats; 99.2% exactly rounded, the rest 1 ulp off), non-decreasing
     * throughout; outside that range the results are +0 and +∞, exact.
     */
    public static float exp(float x) {
        float xc = Math.min(Math.max(x, EXP_LO), EXP_HI);
        float k = Math.fma(xc, LOG2E, SHIFT);
        float p = 1f + expm1Reduced(xc, k);
        int n = Float.floatToRawIntBits(k) - SHIFT_BITS;
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
     * <p>Measured maximum error: <b>1 ulp</b> over every positive finite float, subnormals
     * included (2,139,095,039 floats; 99.4% exactly rounded, the rest 1 ulp off), non-decreasing
     * throughout.
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
     * <p>Measured maximum error: <b>1 ulp</b> over every float in [−9.1, 9.1]
     * (2,183,344,949 floats; 99.75% exactly rounded, the rest 1 ulp off), non-decreasing
     * throughout; beyond that range the results are ±1, exact.
     */
    public static float tanh(float x) {
        int sign = Float.floatToRawIntBits(x) & 0x80000000;
        float a = Float.intBitsToFloat(Float.floatToRawIntBits(x) ^ sign);
        float e = exp(a + a);
        float z = a * a;
        float p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(T6, z, T5), z, T4), z, T3), z, T2), z, T1), z, T0);
        float small = Math.fma(a * z, p, a);
        float big = 1f - 2f / (e + 1f);
        float t = a < TANH_SMALL ? small : big;
        return Float.intBitsToFloat(Float.floatToRawIntBits(t) | sign);
    }

    /**
     * The logistic function 1/(1 + e<sup>−x</sup>). With t = −|x| (at least −104), the steps of
     * {@link #exp} give e<sup>t</sup> = 2<sup>n</sup>·(p + p<sub>lo</sub>), p<sub>lo</sub> the
     * rounding error of p = 1 + s (exact by Fast2Sum). Then d + d<sub>lo</sub> = 1 + e<sup>t</sup>
     * and the quotient N/(d + d<sub>lo</sub>) is one division corrected by its exact remainder
     * ({@code fma}), with N = 1 for x ≥ 0 and N = p + p<sub>lo</sub> for x &lt; 0, whose result
     * is finally scaled by 2<sup>n</sup> in two exact steps like exp (so subnormal results round
     * once). Neither side overflows. sigmoid(x &lt; −103.97208) = +0 exactly where the rounded true
     * result is, sigmoid(−∞) = 0, sigmoid(+∞) = 1, sigmoid(±0) = ½, NaN gives NaN.
     *
     * <p>Measured maximum error: <b>1 ulp</b> over every float in [−104, 17.4]
     * (2,220,569,396 floats; 99.7% exactly rounded, the rest 1 ulp off), non-decreasing
     * throughout; outside that range the results are +0 and 1, exact.
     */
    public static float sigmoid(float x) {
        float t = Math.max(-Math.abs(x), EXP_LO);
        float k = Math.fma(t, LOG2E, SHIFT);
        float s = expm1Reduced(t, k);
        float p = 1f + s;
        int n = Float.floatToRawIntBits(k) - SHIFT_BITS;
        float pLo = s - (p - 1f);
        float scale = pow2(Math.max(n, -64));
        float e = p * scale;
        float d = 1f + e;
        float dLo = (e - (d - 1f)) + pLo * scale;
        boolean negative = x < 0f;
        float num = negative ? p : 1f;
        float numLo = negative ? pLo : 0f;
        float y = num / d;
        float c = Math.fma(-y, dLo, Math.fma(-y, d, num) + numLo);
        y = y + c / d;
        int m = negative ? n : 0;
        int m1 = m >> 1;
        y = y * pow2(m - m1) * pow2(m1);
        return x < EXP_UNDERFLOW ? 0f : y;
    }

    /**
     * The core of exp: given x and k = SHIFT + round(x/ln2), returns e<sup>r</sup> − 1 for
     * r = x − (k − SHIFT)·ln2 (|r| ≤ ln2/2), as r + r²·q(r).
     */
    private static float expm1Reduced(float x, float k) {
        float kf = k - SHIFT;
        float r = Math.fma(kf, -LN2_HI, x);
        r = Math.fma(kf, -LN2_LO, r);
        float q = Math.fma(Math.fma(Math.fma(Math.fma(E4, r, E3), r, E2), r, E1), r, E0);
        return Math.fma(r * r, q, r);
    }

    private static float pow2(int n) {
        return Float.intBitsToFloat((n + 127) << 23);
    }
}
