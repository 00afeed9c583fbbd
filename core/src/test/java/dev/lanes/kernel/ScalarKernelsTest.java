package dev.lanes.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The scalar reference on its own: the canonical order, special values and argument checks. */
class ScalarKernelsTest {
    private final Kernels k = Kernels.scalar();

    @Test
    void sumFollowsTheCanonicalLaneOrder() {
        // Lane 0 gets 1e8 then +1 (absorbed); lane 1 gets -1e8. Sequential summation would give 1.
        float[] x = new float[65];
        x[0] = 1e8f;
        x[1] = -1e8f;
        x[64] = 1f;
        assertEquals(0f, k.sum(x, 0, 65));
        // Lanes 0 and 32 meet first in the tree (s = 32), then lane 1 (s = 1).
        float[] y = new float[64];
        y[0] = 1e8f;
        y[32] = -1e8f;
        y[1] = 1f;
        assertEquals(1f, k.sum(y, 0, 64));
        y[32] = 0f;
        y[16] = -1e8f;
        assertEquals(1f, k.sum(y, 0, 64));
    }

    @Test
    void reductionsOfNothingAreZero() {
        float[] x = {};
        assertEquals(0, Float.floatToRawIntBits(k.sum(x, 0, 0)));
        assertEquals(0, Float.floatToRawIntBits(k.dot(x, 0, x, 0, 0)));
        assertEquals(0, Float.floatToRawIntBits(k.sumSquares(x, 0, 0)));
        assertEquals(0, Float.floatToRawIntBits(k.maxAbs(x, 0, 0)));
    }

    @Test
    void dotFusesEachProduct() {
        // fma(a, a, 0) then fma(b, b, acc): 1 + 2^-24 squared is 1 + 2^-23 + 2^-48, exact only when fused.
        float a = 1f + 0x1p-23f;
        float[] x = {a};
        assertEquals(Math.fma(a, a, 0f), k.dot(x, 0, x, 0, 1));
        assertEquals(Math.fma(a, a, 0f), k.sumSquares(x, 0, 1));
    }

    @Test
    void maxAbsPropagatesNaNAndIgnoresSign() {
        assertEquals(3f, k.maxAbs(new float[] {1f, -3f, 2f}, 0, 3));
        assertTrue(Float.isNaN(k.maxAbs(new float[] {1f, Float.NaN, 2f}, 0, 3)));
        assertEquals(Float.POSITIVE_INFINITY, k.maxAbs(new float[] {Float.NEGATIVE_INFINITY}, 0, 1));
    }

    @Test
    void elementwiseKernelsComputeTheirFormulas() {
        float[] x = {1, 2, 3};
        float[] y = {10, 20, 30};
        float[] z = new float[3];
        k.add(x, 0, y, 0, z, 0, 3);
        assertArrayEquals(new float[] {11, 22, 33}, z);
        k.multiply(x, 0, y, 0, z, 0, 3);
        assertArrayEquals(new float[] {10, 40, 90}, z);
        k.multiplyAdd(x, 0, y, 0, z, 0, 3);
        assertArrayEquals(new float[] {20, 80, 180}, z);
        k.scale(-2, x, 0, z, 0, 3);
        assertArrayEquals(new float[] {-2, -4, -6}, z);
        k.axpy(3, x, 0, y, 0, 3);
        assertArrayEquals(new float[] {13, 26, 39}, y);
        float[] c = {-5, 0.5f, Float.NaN, 7};
        k.clamp(0, 1, c, 0, c, 0, 4);
        assertEquals(0f, c[0]);
        assertEquals(0.5f, c[1]);
        assertTrue(Float.isNaN(c[2]));
        assertEquals(1f, c[3]);
    }

    @Test
    void badArgumentsAreNamedAndNothingIsWritten() {
        float[] x = {1, 2, 3, 4};
        float[] y = {5, 6, 7, 8};
        float[] before = y.clone();

        var e = assertThrows(IndexOutOfBoundsException.class, () -> k.axpy(1, x, 0, y, 2, 3));
        assertTrue(e.getMessage().startsWith("y:"), e.getMessage());
        assertArrayEquals(before, y);

        var n = assertThrows(IllegalArgumentException.class, () -> k.sum(x, 0, -1));
        assertTrue(n.getMessage().contains("-1"), n.getMessage());

        var overlap = assertThrows(IllegalArgumentException.class, () -> k.scale(2, y, 0, y, 1, 3));
        assertTrue(overlap.getMessage().contains("partially overlaps"), overlap.getMessage());
        assertArrayEquals(before, y);

        var clamp = assertThrows(IllegalArgumentException.class, () -> k.clamp(2, 1, x, 0, y, 0, 4));
        assertTrue(clamp.getMessage().contains("lo=2.0"), clamp.getMessage());
        assertArrayEquals(before, y);

        var npe = assertThrows(NullPointerException.class, () -> k.sum(null, 0, 0));
        assertTrue(npe.getMessage().contains("x"), npe.getMessage());
    }

    @Test
    void infoDescribesTheReference() {
        KernelInfo info = k.info();
        assertEquals("scalar", info.backend());
        assertEquals(32, info.vectorBits());
        assertTrue(info.toString().startsWith("backend=scalar bits=32"), info.toString());
        assertTrue(info.jvm().contains(String.valueOf(Runtime.version().feature())), info.jvm());
    }
}
