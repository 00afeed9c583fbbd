package dev.lanes.nn;

import dev.lanes.kernel.Kernels;
import dev.lanes.kernel.Parallel;
import dev.lanes.optim.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A multi-layer perceptron: dense layers with bias, an activation after every hidden layer, a
 * linear output layer and a {@link Loss}.
 *
 * <p><b>Layout.</b> Batches are row-major {@code [rows][features]}. Layer {@code l} (from 0) maps
 * {@code in = sizes[l]} features to {@code out = sizes[l + 1]}; its weight is stored
 * {@code [in][out]} row-major and its bias {@code [out]}, all in one {@link #parameters() array}
 * with the gradients in a second array of the same layout. For the optimizer and for checkpoints
 * they are named {@code "2l.weight"} and {@code "2l.bias"}, the names of a PyTorch
 * {@code nn.Sequential} alternating {@code Linear} and activation modules (PyTorch stores the
 * weight transposed, {@code [out][in]}; {@link Checkpoint} transposes).
 *
 * <p><b>Computation.</b> Forward: {@code a_l = act_l(a_{l−1}·W_l + b_l)} by
 * {@link Kernels#gemmForward} and the activation's kernel, in place; the output layer has no
 * activation. Backward: the loss kernel gives {@code δ_L = ∂loss/∂z_L}; then for each layer from
 * the last, {@code dW_l = a_{l−1}ᵀ·δ_l} ({@link Kernels#gemmBackwardWeights}),
 * {@code db_l = Σ_rows δ_l} ({@link Kernels#biasBackward}) and, below the first layer,
 * {@code δ_{l−1} = act'(a_{l−1}) ⊙ (δ_l·W_lᵀ)} ({@link Kernels#gemmBackwardInput} on a transposed
 * copy of {@code W_l}, then the activation's backward kernel). The gradient overwrites the
 * previous one (no accumulation).
 *
 * <p><b>Threads.</b> With {@code threads > 1} the products run on a {@link Parallel} team of that
 * size ({@link Kernels#parallel}), which splits each product by its outputs, never along a sum, so
 * the bits do not depend on the thread count or the kernels' vector width. Close the
 * network to stop the team. A {@link Trainer} runs the optimizer's step on the same team
 * ({@link #parallel()}), as does an optimizer built with {@code .parallel(mlp.parallel())}.
 *
 * <p><b>Memory.</b> Every activation, gradient and scratch buffer is allocated by the builder for
 * {@link #maxBatch()} rows; forward and backward allocate nothing. Not thread-safe: one caller
 * at a time. To serve predictions from many threads, give each a {@link #predictor(int)}: they
 * share the weights last {@link #publish() published}, read-only.
 *
 * <p><b>Arguments.</b> Every public method and every setter of the {@link Builder} checks its
 * arguments before it changes anything: a refused call throws ({@link NullPointerException} naming
 * a null argument, {@link IllegalArgumentException} or {@link IndexOutOfBoundsException} naming
 * the argument and its value) and leaves the weights, the gradients, the builder and any output
 * array as they were. Labels are checked against {@link #outputs()} before the forward pass.
 */
public final class Mlp implements AutoCloseable {
    /** The kernels every pass runs on: with threads, those of {@link Kernels#parallel}. */
    private final Kernels kernels;
    /** The kernels on the calling thread alone, for the {@link Predictor}s. */
    private final Kernels single;
    private final Parallel team;
    /** The weights the predictors use: replaced whole by {@link #publish()}. */
    private volatile Weights published;
    private long publications;
    private final int[] sizes;
    private final Activation[] activations;
    private final Loss loss;
    private final int maxBatch;
    private final int layers;
    private final float[] params;
    private final float[] grads;
    private final int[] wOff;
    private final int[] bOff;
    private final float[][] act;
    private final float[][] delta;
    private final float[][] wt;
    private final float[] rowLoss;
    private final List<Parameter> parameters;

    private Mlp(Builder b) {
        Kernels base = b.kernels != null ? b.kernels : Kernels.best();
        this.sizes = b.sizes();
        this.activations = b.activations.toArray(new Activation[0]);
        this.loss = b.loss;
        this.maxBatch = b.maxBatch;
        this.layers = sizes.length - 1;
        this.wOff = new int[layers];
        this.bOff = new int[layers];
        long total = 0;
        for (int l = 0; l < layers; l++) {
            wOff[l] = (int) total;
            total += (long) sizes[l] * sizes[l + 1];
            bOff[l] = (int) total;
            total += sizes[l + 1];
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("too many parameters: more than " + (Integer.MAX_VALUE - 8));
            }
        }
        this.params = new float[(int) total];
        this.grads = new float[(int) total];
        this.act = new float[layers][];
        this.delta = new float[layers][];
        this.wt = new float[layers][];
        for (int l = 0; l < layers; l++) {
            act[l] = new float[Math.multiplyExact(maxBatch, sizes[l + 1])];
            delta[l] = new float[act[l].length];
            if (l > 0) {
                wt[l] = new float[sizes[l] * sizes[l + 1]];
            }
        }
        this.rowLoss = new float[maxBatch];
        Rng rng = new Rng(b.seed);
        for (int l = 0; l < layers; l++) {
            b.init.fill(rng, params, wOff[l], sizes[l], sizes[l + 1]);
        }
        List<Parameter> ps = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            ps.add(new Parameter(weightName(l), params, wOff[l], sizes[l] * sizes[l + 1], grads, wOff[l]));
            ps.add(new Parameter(biasName(l), params, bOff[l], sizes[l + 1], grads, bOff[l]));
        }
        this.parameters = List.copyOf(ps);
        this.team = b.threads > 1 ? new Parallel(b.threads) : null;
        this.kernels = team == null ? base : base.parallel(team);
        this.single = base;
        this.published = new Weights(params.clone(), 0);
    }

    /** A builder for a network with {@code inputs} input features. */
    public static Builder builder(int inputs) {
        return new Builder(inputs);
    }

    /** The name of layer {@code l}'s weight: {@code "2l.weight"}. */
    public static String weightName(int layer) {
        checkLayerIndex(layer);
        return (2 * layer) + ".weight";
    }

    /** The name of layer {@code l}'s bias: {@code "2l.bias"}. */
    public static String biasName(int layer) {
        checkLayerIndex(layer);
        return (2 * layer) + ".bias";
    }

    // ---------------------------------------------------------------- shape

    /** The layer widths: inputs, each hidden layer, outputs. */
    public int[] sizes() {
        return sizes.clone();
    }

    /** The number of dense layers (hidden layers + 1). */
    public int layers() {
        return layers;
    }

    /** Input features. */
    public int inputs() {
        return sizes[0];
    }

    /** Outputs (classes for softmax cross-entropy). */
    public int outputs() {
        return sizes[layers];
    }

    /** The activation after hidden layer {@code l < layers() − 1}. */
    public Activation activation(int layer) {
        if (layer < 0 || layer >= activations.length) {
            throw new IndexOutOfBoundsException("layer must be in [0, " + activations.length + "), was " + layer);
        }
        return activations[layer];
    }

    /** The loss. */
    public Loss loss() {
        return loss;
    }

    /** The largest batch forward and backward accept. */
    public int maxBatch() {
        return maxBatch;
    }

    /** The kernels this network computes with (with threads, spread over its {@link #parallel() team}). */
    public Kernels kernels() {
        return kernels;
    }

    /** Threads used by forward and backward. */
    public int threads() {
        return team == null ? 1 : team.threads();
    }

    /**
     * The team of threads that forward and backward run on, or null with one thread: give it to
     * the optimizer ({@code Optimizer.Builder.parallel}) to spread its step over the same threads.
     * The network owns it and stops it when closed.
     */
    public Parallel parallel() {
        return team;
    }

    // ---------------------------------------------------------------- parameters

    /**
     * The parameters, weight then bias for each layer, over the network's own arrays (an
     * optimizer updates them in place): pass them to the optimizer.
     */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The number of parameters: the length of {@link #parameterArray()} and {@link #gradientArray()}. */
    public int parameterCount() {
        return params.length;
    }

    /** All parameters in one array (the backing array; see the class comment for the layout). */
    public float[] parameterArray() {
        return params;
    }

    /** All gradients, laid out as {@link #parameterArray()} (the backing array). */
    public float[] gradientArray() {
        return grads;
    }

    /** Offset of layer {@code l}'s weight {@code [in][out]} in {@link #parameterArray()}. */
    public int weightOffset(int layer) {
        checkLayer(layer);
        return wOff[layer];
    }

    /** Offset of layer {@code l}'s bias in {@link #parameterArray()}. */
    public int biasOffset(int layer) {
        checkLayer(layer);
        return bOff[layer];
    }

    // ---------------------------------------------------------------- forward

    /**
     * Runs the network on {@code rows <= maxBatch()} examples {@code x[xOff + r·inputs …]} and
     * returns the internal output buffer: row {@code r}'s outputs (logits or predictions) are at
     * {@code [r·outputs(), (r + 1)·outputs())}. Valid until the next forward or backward.
     *
     * @throws IllegalArgumentException  if {@code rows} is outside {@code [0, maxBatch()]}
     * @throws IndexOutOfBoundsException if the rows lie outside {@code x}
     */
    public float[] forward(float[] x, int xOff, int rows) {
        Objects.requireNonNull(x, "x");
        checkRows(rows);
        checkRegion("x", x.length, xOff, (long) rows * sizes[0]);
        return forward(kernels, params, act, x, xOff, rows);
    }

    /**
     * The forward pass on weights {@code w} (laid out as {@link #parameterArray()}) into the
     * activation buffers {@code a}: shared by the network and its {@link Predictor}s.
     */
    float[] forward(Kernels k, float[] w, float[][] a, float[] x, int xOff, int rows) {
        for (int l = 0; l < layers; l++) {
            float[] in = l == 0 ? x : a[l - 1];
            int inOff = l == 0 ? xOff : 0;
            int n = sizes[l];
            int m = sizes[l + 1];
            k.gemmForward(in, inOff, n, w, wOff[l], m, w, bOff[l], a[l], 0, m, rows, n, m);
            if (l < layers - 1) {
                activate(k, activations[l], a[l], 0, rows * m);
            }
        }
        return a[layers - 1];
    }

    /** Activation buffers for {@code rows} rows: one per layer. */
    float[][] activationBuffers(int rows) {
        float[][] a = new float[layers][];
        for (int l = 0; l < layers; l++) {
            a[l] = new float[Math.multiplyExact(rows, sizes[l + 1])];
        }
        return a;
    }

    /**
     * Outputs for any number of examples, in chunks of {@link #maxBatch()}: softmax probabilities
     * ({@code Kernels.softmaxForward} of the logits) for {@link Loss#SOFTMAX_CROSS_ENTROPY}, the
     * linear outputs for {@link Loss#MSE}; written to {@code y[yOff + r·outputs() …]}.
     *
     * @throws IllegalArgumentException  if {@code rows < 0}
     * @throws IndexOutOfBoundsException if a region lies outside its array (nothing written then)
     */
    public void predict(float[] x, int xOff, int rows, float[] y, int yOff) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        checkCount(rows);
        int o = outputs();
        checkRegion("x", x.length, xOff, (long) rows * sizes[0]);
        checkRegion("y", y.length, yOff, (long) rows * o);
        for (int r = 0; r < rows; r += maxBatch) {
            int n = Math.min(maxBatch, rows - r);
            float[] out = forward(x, xOff + r * sizes[0], n);
            if (loss == Loss.SOFTMAX_CROSS_ENTROPY) {
                kernels.softmaxForward(out, 0, y, yOff + r * o, n, o);
            } else {
                System.arraycopy(out, 0, y, yOff + r * o, n * o);
            }
        }
    }

    /**
     * The class of each of {@code rows} examples: the index of the largest output (the first on
     * ties; NaN outputs are never largest), written to {@code classes[cOff + r]}.
     *
     * @throws IllegalArgumentException  if {@code rows < 0}
     * @throws IndexOutOfBoundsException if a region lies outside its array (nothing written then)
     */
    public void classify(float[] x, int xOff, int rows, int[] classes, int cOff) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(classes, "classes");
        checkCount(rows);
        checkRegion("x", x.length, xOff, (long) rows * sizes[0]);
        checkRegion("classes", classes.length, cOff, rows);
        for (int r = 0; r < rows; r += maxBatch) {
            int n = Math.min(maxBatch, rows - r);
            float[] out = forward(x, xOff + r * sizes[0], n);
            for (int i = 0; i < n; i++) {
                classes[cOff + r + i] = argmax(out, i * outputs(), outputs());
            }
        }
    }

    static int argmax(float[] a, int off, int n) {
        int best = 0;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (a[off + j] > max) {
                max = a[off + j];
                best = j;
            }
        }
        return best;
    }

    // ---------------------------------------------------------------- concurrent inference

    /**
     * A new predictor over this network's {@link #publish() published} weights, for one thread
     * of an application that serves predictions from many: each thread makes its own, and they
     * run at the same time, with each other and with training, loading or publishing on this
     * network (see {@link Predictor}).
     *
     * @param maxRows the most rows one call predicts at a time; larger calls go in chunks
     * @throws IllegalArgumentException if {@code maxRows < 1}
     */
    public Predictor predictor(int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be >= 1, was " + maxRows);
        }
        return new Predictor(this, maxRows);
    }

    /**
     * Makes the current parameters the ones every {@link Predictor} uses from its next call on:
     * a copy, taken now and replaced whole, so a predictor's call sees either the weights before
     * or these, never a mixture. Call it on the thread that trains (or loads) the network, between
     * updates; it allocates one copy of the parameters. The weights of a new network are
     * published when it is built.
     *
     * @return the version of the published weights (1, 2, … for each publication; 0 at build)
     */
    public long publish() {
        Weights w = new Weights(params.clone(), ++publications);
        published = w;
        return w.version();
    }

    /** The weights predictors use now. */
    Weights published() {
        return published;
    }

    /** The kernels a predictor computes with: this network's, on the calling thread alone. */
    Kernels singleThreadKernels() {
        return single;
    }

    /** An immutable copy of a network's parameters, as {@link #publish()} makes it. */
    record Weights(float[] values, long version) {}

    // ---------------------------------------------------------------- loss and gradient

    /**
     * Forward and backward on {@code rows} labelled examples ({@link Loss#SOFTMAX_CROSS_ENTROPY}):
     * overwrites {@link #gradientArray()} with the gradient of their mean loss and returns that loss.
     * ({@link #microBatchGradient} also tells how many were classified correctly.)
     *
     * @throws IllegalStateException    if the loss is not softmax cross-entropy
     * @throws IllegalArgumentException if {@code rows} is outside {@code [0, maxBatch()]} or a label
     *                                  is outside {@code [0, outputs())} (nothing written to the
     *                                  gradients)
     */
    public float lossAndGradient(float[] x, int xOff, int[] labels, int labelsOff, int rows) {
        microBatchGradient(x, xOff, labels, labelsOff, rows, rows, grads, 0, rowLoss, 0);
        return rowsMean(rows);
    }

    /**
     * Forward and backward on {@code rows} examples with target rows
     * {@code targets[tOff + r·outputs() …]} ({@link Loss#MSE}): overwrites {@link #gradientArray()}
     * with the gradient of their mean loss and returns that loss.
     *
     * @throws IllegalStateException if the loss is not MSE
     */
    public float lossAndGradient(float[] x, int xOff, float[] targets, int tOff, int rows) {
        microBatchGradient(x, xOff, targets, tOff, rows, rows, grads, 0, rowLoss, 0);
        return rowsMean(rows);
    }

    /** The mean of the first {@code rows} row losses, as the loss kernels return it. */
    private float rowsMean(int rows) {
        return rows == 0 ? 0f : kernels.sum(rowLoss, 0, rows) / rows;
    }

    /**
     * Forward and backward on {@code rows} labelled examples taken as one micro-batch of a batch of
     * {@code batchRows} rows ({@link Loss#SOFTMAX_CROSS_ENTROPY}; docs/DESIGN.md rule 7): writes the
     * micro-batch's term of the gradient of the batch's mean loss (each row's loss gradient divided
     * by {@code batchRows}, the products reduced over these rows in index order) to
     * {@code grad[gradOff, gradOff + parameterCount())} in the layout of {@link #parameterArray()},
     * and each row's loss to {@code rowLoss[rowLossOff + r]}. With {@code batchRows == rows} and
     * {@code grad} the {@link #gradientArray()} this is {@link #lossAndGradient}. The batch's
     * gradient is the sum of its micro-batches' by {@link GradientTree}.
     *
     * @return how many of the rows the network classified correctly (before any update)
     * @throws IllegalStateException     if the loss is not softmax cross-entropy
     * @throws IllegalArgumentException  if {@code rows} is outside {@code [0, maxBatch()]},
     *                                   {@code batchRows < rows} or a label is outside
     *                                   {@code [0, outputs())}; nothing is written then
     * @throws IndexOutOfBoundsException if a region lies outside its array
     */
    public int microBatchGradient(float[] x, int xOff, int[] labels, int labelsOff, int rows, int batchRows,
                                  float[] grad, int gradOff, float[] rowLoss, int rowLossOff) {
        if (loss != Loss.SOFTMAX_CROSS_ENTROPY) {
            throw new IllegalStateException("labels need the softmax cross-entropy loss; this network has " + loss);
        }
        checkMicroBatch(x, xOff, rows, batchRows, grad, gradOff, rowLoss, rowLossOff);
        checkLabels(labels, labelsOff, rows);
        int o = outputs();
        float[] out = forward(x, xOff, rows);
        int correct = 0;
        for (int r = 0; r < rows; r++) {
            if (argmax(out, r * o, o) == labels[labelsOff + r]) {
                correct++;
            }
        }
        kernels.softmaxCrossEntropy(out, 0, labels, labelsOff, delta[layers - 1], 0, rowLoss, rowLossOff,
                rows, o, batchRows);
        backward(x, xOff, rows, grad, gradOff);
        return correct;
    }

    /**
     * {@link #microBatchGradient(float[], int, int[], int, int, int, float[], int, float[], int)} for
     * {@link Loss#MSE}, with target rows {@code targets[tOff + r·outputs() …]}.
     *
     * @return 0 (regression has no classes)
     * @throws IllegalStateException if the loss is not MSE
     */
    public int microBatchGradient(float[] x, int xOff, float[] targets, int tOff, int rows, int batchRows,
                                  float[] grad, int gradOff, float[] rowLoss, int rowLossOff) {
        if (loss != Loss.MSE) {
            throw new IllegalStateException("target rows need the MSE loss; this network has " + loss);
        }
        checkMicroBatch(x, xOff, rows, batchRows, grad, gradOff, rowLoss, rowLossOff);
        Objects.requireNonNull(targets, "targets");
        checkRegion("targets", targets.length, tOff, (long) rows * outputs());
        float[] out = forward(x, xOff, rows);
        kernels.mseLoss(out, 0, targets, tOff, delta[layers - 1], 0, rowLoss, rowLossOff, rows, outputs(), batchRows);
        backward(x, xOff, rows, grad, gradOff);
        return 0;
    }

    private void checkMicroBatch(float[] x, int xOff, int rows, int batchRows, float[] grad, int gradOff,
                                 float[] rowLoss, int rowLossOff) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(grad, "grad");
        Objects.requireNonNull(rowLoss, "rowLoss");
        checkRows(rows);
        if (batchRows < rows) {
            throw new IllegalArgumentException("batchRows must be >= rows = " + rows + ", was " + batchRows);
        }
        checkRegion("x", x.length, xOff, (long) rows * sizes[0]);
        checkRegion("grad", grad.length, gradOff, params.length);
        checkRegion("rowLoss", rowLoss.length, rowLossOff, rows);
        if (grad == params) {
            throw new IllegalArgumentException("grad must not be the parameter array");
        }
    }

    /**
     * The mean loss of {@code rows} labelled examples and how many the network classifies
     * correctly, computed in chunks of {@link #maxBatch()} without touching the gradients. The
     * chunk losses are combined as {@code Σ chunkMean·chunkRows} in double, divided by rows.
     *
     * @throws IllegalStateException    if the loss is not softmax cross-entropy
     * @throws IllegalArgumentException if a label is outside {@code [0, outputs())}
     */
    public Evaluation evaluate(float[] x, int xOff, int[] labels, int labelsOff, int rows) {
        if (loss != Loss.SOFTMAX_CROSS_ENTROPY) {
            throw new IllegalStateException("labels need the softmax cross-entropy loss; this network has " + loss);
        }
        Objects.requireNonNull(x, "x");
        checkCount(rows);
        checkRegion("x", x.length, xOff, (long) rows * sizes[0]);
        checkLabels(labels, labelsOff, rows);
        int o = outputs();
        double total = 0;
        int correct = 0;
        for (int r = 0; r < rows; r += maxBatch) {
            int n = Math.min(maxBatch, rows - r);
            float[] out = forward(x, xOff + r * sizes[0], n);
            for (int i = 0; i < n; i++) {
                if (argmax(out, i * o, o) == labels[labelsOff + r + i]) {
                    correct++;
                }
            }
            total += (double) kernels.softmaxCrossEntropy(out, 0, labels, labelsOff + r, delta[layers - 1], 0,
                    rowLoss, 0, n, o, n) * n;
        }
        return new Evaluation(rows, rows == 0 ? 0.0 : total / rows, correct, true);
    }

    /**
     * The mean MSE loss of {@code rows} examples with target rows {@code targets[tOff + r·outputs() …]},
     * as {@link #evaluate(float[], int, int[], int, int)}.
     *
     * @throws IllegalStateException if the loss is not MSE
     */
    public Evaluation evaluate(float[] x, int xOff, float[] targets, int tOff, int rows) {
        if (loss != Loss.MSE) {
            throw new IllegalStateException("target rows need the MSE loss; this network has " + loss);
        }
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(targets, "targets");
        checkCount(rows);
        checkRegion("x", x.length, xOff, (long) rows * sizes[0]);
        checkRegion("targets", targets.length, tOff, (long) rows * outputs());
        double total = 0;
        for (int r = 0; r < rows; r += maxBatch) {
            int n = Math.min(maxBatch, rows - r);
            float[] out = forward(x, xOff + r * sizes[0], n);
            total += (double) kernels.mseLoss(out, 0, targets, tOff + r * outputs(), delta[layers - 1], 0,
                    rowLoss, 0, n, outputs(), n) * n;
        }
        return new Evaluation(rows, rows == 0 ? 0.0 : total / rows, 0, false);
    }

    /** Backward from {@code delta[layers - 1]}, the gradient into {@code g} from {@code gOff}. */
    private void backward(float[] x, int xOff, int rows, float[] g, int gOff) {
        for (int l = layers - 1; l >= 0; l--) {
            int in = sizes[l];
            int out = sizes[l + 1];
            float[] a = l == 0 ? x : act[l - 1];
            int aOff = l == 0 ? xOff : 0;
            kernels.gemmBackwardWeights(a, aOff, in, delta[l], 0, out, g, gOff + wOff[l], out, rows, in, out);
            kernels.biasBackward(delta[l], 0, out, g, gOff + bOff[l], rows, out);
            if (l > 0) {
                kernels.transpose(params, wOff[l], out, wt[l], 0, in, in, out);
                kernels.gemmBackwardInput(delta[l], 0, out, wt[l], 0, in, delta[l - 1], 0, in, rows, out, in);
                activateBackward(activations[l - 1], act[l - 1], 0, delta[l - 1], 0, rows * in);
            }
        }
    }

    private static void activate(Kernels k, Activation a, float[] y, int off, int n) {
        switch (a.kind()) {
            case RELU -> k.reluForward(y, off, y, off, n);
            case LEAKY_RELU -> k.leakyReluForward(a.alpha(), y, off, y, off, n);
            case SIGMOID -> k.sigmoid(y, off, y, off, n);
            case TANH -> k.tanh(y, off, y, off, n);
            case IDENTITY -> { }
        }
    }

    private void activateBackward(Activation a, float[] y, int yOff, float[] d, int dOff, int n) {
        switch (a.kind()) {
            case RELU -> kernels.reluBackward(y, yOff, d, dOff, d, dOff, n);
            case LEAKY_RELU -> kernels.leakyReluBackward(a.alpha(), y, yOff, d, dOff, d, dOff, n);
            case SIGMOID -> kernels.sigmoidBackward(y, yOff, d, dOff, d, dOff, n);
            case TANH -> kernels.tanhBackward(y, yOff, d, dOff, d, dOff, n);
            case IDENTITY -> { }
        }
    }

    /** The labels' region exists and every label is a class of this network: checked before any work. */
    private void checkLabels(int[] labels, int labelsOff, int rows) {
        Objects.requireNonNull(labels, "labels");
        checkRegion("labels", labels.length, labelsOff, rows);
        int o = outputs();
        for (int r = 0; r < rows; r++) {
            int c = labels[labelsOff + r];
            if (c < 0 || c >= o) {
                throw new IllegalArgumentException("labels[" + (labelsOff + r) + "] must be in [0, " + o
                        + "), the network's outputs, was " + c);
            }
        }
    }

    private static void checkLayerIndex(int layer) {
        if (layer < 0) {
            throw new IllegalArgumentException("layer must be >= 0, was " + layer);
        }
    }

    private void checkLayer(int layer) {
        if (layer < 0 || layer >= layers) {
            throw new IndexOutOfBoundsException("layer must be in [0, " + layers + "), was " + layer);
        }
    }

    private static void checkCount(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, was " + rows);
        }
    }

    private void checkRows(int rows) {
        if (rows < 0 || rows > maxBatch) {
            throw new IllegalArgumentException("rows must be in [0, maxBatch = " + maxBatch + "], was " + rows);
        }
    }

    private static void checkRegion(String name, int length, long off, long n) {
        if (off < 0 || off + n > length) {
            throw new IndexOutOfBoundsException(name + ": region [" + off + ", " + (off + n)
                    + ") is outside the array of length " + length);
        }
    }

    /** Stops the thread team, if any. The network must not be used afterwards. */
    @Override
    public void close() {
        if (team != null) {
            team.close();
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Mlp").append(Arrays.toString(sizes)).append(" (");
        for (int l = 0; l < layers - 1; l++) {
            s.append(l == 0 ? "" : ", ").append(activations[l]);
        }
        return s.append(layers > 1 ? "; " : "").append(loss).append(", ").append(params.length).append(" parameters)").toString();
    }

    /**
     * Configures an {@link Mlp}. Defaults: no hidden layer (add them with {@link #hidden}),
     * {@link Loss#SOFTMAX_CROSS_ENTROPY}, {@link Init#XAVIER_UNIFORM}, seed 0,
     * {@link Kernels#best()}, 1 thread, maxBatch 128.
     */
    public static final class Builder {
        private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
        private final int inputs;
        private final List<Integer> hidden = new ArrayList<>();
        private final List<Activation> activations = new ArrayList<>();
        private int outputs = -1;
        private Loss loss = Loss.SOFTMAX_CROSS_ENTROPY;
        private Init init = Init.XAVIER_UNIFORM;
        private long seed;
        private Kernels kernels;
        private int threads = 1;
        private int maxBatch = 128;

        private Builder(int inputs) {
            this.inputs = positive("inputs", inputs);
        }

        private static int positive(String name, int v) {
            if (v < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, was " + v);
            }
            return v;
        }

        /** Adds a hidden layer of {@code units} outputs followed by {@code activation}. */
        public Builder hidden(int units, Activation activation) {
            // both checked before either list grows: a refused call adds nothing
            positive("units", units);
            Objects.requireNonNull(activation, "activation");
            hidden.add(units);
            activations.add(activation);
            return this;
        }

        /** Adds one hidden layer per entry of {@code units}, all with {@code activation}. */
        public Builder hidden(int[] units, Activation activation) {
            Objects.requireNonNull(units, "units");
            Objects.requireNonNull(activation, "activation");
            // all checked before the first is added: a refused call adds no layer
            for (int i = 0; i < units.length; i++) {
                if (units[i] < 1) {
                    throw new IllegalArgumentException("units[" + i + "] must be >= 1, was " + units[i]);
                }
            }
            for (int u : units) {
                hidden(u, activation);
            }
            return this;
        }

        /** The linear output layer's width and the loss on it. */
        public Builder output(int outputs, Loss loss) {
            positive("outputs", outputs);
            this.loss = Objects.requireNonNull(loss, "loss");
            this.outputs = outputs;
            return this;
        }

        /** The weight initialisation. */
        public Builder init(Init init) {
            this.init = Objects.requireNonNull(init, "init");
            return this;
        }

        /** The seed of the {@link Rng} drawing the initial weights. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The kernels to compute with (default {@link Kernels#best()}). */
        public Builder kernels(Kernels kernels) {
            this.kernels = Objects.requireNonNull(kernels, "kernels");
            return this;
        }

        /** Threads for forward and backward (the results do not depend on it). */
        public Builder threads(int threads) {
            this.threads = positive("threads", threads);
            return this;
        }

        /** The largest batch; every buffer is allocated for it. */
        public Builder maxBatch(int maxBatch) {
            this.maxBatch = positive("maxBatch", maxBatch);
            return this;
        }

        int[] sizes() {
            int[] s = new int[hidden.size() + 2];
            s[0] = inputs;
            for (int i = 0; i < hidden.size(); i++) {
                s[i + 1] = hidden.get(i);
            }
            s[s.length - 1] = outputs;
            return s;
        }

        /**
         * Builds the network with freshly initialised weights.
         *
         * @throws IllegalStateException    if no output layer was set
         * @throws IllegalArgumentException if a layer's buffer for {@code maxBatch} rows or the
         *                                  parameters would not fit in one array
         */
        public Mlp build() {
            if (outputs < 0) {
                throw new IllegalStateException("set the output layer with output(units, loss)");
            }
            int[] s = sizes();
            long total = 0;
            for (int l = 0; l + 1 < s.length; l++) {
                if ((long) maxBatch * s[l + 1] > MAX_ARRAY) {
                    throw new IllegalArgumentException("maxBatch = " + maxBatch + " rows of layer " + l + "'s "
                            + s[l + 1] + " outputs do not fit in one array (sizes " + Arrays.toString(s) + ")");
                }
                total += (long) s[l] * s[l + 1] + s[l + 1];
                if (total > MAX_ARRAY) {
                    throw new IllegalArgumentException("sizes " + Arrays.toString(s) + " need more than "
                            + MAX_ARRAY + " parameters");
                }
            }
            return new Mlp(this);
        }
    }
}
