package dev.lanes.vectorops;

import static dev.lanes.vectorops.Bits.SCALAR;
import static dev.lanes.vectorops.Bits.VECTOR;
import static dev.lanes.vectorops.Bits.assertSame;

import dev.lanes.vectorops.KernelArbitraries.Regions;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The canonical reductions: vector == scalar reference, bit for bit, over the harness's lengths
 * (up to several 64-element blocks) and over long ones that cross several of the vector kernel's
 * 2,048-element strips (whose lanes are parked between strips).
 */
class ReductionProperties {
    /** Elements per strip of the vector reductions: 32 blocks of 64. */
    static final int STRIP = 2048;

    /**
     * A long case: {@code n} elements at offsets {@code xOff} and {@code yOff} of two arrays
     * made from {@code seed} ({@code finite}: ordinary values only, else every kind mixed in).
     */
    record LongCase(int n, int xOff, int yOff, long seed, boolean finite) {
        float[] x() {
            return values(0, xOff + n + 3);
        }

        float[] y() {
            return values(1, yOff + n + 3);
        }

        private float[] values(int which, int len) {
            SplittableRandom random = new SplittableRandom(seed * 31 + which);
            float[] a = new float[len];
            for (int i = 0; i < len; i++) {
                a[i] = MlpKernelProperties.value(random, finite);
            }
            return a;
        }
    }

    /**
     * Lengths past one strip: a strip ± 1, whole strips, strips and a partial block, and at random
     * up to six strips; offsets 0..19; ordinary values half of the time.
     */
    @Provide
    Arbitrary<LongCase> longCases() {
        Arbitrary<Integer> n = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.of(STRIP - 1, STRIP, STRIP + 1, STRIP + 63, 2 * STRIP,
                        2 * STRIP + 64, 3 * STRIP - 1, 3 * STRIP + 37, 5 * STRIP + 63, 6 * STRIP + 1)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(STRIP + 1, 6 * STRIP + 100)));
        Arbitrary<Integer> off = Arbitraries.integers().between(0, 19);
        return Combinators.combine(n, off, off, Arbitraries.longs(), Arbitraries.of(true, false))
                .as(LongCase::new);
    }

    @Property(tries = 150, edgeCases = EdgeCasesMode.MIXIN)
    void longReductions(@ForAll("longCases") LongCase c) {
        float[] x = c.x();
        float[] y = c.y();
        assertSame(SCALAR.sum(x, c.xOff(), c.n()), VECTOR.sum(x, c.xOff(), c.n()), c);
        assertSame(SCALAR.dot(x, c.xOff(), y, c.yOff(), c.n()), VECTOR.dot(x, c.xOff(), y, c.yOff(), c.n()), c);
        assertSame(SCALAR.sumSquares(x, c.xOff(), c.n()), VECTOR.sumSquares(x, c.xOff(), c.n()), c);
        assertSame(SCALAR.maxAbs(x, c.xOff(), c.n()), VECTOR.maxAbs(x, c.xOff(), c.n()), c);
    }

    @Provide
    Arbitrary<Regions> one() {
        return KernelArbitraries.regions(1);
    }

    @Provide
    Arbitrary<Regions> two() {
        return KernelArbitraries.regions(2);
    }

    /** Ordinary values only: sums that stay finite, where a change of order would show. */
    @Provide
    Arbitrary<Regions> finite() {
        return KernelArbitraries.regions(2, Arbitraries.floats().between(-1e4f, 1e4f).ofScale(8));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void sum(@ForAll("one") Regions r) {
        assertSame(SCALAR.sum(r.array(0), r.offset(0), r.n()), VECTOR.sum(r.array(0), r.offset(0), r.n()), r);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void sumOfOrdinaryValues(@ForAll("finite") Regions r) {
        assertSame(SCALAR.sum(r.array(0), r.offset(0), r.n()), VECTOR.sum(r.array(0), r.offset(0), r.n()), r);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void dot(@ForAll("two") Regions r) {
        assertSame(SCALAR.dot(r.array(0), r.offset(0), r.array(1), r.offset(1), r.n()),
                VECTOR.dot(r.array(0), r.offset(0), r.array(1), r.offset(1), r.n()), r);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void dotOfOrdinaryValues(@ForAll("finite") Regions r) {
        assertSame(SCALAR.dot(r.array(0), r.offset(0), r.array(1), r.offset(1), r.n()),
                VECTOR.dot(r.array(0), r.offset(0), r.array(1), r.offset(1), r.n()), r);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void dotWithItself(@ForAll("one") Regions r) {
        float[] x = r.array(0);
        assertSame(SCALAR.dot(x, r.offset(0), x, r.offset(0), r.n()),
                VECTOR.dot(x, r.offset(0), x, r.offset(0), r.n()), r);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void sumSquares(@ForAll("one") Regions r) {
        assertSame(SCALAR.sumSquares(r.array(0), r.offset(0), r.n()),
                VECTOR.sumSquares(r.array(0), r.offset(0), r.n()), r);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void sumSquaresOfOrdinaryValues(@ForAll("finite") Regions r) {
        assertSame(SCALAR.sumSquares(r.array(0), r.offset(0), r.n()),
                VECTOR.sumSquares(r.array(0), r.offset(0), r.n()), r);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void maxAbs(@ForAll("one") Regions r) {
        assertSame(SCALAR.maxAbs(r.array(0), r.offset(0), r.n()), VECTOR.maxAbs(r.array(0), r.offset(0), r.n()), r);
    }
}
