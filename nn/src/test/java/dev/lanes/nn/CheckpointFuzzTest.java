package dev.lanes.nn;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.lanes.kernel.Kernels;
import dev.lanes.nn.io.SafeTensors;
import dev.lanes.nn.io.Tensor;
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

    /**
     * An input starting with {@code 'S'} is a recipe: edits of a valid checkpoint (metadata set
     * or removed, tensors retyped, reshaped, removed, added or refilled), written as a
     * well-formed file, so that the fuzzer explores what loading checks beyond the format; any
     * other input is the file itself.
     */
    @FuzzTest
    void load(byte[] input) throws IOException {
        if (input.length > 0 && input[0] == 'S') {
            Recipe.apply(input, FILE);
        } else {
            FuzzSupport.write(FILE, input);
        }
        long size = java.nio.file.Files.size(FILE);
        long bound = (long) (BYTES_PER_BYTE + SafeTensors.BYTES_PER_HEADER_BYTE) * size + SafeTensors.FIXED_ALLOCATION;
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
        FuzzSupport.Outcome<Mlp> m = FuzzSupport.bounded("Checkpoint.loadMlp", bound + networkBound(size), input,
                () -> Checkpoint.loadMlp(FILE, Kernels.scalar(), 1, 4));
        if (m.failure() != null) {
            FuzzSupport.checkMessage(FILE, m.failure(), input);
        } else {
            ok = true;
            m.value().close();
        }
        COUNT.count(ok);
    }

    /** Edits of the seed checkpoint driven by the input's bytes (see {@link #load}). */
    static final class Recipe {
        private static final String[] KEYS = {"lanes.checkpoint", "model.sizes", "model.activations", "model.loss",
            "optimizer.algorithm", "optimizer.steps", "optimizer.skipped_steps", "optimizer.hyper.lr",
            "optimizer.hyper.beta1", "training.epoch", "training.rng", "training.stopped",
            "training.early_stopping.best", "training.early_stopping.bad_epochs", "format"};
        private static final String[] VALUES = {"", "-1", "0", "1", "2", "3", "9223372036854775807", "2147483648",
            "NaN", "Infinity", "-0.0", "1e400", "0x1p3", "abc", "3,4,2", "3,200000000,2", "3,4", "3,4,4,2",
            "1,1,1", "0,4,2", "relu", "tanh", "leaky_relu(NaN)", "leaky_relu(0.5)", "relu,relu", "",
            "SOFTMAX_CROSS_ENTROPY", "MSE", "Adam", "Sgd", ",", ",,,", "ffffffffffffffff,0,0,0", "0,0,0,0",
            "1,2,3,4", "1,2,3", "true", "false", "\n", "\u001b[2J"};
        private static final String[] NAMES = {"model.0.weight", "model.0.bias", "model.2.weight", "model.2.bias",
            "model.4.weight", "optimizer.0.weight.exp_avg", "optimizer.0.weight.exp_avg_sq", "optimizer.0.bias.exp_avg",
            "optimizer.2.weight.exp_avg", "optimizer.2.bias.exp_avg_sq", "optimizer.0.weight.x.y",
            "optimizer.0.weight.max_exp_avg_sq", "0.weight", "0.bias", "2.weight", "2.bias", "optimizer.0.weight."};
        private static final float[] FLOATS = {0f, -0f, 1f, -1f, Float.NaN, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE, 1e-30f};
        private static SafeTensors.Contents seed;

        private final byte[] in;
        private int at = 1;

        private Recipe(byte[] in) {
            this.in = in;
        }

        private int next(int n) {
            return at < in.length ? (in[at++] & 0xFF) % n : 0;
        }

        static void apply(byte[] input, Path file) throws IOException {
            if (seed == null) {
                try (var s = CheckpointFuzzTest.class.getResourceAsStream("CheckpointFuzzTestInputs/load/"
                        + "valid-checkpoint.safetensors")) {
                    Path tmp = FuzzSupport.scratch("seed.safetensors");
                    FuzzSupport.write(tmp, s.readAllBytes());
                    seed = SafeTensors.read(tmp);
                }
            }
            Recipe r = new Recipe(input);
            Map<String, String> meta = new java.util.LinkedHashMap<>(seed.metadata());
            Map<String, Tensor> tensors = new java.util.LinkedHashMap<>(seed.tensors());
            int edits = 1 + r.next(6);
            for (int e = 0; e < edits && r.at < input.length; e++) {
                switch (r.next(7)) {
                    case 0 -> meta.put(KEYS[r.next(KEYS.length)], VALUES[r.next(VALUES.length)]);
                    case 1 -> meta.remove(KEYS[r.next(KEYS.length)]);
                    case 2 -> {
                        String n = NAMES[r.next(NAMES.length)];
                        Tensor t = tensors.get(n);
                        if (t != null) {
                            long[] shape = t.shape();
                            tensors.put(n, switch (r.next(3)) {
                                case 0 -> Tensor.i64(new long[t.size()], shape);
                                case 1 -> Tensor.u8(new byte[t.size()], shape);
                                default -> Tensor.f32(new float[t.size()], shape);
                            });
                        }
                    }
                    case 3 -> {
                        String n = NAMES[r.next(NAMES.length)];
                        Tensor t = tensors.get(n);
                        if (t != null && t.dtype() == Tensor.DType.F32) {
                            long[] shape = t.shape();
                            long[] to = switch (r.next(4)) {
                                case 0 -> new long[] {t.size()};
                                case 1 -> shape.length == 2 ? new long[] {shape[1], shape[0]} : new long[] {1, t.size()};
                                case 2 -> new long[] {1, 1, t.size()};
                                default -> new long[] {t.size() + 1};
                            };
                            int n2 = (int) java.util.Arrays.stream(to).reduce(1, (a, b) -> a * b);
                            tensors.put(n, Tensor.f32(java.util.Arrays.copyOf(t.floats(), n2), to));
                        }
                    }
                    case 4 -> tensors.remove(NAMES[r.next(NAMES.length)]);
                    case 5 -> {
                        int len = r.next(13);
                        tensors.put(NAMES[r.next(NAMES.length)], Tensor.f32(new float[len], len));
                    }
                    default -> {
                        String n = NAMES[r.next(NAMES.length)];
                        Tensor t = tensors.get(n);
                        if (t != null && t.dtype() == Tensor.DType.F32 && t.size() > 0) {
                            float[] v = t.floats().clone();
                            v[r.next(v.length)] = FLOATS[r.next(FLOATS.length)];
                            tensors.put(n, Tensor.f32(v, t.shape()));
                        }
                    }
                }
            }
            SafeTensors.write(file, meta, tensors);
        }
    }

    /**
     * What a network built from this file may allocate: parameters and gradients (2 floats per
     * weight the file holds, at most one per 4 bytes), the transposed weights (1 more), and per
     * layer 2 buffers of maxBatch (4) rows of its width (at most a weight's size).
     */
    private static long networkBound(long size) {
        return 4L * (3 + 2 * 4) * size / 4 + 4096;
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
