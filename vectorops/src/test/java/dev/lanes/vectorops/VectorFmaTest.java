package dev.lanes.vectorops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernel.internal.Fma;
import java.util.Locale;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorFma}: the path it reports, every combination of special values in vector lanes,
 * and a seeded sweep of random inputs of every kind.
 */
class VectorFmaTest {
    /** How many random inputs {@link #sweep()} tries; the runs without FMA ask for fewer. */
    private static final int SWEEP = Integer.getInteger("lanes.test.fma.sweep", 1 << 20);

    @Test
    void reportsThePathOfFma() {
        String d = VectorFma.describe();
        assertTrue(d.startsWith(Fma.describe()), d);
        if (!Fma.HARDWARE) {
            // without AVX, x86 has no float-double vector conversion
            boolean lanewise = "0".equals(Fma.vmOption("UseAVX"));
            assertTrue(d.contains(lanewise ? "lane by lane" : "double lanes"), d);
            assertEquals(lanewise ? "emulated-lanewise" : "emulated-vector", VectorFma.path());
        } else {
            assertEquals(Fma.describe(), d);
            assertEquals("hardware", VectorFma.path());
        }
        String expect = System.getProperty("lanes.test.fma.expect");
        if (expect != null) {
            assertEquals(expect, Fma.path(), d);
        }
        // UseAVX is an x86 flag: elsewhere the JVM ignores it and keeps its FMA
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String expectX86 = System.getProperty("lanes.test.fma.expect.x86");
        if (expectX86 != null && (arch.equals("amd64") || arch.equals("x86_64"))) {
            assertEquals(expectX86, Fma.path(), d);
        }
    }

    @Test
    void everyCombinationOfSpecialValues() {
        int k = FmaCases.SPECIALS.length;
        int n = k * k * k;
        float[] a = new float[n];
        float[] b = new float[n];
        float[] c = new float[n];
        int i = 0;
        for (float x : FmaCases.SPECIALS) {
            for (float y : FmaCases.SPECIALS) {
                for (float z : FmaCases.SPECIALS) {
                    a[i] = x;
                    b[i] = y;
                    c[i] = z;
                    i++;
                }
            }
        }
        VectorFmaProperties.check(a, b, c, n);
        VectorFmaProperties.checkIntrinsic(a, b, c, n);
    }

    /**
     * A double-rounding trap (a normal one, and one among subnormal results) in one lane of a
     * vector whose other lanes round right without help, in every lane position: the emulation
     * rounds to odd only where a vector holds such a lane.
     */
    @Test
    void oneHardLaneAmongEasyOnes() {
        float[][] traps = {
            {0x1.000002p-24f, 0x1.fffffcp-1f, 0x1.000002p0f},
            {0x1.000002p-75f, 0x1.fffffcp-76f, Float.intBitsToFloat(0x0060_0001)},
        };
        int n = 2 * Species.L + 1;
        for (float[] trap : traps) {
            for (int hard = 0; hard < n; hard++) {
                float[] a = new float[n];
                float[] b = new float[n];
                float[] c = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = i == hard ? trap[0] : 1.5f + i;
                    b[i] = i == hard ? trap[1] : 0.25f - i;
                    c[i] = i == hard ? trap[2] : 3f * i;
                }
                VectorFmaProperties.check(a, b, c, n);
            }
        }
    }

    /** The form with broadcast scalars, over every special value as either scalar. */
    @Test
    void broadcastForm() {
        SplittableRandom random = new SplittableRandom(11);
        float[] a = new float[Species.L];
        float[] out = new float[Species.L];
        for (float b : FmaCases.SPECIALS) {
            for (float c : FmaCases.SPECIALS) {
                for (int i = 0; i < a.length; i++) {
                    a[i] = i % 3 == 0 ? FmaCases.SPECIALS[random.nextInt(FmaCases.SPECIALS.length)]
                            : Float.intBitsToFloat(random.nextInt());
                }
                VectorFma.fma(FloatVector.fromArray(Species.F, a, 0), b, c).intoArray(out, 0);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(Float.floatToIntBits(Math.fma(a[i], b, c)), Float.floatToIntBits(out[i]),
                            () -> "fma(" + a[0] + "..., " + b + ", " + c + ")");
                }
            }
        }
    }

    /** Seeded random inputs of every kind in vector lanes, many more than the properties draw. */
    @Test
    void sweep() {
        SplittableRandom random = new SplittableRandom(7);
        int n = SWEEP;
        float[] a = new float[n];
        float[] b = new float[n];
        float[] c = new float[n];
        for (int i = 0; i < n; i++) {
            switch (i % 3) {
                case 0 -> {
                    a[i] = Float.intBitsToFloat(random.nextInt());
                    b[i] = Float.intBitsToFloat(random.nextInt());
                    c[i] = Float.intBitsToFloat(random.nextInt());
                }
                case 1 -> {
                    a[i] = Float.intBitsToFloat(random.nextInt(1, 0x7f800000) & (-1 << random.nextInt(24)));
                    b[i] = Float.intBitsToFloat(random.nextInt(1, 0x7f800000) & (-1 << random.nextInt(24)));
                    c[i] = FmaCases.step(FmaCases.productMidpoint(a[i], b[i]), random.nextInt(-2, 3));
                }
                default -> {
                    FmaCases.Triple t = FmaCases.addendCase(Float.intBitsToFloat(random.nextInt(1, 0x7f800000)),
                            random.nextInt(24), random.nextInt(3), random.nextInt(4));
                    a[i] = t.a();
                    b[i] = t.b();
                    c[i] = t.c();
                }
            }
        }
        VectorFmaProperties.check(a, b, c, n);
    }
}
