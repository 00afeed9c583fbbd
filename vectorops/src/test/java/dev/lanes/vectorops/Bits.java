package dev.lanes.vectorops;

import static org.junit.jupiter.api.Assertions.fail;

import dev.lanes.kernel.Kernels;

/** Bit-for-bit comparisons of the vector kernels against the scalar reference. */
public final class Bits {
    /** The reference. */
    public static final Kernels SCALAR = Kernels.scalar();
    /** The kernels under test, at the width this JVM was started with. */
    public static final Kernels VECTOR = vector();

    private Bits() {}

    private static Kernels vector() {
        Kernels k = Kernels.best();
        if (!k.info().backend().equals("vector")) {
            throw new AssertionError("the vector kernels did not load: " + k.info());
        }
        assertRequestedWidth(k);
        return k;
    }

    /**
     * Asserts that the width the build asked for ({@code lanes.vector.bits}) is the one in use:
     * reported by the backend and held by the species every vector kernel computes with. A width
     * that silently fell back to another would otherwise check that other width twice.
     */
    static void assertRequestedWidth(Kernels k) {
        Integer requested = Integer.getInteger("lanes.vector.bits");
        if (requested == null) {
            return;
        }
        if (k.info().vectorBits() != requested || Species.F.vectorBitSize() != requested
                || Species.L * Float.SIZE != requested) {
            throw new AssertionError("lanes.vector.bits=" + requested + " but the backend reports "
                    + k.info().vectorBits() + " bits and its species has " + Species.F.vectorBitSize() + " bits ("
                    + Species.L + " lanes)");
        }
    }

    /** Same bits, any NaN equal to any NaN, distinct zeros distinct. */
    public static boolean same(float a, float b) {
        return Float.floatToIntBits(a) == Float.floatToIntBits(b);
    }

    /** Asserts {@code actual} has the bits of {@code expected}. */
    public static void assertSame(float expected, float actual, Object context) {
        if (!same(expected, actual)) {
            fail("at " + VECTOR.info().vectorBits() + " bits: expected " + expected + " (0x"
                    + Integer.toHexString(Float.floatToRawIntBits(expected)) + ") but was " + actual + " (0x"
                    + Integer.toHexString(Float.floatToRawIntBits(actual)) + ") for " + context);
        }
    }

    /** Asserts the whole arrays (including what lies outside the regions) have the same bits. */
    public static void assertSame(float[] expected, float[] actual, Object context) {
        if (expected.length != actual.length) {
            fail("lengths differ: " + expected.length + " vs " + actual.length);
        }
        for (int i = 0; i < expected.length; i++) {
            if (!same(expected[i], actual[i])) {
                fail("at " + VECTOR.info().vectorBits() + " bits, index " + i + ": expected " + expected[i]
                        + " (0x" + Integer.toHexString(Float.floatToRawIntBits(expected[i])) + ") but was "
                        + actual[i] + " (0x" + Integer.toHexString(Float.floatToRawIntBits(actual[i])) + ") for " + context);
            }
        }
    }
}
