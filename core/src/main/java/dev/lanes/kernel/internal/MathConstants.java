package dev.lanes.kernel.internal;

/**
 * The constants of {@link dev.lanes.kernel.LanesMath}'s algorithms, in one place for the scalar
 * functions and their vector forms, so that both compute with the same bits. Polynomial
 * coefficients are Chebyshev fits of the stated functions on the stated intervals, rounded to
 * float (the fit's own error is far below the rounding of the result).
 */
public final class MathConstants {
    private MathConstants() {}

    /** ln 2 rounded to float. */
    public static final float LN2_HI = 0x1.62e43p-1f;
    /** ln 2 − {@link #LN2_HI}, rounded to float. */
    public static final float LN2_LO = -0x1.05c61p-29f;
    /** 1/ln 2 rounded to float. */
    public static final float LOG2E = 0x1.715476p0f;
    /** 1.5·2<sup>23</sup>: adding it to a float of magnitude below 2<sup>22</sup> rounds that float to an integer. */
    public static final float SHIFT = 0x1.8p23f;
    /** The bits of {@link #SHIFT}: the bits of SHIFT + k minus these are the integer k. */
    public static final int SHIFT_BITS = 0x4b400000;

    /** exp clamps its argument to [EXP_LO, EXP_HI], which keeps the scale 2<sup>n</sup> in [2<sup>-150</sup>, 2<sup>128</sup>]. */
    public static final float EXP_LO = -104f;
    /** See {@link #EXP_LO}. */
    public static final float EXP_HI = 89f;
    /** The largest float whose exp, rounded to float, is finite (88.72283). */
    public static final float EXP_OVERFLOW = 0x1.62e42ep6f;
    /** The smallest float whose exp, rounded to float, is not zero (−103.97208). */
    public static final float EXP_UNDERFLOW = -0x1.9fe368p6f;

    /** exp(r) = 1 + r + r²·(E0 + E1·r + E2·r² + E3·r³ + E4·r⁴) for |r| ≤ ln2/2. */
    public static final float E0 = 0x1.0p-1f;
    /** See {@link #E0}. */
    public static final float E1 = 0x1.5554d8p-3f;
    /** See {@link #E0}. */
    public static final float E2 = 0x1.555516p-5f;
    /** See {@link #E0}. */
    public static final float E3 = 0x1.12106cp-7f;
    /** See {@link #E0}. */
    public static final float E4 = 0x1.6d1606p-10f;

    /** The bits of √½ rounded to float: log reduces mantissas into [√½, √2). */
    public static final int SQRT_HALF_BITS = 0x3f3504f3;
    /**
     * With s = f/(2+f) and z = s², log(1+f) = 2·atanh(s) = 2s + s·z·(L0 + L1·z + L2·z² + L3·z³)
     * for |s| ≤ (√2−1)/(√2+1).
     */
    public static final float L0 = 0x1.555556p-1f;
    /** See {@link #L0}. */
    public static final float L1 = 0x1.9999eep-2f;
    /** See {@link #L0}. */
    public static final float L2 = 0x1.245b28p-2f;
    /** See {@link #L0}. */
    public static final float L3 = 0x1.de0b02p-3f;

    /** tanh uses its polynomial below this magnitude and exp from it on. */
    public static final float TANH_SMALL = 0.625f;
    /** tanh(a) = a + a³·(T0 + T1·a² + … + T6·a¹²) for 0 ≤ a ≤ {@link #TANH_SMALL}. */
    public static final float T0 = -0x1.555556p-2f;
    /** See {@link #T0}. */
    public static final float T1 = 0x1.11111p-3f;
    /** See {@link #T0}. */
    public static final float T2 = -0x1.ba1a58p-5f;
    /** See {@link #T0}. */
    public static final float T3 = 0x1.66270cp-6f;
    /** See {@link #T0}. */
    public static final float T4 = -0x1.20104ap-7f;
    /** See {@link #T0}. */
    public static final float T5 = 0x1.b15b42p-9f;
    /** See {@link #T0}. */
    public static final float T6 = -0x1.c40cc8p-11f;
}
