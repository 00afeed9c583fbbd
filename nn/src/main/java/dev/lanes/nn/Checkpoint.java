package dev.lanes.nn;

import dev.lanes.kernel.Kernels;
import dev.lanes.nn.io.SafeTensors;
import dev.lanes.nn.io.Tensor;
import dev.lanes.optim.Optimizer;
import dev.lanes.optim.OptimizerState;
import dev.lanes.optim.Parameter;
import dev.lanes.schedule.ReduceOnPlateau;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Checkpoints in the <a href="https://github.com/huggingface/safetensors">safetensors</a> format,
 * written atomically (a crash mid-write leaves the previous file intact; see
 * {@link dev.lanes.nn.io.AtomicFiles}).
 *
 * <p><b>Tensors</b> (all F32):
 * <ul>
 * <li>{@code model.<2l>.weight} {@code [out][in]} and {@code model.<2l>.bias} {@code [out]} for
 * layer {@code l}: PyTorch's layout and the names of an {@code nn.Sequential} alternating
 * {@code Linear} and activation modules, so
 * {@code model.load_state_dict({k[6:]: v for k, v in load_file(f).items() if k.startswith("model.")})}
 * loads them ({@link #saveWeights} writes the model alone, without the prefix);</li>
 * <li>{@code optimizer.<param>.<slot>} for every state array of the optimizer (e.g.
 * {@code optimizer.0.weight.exp_avg}), laid out as its parameter (weights {@code [out][in]}),
 * per-parameter scalars as shape {@code [1]}.</li>
 * </ul>
 * <p><b>Metadata</b> ({@code __metadata__}, strings): {@code format = pt};
 * {@code lanes.checkpoint = 1}; {@code model.sizes} (e.g. {@code 784,256,128,10}),
 * {@code model.activations} (e.g. {@code relu,relu}), {@code model.loss}; with an optimizer
 * {@code optimizer.algorithm}, {@code optimizer.steps}, {@code optimizer.skipped_steps} and
 * {@code optimizer.hyper.<name>} (each a {@link Double#toString}, which reads back exactly); with a
 * training state ({@link Trainer.State}) {@code training.epoch}, {@code training.rng} (the
 * generator's four state words in hexadecimal), then, sorted by name,
 * {@code training.early_stopping.bad_epochs}, {@code training.early_stopping.best},
 * {@code training.plateau.*} (with a reduce-on-plateau state) and {@code training.stopped}.
 *
 * <p>Loading checks everything before changing anything: the file's structure, the network's
 * shape, activations and loss, every tensor's shape and type (an optimizer state array of a
 * weight must be laid out {@code [out][in]}), the training state, and (through
 * {@link Optimizer#importState}) the optimizer's algorithm, hyper-parameters and parameters. A
 * file that does not fit fails with an {@link IOException} whose message is one line naming it
 * and the mismatch, and a failed load changes nothing. Files from elsewhere are safe to load
 * (see {@link SafeTensors#read}): loading allocates at most
 * {@code 8 + SafeTensors.BYTES_PER_HEADER_BYTE} bytes per byte of file plus
 * {@link SafeTensors#FIXED_ALLOCATION}, and {@link #loadMlp} the network's own arrays on top,
 * after checking that the file holds every weight of the network it describes.
 */
public final class Checkpoint {
    static final String FORMAT_KEY = "lanes.checkpoint";
    static final String FORMAT_VERSION = "1";

    private Checkpoint() {}

    /**
     * Saves the network, the optimizer's state (if {@code optimizer} is not null) and a training
     * state (if not null) to {@code file}, atomically.
     */
    public static void save(Path file, Mlp mlp, Optimizer optimizer, Trainer.State training) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(mlp, "mlp");
        Map<String, String> meta = modelMetadata(mlp);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        modelTensors(mlp, "model.", tensors);
        if (optimizer != null) {
            OptimizerState s = optimizer.exportState();
            meta.put("optimizer.algorithm", s.algorithm());
            meta.put("optimizer.steps", Long.toString(s.steps()));
            meta.put("optimizer.skipped_steps", Long.toString(s.skippedSteps()));
            for (Map.Entry<String, Double> h : s.hyperParameters().entrySet()) {
                meta.put("optimizer.hyper." + h.getKey(), Double.toString(h.getValue()));
            }
            for (Map.Entry<String, Map<String, float[]>> p : s.parameters().entrySet()) {
                int layer = weightLayer(mlp, p.getKey());
                for (Map.Entry<String, float[]> a : p.getValue().entrySet()) {
                    float[] v = a.getValue();
                    String name = "optimizer." + p.getKey() + "." + a.getKey();
                    if (layer >= 0 && v.length == mlp.sizes()[layer] * mlp.sizes()[layer + 1] && v.length > 1) {
                        int in = mlp.sizes()[layer];
                        int out = mlp.sizes()[layer + 1];
                        tensors.put(name, Tensor.f32(transpose(v, 0, in, out), out, in));
                    } else {
                        tensors.put(name, Tensor.f32(v.clone(), v.length));
                    }
                }
            }
        }
        if (training != null) {
            trainingMetadata(training, meta);
        }
        SafeTensors.write(file, meta, tensors);
    }

    /**
     * Saves only the network's weights and biases, with PyTorch's names and layout
     * ({@code 0.weight [out][in]}, {@code 0.bias}, {@code 2.weight}, …), so that
     * {@code model.load_state_dict(safetensors.torch.load_file(file))} loads them into the
     * matching {@code nn.Sequential}.
     */
    public static void saveWeights(Path file, Mlp mlp) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(mlp, "mlp");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        modelTensors(mlp, "", tensors);
        SafeTensors.write(file, modelMetadata(mlp), tensors);
    }

    /**
     * Loads a checkpoint written by {@link #save} into {@code mlp} and, if not null,
     * {@code optimizer}; returns the training state, or null if the file has none.
     *
     * @throws IOException naming the file if it is malformed, truncated, or does not fit the
     *                     network or the optimizer; nothing is changed then
     */
    public static Trainer.State load(Path file, Mlp mlp, Optimizer optimizer) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(mlp, "mlp");
        Pending p = prepare(file, mlp, optimizer);
        p.apply();
        return p.training();
    }

    /** A checkpoint read and checked against a network and optimizer, not yet installed. */
    static final class Pending {
        private final Path file;
        private final Mlp mlp;
        private final Optimizer optimizer;
        private final float[][] weights;
        private final OptimizerState state;
        private final Trainer.State training;

        private Pending(Path file, Mlp mlp, Optimizer optimizer, float[][] weights, OptimizerState state,
                        Trainer.State training) {
            this.file = file;
            this.mlp = mlp;
            this.optimizer = optimizer;
            this.weights = weights;
            this.state = state;
            this.training = training;
        }

        /** The training state, or null. */
        Trainer.State training() {
            return training;
        }

        /**
         * Installs the optimizer state (which checks it against the optimizer and changes nothing
         * if it does not fit), then the weights.
         */
        void apply() throws IOException {
            if (optimizer != null) {
                try {
                    optimizer.importState(state);
                } catch (IllegalArgumentException e) {
                    throw bad(file, "optimizer state does not fit: " + show(e.getMessage()));
                }
            }
            install(mlp, weights);
        }
    }

    /** Reads and checks everything {@link #load} needs, changing nothing. */
    static Pending prepare(Path file, Mlp mlp, Optimizer optimizer) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, String> meta = c.metadata();
        checkModel(file, meta, mlp);
        float[][] weights = readModel(file, c, mlp.sizes(), "model.");
        Trainer.State training;
        try {
            training = trainingState(meta);
        } catch (RuntimeException e) {
            throw bad(file, "bad training state: " + show(e.getMessage()));
        }
        OptimizerState state = optimizer == null ? null : optimizerState(file, c, mlp, optimizer);
        return new Pending(file, mlp, optimizer, weights, state, training);
    }

    /**
     * Reads a network saved by {@link #save} or {@link #saveWeights}: its shape, activations and
     * loss from the metadata, its weights from the tensors. Every tensor the described network
     * needs is found and shape-checked before the network is built, so a file cannot make this
     * allocate more than its own size plus the network's buffers for {@code maxBatch} rows.
     *
     * @throws IllegalArgumentException if {@code threads < 1} or {@code maxBatch < 1} (before the
     *                                  file is read)
     * @throws IOException              naming the file if it is malformed or incomplete
     */
    public static Mlp loadMlp(Path file, Kernels kernels, int threads, int maxBatch) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(kernels, "kernels");
        // the caller's arguments are checked before the file is read: a bad one is not the file's fault
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, was " + maxBatch);
        }
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, String> meta = c.metadata();
        String sizesText = require(file, meta, "model.sizes");
        String acts = require(file, meta, "model.activations");
        String lossName = require(file, meta, "model.loss");
        int[] sizes;
        Activation[] activations;
        Loss loss;
        try {
            String[] parts = sizesText.split(",", -1);
            sizes = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                sizes[i] = Integer.parseInt(parts[i]);
                if (sizes[i] < 1) {
                    throw new IllegalArgumentException("width " + sizes[i] + " is not positive");
                }
            }
            String[] names = acts.isEmpty() ? new String[0] : acts.split(",", -1);
            if (sizes.length < 2 || names.length != sizes.length - 2) {
                throw new IllegalArgumentException("model.sizes and model.activations disagree");
            }
            activations = new Activation[names.length];
            for (int l = 0; l < names.length; l++) {
                activations[l] = Activation.parse(names[l]);
            }
            loss = Loss.valueOf(lossName);
        } catch (IllegalArgumentException e) {
            throw bad(file, "bad model description (model.sizes '" + show(sizesText) + "', model.activations '"
                    + show(acts) + "', model.loss '" + show(lossName) + "'): " + show(e.getMessage()));
        }
        String prefix = c.tensors().containsKey("model." + Mlp.weightName(0)) ? "model." : "";
        float[][] weights = readModel(file, c, sizes, prefix);
        Mlp mlp;
        try {
            Mlp.Builder b = Mlp.builder(sizes[0]).kernels(kernels).threads(threads).maxBatch(maxBatch);
            for (int l = 0; l < activations.length; l++) {
                b.hidden(sizes[l + 1], activations[l]);
            }
            mlp = b.output(sizes[sizes.length - 1], loss).build();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw bad(file, "cannot build the network it describes: " + show(e.getMessage()));
        }
        install(mlp, weights);
        return mlp;
    }

    // ---------------------------------------------------------------- model

    private static Map<String, String> modelMetadata(Mlp mlp) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put(FORMAT_KEY, FORMAT_VERSION);
        meta.put("model.sizes", join(mlp.sizes()));
        meta.put("model.activations", activations(mlp));
        meta.put("model.loss", mlp.loss().name());
        return meta;
    }

    private static String join(int[] v) {
        StringBuilder s = new StringBuilder();
        for (int x : v) {
            s.append(s.isEmpty() ? "" : ",").append(x);
        }
        return s.toString();
    }

    private static String activations(Mlp mlp) {
        StringBuilder s = new StringBuilder();
        for (int l = 0; l < mlp.layers() - 1; l++) {
            s.append(l == 0 ? "" : ",").append(mlp.activation(l));
        }
        return s.toString();
    }

    private static void modelTensors(Mlp mlp, String prefix, Map<String, Tensor> tensors) {
        int[] sizes = mlp.sizes();
        float[] p = mlp.parameterArray();
        for (int l = 0; l < mlp.layers(); l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            tensors.put(prefix + Mlp.weightName(l), Tensor.f32(transpose(p, mlp.weightOffset(l), in, out), out, in));
            tensors.put(prefix + Mlp.biasName(l),
                    Tensor.f32(Arrays.copyOfRange(p, mlp.biasOffset(l), mlp.biasOffset(l) + out), out));
        }
    }

    private static void checkModel(Path file, Map<String, String> meta, Mlp mlp) throws IOException {
        if (!FORMAT_VERSION.equals(meta.get(FORMAT_KEY))) {
            throw bad(file, "not a Lanes checkpoint (metadata " + FORMAT_KEY + " is "
                    + (meta.get(FORMAT_KEY) == null ? null : "'" + show(meta.get(FORMAT_KEY)) + "'")
                    + ", expected " + FORMAT_VERSION + ")");
        }
        String sizes = require(file, meta, "model.sizes");
        if (!sizes.equals(join(mlp.sizes()))) {
            throw bad(file, "checkpoint is for a network of sizes " + show(sizes) + ", this network has "
                    + join(mlp.sizes()));
        }
        String acts = require(file, meta, "model.activations");
        if (!acts.equals(activations(mlp))) {
            throw bad(file, "checkpoint has activations '" + show(acts) + "', this network '" + activations(mlp) + "'");
        }
        String loss = require(file, meta, "model.loss");
        if (!loss.equals(mlp.loss().name())) {
            throw bad(file, "checkpoint has loss " + show(loss) + ", this network " + mlp.loss());
        }
    }

    /** Per layer: weight [in][out] then bias, read and shape-checked. */
    private static float[][] readModel(Path file, SafeTensors.Contents c, int[] sizes, String prefix)
            throws IOException {
        int layers = sizes.length - 1;
        float[][] out = new float[2 * layers][];
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int o = sizes[l + 1];
            Tensor w = tensor(file, c, prefix + Mlp.weightName(l), new long[] {o, in});
            Tensor b = tensor(file, c, prefix + Mlp.biasName(l), new long[] {o});
            out[2 * l] = transpose(w.floats(), 0, o, in);
            out[2 * l + 1] = b.floats();
        }
        return out;
    }

    private static void install(Mlp mlp, float[][] weights) {
        float[] p = mlp.parameterArray();
        for (int l = 0; l < mlp.layers(); l++) {
            System.arraycopy(weights[2 * l], 0, p, mlp.weightOffset(l), weights[2 * l].length);
            System.arraycopy(weights[2 * l + 1], 0, p, mlp.biasOffset(l), weights[2 * l + 1].length);
        }
    }

    private static Tensor tensor(Path file, SafeTensors.Contents c, String name, long[] shape) throws IOException {
        Tensor t = c.tensors().get(name);
        if (t == null) {
            throw bad(file, "has no tensor '" + show(name) + "'");
        }
        if (t.dtype() != Tensor.DType.F32 || !Arrays.equals(t.shape(), shape)) {
            throw bad(file, "tensor '" + show(name) + "' is " + t.dtype() + " " + show(Arrays.toString(t.shape()))
                    + ", expected F32 " + Arrays.toString(shape));
        }
        return t;
    }

    /** {@code a[off …]} of shape [rows][cols] transposed to a new [cols][rows] array. */
    private static float[] transpose(float[] a, int off, int rows, int cols) {
        float[] t = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[off + i * cols + j];
            }
        }
        return t;
    }

    /** The layer whose weight is named {@code name}, or −1. */
    private static int weightLayer(Mlp mlp, String name) {
        for (int l = 0; l < mlp.layers(); l++) {
            if (Mlp.weightName(l).equals(name)) {
                return l;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- optimizer

    private static OptimizerState optimizerState(Path file, SafeTensors.Contents c, Mlp mlp, Optimizer optimizer)
            throws IOException {
        Map<String, String> meta = c.metadata();
        String algorithm = require(file, meta, "optimizer.algorithm");
        if (!algorithm.equals(optimizer.algorithm())) {
            throw bad(file, "optimizer state is for " + show(algorithm) + ", the optimizer is " + optimizer.algorithm());
        }
        long steps;
        long skipped;
        Map<String, Double> hyper = new LinkedHashMap<>();
        try {
            steps = Long.parseLong(require(file, meta, "optimizer.steps"));
            skipped = Long.parseLong(require(file, meta, "optimizer.skipped_steps"));
            for (Map.Entry<String, String> e : meta.entrySet()) {
                if (e.getKey().startsWith("optimizer.hyper.")) {
                    hyper.put(e.getKey().substring("optimizer.hyper.".length()), Double.parseDouble(e.getValue()));
                }
            }
        } catch (NumberFormatException e) {
            throw bad(file, "bad optimizer counter or hyper-parameter: " + show(e.getMessage()));
        }
        Map<String, Map<String, float[]>> params = new LinkedHashMap<>();
        for (Parameter p : optimizer.parameters()) {
            String prefix = "optimizer." + p.name() + ".";
            int layer = weightLayer(mlp, p.name());
            int in = layer >= 0 ? mlp.sizes()[layer] : 0;
            int out = layer >= 0 ? mlp.sizes()[layer + 1] : 0;
            Map<String, float[]> arrays = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : c.tensors().entrySet()) {
                if (!e.getKey().startsWith(prefix) || e.getKey().substring(prefix.length()).contains(".")) {
                    continue;
                }
                Tensor t = e.getValue();
                long[] shape = t.shape();
                if (t.dtype() != Tensor.DType.F32) {
                    throw bad(file, "tensor '" + show(e.getKey()) + "' is " + t.dtype() + ", expected F32");
                }
                float[] v = t.floats();
                // save() writes a weight's state arrays as the weight, [out][in], and every other
                // array (biases, per-parameter scalars) flat
                boolean matrix = layer >= 0 && v.length == in * out && v.length > 1;
                if (matrix && shape.length == 2 && shape[0] == out && shape[1] == in) {
                    v = transpose(v, 0, out, in);
                } else if (matrix || shape.length != 1) {
                    throw bad(file, "tensor '" + show(e.getKey()) + "' has shape " + show(Arrays.toString(shape))
                            + (matrix ? ", expected [" + out + ", " + in + "]" : ", expected one dimension"));
                }
                arrays.put(e.getKey().substring(prefix.length()), v);
            }
            params.put(p.name(), arrays);
        }
        return new OptimizerState(algorithm, steps, skipped, hyper, params);
    }

    // ---------------------------------------------------------------- training state

    /**
     * The metadata of a training state: {@code training.epoch}, {@code training.rng}, then the
     * other keys sorted by name, so that the same state gives the same bytes on every JVM.
     */
    private static void trainingMetadata(Trainer.State training, Map<String, String> meta) {
        meta.put("training.epoch", Integer.toString(training.epoch()));
        StringBuilder rng = new StringBuilder();
        for (long w : training.rngState()) {
            rng.append(rng.isEmpty() ? "" : ",").append(Long.toHexString(w));
        }
        meta.put("training.rng", rng.toString());
        Map<String, String> rest = new TreeMap<>();
        rest.put(STOPPED, Boolean.toString(training.stopped()));
        rest.put(BEST, Double.toString(training.bestLoss()));
        rest.put(BAD_EPOCHS, Integer.toString(training.badEpochs()));
        ReduceOnPlateau.State p = training.plateau();
        if (p != null) {
            rest.put(PLATEAU_RATE, Double.toString(p.rate()));
            rest.put(PLATEAU_BEST, Double.toString(p.best()));
            rest.put(PLATEAU_BAD_EPOCHS, Integer.toString(p.badEpochs()));
            rest.put(PLATEAU_COOLDOWN, Integer.toString(p.cooldownCounter()));
            rest.put(PLATEAU_EPOCHS, Long.toString(p.epochs()));
        }
        meta.putAll(rest);
    }

    private static final String STOPPED = "training.stopped";
    private static final String BEST = "training.early_stopping.best";
    private static final String BAD_EPOCHS = "training.early_stopping.bad_epochs";
    private static final String PLATEAU_RATE = "training.plateau.rate";
    private static final String PLATEAU_BEST = "training.plateau.best";
    private static final String PLATEAU_BAD_EPOCHS = "training.plateau.bad_epochs";
    private static final String PLATEAU_COOLDOWN = "training.plateau.cooldown_counter";
    private static final String PLATEAU_EPOCHS = "training.plateau.epochs";

    /**
     * The training state of the metadata, or null if it has none ({@code training.epoch} absent).
     * A missing early-stopping value means none yet ({@code stopped} false, best +∞, 0 bad
     * epochs); the plateau values are all there or, without {@code training.plateau.rate}, the
     * state has no plateau; other {@code training.} keys are ignored.
     *
     * @throws IllegalArgumentException (or its {@link NumberFormatException}) if a value is
     *                                  malformed or out of range
     */
    private static Trainer.State trainingState(Map<String, String> meta) {
        String epoch = meta.get("training.epoch");
        if (epoch == null) {
            return null;
        }
        String[] words = meta.getOrDefault("training.rng", "").split(",");
        if (words.length != 4) {
            throw new IllegalArgumentException("training.rng must hold 4 words, has " + words.length);
        }
        long[] rng = new long[4];
        for (int i = 0; i < 4; i++) {
            rng[i] = Long.parseUnsignedLong(words[i], 16);
        }
        int epochs = Integer.parseInt(epoch);
        if (epochs < 0) {
            throw new IllegalArgumentException("training.epoch is negative: " + epochs);
        }
        boolean stopped = Boolean.parseBoolean(meta.getOrDefault(STOPPED, "false"));
        double best = Double.parseDouble(meta.getOrDefault(BEST, "Infinity"));
        int bad = Integer.parseInt(meta.getOrDefault(BAD_EPOCHS, "0"));
        ReduceOnPlateau.State plateau = null;
        if (meta.containsKey(PLATEAU_RATE)) {
            plateau = new ReduceOnPlateau.State(Double.parseDouble(meta.get(PLATEAU_RATE)),
                    Double.parseDouble(need(meta, PLATEAU_BEST)), Integer.parseInt(need(meta, PLATEAU_BAD_EPOCHS)),
                    Integer.parseInt(need(meta, PLATEAU_COOLDOWN)), Long.parseLong(need(meta, PLATEAU_EPOCHS)));
        }
        return new Trainer.State(epochs, rng, stopped, best, bad, plateau);
    }

    private static String need(Map<String, String> meta, String key) {
        String v = meta.get(key);
        if (v == null) {
            throw new IllegalArgumentException("metadata has " + PLATEAU_RATE + " but no " + key);
        }
        return v;
    }

    private static String require(Path file, Map<String, String> meta, String key) throws IOException {
        String v = meta.get(key);
        if (v == null) {
            throw bad(file, "metadata has no '" + key + "'");
        }
        return v;
    }

    private static IOException bad(Path file, String problem) {
        return new IOException(file + ": " + problem);
    }

    /** Text from the file (or a message quoting it) made safe for a one-line message. */
    private static String show(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder();
        int n = Math.min(s.length(), 200);
        for (int k = 0; k < n; k++) {
            char ch = s.charAt(k);
            if (ch < 0x20 || (ch >= 0x7f && ch <= 0x9f) || ch == '\u2028' || ch == '\u2029'
                    || Character.isSurrogate(ch)) {
                b.append(String.format("\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return s.length() > n ? b.append("... (").append(s.length()).append(" characters)").toString() : b.toString();
    }
}
