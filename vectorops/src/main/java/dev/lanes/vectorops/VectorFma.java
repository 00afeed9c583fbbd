package dev.lanes.vectorops;

import dev.lanes.kernel.internal.Fma;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The lane-wise float fused multiply-add of {@link Species#F} vectors, with the bits of
 * {@link Math#fma(float, float, float)} in every lane, fast with or without an FMA instruction:
 * the vector form of {@link Fma}, taking the same path {@link Fma#HARDWARE} chose.
 *
 * <p>With FMA, {@link #fma} is {@link FloatVector#fma}. Without it, {@code FloatVector.fma} falls
 * back to {@code Math.fma} lane by lane through {@code BigDecimal}, and {@link #fma} takes
 * {@link #emulated} instead, the steps of {@link Fma#emulated} in double lanes: widen, multiply
 * (exact), add, recover the addition's error (TwoSum), round the sum to odd, narrow. The double
 * lanes are one vector of twice the width where the CPU runs that width natively, else two
 * halves of the same width. On x86 without AVX, which cannot convert float vectors to double
 * vectors, it applies {@link Fma#emulated} lane by lane.
 *
 * <p>Also, for the JMH suite and the tests (which do not touch the Vector API), the element-wise
 * array forms {@code out[i] = fma(a[i], b[i], c[i])} through each path.
 */
public final class VectorFma {
    private static final VectorSpecies<Float> F = Species.F;
    private static final int L = Species.L;
    /** Convert the whole float vector into one double vector of twice the width, or in halves. */
    private static final boolean WHOLE = 2 * F.vectorBitSize() <= Species.preferredBits();
    private static final VectorSpecies<Double> D = doubleSpecies(WHOLE ? 2 * F.vectorBitSize() : F.vectorBitSize());
    /**
     * Emulate lane by lane: x86 without AVX (HotSpot's {@code UseAVX=0}) has no vector conversion
     * between float and double, and the JDK's fallback for one costs as much as its fma fallback.
     */
    private static final boolean LANEWISE = !Fma.HARDWARE && "0".equals(Fma.vmOption("UseAVX"));
    /** The lanes of the upper half, where the narrowing of the second half of the doubles lands. */
    private static final VectorMask<Float> UPPER = F.indexInRange(0, L / 2).not();

    private static final long SIGN = 0x8000_0000_0000_0000L;
    private static final long INFINITY_BITS = 0x7ff0_0000_0000_0000L;

    private VectorFma() {}

    /** {@code a·b + c} rounded once in each lane: the bits of {@code Math.fma} lane by lane. */
    static FloatVector fma(FloatVector a, FloatVector b, FloatVector c) {
        return Fma.HARDWARE ? a.fma(b, c) : emulated(a, b, c);
    }

    /** {@link #fma} with {@code b} and {@code c} broadcast: the form of {@link FloatVector#fma(float, float)}. */
    static FloatVector fma(FloatVector a, float b, float c) {
        return Fma.HARDWARE ? a.fma(b, c) : emulated(a, FloatVector.broadcast(F, b), FloatVector.broadcast(F, c));
    }

    /** {@link #fma} without the FMA instruction, whatever the JVM has; see the class comment. */
    static FloatVector emulated(FloatVector a, FloatVector b, FloatVector c) {
        return LANEWISE ? lanewise(a, b, c) : doubles(a, b, c);
    }

    /** {@link #emulated} through double vectors. */
    static FloatVector doubles(FloatVector a, FloatVector b, FloatVector c) {
        if (WHOLE) {
            return (FloatVector) sum(a, b, c, 0).convertShape(VectorOperators.D2F, F, 0);
        }
        FloatVector lo = (FloatVector) sum(a, b, c, 0).convertShape(VectorOperators.D2F, F, 0);
        FloatVector hi = (FloatVector) sum(a, b, c, 1).convertShape(VectorOperators.D2F, F, -1);
        // each narrowing leaves the other half's lanes +0: take each lane from its half, never add (-0 + +0 is +0)
        return lo.blend(hi, UPPER);
    }

    /**
     * a·b + c of the lanes in {@code part} of the float vectors, in double: rounded to nearest
     * where that rounds correctly to float, else rounded to odd (see {@link Fma#emulated}).
     */
    private static DoubleVector sum(FloatVector a, FloatVector b, FloatVector c, int part) {
        DoubleVector p = ((DoubleVector) a.convertShape(VectorOperators.F2D, D, part))
                .mul((DoubleVector) b.convertShape(VectorOperators.F2D, D, part));
        DoubleVector dc = (DoubleVector) c.convertShape(VectorOperators.F2D, D, part);
        DoubleVector s = p.add(dc);
        LongVector sb = s.reinterpretAsLongs();
        // a float midpoint, or 0 < |s| < 2^-126 (unsigned: |s| - 1 wraps round for 0): rare
        VectorMask<Long> hard = sb.and(Fma.BELOW_FLOAT).compare(VectorOperators.EQ, Fma.MIDPOINT)
                .or(sb.and(~SIGN).sub(1L).compare(VectorOperators.ULT, Fma.MIN_NORMAL_FLOAT_BITS - 1));
        return hard.anyTrue() ? roundToOdd(p, dc, s) : s;
    }

    /**
     * {@link #emulated} one lane at a time through {@link Fma#emulated}. Lane numbers are
     * constants, never a loop variable: {@code lane(i)} and {@code withLane(i, x)} with a variable
     * {@code i} compile to a switch over every lane, and the method grows too big for C2 to inline
     * into a kernel's loop (then every vector is boxed).
     */
    static FloatVector lanewise(FloatVector a, FloatVector b, FloatVector c) {
        FloatVector r = lane(FloatVector.zero(F), a, b, c, 0);
        r = lane(r, a, b, c, 1);
        if (L > 2) {
            r = lane(lane(r, a, b, c, 2), a, b, c, 3);
        }
        if (L > 4) {
            r = lane(lane(lane(lane(r, a, b, c, 4), a, b, c, 5), a, b, c, 6), a, b, c, 7);
        }
        if (L > 8) {
            for (int i = 8; i < L; i++) {
                r = lane(r, a, b, c, i);
            }
        }
        return r;
    }

    private static FloatVector lane(FloatVector r, FloatVector a, FloatVector b, FloatVector c, int i) {
        return r.withLane(i, Fma.emulated(a.lane(i), b.lane(i), c.lane(i)));
    }

    /** p + dc rounded to odd, s being p + dc rounded to nearest. */
    private static DoubleVector roundToOdd(DoubleVector p, DoubleVector dc, DoubleVector s) {
        DoubleVector bp = s.sub(p);
        DoubleVector err = p.sub(s.sub(bp)).add(dc.sub(bp));
        LongVector sb = s.reinterpretAsLongs();
        LongVector eb = err.reinterpretAsLongs();
        LongVector ea = eb.and(~SIGN);
        // 1 where 0 < |err| < infinity (err is NaN exactly when the sum is not finite), else 0;
        // logical shifts only: SSE and AVX2 have no 64-bit arithmetic shift
        LongVector inexact = ea.neg().and(ea.sub(INFINITY_BITS)).lanewise(VectorOperators.LSHR, 63);
        LongVector down = eb.lanewise(VectorOperators.XOR, sb).lanewise(VectorOperators.LSHR, 63).and(inexact);
        return sb.sub(down).or(inexact).reinterpretAsDoubles();
    }

    private static VectorSpecies<Double> doubleSpecies(int bits) {
        return switch (bits) {
            case 64 -> DoubleVector.SPECIES_64;
            case 128 -> DoubleVector.SPECIES_128;
            case 256 -> DoubleVector.SPECIES_256;
            default -> DoubleVector.SPECIES_512;
        };
    }

    /**
     * Which path {@link #fma} takes in this JVM: {@code hardware} ({@link FloatVector#fma}),
     * {@code emulated-vector} (through double vectors) or {@code emulated-lanewise} (through
     * {@link Fma#emulated} one lane at a time).
     */
    public static String path() {
        return Fma.HARDWARE ? "hardware" : LANEWISE ? "emulated-lanewise" : "emulated-vector";
    }

    /** {@link Fma#describe()} and how the vector form emulates, for {@code info}. */
    public static String describe() {
        return Fma.describe() + (Fma.HARDWARE ? "" : LANEWISE ? ", vectors lane by lane (no float-double vector conversion)"
                : ", vectors in " + (WHOLE ? "" : "2 x ") + D.length() + " double lanes");
    }

    /**
     * {@code out[i] = fma(a[i], b[i], c[i])} for i in [0, n), through {@link #fma} (the path
     * chosen for this JVM). No argument checks: for benchmarks and tests.
     */
    public static void fma(float[] a, float[] b, float[] c, float[] out, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            fma(FloatVector.fromArray(F, a, i), FloatVector.fromArray(F, b, i), FloatVector.fromArray(F, c, i))
                    .intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = Fma.fma(a[i], b[i], c[i]);
        }
    }

    /** As {@link #fma(float[], float[], float[], float[], int)}, always through {@link FloatVector#fma}. */
    public static void fmaJdk(float[] a, float[] b, float[] c, float[] out, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(F, a, i).fma(FloatVector.fromArray(F, b, i), FloatVector.fromArray(F, c, i))
                    .intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = Math.fma(a[i], b[i], c[i]);
        }
    }

    /** As {@link #fma(float[], float[], float[], float[], int)}, always through {@link #emulated}. */
    public static void fmaEmulated(float[] a, float[] b, float[] c, float[] out, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            emulated(FloatVector.fromArray(F, a, i), FloatVector.fromArray(F, b, i), FloatVector.fromArray(F, c, i))
                    .intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = Fma.emulated(a[i], b[i], c[i]);
        }
    }
}
