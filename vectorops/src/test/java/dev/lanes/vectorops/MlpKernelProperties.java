package dev.lanes.vectorops;

import static dev.lanes.vectorops.Bits.SCALAR;
import static dev.lanes.vectorops.Bits.VECTOR;
import static dev.lanes.vectorops.Bits.assertSame;

import dev.lanes.kernel.Kernels;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The MLP kernels (products, activations, softmax, losses): vector == scalar reference, bit for
 * bit, over random shapes whose dimensions cover the tails of every width (0..70 columns), with
 * offsets and padded leading dimensions, over values of every kind and over ordinary values only
 * (where a change in the order of a sum would show). Whole output arrays are compared, so a write
 * outside the region fails.
 */
class MlpKernelProperties {

    private static final float[] SPECIALS = {
        0f, -0f, 1f, -1f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-40f, -1e-40f, Float.MIN_NORMAL,
        Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.NaN, 1e30f, -1e30f, 1e-30f, -1e-30f, 88f, -88f, 1e4f, -1e4f,
    };

    /**
     * One drawn case: dimensions, offsets and leading-dimension paddings, and a seed from which
     * the values are made ({@code finite}: ordinary values in [-2, 2] only; otherwise 70 %
     * ordinary, 20 % arbitrary bit patterns, 10 % special values).
     */
    record Case(int rows, int in, int out, int[] offsets, int[] pads, long seed, boolean finite) {
        float[] matrix(int which, int r, int c, int ld) {
            int len = offsets[which] + (r == 0 || c == 0 ? 0 : (r - 1) * ld + c) + pads[which];
            return values(len, which);
        }

        float[] values(int len, int which) {
            SplittableRandom random = new SplittableRandom(seed * 31 + which);
            float[] a = new float[len];
            for (int i = 0; i < len; i++) {
                a[i] = value(random, finite);
            }
            return a;
        }

        int ld(int which, int cols) {
            return cols + pads[which];
        }

        /** The rows of a batch of which these rows are a micro-batch: {@code rows} itself or more. */
        int batchRows() {
            return rows + (int) (Math.floorMod(seed, 3L) * Math.floorMod(seed >> 2, 97L));
        }

        @Override
        public String toString() {
            return "rows=" + rows + " in=" + in + " out=" + out + " offsets=" + java.util.Arrays.toString(offsets)
                    + " pads=" + java.util.Arrays.toString(pads) + " seed=" + seed + " finite=" + finite;
        }
    }

    static float value(SplittableRandom random, boolean finite) {
        if (finite) {
            return (float) (random.nextDouble() * 4 - 2);
        }
        int kind = random.nextInt(10);
        if (kind < 7) {
            return (float) (random.nextDouble() * 200 - 100);
        }
        if (kind < 9) {
            return Float.intBitsToFloat(random.nextInt());
        }
        return SPECIALS[random.nextInt(SPECIALS.length)];
    }

