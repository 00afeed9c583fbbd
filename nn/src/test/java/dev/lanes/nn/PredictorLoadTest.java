package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.optim.Optimizer;
import dev.lanes.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Many threads predicting from one network: the bits of a sequential run, and whole publications. */
class PredictorLoadTest {
    static final int THREADS = 8;
    static final int INPUTS = 20;
    static final int OUTPUTS = 5;
    static final int POOL = 512;

    static Mlp net(int threads) {
        return Mlp.builder(INPUTS).hidden(48, Activation.RELU).hidden(24, Activation.TANH)
                .output(OUTPUTS, Loss.SOFTMAX_CROSS_ENTROPY).init(Init.HE_UNIFORM).seed(17).threads(threads)
                .maxBatch(16).build();
    }

    static float[] pool() {
        Rng r = new Rng(23);
        float[] x = new float[POOL * INPUTS];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    @Test
    void eightThreadsPredictTheBitsOfASequentialRun() throws Exception {
        float[] x = pool();
        try (Mlp mlp = net(2)) {
            float[] expected = new float[POOL * OUTPUTS];
            mlp.predict(x, 0, POOL, expected, 0);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Integer>> done = new ArrayList<>();
                CountDownLatch start = new CountDownLatch(1);
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        Predictor p = mlp.predictor(4);
                        float[] y = new float[3 * OUTPUTS];
                        start.await();
                        int mismatches = 0;
                        for (int i = 0; i < 100_000; i++) {
                            // one row most of the time, three rows now and then
                            int e = (thread * 7919 + i * 31) % (POOL - 3);
                            int rows = i % 10 == 0 ? 3 : 1;
                            p.predict(x, e * INPUTS, rows, y, 0);
                            for (int j = 0; j < rows * OUTPUTS; j++) {
                                if (Float.floatToIntBits(y[j]) != Float.floatToIntBits(expected[e * OUTPUTS + j])) {
                                    mismatches++;
                                }
                            }
                        }
                        return mismatches;
                    }));
                }
                start.countDown();
                for (Future<Integer> f : done) {
                    assertEquals(0, f.get(), "outputs that differ from the sequential run");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aPublicationDuringPredictionsIsSeenWholeOrNotAtAll() throws Exception {
        float[] x = pool();
        // the writer trains on one thread: a team's hand-offs would wait behind eight busy readers
        try (Mlp mlp = net(1)) {
            Map<Long, float[]> versions = new ConcurrentHashMap<>();
            versions.put(0L, mlp.parameterArray().clone());
            AtomicBoolean training = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
            try {
                // readers: 4-row calls; each records which version it saw and what it predicted
                List<Future<List<float[]>>> readers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    readers.add(pool.submit(() -> {
                        Predictor p = mlp.predictor(4);
                        List<float[]> seen = new ArrayList<>();
                        int i = 0;
                        while (training.get() || i < 2_000) {
                            int e = (thread * 101 + i * 13) % (POOL - 4);
                            float[] y = new float[4 * OUTPUTS];
                            p.predict(x, e * INPUTS, 4, y, 0);
                            if (i % 7 == 0) {
                                float[] record = new float[2 + y.length];
                                record[0] = e;
                                record[1] = p.version();
                                System.arraycopy(y, 0, record, 2, y.length);
                                seen.add(record);
                            }
                            i++;
                        }
                        return seen;
                    }));
                }
                // the writer: trains the network and publishes after every few steps
                Future<?> writer = pool.submit(() -> {
                    Optimizer sgd = Sgd.builder().learningRate(0.05).momentum(0.9).params(mlp.parameters()).build();
                    int[] labels = new int[16];
                    for (int step = 0; step < 200; step++) {
                        for (int r = 0; r < 16; r++) {
                            labels[r] = (step + r) % OUTPUTS;
                        }
                        mlp.lossAndGradient(x, (step % 30) * 16 * INPUTS, labels, 0, 16);
                        sgd.step();
                        if (step % 4 == 3) {
                            float[] copy = mlp.parameterArray().clone();
                            long v = mlp.publish();
                            versions.put(v, copy);
                        }
                    }
                    training.set(false);
                    return null;
                });
                writer.get();
                int checked = 0;
                java.util.Set<Long> versionsSeen = new java.util.HashSet<>();
                try (Mlp reference = net(2)) {
                    float[] y = new float[4 * OUTPUTS];
                    for (Future<List<float[]>> f : readers) {
                        for (float[] record : f.get()) {
                            long v = (long) record[1];
                            versionsSeen.add(v);
                            float[] weights = versions.get(v);
                            assertTrue(weights != null, "version " + v + " was never published");
                            System.arraycopy(weights, 0, reference.parameterArray(), 0, weights.length);
                            reference.predict(x, (int) record[0] * INPUTS, 4, y, 0);
                            for (int j = 0; j < y.length; j++) {
                                assertEquals(Float.floatToIntBits(y[j]), Float.floatToIntBits(record[2 + j]),
                                        "a prediction with version " + v + " differs at output " + j
                                                + ": it saw weights of more than one publication");
                            }
                            checked++;
                        }
                    }
                }
                assertTrue(checked > 1_000, "checked " + checked + " predictions");
                assertTrue(versionsSeen.size() > 2, "predictions saw versions " + versionsSeen);
            } finally {
                training.set(false);
                pool.shutdownNow();
            }
        }
    }

    @Test
    void badCallsAreRefusedBeforeWriting() {
        try (Mlp mlp = net(1)) {
            Predictor p = mlp.predictor(2);
            float[] y = {9, 9, 9, 9, 9};
            assertThrows(IndexOutOfBoundsException.class, () -> p.predict(new float[INPUTS], 0, 2, y, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> p.predict(new float[INPUTS], 0, 1, y, 1));
            assertThrows(IllegalArgumentException.class, () -> p.predict(new float[INPUTS], 0, -1, y, 0));
            assertEquals(9f, y[0]);
            assertThrows(IllegalArgumentException.class, () -> mlp.predictor(0));
            assertEquals(-1, p.version());
            p.predict(new float[INPUTS], 0, 1, y, 0);
            assertEquals(0, p.version());
        }
    }
}
