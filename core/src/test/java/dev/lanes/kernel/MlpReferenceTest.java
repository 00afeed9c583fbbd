package dev.lanes.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernel.internal.Reductions;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The scalar reference of the MLP kernels against plain mathematics: exact on small integers
 * (where float sums are exact), within a few ulps of double precision elsewhere, and the
 * documented orders of operations where they decide the result.
 */
class MlpReferenceTest {
    private static final Kernels K = Kernels.scalar();

    private static float[] ints(SplittableRandom random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextInt(-9, 10);
        }
        return a;
    }

    @Test
    void productsAreExactOnSmallIntegers() {
        SplittableRandom random = new SplittableRandom(7);
        int rows = 5;
        int in = 7;
        int out = 6;
        float[] x = ints(random, rows * in);
        float[] w = ints(random, in * out);
        float[] b = ints(random, out);
        float[] dy = ints(random, rows * out);
        float[] y = new float[rows * out];
        K.gemmForward(x, 0, in, w, 0, out, b, 0, y, 0, out, rows, in, out);
        float[] dw = new float[in * out];
        K.gemmBackwardWeights(x, 0, in, dy, 0, out, dw, 0, out, rows, in, out);
        float[] db = new float[out];
        K.biasBackward(dy, 0, out, db, 0, rows, out);
        float[] wt = new float[out * in];
        K.transpose(w, 0, out, wt, 0, in, in, out);
        float[] dx = new float[rows * in];
        K.gemmBackwardInput(dy, 0, out, wt, 0, in, dx, 0, in, rows, out, in);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < out; j++) {
                long s = (long) b[j];
                for (int k = 0; k < in; k++) {
                    s += (long) x[r * in + k] * (long) w[k * out + j];
                }
                assertEquals(s, y[r * out + j], "y");
            }
            for (int k = 0; k < in; k++) {
                long s = 0;
                for (int j = 0; j < out; j++) {
                    s += (long) dy[r * out + j] * (long) w[k * out + j];
                }
                assertEquals(s, dx[r * in + k], "dx");
            }
        }
        for (int k = 0; k < in; k++) {
            for (int j = 0; j < out; j++) {
                long s = 0;
                for (int r = 0; r < rows; r++) {
                    s += (long) x[r * in + k] * (long) dy[r * out + j];
                }
                assertEquals(s, dw[k * out + j], "dw");
                assertEquals(w[k * out + j], wt[j * in + k], "wt");
            }
        }
        for (int j = 0; j < out; j++) {
            long s = 0;
            for (int r = 0; r < rows; r++) {
                s += (long) dy[r * out + j];
            }
            assertEquals(s, db[j], "db");
        }
    }

    @Test
    void biasStartsTheAccumulator() {
        // -1e8 + 1e8 + 1 = 1 with the bias first; with the bias last, 1e8 + 1 rounds to 1e8 and the result is 0.
        float[] x = {1f, 1f};
        float[] w = {1e8f, 1f};
        float[] b = {-1e8f};
        float[] y = new float[1];
        K.gemmForward(x, 0, 2, w, 0, 1, b, 0, y, 0, 1, 1, 2, 1);
        assertEquals(1f, y[0]);
        K.gemmForward(x, 0, 2, w, 0, 1, null, 0, y, 0, 1, 1, 2, 1);
        assertEquals(1e8f, y[0]);
    }

    @Test
    void productsSumInIndexOrder() {
        // 1e8 + 1 + 1 + ... rounds every 1 away when summed from the front; the reference sums from the front.
        int in = 5;
        float[] x = {1e8f, 1f, 1f, 1f, 1f};
        float[] w = {1f, 1f, 1f, 1f, 1f};
        float[] y = new float[1];
        K.gemmForward(x, 0, in, w, 0, 1, null, 0, y, 0, 1, 1, in, 1);
        assertEquals(1e8f, y[0]);
        float[] dw = new float[1];
        K.gemmBackwardWeights(x, 0, 1, w, 0, 1, dw, 0, 1, in, 1, 1);
        assertEquals(1e8f, dw[0]);
        float[] db = new float[1];
        K.biasBackward(x, 0, 1, db, 0, in, 1);
        assertEquals(1e8f, db[0]);
    }

    @Test
    void emptyProductsGiveTheBiasOrPositiveZero() {
        float[] y = {5f, 5f};
        K.gemmForward(new float[0], 0, 0, new float[0], 0, 2, new float[] {-0f, 3f}, 0, y, 0, 2, 1, 0, 2);
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(y[0]));
        assertEquals(3f, y[1]);
        float[] dw = {5f, 5f};
        K.gemmBackwardWeights(new float[0], 0, 1, new float[0], 0, 2, dw, 0, 2, 0, 1, 2);
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(dw[0]));
    }

    @Test
    void activationsFollowTheirFormulas() {
        float[] x = {-2f, -0f, 0f, 3f, Float.NaN, Float.NEGATIVE_INFINITY};
        float[] y = new float[x.length];
        K.reluForward(x, 0, y, 0, x.length);
        assertArrayEquals(new float[] {0f, 0f, 0f, 3f, Float.NaN, 0f}, y);
        assertEquals(Float.floatToIntBits(0f), Float.floatToIntBits(y[1]), "relu(-0) = +0");
        float[] dy = {1f, 2f, 3f, 4f, 5f, 6f};
        float[] dx = new float[x.length];
        K.reluBackward(y, 0, dy, 0, dx, 0, x.length);
        assertArrayEquals(new float[] {0f, 0f, 0f, 4f, 0f, 0f}, dx);
        K.leakyReluForward(0.5f, x, 0, y, 0, x.length);
        assertArrayEquals(new float[] {-1f, -0f, 0f, 3f, Float.NaN, Float.NEGATIVE_INFINITY}, y);
        K.leakyReluBackward(0.5f, y, 0, dy, 0, dx, 0, x.length);
        assertArrayEquals(new float[] {0.5f, 1f, 1.5f, 4f, 2.5f, 3f}, dx);
        float[] s = {0.25f, 0.5f, 0.9f};
        float[] g = {2f, -1f, 3f};
        float[] out = new float[3];
        K.sigmoidBackward(s, 0, g, 0, out, 0, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(g[i] * (s[i] * (1f - s[i])), out[i]);
        }
        K.tanhBackward(s, 0, g, 0, out, 0, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(g[i] * (1f - s[i] * s[i]), out[i]);
        }
        assertThrows(IllegalArgumentException.class, () -> K.leakyReluForward(-0.1f, x, 0, y, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> K.leakyReluForward(Float.NaN, x, 0, y, 0, 1));
    }

    @Test
    void softmaxRowsSumToOneAndMatchDoublePrecision() {
        SplittableRandom random = new SplittableRandom(3);
        int rows = 4;
        int cols = 37;
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextDouble() * 20 - 10);
        }
        float[] y = new float[x.length];
        K.softmaxForward(x, 0, y, 0, rows, cols);
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, x[r * cols + j]);
            }
            double z = 0;
            for (int j = 0; j < cols; j++) {
                z += Math.exp(x[r * cols + j] - max);
            }
            double total = 0;
            for (int j = 0; j < cols; j++) {
                double p = Math.exp(x[r * cols + j] - max) / z;
                assertEquals(p, y[r * cols + j], 1e-6 * p + 1e-12, "row " + r + " col " + j);
                total += y[r * cols + j];
            }
            assertEquals(1.0, total, 1e-5);
        }
    }

    @Test
    void softmaxBackwardIsTheJacobianProduct() {
        float[] y = {0.2f, 0.3f, 0.5f};
        float[] dy = {1f, -2f, 0.5f};
        float[] dx = new float[3];
        K.softmaxBackward(y, 0, dy, 0, dx, 0, 1, 3);
        double d = 0.2 * 1 + 0.3 * -2 + 0.5 * 0.5;
        for (int j = 0; j < 3; j++) {
            assertEquals(y[j] * (dy[j] - d), dx[j], 1e-6);
        }
    }

    @Test
    void crossEntropyIsStableForLargeLogits() {
        float[] logits = {1e4f, 0f, -1e4f, 1e4f, 0f, -1e4f};
        int[] labels = {0, 2};
        float[] grad = new float[6];
        float[] loss = new float[2];
        float mean = K.softmaxCrossEntropy(logits, 0, labels, 0, grad, 0, loss, 0, 2, 3, 2);
        assertEquals(0f, loss[0]);
        assertEquals(2e4f, loss[1]);
        assertEquals(1e4f, mean);
        // p = (1, 0, 0) in both rows; gradient (p - onehot) / 2.
        assertArrayEquals(new float[] {0f, 0f, 0f, 0.5f, 0f, -0.5f}, grad);
    }

    @Test
    void crossEntropyMatchesDoublePrecision() {
        SplittableRandom random = new SplittableRandom(11);
        int rows = 6;
        int classes = 10;
        float[] logits = new float[rows * classes];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (random.nextDouble() * 8 - 4);
        }
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(classes);
        }
        float[] grad = new float[logits.length];
        float[] loss = new float[rows];
        float mean = K.softmaxCrossEntropy(logits, 0, labels, 0, grad, 0, loss, 0, rows, classes, rows);
        double total = 0;
        for (int r = 0; r < rows; r++) {
            double z = 0;
            for (int j = 0; j < classes; j++) {
                z += Math.exp(logits[r * classes + j]);
            }
            double l = Math.log(z) - logits[r * classes + labels[r]];
            assertEquals(l, loss[r], 1e-5 * Math.abs(l) + 1e-6);
            total += l;
            for (int j = 0; j < classes; j++) {
                double p = Math.exp(logits[r * classes + j]) / z;
                double expected = (p - (j == labels[r] ? 1 : 0)) / rows;
                assertEquals(expected, grad[r * classes + j], 1e-6);
            }
        }
        assertEquals(total / rows, mean, 1e-5);
        assertEquals(Reductions.sum(loss, 0, rows) / rows, mean);
    }

    @Test
    void crossEntropyRejectsBadLabelsBeforeWriting() {
        float[] logits = {1f, 2f, 3f, 4f};
        float[] grad = {9f, 9f, 9f, 9f};
        float[] loss = {9f, 9f};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> K.softmaxCrossEntropy(logits, 0, new int[] {1, 2}, 0, grad, 0, loss, 0, 2, 2, 2));
        assertTrue(e.getMessage().contains("labels[1]"), e.getMessage());
        assertArrayEquals(new float[] {9f, 9f, 9f, 9f}, grad);
        assertArrayEquals(new float[] {9f, 9f}, loss);
        assertEquals(0f, K.softmaxCrossEntropy(logits, 0, new int[0], 0, grad, 0, loss, 0, 0, 2, 0));
    }

    @Test
    void mseIsTheL2DivergenceAveragedOverRows() {
        float[] y = {1f, 2f, 3f, 0f};
        float[] t = {0f, 0f, 3f, 2f};
        float[] grad = new float[4];
        float[] loss = new float[2];
        float mean = K.mseLoss(y, 0, t, 0, grad, 0, loss, 0, 2, 2, 2);
        assertArrayEquals(new float[] {2.5f, 2f}, loss);
        assertEquals(2.25f, mean);
        assertArrayEquals(new float[] {0.5f, 1f, 0f, -1f}, grad);
    }

    /** docs/DESIGN.md rule 3 as written: 64 lanes from +0.0, element i to lane i mod 64, the tree s = 32 … 1. */
    static float byTheRule(float[] a, int aOff, float[] b, int bOff, int n, boolean fma) {
        float[] lanes = new float[64];
        for (int i = 0; i < n; i++) {
            lanes[i % 64] = fma ? Math.fma(a[aOff + i], b[bOff + i], lanes[i % 64]) : lanes[i % 64] + a[aOff + i];
        }
        for (int s = 32; s >= 1; s /= 2) {
            for (int l = 0; l < s; l++) {
                lanes[l] = lanes[l] + lanes[l + s];
            }
        }
        return lanes[0];
    }

    @Test
    void reductionsFollowTheCanonicalOrder() {
        SplittableRandom random = new SplittableRandom(5);
        float[] specials = {0f, -0f, 1e-30f, -1e-30f, 1e-40f, -1e-40f, Float.MIN_VALUE, 1e30f, -1e30f};
        for (int n = 0; n < 300; n++) {
            float[] a = new float[n + 3];
            float[] b = new float[n + 3];
            for (int i = 0; i < a.length; i++) {
                a[i] = random.nextInt(4) == 0 ? specials[random.nextInt(specials.length)] : (float) random.nextGaussian();
                b[i] = random.nextInt(4) == 0 ? specials[random.nextInt(specials.length)] : (float) random.nextGaussian();
            }
            same(byTheRule(a, 2, null, 0, n, false), K.sum(a, 2, n), n);
            same(byTheRule(a, 1, b, 3, n, true), K.dot(a, 1, b, 3, n), n);
            same(byTheRule(b, 0, b, 0, n, true), K.sumSquares(b, 0, n), n);
        }
        // A lane sum that underflows to -0: the empty lanes' +0 still turns it into +0.
        float[] tiny = {1e-30f};
        float[] neg = {-1e-30f};
        same(byTheRule(tiny, 0, neg, 0, 1, true), K.dot(tiny, 0, neg, 0, 1), 1);
        same(0f, K.dot(tiny, 0, neg, 0, 1), 1);
    }

    @Test
    void productsRejectOverlapAndBadShapesBeforeWriting() {
        float[] a = new float[20];
        Arrays.fill(a, 1f);
        assertThrows(IllegalArgumentException.class, () -> K.gemmForward(a, 0, 2, a, 4, 2, null, 0, a, 3, 2, 2, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> K.gemmForward(a, 0, 1, a, 4, 2, null, 0, a, 10, 2, 2, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> K.gemmForward(a, 0, 2, a, 4, 2, null, 0, a, 10, 2, -1, 2, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> K.gemmForward(a, 0, 2, a, 4, 2, null, 0, a, 18, 2, 2, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> K.transpose(a, 0, 4, a, 2, 4, 2, 2));
        for (float v : a) {
            assertEquals(1f, v);
        }
    }

    private static void same(float expected, float actual, int n) {
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(actual), "n=" + n);
    }
}
