package dev.lanes.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.lanes.kernel.internal.FmaCases.Triple;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Fma}: the choice of path, every combination of special values, a seeded sweep of
 * random inputs, and a check that the hard cases really are hard (rounding the double sum
 * directly to float gets them wrong).
 */
class FmaTest {
    /** How many random inputs {@link #sweep()} tries; the runs without FMA ask for fewer. */
    private static final int SWEEP = Integer.getInteger("lanes.test.fma.sweep", 1_000_000);

    @Test
    void choosesThePathOfTheJvm() {
        HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        boolean useFma = Boolean.parseBoolean(bean.getVMOption("UseFMA").getValue());
        String wanted = System.getProperty(Fma.PROPERTY, "");
        boolean expected = wanted.isEmpty() ? useFma : wanted.equals("hardware");
        assertEquals(expected, Fma.HARDWARE, Fma.describe());
        assertEquals(expected ? "hardware" : "emulated", Fma.path());
        assertTrue(Fma.describe().startsWith("fma=" + Fma.path() + " ("), Fma.describe());
        String expect = System.getProperty("lanes.test.fma.expect");
        if (expect != null) {
            assertEquals(expect, Fma.path(), Fma.describe());
        }
        // UseAVX is an x86 flag: elsewhere the JVM ignores it and keeps its FMA
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String expectX86 = System.getProperty("lanes.test.fma.expect.x86");
        if (expectX86 != null && (arch.equals("amd64") || arch.equals("x86_64"))) {
            assertEquals(expectX86, Fma.path(), Fma.describe());
        }
    }

    @Test
    void vmOptions() {
        HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        assertEquals(bean.getVMOption("UseFMA").getValue(), Fma.vmOption("UseFMA"));
        assertEquals(null, Fma.vmOption("NoSuchOptionAnywhere"));
    }

    @Test
    void choice() {
        assertTrue(Fma.choose("", true));
        assertFalse(Fma.choose("", false));
        assertTrue(Fma.choose("", null));
        assertTrue(Fma.choose("hardware", false));
        assertFalse(Fma.choose("emulated", true));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Fma.choose("soft", true));
        assertEquals("system property lanes.fma must be hardware or emulated, was 'soft'", e.getMessage());
    }

    @Test
    void everyCombinationOfSpecialValues() {
        for (float a : FmaCases.SPECIALS) {
            for (float b : FmaCases.SPECIALS) {
                for (float c : FmaCases.SPECIALS) {
                    FmaProperties.check(new Triple(a, b, c));
                }
            }
        }
    }

    /** Signed zeros: an exact zero sum is +0 unless both terms are -0. */
    @Test
    void signedZeros() {
        float[] zeros = {0f, -0f};
        for (float a : zeros) {
            for (float b : new float[] {1f, -1f, 0f, -0f}) {
                for (float c : zeros) {
                    FmaProperties.check(new Triple(a, b, c));
                }
            }
        }
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(Fma.emulated(2f, 3f, -6f)));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(Fma.emulated(-0f, 1f, -0f)));
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(Fma.emulated(-0f, 1f, 0f)));
    }

    /**
     * 1 + 2<sup>-23</sup> plus 2<sup>-24</sup>(1 − 2<sup>-46</sup>): just below the midpoint, so
     * the answer is 1 + 2<sup>-23</sup>, but the sum in double rounds up onto the midpoint and
     * then to the even float, 1 + 2<sup>-22</sup>.
     */
    @Test
    void aDoubleRoundingTrap() {
        float a = 0x1.000002p-24f;
        float b = 0x1.fffffcp-1f;
        float c = 0x1.000002p0f;
        assertEquals(0x1.000002p0f, Math.fma(a, b, c));
        assertEquals(0x1.000004p0f, (float) ((double) a * b + c), "the trap");
        assertEquals(0x1.000002p0f, Fma.emulated(a, b, c));
    }

    /**
     * The same trap where the result is a subnormal float, whose midpoints are not where a normal
     * float's are: 3·2<sup>21</sup> + 1 times 2<sup>-149</sup> plus 2<sup>-150</sup>(1 −
     * 2<sup>-46</sup>) rounds in double onto the midpoint, then to the even neighbour above; the
     * answer is the addend.
     */
    @Test
    void aDoubleRoundingTrapAmongSubnormals() {
        float a = 0x1.000002p-75f;
        float b = 0x1.fffffcp-76f;
        float c = Float.intBitsToFloat(0x0060_0001);
        assertEquals(c, Math.fma(a, b, c));
        assertEquals(Float.intBitsToFloat(0x0060_0002), (float) ((double) a * b + c), "the trap");
        assertEquals(c, Fma.emulated(a, b, c));
        assertEquals(-c, Fma.emulated(-a, b, -c));
    }

    /** The midpoint cases of {@link FmaCases} include traps like the one above, many of them. */
    @Test
    void theHardCasesAreHard() {
        int traps = 0;
        int n = 0;
        SplittableRandom random = new SplittableRandom(13);
        for (int j = 0; j <= 23; j++) {
            for (int k = 0; k < 200; k++) {
                float c = Float.intBitsToFloat(random.nextInt(1, 0x7f800000));
                Triple t = FmaCases.addendCase(c, j, random.nextInt(3), random.nextInt(4));
                float naive = (float) ((double) t.a() * t.b() + t.c());
                if (Float.floatToIntBits(naive) != Float.floatToIntBits(Math.fma(t.a(), t.b(), t.c()))) {
                    traps++;
                }
                FmaProperties.check(t);
                n++;
            }
        }
        assertTrue(traps > n / 20, "only " + traps + " of " + n + " cases round wrongly in plain double");
    }

    /** Seeded random inputs of every kind, many more than the properties draw. */
    @Test
    void sweep() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < SWEEP; i++) {
            float a;
            float b;
            float c;
            switch (i & 3) {
                case 0 -> {
                    a = Float.intBitsToFloat(random.nextInt());
                    b = Float.intBitsToFloat(random.nextInt());
                    c = Float.intBitsToFloat(random.nextInt());
                }
                case 1 -> {
                    a = (float) random.nextDouble(-4, 4);
                    b = (float) random.nextDouble(-4, 4);
                    c = (float) random.nextDouble(-4, 4);
                }
                case 2 -> {
                    a = Float.intBitsToFloat(random.nextInt(1, 0x7f800000) & (-1 << random.nextInt(24)));
                    b = Float.intBitsToFloat(random.nextInt(1, 0x7f800000) & (-1 << random.nextInt(24)));
                    c = FmaCases.step(FmaCases.productMidpoint(a, b), random.nextInt(-2, 3));
                }
                default -> {
                    Triple t = FmaCases.addendCase(Float.intBitsToFloat(random.nextInt(1, 0x7f800000)),
                            random.nextInt(24), random.nextInt(3), random.nextInt(4));
                    a = t.a();
                    b = t.b();
                    c = t.c();
                }
            }
            FmaProperties.check(new Triple(a, b, c));
        }
    }
}
