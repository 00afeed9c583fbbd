package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lanes.kernel.Kernels;
import dev.lanes.nn.data.Dataset;
import dev.lanes.optim.Adam;
import dev.lanes.optim.Optimizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/DESIGN.md rules 7 and 8: micro-batches, shards, gradient accumulation and the gradient hook. */
class MicroBatchTest {
    static final Dataset DATA = Blobs.classification(31, 203, 9, 5, 1.2);

    static Mlp net(Kernels k, int threads, int maxBatch) {
        return Mlp.builder(9).hidden(24, Activation.RELU).hidden(12, Activation.TANH)
                .output(5, Loss.SOFTMAX_CROSS_ENTROPY).init(Init.HE_UNIFORM).seed(4)
                .kernels(k).threads(threads).maxBatch(maxBatch).build();
    }

    static float[] train(Kernels k, int threads, int maxBatch, int batch, int micro) throws IOException {
        try (Mlp mlp = net(k, threads, maxBatch);
             Optimizer opt = Adam.builder().learningRate(0.01).kernels(k).params(mlp.parameters()).build()) {
            Trainer.Builder b = Trainer.builder(mlp, opt).epochs(3).batchSize(batch).seed(8);
            if (micro > 0) {
                b.microBatch(micro);
            }
            b.build().fit(DATA, null);
            return mlp.parameterArray().clone();
        }
    }

    /**
     * The rules written out directly: shards g mod S shuffled in turn each epoch, one micro-batch
     * per shard and step, gradients of the batch's mean loss summed by the stride tree.
     */
    static float[] byTheRules(int batch, int micro) {
        Kernels k = Kernels.scalar();
        int shards = batch / micro;
        try (Mlp mlp = net(k, 1, micro);
             Optimizer opt = Adam.builder().learningRate(0.01).kernels(k).params(mlp.parameters()).build()) {
            Rng rng = new Rng(8);
            int n = DATA.size();
            for (int epoch = 0; epoch < 3; epoch++) {
                List<int[]> order = new ArrayList<>();
                int longest = 0;
                for (int t = 0; t < shards; t++) {
                    List<Integer> members = new ArrayList<>();
                    for (int g = t; g < n; g += shards) {
                        members.add(g);
                    }
                    int[] a = members.stream().mapToInt(Integer::intValue).toArray();
                    rng.shuffle(a, 0, a.length);
                    order.add(a);
                    longest = Math.max(longest, a.length);
                }
                for (int step = 0; step * micro < longest; step++) {
                    int batchRows = 0;
                    for (int[] a : order) {
                        batchRows += Math.max(0, Math.min(micro, a.length - step * micro));
                    }
                    List<float[]> leaves = new ArrayList<>();
                    for (int[] a : order) {
                        int rows = Math.max(0, Math.min(micro, a.length - step * micro));
                        if (rows == 0) {
                            continue;
                        }
                        float[] x = new float[rows * 9];
                        int[] y = new int[rows];
                        for (int r = 0; r < rows; r++) {
                            int e = a[step * micro + r];
                            System.arraycopy(DATA.features(), e * 9, x, r * 9, 9);
                            y[r] = DATA.labels()[e];
                        }
                        float[] g = new float[mlp.parameterCount()];
                        mlp.microBatchGradient(x, 0, y, 0, rows, batchRows, g, 0, new float[rows], 0);
                        leaves.add(g);
                    }
                    float[] sum = GradientTreeTest.strideTree(leaves);
                    System.arraycopy(sum, 0, mlp.gradientArray(), 0, sum.length);
                    opt.step();
                }
            }
            return mlp.parameterArray().clone();
        }
    }

    @Test
    void oneMicroBatchPerBatchIsThePlainLoop() throws IOException {
        float[] plain = train(Kernels.scalar(), 1, 32, 32, 0);
        assertBitsEqual(plain, train(Kernels.scalar(), 1, 32, 32, 32), "microBatch = batch");
        assertBitsEqual(plain, train(Kernels.scalar(), 1, 32, 32, 100), "microBatch > batch");
    }

    @Test
    void microBatchesFollowTheRulesOnEveryBackendAndThreadCount() throws IOException {
        float[] expected = byTheRules(64, 16);
        assertBitsEqual(expected, train(Kernels.scalar(), 1, 16, 64, 16), "scalar, 1 thread");
        Kernels best = Kernels.best();
        for (int threads = 1; threads <= 3; threads++) {
            assertBitsEqual(expected, train(best, threads, 16, 64, 16), best.info() + ", " + threads + " threads");
        }
        // a network with room for the whole batch computes it the same way: micro-batches, not memory
        assertBitsEqual(expected, train(best, 2, 64, 64, 16), "maxBatch 64");
    }

