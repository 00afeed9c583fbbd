package dev.lanes.vectorops;

import static dev.lanes.vectorops.Bits.SCALAR;
import static dev.lanes.vectorops.Bits.VECTOR;
import static dev.lanes.vectorops.Bits.assertSame;

import dev.lanes.vectorops.KernelArbitraries.Regions;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The canonical reductions: vector == scalar reference, bit for bit. */
class ReductionProperties {

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
