package dev.lanes.vectorops.roofline;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Probes of the machine's own limits, written with the Vector API at the preferred width, for
 * the JMH suite to report every kernel beside its bound: in-place streaming over 2, 3 and 4
 * arrays (the memory traffic of SGD, of the three-array optimizers, of Adam and AdaDelta),
 * {@code sqrt} + {@code div} throughput, and FMA throughput. Not part of the numeric contract:
 * these only measure.
 */
public final class Roofline {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();

    /** Independent FMA chains: latency 4 × 2 pipes needs 8; 12 leaves headroom. */
    public static final int FMA_CHAINS = 12;
    /** Independent sqrt/div chains. */
    public static final int SQRT_CHAINS = 8;

    private Roofline() {}

    /** Lanes of the preferred species. */
    public static int lanes() {
        return L;
    }

    /** {@code a += s·b}: reads 2 arrays, writes 1 (12 bytes per element): SGD's traffic. */
    public static void stream2(float[] a, float[] b, float s, int n) {
        stream2(a, b, s, 0, n);
    }

    /** {@link #stream2(float[], float[], float, int)} over the elements {@code [from, to)}. */
    public static void stream2(float[] a, float[] b, float s, int from, int to) {
        FloatVector vs = FloatVector.broadcast(F, s);
        int i = from;
        for (int bound = from + F.loopBound(to - from); i < bound; i += L) {
            FloatVector.fromArray(F, b, i).fma(vs, FloatVector.fromArray(F, a, i)).intoArray(a, i);
        }
        for (; i < to; i++) {
            a[i] = Math.fma(b[i], s, a[i]);
        }
    }

    /** {@code a += s·b; c += s·b}: reads 3, writes 2 (20 bytes per element): momentum's traffic. */
    public static void stream3(float[] a, float[] b, float[] c, float s, int n) {
        stream3(a, b, c, s, 0, n);
    }

    /** {@link #stream3(float[], float[], float[], float, int)} over the elements {@code [from, to)}. */
    public static void stream3(float[] a, float[] b, float[] c, float s, int from, int to) {
        FloatVector vs = FloatVector.broadcast(F, s);
        int i = from;
        for (int bound = from + F.loopBound(to - from); i < bound; i += L) {
            FloatVector vb = FloatVector.fromArray(F, b, i);
            vb.fma(vs, FloatVector.fromArray(F, a, i)).intoArray(a, i);
            vb.fma(vs, FloatVector.fromArray(F, c, i)).intoArray(c, i);
        }
        for (; i < to; i++) {
            a[i] = Math.fma(b[i], s, a[i]);
            c[i] = Math.fma(b[i], s, c[i]);
        }
    }

    /** {@code a, c, d += s·b}: reads 4, writes 3 (28 bytes per element): Adam's traffic. */
    public static void stream4(float[] a, float[] b, float[] c, float[] d, float s, int n) {
        stream4(a, b, c, d, s, 0, n);
    }

    /** {@link #stream4(float[], float[], float[], float[], float, int)} over the elements {@code [from, to)}. */
    public static void stream4(float[] a, float[] b, float[] c, float[] d, float s, int from, int to) {
        FloatVector vs = FloatVector.broadcast(F, s);
        int i = from;
        for (int bound = from + F.loopBound(to - from); i < bound; i += L) {
            FloatVector vb = FloatVector.fromArray(F, b, i);
            vb.fma(vs, FloatVector.fromArray(F, a, i)).intoArray(a, i);
            vb.fma(vs, FloatVector.fromArray(F, c, i)).intoArray(c, i);
            vb.fma(vs, FloatVector.fromArray(F, d, i)).intoArray(d, i);
        }
        for (; i < to; i++) {
            a[i] = Math.fma(b[i], s, a[i]);
            c[i] = Math.fma(b[i], s, c[i]);
            d[i] = Math.fma(b[i], s, d[i]);
        }
    }

    /**
     * {@value #SQRT_CHAINS} independent chains of {@code x = c / sqrt(x + 1)}, {@code rounds}
     * times: {@code rounds · SQRT_CHAINS · lanes()} sqrt+div pairs. Returns a value to consume.
     */
    public static float sqrtDiv(int rounds, float seed) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector c = FloatVector.broadcast(F, 2f);
        FloatVector x0 = FloatVector.broadcast(F, seed);
        FloatVector x1 = x0.add(1f), x2 = x0.add(2f), x3 = x0.add(3f);
        FloatVector x4 = x0.add(4f), x5 = x0.add(5f), x6 = x0.add(6f), x7 = x0.add(7f);
        for (int r = 0; r < rounds; r++) {
            x0 = c.div(x0.add(one).sqrt());
            x1 = c.div(x1.add(one).sqrt());
            x2 = c.div(x2.add(one).sqrt());
            x3 = c.div(x3.add(one).sqrt());
            x4 = c.div(x4.add(one).sqrt());
            x5 = c.div(x5.add(one).sqrt());
            x6 = c.div(x6.add(one).sqrt());
            x7 = c.div(x7.add(one).sqrt());
        }
        return x0.add(x1).add(x2).add(x3).add(x4).add(x5).add(x6).add(x7).lane(0);
    }

    /**
     * {@value #FMA_CHAINS} independent chains of {@code acc = fma(acc, m, a)}, {@code rounds}
     * times: {@code rounds · FMA_CHAINS · lanes()} FMAs, twice as many flops.
     */
    public static float fma(int rounds, float seed) {
        FloatVector m = FloatVector.broadcast(F, 0.999f);
        FloatVector a = FloatVector.broadcast(F, 1e-3f);
        FloatVector c0 = FloatVector.broadcast(F, seed), c1 = c0.add(1f), c2 = c0.add(2f), c3 = c0.add(3f);
        FloatVector c4 = c0.add(4f), c5 = c0.add(5f), c6 = c0.add(6f), c7 = c0.add(7f);
        FloatVector c8 = c0.add(8f), c9 = c0.add(9f), c10 = c0.add(10f), c11 = c0.add(11f);
        for (int r = 0; r < rounds; r++) {
            c0 = c0.fma(m, a);
            c1 = c1.fma(m, a);
            c2 = c2.fma(m, a);
            c3 = c3.fma(m, a);
            c4 = c4.fma(m, a);
            c5 = c5.fma(m, a);
            c6 = c6.fma(m, a);
            c7 = c7.fma(m, a);
            c8 = c8.fma(m, a);
            c9 = c9.fma(m, a);
            c10 = c10.fma(m, a);
            c11 = c11.fma(m, a);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11).lane(0);
    }
}
