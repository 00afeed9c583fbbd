package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernel.Kernels;
import dev.lanes.nn.data.Dataset;
import dev.lanes.optim.Adam;
import dev.lanes.optim.Optimizer;
import dev.lanes.optim.Sgd;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    @TempDir
    Path dir;

    static final Dataset TRAIN = Blobs.classification(21, 200, 8, 4, 1.0);
    static final Dataset VALID = Blobs.classification(21, 260, 8, 4, 1.0).slice(200, 260);

    static Mlp net(long seed, int maxBatch) {
        return Mlp.builder(8).hidden(16, Activation.RELU).output(4, Loss.SOFTMAX_CROSS_ENTROPY)
                .init(Init.HE_NORMAL).seed(seed).maxBatch(maxBatch).build();
    }

    @Test
    void fullBatchMiniBatchAndSingleExampleUpdatesAllLearn() throws IOException {
        int[][] configs = {{0, 200, 60}, {20, 20, 8}, {1, 1, 3}};  // batch size (0 = full), maxBatch, epochs
        for (int[] c : configs) {
            try (Mlp mlp = net(1, c[1])) {
                Optimizer opt = Sgd.builder().learningRate(c[0] == 1 ? 0.01 : 0.1).params(mlp.parameters()).build();
                Trainer.Builder b = Trainer.builder(mlp, opt).epochs(c[2]).seed(3);
                if (c[0] == 0) {
                    b.fullBatch();
                } else {
                    b.batchSize(c[0]);
                }
                Trainer.Result r = b.build().fit(TRAIN, VALID);
                List<EpochMetrics> h = r.history();
                assertEquals(c[2], h.size());
                int updatesPerEpoch = c[0] == 0 ? 1 : (200 + c[0] - 1) / c[0];
                assertEquals((long) updatesPerEpoch * c[2], opt.steps(), "updates for batch size " + c[0]);
                assertTrue(h.get(h.size() - 1).trainLoss() < h.get(0).trainLoss(), "batch " + c[0] + ": " + h);
                assertTrue(h.get(h.size() - 1).validationAccuracy() > 0.9, "batch " + c[0] + ": " + h.get(h.size() - 1));
            }
        }
    }

    @Test
    void listenerSeesEveryEpochInOrder() throws IOException {
        List<EpochMetrics> seen = new ArrayList<>();
        try (Mlp mlp = net(1, 32)) {
            Optimizer opt = Adam.builder().params(mlp.parameters()).build();
            Trainer t = Trainer.builder(mlp, opt).epochs(4).batchSize(32).listener(seen::add).build();
            Trainer.Result r = t.fit(TRAIN, null);
            assertEquals(r.history(), seen);
            for (int e = 0; e < 4; e++) {
                assertEquals(e + 1, seen.get(e).epoch());
                assertTrue(Double.isNaN(seen.get(e).validationLoss()));
                assertEquals(7L * (e + 1), seen.get(e).steps());
                assertTrue(seen.get(e).trainAccuracy() >= 0 && seen.get(e).trainAccuracy() <= 1);
            }
        }
    }

    @Test
    void eachEpochHasItsOwnPermutation() throws IOException {
        // Same seed, shuffling off versus on: the orders differ, so do the weights; the same
        // seed twice gives the same weights.
        float[][] w = new float[3][];
        boolean[] shuffle = {true, true, false};
        for (int i = 0; i < 3; i++) {
            try (Mlp mlp = net(1, 10)) {
                Optimizer opt = Sgd.builder().learningRate(0.05).params(mlp.parameters()).build();
                Trainer.builder(mlp, opt).epochs(2).batchSize(10).shuffle(shuffle[i]).seed(4).build().fit(TRAIN, null);
                w[i] = mlp.parameterArray().clone();
            }
        }
        assertArrayEquals(w[0], w[1]);
        assertFalse(java.util.Arrays.equals(w[0], w[2]));
    }

    @Test
    void earlyStoppingAndPlateauReactToAHeldOutSetThatStopsImproving() throws IOException {
        // Validation labels are noise: the validation loss soon stops improving.
        Rng rng = new Rng(77);
        int[] noise = new int[VALID.size()];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = rng.nextInt(4);
        }
        Dataset junk = Dataset.classification(VALID.features(), 8, noise, 4);
        try (Mlp mlp = net(1, 20)) {
            PlateauSchedule lr = new PlateauSchedule(step -> 0.05, 0.5, 1, 1e-4, 0.01);
            Optimizer opt = Sgd.builder().schedule(lr).params(mlp.parameters()).build();
            Trainer t = Trainer.builder(mlp, opt).epochs(200).batchSize(20).reduceOnPlateau(lr).earlyStopping(6, 0)
                    .build();
            Trainer.Result r = t.fit(TRAIN, junk);
            assertTrue(r.stoppedEarly());
            assertTrue(r.epochs() < 200, "stopped at " + r.epochs());
            assertTrue(lr.scale() < 1, "the plateau rule lowered the rate");
            List<EpochMetrics> h = r.history();
            assertEquals(0.05 * lr.scale(), h.get(h.size() - 1).learningRate(), 1e-15);
            double best = h.stream().mapToDouble(EpochMetrics::validationLoss).min().orElseThrow();
            for (int e = h.size() - 6; e < h.size(); e++) {
                assertTrue(h.get(e).validationLoss() >= best, "no improvement in the last 6 epochs");
            }
            assertThrows(IllegalArgumentException.class,
                    () -> Trainer.builder(mlp, opt).earlyStopping(2, 0).build().fit(TRAIN, null));
        }
    }

    @Test
    void plateauScheduleFollowsTheRule() {
        PlateauSchedule p = new PlateauSchedule(step -> 1.0, 0.5, 2, 0.0, 0.2);
        double[] metrics = {5, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3};
        double[] scales = {1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.2, 0.2, 0.2};
        for (int i = 0; i < metrics.length; i++) {
            p.observe(metrics[i]);
            assertEquals(scales[i], p.scale(), "after observation " + i);
        }
        assertEquals(0.2, p.rate(123));
    }

    @Test
    void batchLargerThanTheNetworkAllowsIsRejected() {
        try (Mlp mlp = net(1, 16)) {
            Optimizer opt = Sgd.builder().params(mlp.parameters()).build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Trainer.builder(mlp, opt).fullBatch().build().fit(TRAIN, null));
            assertTrue(e.getMessage().contains("maxBatch 16"), e.getMessage());
        }
    }

    @Test
    void resumingFromACheckpointGivesBitIdenticalWeights() throws IOException {
        Kernels k = Kernels.best();
        Path ckpt = dir.resolve("run.safetensors");
        float[] uninterrupted;
        try (Mlp mlp = net(5, 25)) {
            PlateauSchedule lr = new PlateauSchedule(step -> 0.003, 0.5, 0, 0.05, 0.01);
            Optimizer opt = Adam.builder().schedule(lr).kernels(k).params(mlp.parameters()).build();
            Trainer.builder(mlp, opt).epochs(6).batchSize(25).seed(8).reduceOnPlateau(lr).earlyStopping(50, 0)
                    .build().fit(TRAIN, VALID);
            uninterrupted = mlp.parameterArray().clone();
        }
        // Interrupted after 3 epochs (the checkpoint of epoch 3 survives) ...
        try (Mlp mlp = net(5, 25)) {
            PlateauSchedule lr = new PlateauSchedule(step -> 0.003, 0.5, 0, 0.05, 0.01);
            Optimizer opt = Adam.builder().schedule(lr).kernels(k).params(mlp.parameters()).build();
            Trainer.builder(mlp, opt).epochs(3).batchSize(25).seed(8).reduceOnPlateau(lr).earlyStopping(50, 0)
                    .checkpoint(ckpt, 1).build().fit(TRAIN, VALID);
        }
        // ... and resumed in a fresh network, optimizer and trainer, differently seeded.
        try (Mlp mlp = net(99, 25)) {
            PlateauSchedule lr = new PlateauSchedule(step -> 0.003, 0.5, 0, 0.05, 0.01);
            Optimizer opt = Adam.builder().schedule(lr).kernels(k).params(mlp.parameters()).build();
            Trainer t = Trainer.builder(mlp, opt).epochs(6).batchSize(25).seed(12345).reduceOnPlateau(lr)
                    .earlyStopping(50, 0).build();
            t.resume(ckpt);
            assertEquals(3, t.epoch());
            assertEquals(24, opt.steps());
            Trainer.Result r = t.fit(TRAIN, VALID);
            assertEquals(3, r.history().size());
            assertEquals(6, r.epochs());
            TrainingIdentityTest.assertSameBits(uninterrupted, mlp.parameterArray(), k, 1);
        }
    }
}
