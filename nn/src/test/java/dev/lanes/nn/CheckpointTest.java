package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernel.Kernels;
import dev.lanes.nn.io.SafeTensors;
import dev.lanes.nn.io.Tensor;
import dev.lanes.optim.Adam;
import dev.lanes.optim.Optimizer;
import dev.lanes.optim.Sgd;
import dev.lanes.schedule.ReduceOnPlateau;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    static Mlp net(long seed, int hidden) {
        return Mlp.builder(5).hidden(hidden, Activation.TANH).hidden(4, Activation.RELU)
                .output(3, Loss.SOFTMAX_CROSS_ENTROPY).seed(seed).maxBatch(8).build();
    }

    /** Trains a few steps so that the optimizer has state. */
    static Optimizer trained(Mlp mlp) {
        Optimizer opt = Adam.builder().learningRate(0.01).params(mlp.parameters()).build();
        float[] x = new float[8 * 5];
        int[] y = new int[8];
        Rng r = new Rng(1);
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = r.nextInt(3);
            }
            mlp.lossAndGradient(x, 0, y, 0, 8);
            opt.step();
        }
        return opt;
    }

    @Test
    void weightsAreStoredInPyTorchLayout() throws IOException {
        try (Mlp mlp = net(1, 6)) {
            trained(mlp);
            Path f = dir.resolve("w.safetensors");
            Checkpoint.saveWeights(f, mlp);
            SafeTensors.Contents c = SafeTensors.read(f);
            assertEquals(java.util.List.of("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"),
                    java.util.List.copyOf(c.tensors().keySet()));
            Tensor w = c.tensor("2.weight");
            assertArrayEquals(new long[] {4, 6}, w.shape());
            float[] p = mlp.parameterArray();
            // PyTorch's weight[j][k] is Lanes' W[k][j]
            for (int k = 0; k < 6; k++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals(p[mlp.weightOffset(1) + k * 4 + j], w.floats()[j * 6 + k]);
                }
            }
            assertEquals("5,6,4,3", c.metadata().get("model.sizes"));
            assertEquals("tanh,relu", c.metadata().get("model.activations"));
            try (Mlp back = Checkpoint.loadMlp(f, mlp.kernels(), 1, 4)) {
                assertArrayEquals(mlp.parameterArray(), back.parameterArray());
                assertEquals(mlp.toString(), back.toString());
            }
        }
    }

    @Test
    void roundTripRestoresModelOptimizerAndTrainingState() throws IOException {
        Path f = dir.resolve("c.safetensors");
        try (Mlp mlp = net(1, 6); Mlp other = net(2, 6)) {
            Optimizer opt = trained(mlp);
            long[] rng = new Rng(3).state();
            Trainer.State saved = new Trainer.State(7, rng, true, 0.25, 3,
                    new ReduceOnPlateau.State(0.0125, 0.5, 1, 2, 7));
            Checkpoint.save(f, mlp, opt, saved);
            Optimizer fresh = Adam.builder().learningRate(0.01).params(other.parameters()).build();
            Trainer.State s = Checkpoint.load(f, other, fresh);
            assertArrayEquals(mlp.parameterArray(), other.parameterArray());
            assertEquals(saved, s);
            assertEquals(7, s.epoch());
            assertArrayEquals(rng, s.rngState());
            assertEquals(opt.steps(), fresh.steps());
            var a = opt.exportState();
            var b = fresh.exportState();
            assertEquals(a.hyperParameters(), b.hyperParameters());
            for (String p : a.parameters().keySet()) {
                for (String slot : a.parameters().get(p).keySet()) {
                    assertArrayEquals(a.array(p, slot), b.array(p, slot), p + "." + slot);
                }
            }
            SafeTensors.Contents c = SafeTensors.read(f);
            assertArrayEquals(new long[] {6, 5}, c.tensor("optimizer.0.weight.exp_avg").shape());
            assertEquals("Adam", c.metadata().get("optimizer.algorithm"));
            Checkpoint.save(f, mlp, null, null);
            assertNull(Checkpoint.load(f, other, null));
        }
    }

    @Test
    void mismatchedCheckpointsFailClearlyAndChangeNothing() throws IOException {
        Path f = dir.resolve("m.safetensors");
        try (Mlp mlp = net(1, 6); Mlp wider = net(2, 7); Mlp same = net(3, 6)) {
            Optimizer opt = trained(mlp);
            Checkpoint.save(f, mlp, opt, null);
            IOException e = assertThrows(IOException.class, () -> Checkpoint.load(f, wider, null));
            assertTrue(e.getMessage().contains("m.safetensors") && e.getMessage().contains("5,6,4,3")
                    && e.getMessage().contains("5,7,4,3"), e.getMessage());
            float[] before = same.parameterArray().clone();
            Optimizer sgd = Sgd.builder().params(same.parameters()).build();
            e = assertThrows(IOException.class, () -> Checkpoint.load(f, same, sgd));
            assertTrue(e.getMessage().contains("Adam"), e.getMessage());
            Optimizer otherLr = Adam.builder().learningRate(0.01).betas(0.8, 0.999).params(same.parameters()).build();
            e = assertThrows(IOException.class, () -> Checkpoint.load(f, same, otherLr));
            assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
            assertArrayEquals(before, same.parameterArray(), "nothing loaded");
            assertEquals(0, otherLr.steps());
        }
    }

    @Test
    void truncatedCheckpointFailsAndAFailedSaveKeepsTheOldOne() throws IOException {
        Path f = dir.resolve("t.safetensors");
        try (Mlp mlp = net(1, 6)) {
            Checkpoint.save(f, mlp, trained(mlp), null);
            byte[] good = Files.readAllBytes(f);
            Path cut = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(good, good.length - 10));
            IOException e = assertThrows(IOException.class, () -> Checkpoint.load(cut, mlp, null));
            assertTrue(e.getMessage().contains("cut.safetensors") && e.getMessage().contains("truncated"), e.getMessage());
            // A save that fails half-way (a closed optimizer throws while exporting) leaves the old file.
            Optimizer closed = Adam.builder().params(mlp.parameters()).build();
            closed.close();
            assertThrows(IllegalStateException.class, () -> Checkpoint.save(f, mlp, closed, null));
            assertArrayEquals(good, Files.readAllBytes(f));
        }
    }

    /** {@code f}'s contents with {@code edit} applied, written to {@code name}. */
    private Path edited(Path f, String name, java.util.function.BiConsumer<Map<String, String>, Map<String, Tensor>> edit)
            throws IOException {
        SafeTensors.Contents c = SafeTensors.read(f);
        Map<String, String> meta = new java.util.LinkedHashMap<>(c.metadata());
        Map<String, Tensor> tensors = new java.util.LinkedHashMap<>(c.tensors());
        edit.accept(meta, tensors);
        Path out = dir.resolve(name);
        SafeTensors.write(out, meta, tensors);
        return out;
    }

    /** Loading {@code f} fails with one line naming it and saying {@code problem}, and changes nothing. */
    private static void refused(Path f, Mlp mlp, Optimizer opt, String problem) {
        float[] before = mlp.parameterArray().clone();
        long steps = opt.steps();
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(f, mlp, opt));
        assertTrue(e.getMessage().startsWith(f + ": ") && e.getMessage().contains(problem), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertArrayEquals(before, mlp.parameterArray());
        assertEquals(steps, opt.steps());
    }

    @Test
    void craftedOptimizerStateIsRefusedNotThrownAsAnotherException() throws IOException {
        Path f = dir.resolve("ok.safetensors");
        try (Mlp mlp = net(1, 6); Mlp other = net(2, 6)) {
            Checkpoint.save(f, mlp, trained(mlp), new Trainer.State(2, new Rng(1).state()));
            Optimizer opt = Adam.builder().learningRate(0.01).params(other.parameters()).build();
            // state of another type (was an IllegalStateException from Tensor.floats)
            refused(edited(f, "u8.safetensors", (m, t) -> t.put("optimizer.0.weight.exp_avg",
                    Tensor.u8(new byte[30], 6, 5))), other, opt, "tensor 'optimizer.0.weight.exp_avg' is U8, expected F32");
            // a weight's state flat or transposed (was silently loaded in the wrong layout)
            refused(edited(f, "flat.safetensors", (m, t) -> t.put("optimizer.0.weight.exp_avg",
                    Tensor.f32(new float[30], 30))), other, opt, "has shape [30], expected [6, 5]");
            refused(edited(f, "transposed.safetensors", (m, t) -> t.put("optimizer.0.weight.exp_avg",
                    Tensor.f32(new float[30], 5, 6))), other, opt, "has shape [5, 6], expected [6, 5]");
            refused(edited(f, "epoch.safetensors", (m, t) -> m.put("training.epoch", "-3")), other, opt,
                    "training.epoch is negative: -3");
            refused(edited(f, "newline.safetensors", (m, t) -> m.put("model.sizes", "5,6\n4,3\u001b[2J")), other, opt,
                    "network of sizes 5,6\\u000a4,3\\u001b[2J");
        }
    }

    @Test
    void loadMlpChecksTheTensorsBeforeBuildingTheNetworkTheyDescribe() throws IOException {
        Path f = dir.resolve("w.safetensors");
        try (Mlp mlp = net(1, 6)) {
            Checkpoint.saveWeights(f, mlp);
        }
        // a network of 2·10^9 weights described by a file of a few hundred bytes: refused before
        // anything is allocated for it (it used to build the network first)
        Path huge = edited(f, "huge.safetensors", (m, t) -> m.put("model.sizes", "5,1000000000,2,3"));
        IOException e = assertThrows(IOException.class, () -> Checkpoint.loadMlp(huge, Kernels.scalar(), 1, 4));
        assertTrue(e.getMessage().contains("tensor '0.weight' is F32 [6, 5], expected F32 [1000000000, 5]"),
                e.getMessage());
        for (String sizes : new String[] {"5,0,4,3", "5,-6,4,3", "5,,4,3", "5,6,4,3,", "x"}) {
            Path bad = edited(f, "bad.safetensors", (m, t) -> m.put("model.sizes", sizes));
            e = assertThrows(IOException.class, () -> Checkpoint.loadMlp(bad, Kernels.scalar(), 1, 4), sizes);
            assertTrue(e.getMessage().contains("bad model description"), e.getMessage());
        }
        Path act = edited(f, "act.safetensors", (m, t) -> m.put("model.activations", "tanh,leaky_relu(NaN)"));
        e = assertThrows(IOException.class, () -> Checkpoint.loadMlp(act, Kernels.scalar(), 1, 4));
        assertTrue(e.getMessage().contains("bad model description"), e.getMessage());
    }
}
