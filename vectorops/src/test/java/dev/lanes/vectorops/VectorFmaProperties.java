package dev.lanes.vectorops;

import static org.junit.jupiter.api.Assertions.fail;

import dev.lanes.kernel.internal.Fma;
import dev.lanes.vectorops.FmaCases.Triple;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link VectorFma}'s paths have the bits of {@link Math#fma(float, float, float)} in every lane,
 * at the width this JVM runs (each surefire execution runs another: 64, 128, 256, 512, and
 * 256 and 128 without FMA), over every kind of input of {@link FmaCases}. Arrays of a few vectors
 * plus a tail, so most inputs go through vector lanes.
 */
class VectorFmaProperties {
    @Provide
    Arbitrary<List<Triple>> all() {
        return Arbitraries.oneOf(FmaCases.all(), FmaCases.midpointsOfAddend(), FmaCases.midpointsOfProduct())
                .list().ofMinSize(0).ofMaxSize(4 * Species.L + 3);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void lanewise(@ForAll("all") List<Triple> triples) {
        int n = triples.size();
        float[] a = new float[n];
        float[] b = new float[n];
        float[] c = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = triples.get(i).a();
            b[i] = triples.get(i).b();
            c[i] = triples.get(i).c();
        }
        check(a, b, c, n);
    }

    /**
     * Every path of {@link VectorFma} against {@code Math.fma}, element by element: the chosen
     * one, and both emulations whichever this JVM would choose.
     */
    static void check(float[] a, float[] b, float[] c, int n) {
        float[] emulated = new float[n];
        float[] chosen = new float[n];
        VectorFma.fmaEmulated(a, b, c, emulated, n);
        VectorFma.fma(a, b, c, chosen, n);
        float[] doubles = apply(VectorFma::doubles, a, b, c, n);
        float[] lanewise = apply(VectorFma::lanewise, a, b, c, n);
        for (int i = 0; i < n; i++) {
            float expected = Math.fma(a[i], b[i], c[i]);
            same(expected, emulated[i], "emulated", a, b, c, i);
            same(expected, chosen[i], "fma", a, b, c, i);
            same(expected, doubles[i], "doubles", a, b, c, i);
            same(expected, lanewise[i], "lanewise", a, b, c, i);
        }
    }

    /** A three-operand vector function. */
    interface Ternary {
        FloatVector apply(FloatVector a, FloatVector b, FloatVector c);
    }

    /** {@code op} over whole vectors, {@link Fma#emulated} over the tail. */
    static float[] apply(Ternary op, float[] a, float[] b, float[] c, int n) {
        float[] out = new float[n];
        int i = 0;
        for (; i + Species.L <= n; i += Species.L) {
            op.apply(FloatVector.fromArray(Species.F, a, i), FloatVector.fromArray(Species.F, b, i),
                    FloatVector.fromArray(Species.F, c, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = Fma.emulated(a[i], b[i], c[i]);
        }
        return out;
    }

    static void checkIntrinsic(float[] a, float[] b, float[] c, int n) {
        float[] intrinsic = new float[n];
        VectorFma.fmaJdk(a, b, c, intrinsic, n);
        for (int i = 0; i < n; i++) {
            same(Math.fma(a[i], b[i], c[i]), intrinsic[i], "FloatVector.fma", a, b, c, i);
        }
    }

    private static void same(float expected, float actual, String what, float[] a, float[] b, float[] c, int i) {
        if (Float.floatToIntBits(expected) != Float.floatToIntBits(actual)) {
            fail(what + " at " + Species.F.vectorBitSize() + " bits (" + VectorFma.describe() + "), index " + i
                    + " of " + a.length + ": " + new Triple(a[i], b[i], c[i]) + " = " + actual + " (0x"
                    + Integer.toHexString(Float.floatToRawIntBits(actual)) + "), Math.fma gives " + expected
                    + " (0x" + Integer.toHexString(Float.floatToRawIntBits(expected)) + ")");
        }
    }
}
