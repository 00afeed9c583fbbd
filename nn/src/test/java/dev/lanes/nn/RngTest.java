package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The generator against known outputs computed independently (src/test/resources/rng_reference.py,
 * arbitrary-precision Python integers), so a change to any step of the algorithm fails here.
 */
class RngTest {

    @Test
    void firstLongsMatchTheIndependentDerivation() {
        Rng r = new Rng(42);
        assertEquals(0x15780b2e0c2ec716L, r.nextLong());
        assertEquals(0x6104d9866d113a7eL, r.nextLong());
        assertEquals(0xae17533239e499a1L, r.nextLong());
        assertEquals(0xecb8ad4703b360a1L, r.nextLong());
        Rng zero = new Rng(0);
        assertEquals(0x99ec5f36cb75f2b4L, zero.nextLong());
        assertEquals(0xbf6e1f784956452aL, zero.nextLong());
        assertEquals(0x1a5f849d4933e6e0L, zero.nextLong());
        Rng minus = new Rng(-1);
        assertEquals(0x8f5520d52a7ead08L, minus.nextLong());
        assertEquals(0xc476a018caa1802dL, minus.nextLong());
        assertEquals(0x81de31c0d260469eL, minus.nextLong());
    }

    @Test
    void floatsAndDoublesTakeTheTopBits() {
        Rng f = new Rng(7);
        assertEquals(0x1.66b1f4p-1f, f.nextFloat());
        assertEquals(0x1.1d70f4p-2f, f.nextFloat());
        assertEquals(0x1.ade3a6p-1f, f.nextFloat());
        assertEquals(0x1.f65270p-1f, f.nextFloat());
        Rng d = new Rng(7);
        assertEquals(0x1.66b1f5ee9df2ep-1, d.nextDouble());
        assertEquals(0x1.1d70f6593d20ap-2, d.nextDouble());
        assertEquals(0x1.ade3a6932a58fp-1, d.nextDouble());
    }

    @Test
    void boundedIntsAreLemiresMethod() {
        Rng r = new Rng(7);
        int[] ten = new int[10];
        for (int i = 0; i < ten.length; i++) {
            ten[i] = r.nextInt(10);
        }
        assertArrayEquals(new int[] {7, 2, 8, 9, 9, 8, 0, 1, 4, 1}, ten);
        Rng s = new Rng(7);
        int[] three = new int[10];
        for (int i = 0; i < three.length; i++) {
            three[i] = s.nextInt(3);
        }
        assertArrayEquals(new int[] {2, 0, 2, 2, 2, 2, 0, 0, 1, 0}, three);
        assertThrows(IllegalArgumentException.class, () -> s.nextInt(0));
    }

    @Test
    void boundedIntsAreUniform() {
        Rng r = new Rng(123);
        int[] counts = new int[7];
        int n = 70_000;
        for (int i = 0; i < n; i++) {
            counts[r.nextInt(7)]++;
        }
        for (int c : counts) {
            assertTrue(Math.abs(c - n / 7) < 400, "count " + c + " far from " + n / 7);
        }
    }

    @Test
    void gaussiansAreBoxMullerWithStrictMath() {
        Rng r = new Rng(11);
        assertEquals(0x1.36a5fbfbaa876p-1, r.nextGaussian());
        assertEquals(-0x1.685f17af50c6ep-1, r.nextGaussian());
        assertEquals(-0x1.2d63f2872041ep-3, r.nextGaussian());
        assertEquals(0x1.32bbf924a2becp+0, r.nextGaussian());
        assertEquals(0x1.7af6e08e9d69ep-3, r.nextGaussian());
    }

    @Test
    void gaussianMomentsAreStandard() {
        Rng r = new Rng(99);
        int n = 200_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double g = r.nextGaussian();
            sum += g;
            sumSq += g * g;
        }
        double mean = sum / n;
        assertEquals(0.0, mean, 0.01);
        assertEquals(1.0, sumSq / n - mean * mean, 0.01);
    }

    @Test
    void shuffleIsFisherYatesFromTheBack() {
        int[] a = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        new Rng(5).shuffle(a, 0, a.length);
        assertArrayEquals(new int[] {1, 0, 4, 9, 6, 3, 7, 8, 5, 2}, a);
        int[] b = {-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1};
        new Rng(5).shuffle(b, 1, 10);
        assertArrayEquals(new int[] {-1, 1, 0, 4, 9, 6, 3, 7, 8, 5, 2, -1}, b);
        assertThrows(IndexOutOfBoundsException.class, () -> new Rng(5).shuffle(a, 5, 6));
    }

    @Test
    void stateRoundTripResumesTheSequence() {
        Rng r = new Rng(2024);
        for (int i = 0; i < 17; i++) {
            r.nextLong();
        }
        long[] saved = r.state();
        long[] expected = new long[8];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = r.nextLong();
        }
        Rng resumed = Rng.ofState(saved);
        for (long e : expected) {
            assertEquals(e, resumed.nextLong());
        }
        assertThrows(IllegalArgumentException.class, () -> r.setState(new long[4]));
        assertThrows(IllegalArgumentException.class, () -> r.setState(new long[3]));
    }
}
