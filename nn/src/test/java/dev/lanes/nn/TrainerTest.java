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
import dev.lanes.schedule.ReduceOnPlateau;
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
            ReduceOnPlateau lr = ReduceOnPlateau.builder(0.05).factor(0.5).patience(1).minRate(0.0005).build();
            Optimizer opt = Sgd.builder().schedule(step -> lr.rate()).params(mlp.parameters()).build();
            Trainer t = Trainer.builder(mlp, opt).epochs(200).batchSize(20).reduceOnPlateau(lr).earlyStopping(6, 0)
                    .build();
            Trainer.Result r = t.fit(TRAIN, junk);
            assertTrue(r.stoppedEarly());
            assertTrue(r.epochs() < 200, "stopped at " + r.epochs());
            assertTrue(lr.rate() < 0.05, "the plateau rule lowered the rate");
            List<EpochMetrics> h = r.history();
            assertEquals(lr.rate(), h.get(h.size() - 1).learningRate());
            assertEquals(0.05, h.get(0).learningRate());
            double best = h.stream().mapToDouble(EpochMetrics::validationLoss).min().orElseThrow();
            for (int e = h.size() - 6; e < h.size(); e++) {
                assertTrue(h.get(e).validationLoss() >= best, "no improvement in the last 6 epochs");
            }
            assertThrows(IllegalArgumentException.class,
                    () -> Trainer.builder(mlp, opt).earlyStopping(2, 0).build().fit(TRAIN, null));
        }
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
    void aCheckpointThatDoesNotFitTheTrainerChangesNothing() throws IOException {
        Path ckpt = dir.resolve("plain.safetensors");
        try (Mlp mlp = net(5, 25)) {
            Optimizer opt = Adam.builder().params(mlp.parameters()).build();
            Trainer.builder(mlp, opt).epochs(1).batchSize(25).checkpoint(ckpt, 1).build().fit(TRAIN, null);
        }
        try (Mlp mlp = net(6, 25)) {
            float[] before = mlp.parameterArray().clone();
            ReduceOnPlateau lr = plateau();
            Optimizer opt = Adam.builder().schedule(step -> lr.rate()).params(mlp.parameters()).build();
            Trainer t = Trainer.builder(mlp, opt).epochs(2).reduceOnPlateau(lr).build();
            IOException e = assertThrows(IOException.class, () -> t.resume(ckpt));
            assertTrue(e.getMessage().contains("plain.safetensors") && e.getMessage().contains("reduce-on-plateau"),
                    e.getMessage());
            assertArrayEquals(before, mlp.parameterArray());
            assertEquals(0, opt.steps());
            assertEquals(0, t.epoch());
        }
    }

    /** Reduces at almost every epoch, so that its state matters for the resume. */
    static ReduceOnPlateau plateau() {
        return ReduceOnPlateau.builder(0.003).factor(0.5).patience(0).relativeThreshold(0.3).minRate(0.0001).build();
    }

    @Test
    void resumingFromACheckpointGivesBitIdenticalWeights() throws IOException {
        Kernels k = Kernels.best();
        Path ckpt = dir.resolve("run.safetensors");
        float[] uninterrupted;
        ReduceOnPlateau.State plateauEnd;
        try (Mlp mlp = net(5, 25)) {
            ReduceOnPlateau lr = plateau();
            Optimizer opt = Adam.builder().schedule(step -> lr.rate()).kernels(k).params(mlp.parameters()).build();
            Trainer.builder(mlp, opt).epochs(6).batchSize(25).seed(8).reduceOnPlateau(lr).earlyStopping(50, 0)
                    .build().fit(TRAIN, VALID);
            uninterrupted = mlp.parameterArray().clone();
            plateauEnd = lr.state();
            assertTrue(lr.rate() < 0.003, "the plateau rule acted: " + lr);
        }
        // Interrupted after 3 epochs (the checkpoint of epoch 3 survives) ...
        try (Mlp mlp = net(5, 25)) {
            ReduceOnPlateau lr = plateau();
            Optimizer opt = Adam.builder().schedule(step -> lr.rate()).kernels(k).params(mlp.parameters()).build();
            Trainer.builder(mlp, opt).epochs(3).batchSize(25).seed(8).reduceOnPlateau(lr).earlyStopping(50, 0)
                    .checkpoint(ckpt, 1).build().fit(TRAIN, VALID);
        }
        // ... and resumed in a fresh network, optimizer and trainer, differently seeded.
        try (Mlp mlp = net(99, 25)) {
            ReduceOnPlateau lr = plateau();
            Optimizer opt = Adam.builder().schedule(step -> lr.rate()).kernels(k).params(mlp.parameters()).build();
            Trainer t = Trainer.builder(mlp, opt).epochs(6).batchSize(25).seed(12345).reduceOnPlateau(lr)
                    .earlyStopping(50, 0).build();
            t.resume(ckpt);
            assertEquals(3, t.epoch());
            assertEquals(24, opt.steps());
            Trainer.Result r = t.fit(TRAIN, VALID);
            assertEquals(3, r.history().size());
            assertEquals(6, r.epochs());
            TrainingIdentityTest.assertSameBits(uninterrupted, mlp.parameterArray(), k, 1);
            assertEquals(plateauEnd, lr.state());
        }
    }
}
