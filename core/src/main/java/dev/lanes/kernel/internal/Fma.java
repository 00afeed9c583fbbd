package dev.lanes.kernel.internal;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * The float fused multiply-add {@code a·b + c} rounded once, exactly as {@link Math#fma(float,
 * float, float)}, and fast on JVMs without an FMA instruction.
 *
 * <p>Where the JVM compiles {@code Math.fma} to the CPU's FMA instruction (HotSpot's
 * {@code UseFMA}), {@link #fma} is {@code Math.fma}. Where it does not ({@code -XX:-UseFMA},
 * {@code -XX:UseAVX=0}, a CPU or virtual machine without FMA), {@code Math.fma} takes the JDK's
 * exact path through {@code BigDecimal}, hundreds of times slower, and {@link #fma} takes
 * {@link #emulated} instead: the same bits in a few double operations. The choice is made once,
 * when this class is initialised, into a {@code static final} that the JIT folds, so the check
 * costs nothing per call. The system property {@value #PROPERTY} ({@code hardware} or
 * {@code emulated}) overrides it, for tests and for measuring.
 *
 * <p>Why {@link #emulated} is exact: the product of two floats (24 significant bits each) is
 * exact in double (53 bits), infinities, subnormals and all. Adding the float addend in double
 * rounds once; rounding that sum again to float would round twice, which is wrong exactly when
 * the first rounding lands on a midpoint between two floats. So the sum is rounded to odd
 * instead: its rounding error is recovered exactly (Knuth's TwoSum), and if it is not zero the
 * sum is replaced by the neighbour, towards zero or away from it, whose last bit is odd. A
 * round-to-odd result with at least two more bits than the target rounds correctly to the target
 * (Boldo and Melquiond, <i>Emulation of a FMA and correctly rounded sums: proved algorithms
 * using rounding to odd</i>, IEEE Transactions on Computers 57(4), 2008), and double has 29 more
 * bits than float. An odd double is never a float midpoint, nor the overflow threshold, nor a
 * subnormal float's midpoint, so overflow and gradual underflow round correctly too.
 *
 * <p>Most sums need none of that: rounding the double sum to float is already right unless the
 * sum is a float midpoint (its 29 bits below float precision are 1 then 28 zeros; the overflow
 * threshold is one of those) or lies in float's subnormal range, where the midpoints sit
 * elsewhere. {@link #emulated} tests for those two, rare, cases and rounds to odd only there.
 */
public final class Fma {
    /** The system property that overrides the choice: {@code hardware} or {@code emulated}. */
    public static final String PROPERTY = "lanes.fma";

    /**
     * True when {@link #fma} is {@code Math.fma} (the JVM's FMA instruction), false when it is
     * {@link #emulated}.
     */
    public static final boolean HARDWARE;

    /** Why {@link #HARDWARE} is what it is, in a few words (for {@code info}). */
    private static final String REASON;

    private static final long SIGN = 0x8000_0000_0000_0000L;
    private static final long INFINITY_BITS = 0x7ff0_0000_0000_0000L;
    /** The 29 bits of a double's significand below float precision, and their pattern at a midpoint. */
    public static final long BELOW_FLOAT = 0x1fff_ffffL;
    public static final long MIDPOINT = 0x1000_0000L;
    /** The bits of 2<sup>-126</sup>, the smallest normal float, as a double. */
    public static final long MIN_NORMAL_FLOAT_BITS = 0x3810_0000_0000_0000L;

    static {
        String wanted = System.getProperty(PROPERTY, "").trim();
        Boolean intrinsic = wanted.isEmpty() ? jvmHasFma() : null;
        HARDWARE = choose(wanted, intrinsic);
        REASON = !wanted.isEmpty() ? PROPERTY + "=" + wanted
                : intrinsic == null ? "the JVM does not say whether it has FMA"
                : intrinsic ? "UseFMA" : "the JVM has no FMA instruction: UseFMA is off";
    }

    private Fma() {}

    /** {@code a·b + c} rounded once to float: the bits of {@link Math#fma(float, float, float)}. */
    public static float fma(float a, float b, float c) {
        return HARDWARE ? Math.fma(a, b, c) : emulated(a, b, c);
    }

    /**
     * {@link Math#fma(float, float, float)} through double arithmetic, for every input (NaN,
     * infinities, signed zeros, subnormals, overflow) the same bits; see the class comment.
     */
    public static float emulated(float a, float b, float c) {
        double p = (double) a * b;
        double dc = c;
        double s = p + dc;
        long sb = Double.doubleToRawLongBits(s);
        // not a midpoint, and not 0 < |s| < 2^-126 (unsigned: |s| - 1 wraps round for 0)
        if ((sb & BELOW_FLOAT) != MIDPOINT
                && Long.compareUnsigned((sb & ~SIGN) - 1, MIN_NORMAL_FLOAT_BITS - 1) >= 0) {
            return (float) s;
        }
        return roundToOdd(p, dc, s);
    }

    /** (float) of p + dc rounded to odd in double, s being p + dc rounded to nearest. */
    private static float roundToOdd(double p, double dc, double s) {
        // TwoSum: p + c == s + err exactly, for finite s (err is NaN when s is not finite)
        double bp = s - p;
        double err = (p - (s - bp)) + (dc - bp);
        long sb = Double.doubleToRawLongBits(s);
        long eb = Double.doubleToRawLongBits(err);
        long ea = eb & ~SIGN;
        // round to odd without a branch (the vector form's steps): inexact is 1 where
        // 0 < |err| < infinity; then one step towards zero where err points that way, and the last bit set
        long inexact = (-ea & (ea - INFINITY_BITS)) >>> 63;
        long down = ((eb ^ sb) >>> 63) & inexact;
        return (float) Double.longBitsToDouble((sb - down) | inexact);
    }

    /** {@code "hardware"} or {@code "emulated"}: which path {@link #fma} takes in this JVM. */
    public static String path() {
        return HARDWARE ? "hardware" : "emulated";
    }

    /** The path and why, for example {@code "fma=emulated (UseFMA is off)"}. */
    public static String describe() {
        return "fma=" + path() + " (" + REASON + ")";
    }

    /**
     * The choice for the property value {@code wanted} (empty when unset) on a JVM whose FMA
     * intrinsic is {@code intrinsic} (null when unknown: then {@code Math.fma}, which is always
     * exact).
     *
     * @throws IllegalStateException if {@code wanted} is neither empty, {@code hardware} nor {@code emulated}
     */
    static boolean choose(String wanted, Boolean intrinsic) {
        return switch (wanted) {
            case "hardware" -> true;
            case "emulated" -> false;
            case "" -> intrinsic == null || intrinsic;
            default -> throw new IllegalStateException("system property " + PROPERTY
                    + " must be hardware or emulated, was '" + wanted + "'");
        };
    }

    /** HotSpot's UseFMA flag, or null where the JVM does not tell. */
    private static Boolean jvmHasFma() {
        String value = vmOption("UseFMA");
        return value == null ? null : Boolean.valueOf(value);
    }

    /**
     * The value of a HotSpot VM option (for example {@code "UseAVX"}), or null where the JVM does
     * not tell (not HotSpot, no such option, or {@code jdk.management} absent).
     */
    public static String vmOption(String name) {
        try {
            return hotSpotOption(name);
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    private static String hotSpotOption(String name) {
        HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return bean == null ? null : bean.getVMOption(name).getValue();
    }
}