    private static Arbitrary<Integer> dims(int max) {
        return Arbitraries.frequencyOf(
                // Lanes ± 1 at every width, and k·L + a few (10: the output layer; 26, 34, 50, 58:
                // four or seven vectors, which the vector kernel splits 2 + 2 with a partial last one).
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 15, 16, 17, 23, 24, 25, 26,
                        31, 32, 33, 34, 47, 48, 49, 50, 58, 63, 64, 65, 70).filter(d -> d <= max)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, max)));
    }

    private static Arbitrary<Case> cases(boolean finite) {
        Arbitrary<int[]> small = Arbitraries.integers().between(0, 5).array(int[].class).ofSize(6);
        return Combinators.combine(Arbitraries.integers().between(0, 9), dims(70), dims(70), small, small,
                        Arbitraries.longs())
                .as((rows, in, out, offsets, pads, seed) -> new Case(rows, in, out, offsets, pads, seed, finite));
    }

    @Provide
    Arbitrary<Case> any() {
        return Arbitraries.oneOf(cases(false), cases(true));
    }

    @Provide
    Arbitrary<Case> finite() {
        return cases(true);
    }

    // ---------------------------------------------------------------- products

    private static float[] gemmForward(Kernels k, Case c, boolean bias) {
        int ldx = c.ld(0, c.in());
        int ldw = c.ld(1, c.out());
        int ldy = c.ld(3, c.out());
        float[] x = c.matrix(0, c.rows(), c.in(), ldx);
        float[] w = c.matrix(1, c.in(), c.out(), ldw);
        float[] b = c.matrix(2, 1, c.out(), c.out());
        float[] y = c.matrix(3, c.rows(), c.out(), ldy);
        k.gemmForward(x, c.offsets()[0], ldx, w, c.offsets()[1], ldw, bias ? b : null, c.offsets()[2],
                y, c.offsets()[3], ldy, c.rows(), c.in(), c.out());
        return y;
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void gemmForward(@ForAll("any") Case c) {
        assertSame(gemmForward(SCALAR, c, true), gemmForward(VECTOR, c, true), c);
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.MIXIN)
    void gemmForwardWithoutBias(@ForAll("finite") Case c) {
        assertSame(gemmForward(SCALAR, c, false), gemmForward(VECTOR, c, false), c);
    }

    /** Depths past one k block of the vector kernel (which continues chains from stored partials). */
    @Property(tries = 20, edgeCases = EdgeCasesMode.MIXIN)
    void gemmForwardDeep(@ForAll("finite") Case c, @ForAll("depths") int depth) {
        Case deep = new Case(Math.min(c.rows(), 5), depth, c.out(), c.offsets(), c.pads(), c.seed(), true);
        assertSame(gemmForward(SCALAR, deep, true), gemmForward(VECTOR, deep, true), deep);
    }

    /** dW sums over the rows: batches past one k block, with tail columns continued from C. */
    @Property(tries = 20, edgeCases = EdgeCasesMode.MIXIN)
    void gemmBackwardWeightsDeep(@ForAll("finite") Case c, @ForAll("depths") int rows) {
        Case deep = new Case(rows, Math.min(c.in(), 9), c.out(), c.offsets(), c.pads(), c.seed(), true);
        assertSame(gemmBackwardWeights(SCALAR, deep), gemmBackwardWeights(VECTOR, deep), deep);
    }

    /** dX sums over the outputs: layers wider than one k block. */
    @Property(tries = 20, edgeCases = EdgeCasesMode.MIXIN)
    void gemmBackwardInputDeep(@ForAll("finite") Case c, @ForAll("depths") int out) {
        Case deep = new Case(Math.min(c.rows(), 6), c.in(), out, c.offsets(), c.pads(), c.seed(), true);
        assertSame(gemmBackwardInput(SCALAR, deep), gemmBackwardInput(VECTOR, deep), deep);
    }

    /**
     * Fewer than 4 rows (inference on one example) and wide outputs: past 8 vectors of columns at
     * every width, where the vector kernel keeps a row's accumulators in registers.
     */
    @Property(tries = 40, edgeCases = EdgeCasesMode.MIXIN)
    void productsWithFewRowsAndWideOutputs(@ForAll("any") Case c, @ForAll("wide") int wide) {
        int few = 1 + Math.floorMod(c.rows(), 3);
        Case forward = new Case(few, c.in(), wide, c.offsets(), c.pads(), c.seed(), c.finite());
        assertSame(gemmForward(SCALAR, forward, true), gemmForward(VECTOR, forward, true), forward);
        Case input = new Case(few, wide, c.out(), c.offsets(), c.pads(), c.seed(), c.finite());
        assertSame(gemmBackwardInput(SCALAR, input), gemmBackwardInput(VECTOR, input), input);
        Case weights = new Case(c.rows(), few, wide, c.offsets(), c.pads(), c.seed(), c.finite());
        assertSame(gemmBackwardWeights(SCALAR, weights), gemmBackwardWeights(VECTOR, weights), weights);
    }

    @Provide
    Arbitrary<Integer> wide() {
        return Arbitraries.of(63, 64, 65, 127, 128, 129, 136, 255, 256, 257, 300);
    }

    @Provide
    Arbitrary<Integer> depths() {
        return Arbitraries.of(255, 256, 257, 511, 512, 600, 784);
    }

    private static float[] gemmBackwardWeights(Kernels k, Case c) {
        int ldx = c.ld(0, c.in());
        int lddy = c.ld(1, c.out());
        int lddw = c.ld(2, c.out());
        float[] x = c.matrix(0, c.rows(), c.in(), ldx);
        float[] dy = c.matrix(1, c.rows(), c.out(), lddy);
        float[] dw = c.matrix(2, c.in(), c.out(), lddw);
        k.gemmBackwardWeights(x, c.offsets()[0], ldx, dy, c.offsets()[1], lddy, dw, c.offsets()[2], lddw,
                c.rows(), c.in(), c.out());
        return dw;
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void gemmBackwardWeights(@ForAll("any") Case c) {
        assertSame(gemmBackwardWeights(SCALAR, c), gemmBackwardWeights(VECTOR, c), c);
    }

    private static float[] gemmBackwardInput(Kernels k, Case c) {
        int lddy = c.ld(0, c.out());
        int ldwt = c.ld(1, c.in());
        int lddx = c.ld(2, c.in());
        float[] dy = c.matrix(0, c.rows(), c.out(), lddy);
        float[] wt = c.matrix(1, c.out(), c.in(), ldwt);
        float[] dx = c.matrix(2, c.rows(), c.in(), lddx);
        k.gemmBackwardInput(dy, c.offsets()[0], lddy, wt, c.offsets()[1], ldwt, dx, c.offsets()[2], lddx,
                c.rows(), c.out(), c.in());
        return dx;
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void gemmBackwardInput(@ForAll("any") Case c) {
        assertSame(gemmBackwardInput(SCALAR, c), gemmBackwardInput(VECTOR, c), c);
    }

    private static float[] biasBackward(Kernels k, Case c) {
        int lddy = c.ld(0, c.out());
        float[] dy = c.matrix(0, c.rows(), c.out(), lddy);
        float[] db = c.matrix(1, 1, c.out(), c.out());
        k.biasBackward(dy, c.offsets()[0], lddy, db, c.offsets()[1], c.rows(), c.out());
        return db;
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void biasBackward(@ForAll("any") Case c) {
        assertSame(biasBackward(SCALAR, c), biasBackward(VECTOR, c), c);
    }

    private static float[] transpose(Kernels k, Case c) {
        int lda = c.ld(0, c.out());
        int ldt = c.ld(1, c.in());
        float[] a = c.matrix(0, c.in(), c.out(), lda);
        float[] t = c.matrix(1, c.out(), c.in(), ldt);
        k.transpose(a, c.offsets()[0], lda, t, c.offsets()[1], ldt, c.in(), c.out());
        return t;
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void transpose(@ForAll("any") Case c) {
        assertSame(transpose(SCALAR, c), transpose(VECTOR, c), c);
    }

    // ---------------------------------------------------------------- element-wise activations

    /** An activation kernel over {@code n} elements, {@code in → out}. */
    interface Forward {
        void run(Kernels k, float[] x, int xOff, float[] y, int yOff, int n);
    }

    /** A backward kernel over {@code n} elements, {@code (y, dy) → dx}. */
    interface Backward {
        void run(Kernels k, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n);
    }

    private static void checkForward(Case c, Forward f) {
        int n = c.rows() * c.out();
        int[] o = c.offsets();
        float[] x = c.matrix(0, 1, n, n);
        float[] ys = c.matrix(1, 1, n, n);
        float[] yv = c.matrix(1, 1, n, n);
        f.run(SCALAR, x, o[0], ys, o[1], n);
        f.run(VECTOR, x, o[0], yv, o[1], n);
        assertSame(ys, yv, c);
        float[] s = c.matrix(0, 1, n, n);
        float[] v = c.matrix(0, 1, n, n);
        f.run(SCALAR, s, o[0], s, o[0], n);
        f.run(VECTOR, v, o[0], v, o[0], n);
        assertSame(s, v, "in place: " + c);
    }

    private static void checkBackward(Case c, Backward f) {
        int n = c.rows() * c.out();
        int[] o = c.offsets();
        float[] y = c.matrix(0, 1, n, n);
        float[] dy = c.matrix(1, 1, n, n);
        float[] dxs = c.matrix(2, 1, n, n);
        float[] dxv = c.matrix(2, 1, n, n);
        f.run(SCALAR, y, o[0], dy, o[1], dxs, o[2], n);
        f.run(VECTOR, y, o[0], dy, o[1], dxv, o[2], n);
        assertSame(dxs, dxv, c);
        float[] s = c.matrix(1, 1, n, n);
        float[] v = c.matrix(1, 1, n, n);
        f.run(SCALAR, y, o[0], s, o[1], s, o[1], n);
        f.run(VECTOR, y, o[0], v, o[1], v, o[1], n);
        assertSame(s, v, "in place over dy: " + c);
        s = c.matrix(0, 1, n, n);
        v = c.matrix(0, 1, n, n);
        f.run(SCALAR, s, o[0], dy, o[1], s, o[0], n);
        f.run(VECTOR, v, o[0], dy, o[1], v, o[0], n);
        assertSame(s, v, "in place over y: " + c);
    }

    @Provide
    Arbitrary<Float> slopes() {
        return Arbitraries.oneOf(Arbitraries.of(0f, 0.01f, 0.2f, 1f, Float.MIN_VALUE, 3e38f),
                Arbitraries.floats().between(0f, 10f).ofScale(6));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void reluForward(@ForAll("any") Case c) {
        checkForward(c, Kernels::reluForward);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void reluBackward(@ForAll("any") Case c) {
        checkBackward(c, Kernels::reluBackward);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void leakyReluForward(@ForAll("any") Case c, @ForAll("slopes") float alpha) {
        checkForward(c, (k, x, xo, y, yo, n) -> k.leakyReluForward(alpha, x, xo, y, yo, n));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void leakyReluBackward(@ForAll("any") Case c, @ForAll("slopes") float alpha) {
        checkBackward(c, (k, y, yo, dy, dyo, dx, dxo, n) -> k.leakyReluBackward(alpha, y, yo, dy, dyo, dx, dxo, n));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void sigmoidBackward(@ForAll("any") Case c) {
        checkBackward(c, Kernels::sigmoidBackward);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void tanhBackward(@ForAll("any") Case c) {
        checkBackward(c, Kernels::tanhBackward);
    }

    // ---------------------------------------------------------------- softmax and losses (dense rows of `out` columns)

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void softmaxForward(@ForAll("any") Case c) {
        checkForward(c, (k, x, xo, y, yo, n) -> k.softmaxForward(x, xo, y, yo, c.rows(), c.out()));
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void softmaxBackward(@ForAll("any") Case c) {
        int n = c.rows() * c.out();
        int[] o = c.offsets();
        float[] y = c.matrix(0, 1, n, n);
        float[] dy = c.matrix(1, 1, n, n);
        float[] dxs = c.matrix(2, 1, n, n);
        float[] dxv = c.matrix(2, 1, n, n);
        SCALAR.softmaxBackward(y, o[0], dy, o[1], dxs, o[2], c.rows(), c.out());
        VECTOR.softmaxBackward(y, o[0], dy, o[1], dxv, o[2], c.rows(), c.out());
        assertSame(dxs, dxv, c);
        float[] s = c.matrix(1, 1, n, n);
        float[] v = c.matrix(1, 1, n, n);
        SCALAR.softmaxBackward(y, o[0], s, o[1], s, o[1], c.rows(), c.out());
        VECTOR.softmaxBackward(y, o[0], v, o[1], v, o[1], c.rows(), c.out());
        assertSame(s, v, "in place over dy: " + c);
    }

    private static int[] labels(Case c, int off, int classes) {
        SplittableRandom random = new SplittableRandom(c.seed() ^ 0x5DEECE66DL);
        int[] labels = new int[off + c.rows() + 2];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = classes == 0 ? 0 : random.nextInt(classes);
        }
        return labels;
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void softmaxCrossEntropy(@ForAll("any") Case c) {
        int classes = Math.max(1, c.out());
        int rows = c.rows();
        int batchRows = c.batchRows();
        int n = rows * classes;
        int[] o = c.offsets();
        float[] logits = c.matrix(0, 1, n, n);
        int[] labels = labels(c, o[3], classes);
        float[] gs = c.matrix(1, 1, n, n);
        float[] gv = c.matrix(1, 1, n, n);
        float[] ls = c.matrix(2, 1, rows, rows);
        float[] lv = c.matrix(2, 1, rows, rows);
        float s = SCALAR.softmaxCrossEntropy(logits, o[0], labels, o[3], gs, o[1], ls, o[2], rows, classes, batchRows);
        float v = VECTOR.softmaxCrossEntropy(logits, o[0], labels, o[3], gv, o[1], lv, o[2], rows, classes, batchRows);
        assertSame(s, v, c);
        assertSame(gs, gv, c);
        assertSame(ls, lv, c);
        float[] ips = c.matrix(0, 1, n, n);
        float[] ipv = c.matrix(0, 1, n, n);
        s = SCALAR.softmaxCrossEntropy(ips, o[0], labels, o[3], ips, o[0], ls, o[2], rows, classes, batchRows);
        v = VECTOR.softmaxCrossEntropy(ipv, o[0], labels, o[3], ipv, o[0], lv, o[2], rows, classes, batchRows);
        assertSame(s, v, "in place: " + c);
        assertSame(ips, ipv, "in place: " + c);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void mseLoss(@ForAll("any") Case c) {
        int rows = c.rows();
        int batchRows = c.batchRows();
        int n = rows * c.out();
        int[] o = c.offsets();
        float[] y = c.matrix(0, 1, n, n);
        float[] t = c.matrix(1, 1, n, n);
        float[] gs = c.matrix(2, 1, n, n);
        float[] gv = c.matrix(2, 1, n, n);
        float[] ls = c.matrix(3, 1, rows, rows);
        float[] lv = c.matrix(3, 1, rows, rows);
        float s = SCALAR.mseLoss(y, o[0], t, o[1], gs, o[2], ls, o[3], rows, c.out(), batchRows);
        float v = VECTOR.mseLoss(y, o[0], t, o[1], gv, o[2], lv, o[3], rows, c.out(), batchRows);
        assertSame(s, v, c);
        assertSame(gs, gv, c);
        assertSame(ls, lv, c);
        float[] ips = c.matrix(0, 1, n, n);
        float[] ipv = c.matrix(0, 1, n, n);
        s = SCALAR.mseLoss(ips, o[0], t, o[1], ips, o[0], ls, o[3], rows, c.out(), batchRows);
        v = VECTOR.mseLoss(ipv, o[0], t, o[1], ipv, o[0], lv, o[3], rows, c.out(), batchRows);
        assertSame(s, v, "in place: " + c);
        assertSame(ips, ipv, "in place: " + c);
    }
}
