package dev.lanes.kernel.internal;

import static org.junit.jupiter.api.Assertions.fail;

import dev.lanes.kernel.internal.FmaCases.Triple;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Fma#emulated} and {@link Fma#fma} have the bits of {@link Math#fma(float, float, float)}
 * (NaN as NaN, distinct zeros distinct) over every kind of input of {@link FmaCases}. Run with
 * the JVM's FMA instruction (the reference is the hardware) and under {@code -XX:-UseFMA} and
 * {@code -XX:UseAVX=0} (the reference is the JDK's exact software path, and {@link Fma#fma}
 * takes the emulated one).
 */
class FmaProperties {
    @Provide
    Arbitrary<Triple> all() {
        return FmaCases.all();
    }

    @Provide
    Arbitrary<Triple> midpointsOfProduct() {
        return FmaCases.midpointsOfProduct();
    }

    @Provide
    Arbitrary<Triple> midpointsOfAddend() {
        return FmaCases.midpointsOfAddend();
    }

    @Provide
    Arbitrary<Triple> overflow() {
        return FmaCases.overflow();
    }

    @Provide
    Arbitrary<Triple> tiny() {
        return FmaCases.tiny();
    }

    @Provide
    Arbitrary<Triple> random() {
        return FmaCases.random();
    }

    @Property(tries = 3000, edgeCases = EdgeCasesMode.MIXIN)
    void all(@ForAll("all") Triple t) {
        check(t);
    }

    @Property(tries = 3000, edgeCases = EdgeCasesMode.MIXIN)
    void midpointsOfProduct(@ForAll("midpointsOfProduct") Triple t) {
        check(t);
    }

    @Property(tries = 3000, edgeCases = EdgeCasesMode.MIXIN)
    void midpointsOfAddend(@ForAll("midpointsOfAddend") Triple t) {
        check(t);
    }

    @Property(tries = 2000, edgeCases = EdgeCasesMode.MIXIN)
    void overflow(@ForAll("overflow") Triple t) {
        check(t);
    }

    @Property(tries = 2000, edgeCases = EdgeCasesMode.MIXIN)
    void tiny(@ForAll("tiny") Triple t) {
        check(t);
    }

    @Property(tries = 3000, edgeCases = EdgeCasesMode.MIXIN)
    void random(@ForAll("random") Triple t) {
        check(t);
    }

    static void check(Triple t) {
        float expected = Math.fma(t.a(), t.b(), t.c());
        same(expected, Fma.emulated(t.a(), t.b(), t.c()), "emulated", t);
        same(expected, Fma.fma(t.a(), t.b(), t.c()), "fma", t);
    }

    static void same(float expected, float actual, String what, Triple t) {
        if (Float.floatToIntBits(expected) != Float.floatToIntBits(actual)) {
            fail(what + " (" + Fma.describe() + "): " + t + " = " + actual + " (0x" + Integer.toHexString(Float.floatToRawIntBits(actual))
                    + "), Math.fma gives " + expected + " (0x" + Integer.toHexString(Float.floatToRawIntBits(expected)) + ")");
        }
    }
}
