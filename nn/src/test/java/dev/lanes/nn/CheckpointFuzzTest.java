package dev.lanes.nn;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lanes.kernel.Kernels;
import dev.lanes.nn.io.SafeTensors;
import dev.lanes.optim.Adam;
import dev.lanes.optim.Optimizer;
import dev.lanes.optim.OptimizerState;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzzes checkpoint and model loading: {@link Checkpoint#load}, {@link Trainer#resume} and
 * {@link Checkpoint#loadMlp} on any file either succeed or throw an {@link IOException} naming
 * the file on one line, and a failed load changes nothing (the weights, the optimizer's state
 * and the trainer's epoch keep their bits); loading allocates at most {@link #BYTES_PER_BYTE}
 * bytes per byte of file plus the network's own buffers.
 */
class CheckpointFuzzTest {
    /** The allocation bound per byte of file (the reader's, plus the copies into the network). */
    static final int BYTES_PER_BYTE = 8;
    private static final FuzzSupport.Counter COUNT = new FuzzSupport.Counter("checkpoint");
    private static final Path FILE = FuzzSupport.scratch("checkpoint.safetensors");
    private static final Mlp MLP = network();
    private static final Optimizer OPT = Adam.builder().learningRate(0.01).kernels(Kernels.scalar())
            .params(MLP.parameters()).build();
    private static final Trainer TRAINER = Trainer.builder(MLP, OPT).epochs(3).batchSize(4).build();

    /** The network every seed was saved from: 3-4-2, ReLU, softmax cross-entropy. */
    static Mlp network() {
        return Mlp.builder(3).hidden(4, Activation.RELU).output(2, Loss.SOFTMAX_CROSS_ENTROPY).seed(5)
                .kernels(Kernels.scalar()).maxBatch(4).build();
    }

    static Optimizer optimizer(Mlp mlp) {
        return Adam.builder().learningRate(0.01).kernels(Kernels.scalar()).params(mlp.parameters()).build();
    }

    @FuzzTest
    void load(byte[] input) {
        FuzzSupport.write(FILE, input);
        long bound = (long) (BYTES_PER_BYTE + SafeTensors.BYTES_PER_HEADER_BYTE) * input.length
                + SafeTensors.FIXED_ALLOCATION;
        boolean ok = false;

        String before = digest();
        FuzzSupport.Outcome<Object> o = FuzzSupport.bounded("Checkpoint.load", bound, input,
                () -> Checkpoint.load(FILE, MLP, OPT));
        if (o.failure() != null) {
            FuzzSupport.checkMessage(FILE, o.failure(), input);
            if (!before.equals(digest())) {
                throw new AssertionError("a failed Checkpoint.load changed the network or optimizer: "
                        + o.failure().getMessage() + " (input " + FuzzSupport.preview(input) + ")");
            }
        } else {
            ok = true;
            COUNT.allocation(o.allocated());
        }

        before = digest();
        int epoch = TRAINER.epoch();
        try {
            TRAINER.resume(FILE);
            ok = true;
        } catch (IOException e) {
            if (!e.getMessage().startsWith(FILE + ": ")) {
                throw new AssertionError("Trainer.resume: message does not name the file: " + e.getMessage(), e);
            }
            if (!before.equals(digest()) || epoch != TRAINER.epoch()) {
                throw new AssertionError("a failed Trainer.resume changed the network, optimizer or trainer: "
                        + e.getMessage() + " (input " + FuzzSupport.preview(input) + ")");
            }
        }

        // a network described by the file: its own buffers come on top of the bound
        FuzzSupport.Outcome<Mlp> m = FuzzSupport.bounded("Checkpoint.loadMlp", bound + networkBound(input), input,
                () -> Checkpoint.loadMlp(FILE, Kernels.scalar(), 1, 4));
        if (m.failure() != null) {
            FuzzSupport.checkMessage(FILE, m.failure(), input);
        } else {
            ok = true;
            m.value().close();
        }
        COUNT.count(ok);
    }

    /**
     * What a network built from this file may allocate: parameters and gradients (2 floats per
     * weight the file holds, at most one per 4 bytes), the transposed weights (1 more), and per
     * layer 2 buffers of maxBatch (4) rows of its width (at most a weight's size).
     */
    private static long networkBound(byte[] input) {
        return 4L * (3 + 2 * 4) * input.length / 4 + 4096;
    }

    /** A digest of the weights, the optimizer's whole state and the trainer's epoch. */
    static String digest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (float v : MLP.parameterArray()) {
                int b = Float.floatToRawIntBits(v);
                md.update(new byte[] {(byte) b, (byte) (b >>> 8), (byte) (b >>> 16), (byte) (b >>> 24)});
            }
            OptimizerState s = OPT.exportState();
            md.update((s.steps() + "/" + s.skippedSteps() + "/" + s.hyperParameters()).getBytes());
            for (Map.Entry<String, Map<String, float[]>> p : s.parameters().entrySet()) {
                md.update(p.getKey().getBytes());
                for (Map.Entry<String, float[]> a : p.getValue().entrySet()) {
                    md.update(a.getKey().getBytes());
                    for (float v : a.getValue()) {
                        int b = Float.floatToRawIntBits(v);
                        md.update(new byte[] {(byte) b, (byte) (b >>> 8), (byte) (b >>> 16), (byte) (b >>> 24)});
                    }
                }
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @AfterAll
    static void report() {
        COUNT.report();
    }
}
