package dev.lanes.kernel.internal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Inputs for a float fma that test its rounding where it is hard: results exactly halfway between
 * two floats and a few ulps of the addend either side (where adding in double, then rounding to
 * float, rounds twice and goes wrong), results that overflow or round to a subnormal, every
 * special value, and floats of every bit pattern.
 */
final class FmaCases {
    /** One input of {@code fma(a, b, c)}. */
    record Triple(float a, float b, float c) {
        @Override
        public String toString() {
            return "fma(" + hex(a) + ", " + hex(b) + ", " + hex(c) + ")";
        }

        private static String hex(float x) {
            return Float.isFinite(x) ? Float.toHexString(x) + "f" : Float.toString(x);
        }
    }

    static final float[] SPECIALS = {
        0f, -0f, 1f, -1f, 0.5f, -2f, 3f, Float.MIN_VALUE, -Float.MIN_VALUE, 0x1.8p-149f,
        Math.nextDown(Float.MIN_NORMAL), Float.MIN_NORMAL, -Float.MIN_NORMAL, 0x1p-75f, 0x1p-76f,
        Float.MAX_VALUE, -Float.MAX_VALUE, Math.nextDown(Float.MAX_VALUE), 0x1p127f, 0x1p64f, 0x1.fffffep63f,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0xffc00001),
        1e30f, -1e-30f, 0x1.000002p0f, 0x1.fffffep-1f,
    };

    private FmaCases() {}

    /** Every kind of input, mixed; what each property draws from. */
    static Arbitrary<Triple> all() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, random()),
                Tuple.of(3, midpointsOfProduct()),
                Tuple.of(3, midpointsOfAddend()),
                Tuple.of(1, overflow()),
                Tuple.of(1, tiny()));
    }

    /** Floats of every bit pattern, ordinary ones and the special values, independently. */
    static Arbitrary<Triple> random() {
        Arbitrary<Float> f = floats();
        return Combinators.combine(f, f, f).as(Triple::new);
    }

    /**
     * a·b + c is a float midpoint of a·b's magnitude, then ±0, 1 or 2 ulps of c away: c is the
     * midpoint minus a·b (exact in float when a·b's last bit is not below 2<sup>-149</sup>; else
     * the nearest float, still close to a midpoint). The mantissas are cut to a random length so
     * that products of every length occur, subnormal ones among them.
     */
    static Arbitrary<Triple> midpointsOfProduct() {
        Arbitrary<Float> factor = Combinators.combine(
                Arbitraries.integers().between(0x00000001, 0x7f7fffff),
                Arbitraries.integers().between(0, 23),
                Arbitraries.of(1f, -1f)).as((bits, cut, sign) -> sign * Float.intBitsToFloat(bits & (-1 << cut)));
        return Combinators.combine(factor, factor, Arbitraries.integers().between(-2, 2))
                .as((a, b, ulps) -> new Triple(a, b, step(productMidpoint(a, b), ulps)));
    }

    /** The float nearest to (a midpoint of a·b's magnitude) − a·b, exact in most cases. */
    static float productMidpoint(float a, float b) {
        double p = (double) a * b;
        double m = Math.abs(p);
        int e = Math.getExponent(m);
        double ulp = e < Float.MIN_EXPONENT ? 0x1p-149 : Math.scalb(1.0, e - 23);
        double midpoint = Math.floor(m / ulp) * ulp + ulp / 2;
        return (float) Math.copySign(midpoint - m, p);
    }

    /**
     * c plus a product just below, at or just above half an ulp of c: a·b = ±h·(1 − 2<sup>-2j</sup>)
     * with a = 2<sup>e</sup>(1 + 2<sup>-j</sup>), b = 2<sup>f</sup>(1 − 2<sup>-j</sup>), h = ulp(c)/2,
     * or ±h·(1 + 2<sup>-j</sup>)², or exactly ±h. With j from 12 on, the exact result misses the
     * midpoint by less than double's rounding, so double rounding would go to the even neighbour
     * where the correct result is the other: the case round-to-odd exists for.
     */
    static Arbitrary<Triple> midpointsOfAddend() {
        Arbitrary<Float> addend = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0x00000001, 0x7f7fffff).map(Float::intBitsToFloat)),
                Tuple.of(1, Arbitraries.of(1f, 0x1.000002p0f, Float.MAX_VALUE, Math.nextDown(Float.MAX_VALUE),
                        0x1p127f, Float.MIN_NORMAL, Float.MIN_VALUE, 0x1.8p-149f, 0x1p-126f)));
        return Combinators.combine(addend, Arbitraries.integers().between(0, 23), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 3)).as(FmaCases::addendCase);
    }

    /**
     * The case of {@link #midpointsOfAddend()} for addend {@code c} and {@code j}: {@code shape}
     * 0 for a·b = h, 1 for h·(1 − 2<sup>-2j</sup>), 2 for h·(1 + 2<sup>-j</sup>)²; {@code signs}
     * bit 0 negates a, bit 1 negates c.
     */
    static Triple addendCase(float c, int j, int shape, int signs) {
        int half = Math.getExponent((double) Math.ulp(c)) - 1;
        int e = half / 2;
        float a = Math.scalb(shape == 0 ? 1f : 1f + Math.scalb(1f, -j), e);
        float b = Math.scalb(shape == 1 ? 1f - Math.scalb(1f, -j) : shape == 2 ? 1f + Math.scalb(1f, -j) : 1f,
                half - e);
        return new Triple((signs & 1) == 0 ? a : -a, b, (signs & 2) == 0 ? c : -c);
    }

    /** a·b near the overflow threshold 2<sup>128</sup> − 2<sup>103</sup>, c large of either sign. */
    static Arbitrary<Triple> overflow() {
        Arbitrary<Float> big = Arbitraries.integers().between(0x5f000000, 0x5f800000).map(Float::intBitsToFloat);
        Arbitrary<Float> addend = Arbitraries.oneOf(
                Arbitraries.integers().between(0x7e000000, 0x7f7fffff).map(Float::intBitsToFloat),
                Arbitraries.of(0f, Float.MAX_VALUE, 0x1p103f, 0x1p104f, Float.MIN_VALUE));
        return Combinators.combine(big, big, addend, Arbitraries.integers().between(0, 7))
                .as((a, b, c, signs) -> new Triple((signs & 1) == 0 ? a : -a, (signs & 2) == 0 ? b : -b,
                        (signs & 4) == 0 ? c : -c));
    }

    /** Products (2<sup>-160</sup> to 2<sup>-120</sup>) and addends around the subnormal range. */
    static Arbitrary<Triple> tiny() {
        Arbitrary<Float> factor = Combinators.combine(Arbitraries.integers().between(0x17800000, 0x21800000),
                Arbitraries.of(1f, -1f)).as((bits, sign) -> sign * Float.intBitsToFloat(bits));
        Arbitrary<Float> addend = Arbitraries.integers().between(0, 0x01800000)
                .map(Float::intBitsToFloat);
        return Combinators.combine(factor, factor, Arbitraries.oneOf(addend, addend.map(x -> -x)))
                .as(Triple::new);
    }

    /** Floats: arbitrary bit patterns, ordinary magnitudes, special values. */
    static Arbitrary<Float> floats() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().map(Float::intBitsToFloat)),
                Tuple.of(3, Arbitraries.floats().between(-100f, 100f).ofScale(7)),
                Tuple.of(1, Arbitraries.of(box(SPECIALS))));
    }

    /** {@code x} moved {@code ulps} floats up (positive) or down (negative). */
    static float step(float x, int ulps) {
        for (int i = 0; i < ulps; i++) {
            x = Math.nextUp(x);
        }
        for (int i = 0; i > ulps; i--) {
            x = Math.nextDown(x);
        }
        return x;
    }

    private static Float[] box(float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