    @Test
    void aGradientSourceComputingNodesElsewhereGivesTheSameBits() throws IOException {
        float[] expected = train(Kernels.scalar(), 1, 8, 48, 8);
        Kernels k = Kernels.best();
        try (Mlp mlp = net(k, 1, 8);
             Mlp worker = net(k, 2, 8);
             Optimizer opt = Adam.builder().learningRate(0.01).kernels(k).params(mlp.parameters()).build()) {
            Trainer trainer = Trainer.builder(mlp, opt).epochs(3).batchSize(48).microBatch(8).seed(8).build();
            trainer.fit(new BlockSource(mlp, worker), null);
            assertBitsEqual(expected, mlp.parameterArray(), "nodes of aligned blocks, computed last block first");
        }
    }

    /**
     * A gradient source that works as a cluster would: a "worker" network with a copy of the
     * weights computes the nodes of aligned blocks of 2 micro-batches (the last block first, as if
     * its machine finished first), and the "driver" pushes them in order.
     */
    static final class BlockSource implements Trainer.GradientSource {
        private final Mlp mlp;
        private final Mlp worker;
        private BatchPlan plan;

        BlockSource(Mlp mlp, Mlp worker) {
            this.mlp = mlp;
            this.worker = worker;
        }

        @Override
        public int examples() {
            return DATA.size();
        }

        @Override
        public void beginEpoch(int epoch, BatchPlan plan) {
            this.plan = plan;
        }

        @Override
        public int gradient(int step, float[] rowLoss) {
            System.arraycopy(mlp.parameterArray(), 0, worker.parameterArray(), 0, mlp.parameterCount());
            int shards = plan.shards();
            int batchRows = plan.batchRows(step);
            int blocks = (shards + 1) / 2;
            float[][] nodes = new float[blocks][];
            int[] rowsBefore = new int[shards + 1];
            for (int t = 0; t < shards; t++) {
                rowsBefore[t + 1] = rowsBefore[t] + plan.rows(step, t);
            }
            int correct = 0;
            for (int b = blocks - 1; b >= 0; b--) {
                GradientTree local = new GradientTree(worker.kernels(), worker.parameterCount(), 2);
                for (int t = 2 * b; t < Math.min(shards, 2 * b + 2); t++) {
                    int rows = plan.rows(step, t);
                    if (rows == 0) {
                        continue;
                    }
                    float[] x = new float[rows * 9];
                    int[] y = new int[rows];
                    for (int r = 0; r < rows; r++) {
                        int e = plan.example(t, plan.start(step, t) + r);
                        System.arraycopy(DATA.features(), e * 9, x, r * 9, 9);
                        y[r] = DATA.labels()[e];
                    }
                    correct += worker.microBatchGradient(x, 0, y, 0, rows, batchRows, local.buffer(), 0,
                            rowLoss, rowsBefore[t]);
                    local.push(0);
                }
                if (local.leaves() > 0) {
                    nodes[b] = new float[worker.parameterCount()];
                    local.finish(nodes[b], 0);
                }
            }
            GradientTree driver = new GradientTree(mlp.kernels(), mlp.parameterCount(), shards);
            for (float[] node : nodes) {
                if (node != null) {
                    System.arraycopy(node, 0, driver.buffer(), 0, node.length);
                    driver.push(1);
                }
            }
            driver.finish(mlp.gradientArray(), 0);
            return correct;
        }
    }

    @Test
    void planFollowsTheShardRule() {
        BatchPlan p = new BatchPlan(10, 6, 2);
        assertEquals(3, p.shards());
        assertEquals(2, p.microBatchRows());
        assertArrayEquals(new int[] {0, 3, 6, 9}, p.shard(0));
        assertArrayEquals(new int[] {1, 4, 7}, p.shard(1));
        assertArrayEquals(new int[] {2, 5, 8}, p.shard(2));
        assertEquals(2, p.steps());
        assertEquals(6, p.batchRows(0));
        assertEquals(4, p.batchRows(1));
        assertEquals(2, p.rows(1, 0));
        assertEquals(1, p.rows(1, 2));
        BatchPlan one = new BatchPlan(10, 4, 16);
        assertEquals(1, one.shards());
        assertEquals(4, one.microBatchRows());
        assertEquals(3, one.steps());
        assertEquals(2, one.batchRows(2));
        BatchPlan empty = new BatchPlan(0, 4, 2);
        assertEquals(0, empty.steps());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchPlan(10, 6, 4));
        assertEquals("batchSize 6 must be at most microBatch 4 or a multiple of it", e.getMessage());
    }

    @Test
    void aMicroBatchMustFitTheNetwork() {
        try (Mlp mlp = net(Kernels.scalar(), 1, 8);
             Optimizer opt = Adam.builder().params(mlp.parameters()).build()) {
            Trainer t = Trainer.builder(mlp, opt).batchSize(32).microBatch(16).build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(DATA, null));
            assertEquals("micro-batch size 16 exceeds the network's maxBatch 8", e.getMessage());
            assertEquals(0, opt.steps());
        }
    }

    static void assertBitsEqual(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                throw new AssertionError(what + ": parameter " + i + " is " + actual[i] + ", expected " + expected[i]);
            }
        }
    }
}
