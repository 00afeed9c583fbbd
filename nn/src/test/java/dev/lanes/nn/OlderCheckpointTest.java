package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernel.Kernels;
import dev.lanes.optim.Adam;
import dev.lanes.optim.Optimizer;
import dev.lanes.schedule.ReduceOnPlateau;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint written by an earlier build of Lanes (the resource {@code trainer-epoch2.safetensors},
 * with every training key: epoch, generator, early stopping and reduce-on-plateau) still resumes
 * to the bits of an uninterrupted run, and saving it again right after the resume writes the same
 * bytes: the metadata keys, their values and their order are the file format. Never regenerate
 * the resource; a format change adds a new one beside it.
 *
 * <p>The run: {@link TrainerTest#net} seeded 5, Adam reading a {@link TrainerTest#plateau()}
 * controller, early stopping with patience 50, batches of 25, seed 8, the scalar reference
 * kernels, {@link TrainerTest#TRAIN} and {@link TrainerTest#VALID}; the file is its checkpoint
 * after epoch 2 of 2.
 */
class OlderCheckpointTest {
    static final String RESOURCE = "trainer-epoch2.safetensors";

    @Test
    void aStateChecksItsValues() {
        long[] rng = new Rng(1).state();
        assertEquals("epoch must be >= 0, was -1",
                assertThrows(IllegalArgumentException.class, () -> new Trainer.State(-1, rng)).getMessage());
        assertEquals("rngState must hold 4 words, has 3",
                assertThrows(IllegalArgumentException.class, () -> new Trainer.State(0, new long[3])).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Trainer.State(0, new long[4]))
                .getMessage().startsWith("rngState is all zero"));
        assertEquals("bestLoss must not be NaN", assertThrows(IllegalArgumentException.class,
                () -> new Trainer.State(0, rng, false, Double.NaN, 0, null)).getMessage());
        assertEquals("badEpochs must be >= 0, was -2", assertThrows(IllegalArgumentException.class,
                () -> new Trainer.State(0, rng, false, 1, -2, null)).getMessage());
        Trainer.State s = new Trainer.State(3, rng);
        rng[0] ^= 1;
        assertTrue(s.rngState()[0] != rng[0], "the state keeps its own copy");
        s.rngState()[1] ^= 1;
        assertEquals(new Trainer.State(3, new Rng(1).state()), s);
    }

    @TempDir
    Path dir;

    private static Trainer trainer(Mlp mlp, ReduceOnPlateau lr, int epochs, Path checkpoint) {
        Optimizer opt = Adam.builder().schedule(step -> lr.rate()).kernels(Kernels.scalar())
                .params(mlp.parameters()).build();
        Trainer.Builder b = Trainer.builder(mlp, opt).epochs(epochs).batchSize(25).seed(8).reduceOnPlateau(lr)
                .earlyStopping(50, 0);
        if (checkpoint != null) {
            b.checkpoint(checkpoint, 1);
        }
        return b.build();
    }

    private static Mlp net(long seed) {
        return Mlp.builder(8).hidden(16, Activation.RELU).output(4, Loss.SOFTMAX_CROSS_ENTROPY)
                .init(Init.HE_NORMAL).seed(seed).maxBatch(25).kernels(Kernels.scalar()).build();
    }

    private Path resource() throws IOException {
        Path f = dir.resolve(RESOURCE);
        try (InputStream in = OlderCheckpointTest.class.getResourceAsStream(RESOURCE)) {
            assertTrue(in != null, "resource " + RESOURCE + " is missing");
            Files.copy(in, f);
        }
        return f;
    }

    @Test
    void anOlderCheckpointResumesToTheBitsOfAnUninterruptedRun() throws IOException {
        float[] uninterrupted;
        ReduceOnPlateau.State plateauEnd;
        try (Mlp mlp = net(5)) {
            ReduceOnPlateau lr = TrainerTest.plateau();
            trainer(mlp, lr, 5, null).fit(TrainerTest.TRAIN, TrainerTest.VALID);
            uninterrupted = mlp.parameterArray().clone();
            plateauEnd = lr.state();
            assertTrue(lr.rate() < 0.003, "the plateau rule acted after the checkpoint: " + lr);
        }
        try (Mlp mlp = net(99)) {
            ReduceOnPlateau lr = TrainerTest.plateau();
            Trainer t = trainer(mlp, lr, 5, null);
            t.resume(resource());
            assertEquals(2, t.epoch());
            Trainer.Result r = t.fit(TrainerTest.TRAIN, TrainerTest.VALID);
            assertEquals(3, r.history().size());
            TrainingIdentityTest.assertSameBits(uninterrupted, mlp.parameterArray(), Kernels.scalar(), 1);
            assertEquals(plateauEnd, lr.state());
        }
    }

    @Test
    void savingRightAfterTheResumeWritesTheSameBytes() throws IOException {
        Path older = resource();
        try (Mlp mlp = net(99)) {
            Trainer t = trainer(mlp, TrainerTest.plateau(), 5, null);
            t.resume(older);
            // the values of the file, typed
            Trainer.State s = t.state();
            assertEquals(2, s.epoch());
            assertEquals(false, s.stopped());
            assertEquals(2.6149375438690186, s.bestLoss());
            assertEquals(0, s.badEpochs());
            assertEquals(new ReduceOnPlateau.State(0.003, 2.6149375438690186, 0, 0, 2), s.plateau());
            assertArrayEquals(new long[] {0xe73520db19d012c8L, 0x45ab76db57a30ba9L, 0xe1c5cfe477524f73L,
                0x9664f00a8ac7013fL}, s.rngState());
            Path again = dir.resolve("again.safetensors");
            t.save(again);
            assertArrayEquals(Files.readAllBytes(older), Files.readAllBytes(again));
        }
    }
}
