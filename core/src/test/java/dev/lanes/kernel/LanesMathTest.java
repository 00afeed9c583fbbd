package dev.lanes.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link LanesMath} against StrictMath: special values exactly, a strided sample of every range
 * within the documented ulp bound, and monotonicity across the seams of each algorithm. The
 * exhaustive sweep is {@link LanesMathSweepTest}.
 */
class LanesMathTest {
    private static final float INF = Float.POSITIVE_INFINITY;
    private static final float NAN = Float.NaN;
    private static final float OTHER_NAN = Float.intBitsToFloat(0xffc00001);
    private static final float EXP_OVERFLOW = 0x1.62e42ep6f;
    private static final float EXP_UNDERFLOW = -0x1.9fe368p6f;

    /** Inputs whose result must be StrictMath's, bit for bit, in every function. */
    private static final float[] SPECIAL = {
        NAN, OTHER_NAN, INF, -INF, 0f, -0f, Float.MAX_VALUE, -Float.MAX_VALUE, 1e30f, -1e30f, 200f, -200f,
    };

    private static void assertBits(float expected, float actual, String what) {
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(actual),
                () -> what + ": expected " + expected + " (" + Float.toHexString(expected) + ") but was " + actual
                        + " (" + Float.toHexString(actual) + ")");
    }

    private static void assertLikeStrictMath(MathReference f, float... xs) {
        for (float x : xs) {
            assertBits(f.reference(x), f.lanes(x), f + "(" + x + ")");
        }
    }

    @ParameterizedTest
    @EnumSource(MathReference.class)
    void specialValuesAreStrictMaths(MathReference f) {
        assertLikeStrictMath(f, SPECIAL);
    }

    @Test
    void expSpecialValues() {
        assertBits(1f, LanesMath.exp(0f), "exp(0)");
        assertBits(1f, LanesMath.exp(-0f), "exp(-0)");
        assertBits(INF, LanesMath.exp(INF), "exp(inf)");
        assertBits(0f, LanesMath.exp(-INF), "exp(-inf)");
        assertTrue(Float.isNaN(LanesMath.exp(NAN)));
        assertLikeStrictMath(MathReference.EXP, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, -1e-40f, 1e-30f, -1e-30f,
                EXP_OVERFLOW, Math.nextUp(EXP_OVERFLOW), 88.8f, 89f, 89.5f, 100f,
                EXP_UNDERFLOW, Math.nextDown(EXP_UNDERFLOW), -104f, -110f);
        assertTrue(Float.isFinite(LanesMath.exp(EXP_OVERFLOW)));
        assertTrue(LanesMath.exp(EXP_UNDERFLOW) > 0f);
        for (float x = -103.9f; x < -87.4f; x += 0.37f) {
            float y = LanesMath.exp(x);
            assertTrue(y > 0f && y < Float.MIN_NORMAL, "exp(" + x + ") = " + y + " should be subnormal");
            assertTrue(MathReference.ulps(y, MathReference.EXP.reference(x)) <= MathReference.EXP.bound, "exp(" + x + ")");
        }
    }

    @Test
    void logSpecialValues() {
        assertBits(-INF, LanesMath.log(0f), "log(0)");
        assertBits(-INF, LanesMath.log(-0f), "log(-0)");
        assertBits(INF, LanesMath.log(INF), "log(inf)");
        assertBits(0f, LanesMath.log(1f), "log(1)");
        assertTrue(Float.isNaN(LanesMath.log(-1f)));
        assertTrue(Float.isNaN(LanesMath.log(-Float.MIN_VALUE)));
        assertTrue(Float.isNaN(LanesMath.log(-INF)));
        assertTrue(Float.isNaN(LanesMath.log(NAN)));
        assertLikeStrictMath(MathReference.LOG, -1f, -Float.MIN_VALUE, 1f, 2f, 0.5f, 1024f);
        // subnormal inputs: every power of two below MIN_NORMAL is exact here, the rest within the bound
        for (int k = 127; k <= 149; k++) {
            float x = Math.scalb(1f, -k);
            assertBits((float) StrictMath.log(x), LanesMath.log(x), "log(2^-" + k + ")");
            float y = Math.scalb(1.7f, -k);
            assertTrue(MathReference.ulps(LanesMath.log(y), MathReference.LOG.reference(y)) <= MathReference.LOG.bound,
                    "log(" + y + ")");
        }
        assertLikeStrictMath(MathReference.LOG, Float.MIN_VALUE, Float.MIN_NORMAL);
    }

    @Test
    void tanhSpecialValues() {
        assertBits(0f, LanesMath.tanh(0f), "tanh(0)");
        assertBits(-0f, LanesMath.tanh(-0f), "tanh(-0)");
        assertBits(1f, LanesMath.tanh(INF), "tanh(inf)");
        assertBits(-1f, LanesMath.tanh(-INF), "tanh(-inf)");
        assertTrue(Float.isNaN(LanesMath.tanh(NAN)));
        assertLikeStrictMath(MathReference.TANH, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, -1e-40f,
                Float.MIN_NORMAL, -Float.MIN_NORMAL, 1e-10f, -1e-10f, 9.010914f, -9.010914f, 9.1f, -9.1f, 10f, -10f, 20f, -20f);
    }

    @Test
    void sigmoidSpecialValues() {
        assertBits(0.5f, LanesMath.sigmoid(0f), "sigmoid(0)");
        assertBits(0.5f, LanesMath.sigmoid(-0f), "sigmoid(-0)");
        assertBits(1f, LanesMath.sigmoid(INF), "sigmoid(inf)");
        assertBits(0f, LanesMath.sigmoid(-INF), "sigmoid(-inf)");
        assertTrue(Float.isNaN(LanesMath.sigmoid(NAN)));
        assertLikeStrictMath(MathReference.SIGMOID, Float.MIN_VALUE, -Float.MIN_VALUE, 17.32868f, 17.4f, 20f, 90f,
                EXP_UNDERFLOW, Math.nextDown(EXP_UNDERFLOW), -104f, -110f);
    }

    /** About 4 million floats per function, 521 apart, within the documented bound and never descending. */
    @ParameterizedTest
    @EnumSource(MathReference.class)
    void sampledErrorWithinBound(MathReference f) {
        MathReference.Sweep s = f.sweep(521);
        assertTrue(s.count() > 4_000_000, s::toString);
        assertTrue(s.maxUlps() <= f.bound, s::toString);
        assertTrue(s.maxUlps() <= 2, s::toString);
        assertEquals(0, s.descents(), s::toString);
    }

    /** Beyond the swept range every result is a special value, exactly StrictMath's (every 4099th float). */
    @ParameterizedTest
    @EnumSource(MathReference.class)
    void outsideTheRangeExact(MathReference f) {
        MathReference.Sweep below = f.sweep(-INF, Math.nextDown(f.lo), 4099);
        MathReference.Sweep above = f.sweep(Math.nextUp(f.hi), INF, 4099);
        assertTrue(below.count() + above.count() > 100_000, () -> below + "; " + above);
        assertEquals(0, below.maxUlps(), below::toString);
        assertEquals(0, above.maxUlps(), above::toString);
    }

    /** Runs of consecutive floats around the seams of each algorithm never descend. */
    @Test
    void monotoneAcrossSeams() {
        float halfLn2 = 0.34657359f;
        assertMonotone(MathReference.EXP, 0f, halfLn2, -halfLn2, 3 * halfLn2, -3 * halfLn2, 1f, -1f,
                EXP_OVERFLOW, EXP_UNDERFLOW, -87.33655f, -100f);
        assertMonotone(MathReference.LOG, Float.MIN_NORMAL, 0x1.6a09e6p-1f, 0x1.6a09e6p0f, 1f, 2f, 0.5f, 1e-40f, 1e30f);
        assertMonotone(MathReference.TANH, 0f, 0.625f, -0.625f, 9.010914f, -9.010914f, 1e-20f, 3f);
        assertMonotone(MathReference.SIGMOID, 0f, 17.32868f, 15f, -15f, EXP_UNDERFLOW, -87.33655f, 0.625f);
    }

    private static void assertMonotone(MathReference f, float... centres) {
        for (float c : centres) {
            int k = MathReference.key(c);
            float previous = f.lanes(MathReference.fromKey(k - 20_000));
            for (int i = k - 19_999; i <= k + 20_000; i++) {
                float x = MathReference.fromKey(i);
                float y = f.lanes(x);
                if (y < previous) {
                    throw new AssertionError(f + " descends at " + x + ": " + previous + " then " + y);
                }
                previous = y;
            }
        }
    }
}
