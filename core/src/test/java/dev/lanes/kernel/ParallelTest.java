package dev.lanes.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The thread team and the products spread over it. */
class ParallelTest {

    @Test
    void everyIndexRunsExactlyOnceInGrainAlignedChunks() {
        for (int threads : new int[] {1, 2, 3, 8}) {
            try (Parallel p = new Parallel(threads)) {
                assertEquals(threads, p.threads());
                for (int n : new int[] {0, 1, 5, 47, 48, 49, 100, 257}) {
                    for (int grain : new int[] {1, 4, 48}) {
                        AtomicIntegerArray hits = new AtomicIntegerArray(n);
                        p.forRange(n, grain, (from, to) -> {
                            assertTrue(from < to && (from % grain == 0), from + ".." + to);
                            for (int i = from; i < to; i++) {
                                hits.incrementAndGet(i);
                            }
                        });
                        for (int i = 0; i < n; i++) {
                            assertEquals(1, hits.get(i), "threads=" + threads + " n=" + n + " grain=" + grain + " i=" + i);
                        }
                    }
                }
            }
        }
    }

    @Test
    void aFailingChunkIsRethrownAndTheTeamStaysUsable() {
        try (Parallel p = new Parallel(3)) {
            IllegalStateException boom = new IllegalStateException("boom");
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> p.forRange(90, 1, (from, to) -> {
                        if (from > 0) {
                            throw boom;
                        }
                    }));
            assertSame(boom, thrown);
            int[] count = new int[1];
            p.forRange(1, 1, (from, to) -> count[0]++);
            assertEquals(1, count[0]);
        }
        Parallel closed = new Parallel(2);
        assertTrue(!closed.isClosed());
        closed.close();
        assertTrue(closed.isClosed());
        assertThrows(IllegalStateException.class, () -> closed.forRange(10, 1, (from, to) -> { }));
        assertThrows(IllegalArgumentException.class, () -> new Parallel(0));
    }

    /** The products of a 3-layer step, spread over 1, 2, 3 and 8 threads: the same bits. */
    @Test
    void productsHaveTheSameBitsForAnyThreadCount() {
        Kernels k = Kernels.best();
        SplittableRandom random = new SplittableRandom(1);
        int[][] shapes = {{37, 130, 101}, {128, 200, 10}, {5, 3, 400}, {9, 600, 70}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int in = shape[1];
            int out = shape[2];
            float[] x = gaussian(random, rows * in);
            float[] w = gaussian(random, in * out);
            float[] wt = new float[out * in];
            k.transpose(w, 0, out, wt, 0, in, in, out);
            float[] b = gaussian(random, out);
            float[] dy = gaussian(random, rows * out);
            float[][] expected = null;
            for (int threads : new int[] {1, 2, 3, 8}) {
                try (Parallel p = new Parallel(threads)) {
                    Kernels pk = k.parallel(p);
                    float[] y = new float[rows * out];
                    float[] dw = new float[in * out];
                    float[] db = new float[out];
                    float[] dx = new float[rows * in];
                    pk.gemmForward(x, 0, in, w, 0, out, b, 0, y, 0, out, rows, in, out);
                    pk.gemmBackwardWeights(x, 0, in, dy, 0, out, dw, 0, out, rows, in, out);
                    pk.biasBackward(dy, 0, out, db, 0, rows, out);
                    pk.gemmBackwardInput(dy, 0, out, wt, 0, in, dx, 0, in, rows, out, in);
                    float[][] got = {y, dw, db, dx};
                    if (expected == null) {
                        float[] y1 = new float[rows * out];
                        k.gemmForward(x, 0, in, w, 0, out, b, 0, y1, 0, out, rows, in, out);
                        assertArrayEquals(y1, y, "one call vs one thread");
                        expected = got;
                    } else {
                        for (int i = 0; i < got.length; i++) {
                            assertArrayEquals(expected[i], got[i],
                                    "product " + i + " at " + threads + " threads, shape " + Arrays.toString(shape));
                        }
                    }
                }
            }
        }
    }

    /**
     * After warm-up, spreading the products over threads allocates nothing on the calling thread.
     * (The thread allocation counter is read by reflection, as core's module does not read
     * jdk.management; the few bytes the reflective reads allocate themselves are measured by an
     * empty window and subtracted.)
     */
    @Test
    void steadyStateAllocatesNothing() throws ReflectiveOperationException {
        Object mx = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        java.lang.reflect.Method counter =
                Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
        int rows = 12;
        int in = 40;
        int out = 200;
        SplittableRandom random = new SplittableRandom(2);
        float[] x = gaussian(random, rows * in);
        float[] w = gaussian(random, in * out);
        float[] wt = gaussian(random, out * in);
        float[] b = gaussian(random, out);
        float[] y = new float[rows * out];
        float[] dw = new float[in * out];
        float[] db = new float[out];
        float[] dx = new float[rows * in];
        try (Parallel p = new Parallel(3)) {
            Kernels pk = Kernels.scalar().parallel(p);
            long least = Long.MAX_VALUE;
            for (int round = 0; round < 4; round++) {
                long e0 = (Long) counter.invoke(mx);
                long e1 = (Long) counter.invoke(mx);
                assertTrue(e0 > 0, "the JVM measures thread allocation");
                long before = (Long) counter.invoke(mx);
                for (int i = 0; i < 20; i++) {
                    pk.gemmForward(x, 0, in, w, 0, out, b, 0, y, 0, out, rows, in, out);
                    pk.gemmBackwardWeights(x, 0, in, y, 0, out, dw, 0, out, rows, in, out);
                    pk.biasBackward(y, 0, out, db, 0, rows, out);
                    pk.gemmBackwardInput(y, 0, out, wt, 0, in, dx, 0, in, rows, out, in);
                }
                long after = (Long) counter.invoke(mx);
                least = Math.min(least, (after - before) - (e1 - e0));
            }
            assertEquals(0, least, "bytes allocated by 80 calls in the steady state");
        }
    }

    private static float[] gaussian(SplittableRandom random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }
}
