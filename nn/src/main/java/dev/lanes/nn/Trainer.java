package dev.lanes.nn;

import dev.lanes.kernel.Parallel;
import dev.lanes.nn.data.Dataset;
import dev.lanes.optim.Optimizer;
import dev.lanes.optim.Parameter;
import dev.lanes.schedule.ReduceOnPlateau;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The training loop: epochs of mini-batch updates of an {@link Mlp} by an {@link Optimizer}.
 *
 * <p><b>One epoch</b>: the order of the examples is {@code 0, 1, …, n − 1} shuffled by
 * {@link Rng#shuffle} with the trainer's generator (a fresh permutation each epoch: the identity
 * reshuffled, so each epoch's order depends only on the generator's state; a fixed order makes
 * stochastic gradient descent cycle); without shuffling it stays the identity. The examples are
 * taken in that order in batches of {@code batchSize} (the last one smaller if {@code n} is not a
 * multiple), each copied into a buffer, passed forward and backward
 * ({@link Mlp#microBatchGradient}), then an optimizer step. {@code batchSize = n} is
 * full-batch gradient descent, {@code batchSize = 1} single-example updates.
 *
 * <p><b>Micro-batches.</b> With {@link Builder#microBatch(int) microBatch(µ)} and a batch size
 * {@code B > µ} (a multiple of µ), a batch is {@code B / µ} micro-batches of at most µ rows, one
 * from each shard of the data set, and its gradient is their {@link GradientTree} (docs/DESIGN.md rules 7
 * and 8, {@link BatchPlan}): the network only ever holds µ rows, so a batch may be larger than
 * {@link Mlp#maxBatch()} (gradient accumulation), and the result is the one a distributed run
 * with the same settings computes on any number of machines. The default is one micro-batch per
 * batch: the gradient in one pass, as fast as the kernels go, and with one micro-batch the plan is
 * exactly the loop above. The batch's loss is the canonical sum ({@link dev.lanes.kernel.Kernels#sum})
 * of its rows' losses in micro-batch order, over its rows. After the batches,
 * the validation set (if any) is evaluated; a {@link ReduceOnPlateau} controller observes the
 * validation loss (the training loss without validation set); early stopping counts epochs without an
 * improvement of the validation loss by more than {@code minDelta} and stops after
 * {@code patience} of them; the {@link Listener} receives the {@link EpochMetrics}; and every
 * {@code checkpointEvery} epochs a {@link Checkpoint} is written.
 *
 * <p><b>Reduce on plateau.</b> The controller only computes a rate; the optimizer reads it through
 * its schedule. Build the optimizer with {@code .schedule(step -> plateau.rate())}, or
 * {@code .schedule(step -> base.rate(step) * plateau.rate())} with a controller of initial rate 1
 * to scale another schedule, and give the same controller to
 * {@link Builder#reduceOnPlateau(ReduceOnPlateau)}.
 *
 * <p><b>Resuming.</b> A checkpoint holds the network, the optimizer's state, the generator's
 * state, the epoch and the plateau and early-stopping counters; {@link #resume(Path)} restores
 * them all, so that continuing gives bit-for-bit the weights of an uninterrupted run.
 *
 * <p><b>Threads.</b> The optimizer steps on its own team if it was built with one
 * ({@link Optimizer#parallel()}), else on the network's ({@link Mlp#parallel()}, through
 * {@link Optimizer#step(Parallel)}): a network of {@code N} threads is trained
 * with its update spread over the same {@code N} threads. The bits do not depend on it.
 *
 * <p><b>Non-finite values.</b> Training data is finite: a {@link Dataset} refuses NaN and ±∞ in
 * its features and targets when it is made (naming the example and column), so {@link #fit}
 * never sees them. A gradient that still turns non-finite (a diverging run, or a
 * {@link GradientSource} that computes one) meets the optimizer's
 * {@link dev.lanes.optim.NonFinitePolicy}: {@code PROPAGATE} (the default, PyTorch's behaviour),
 * {@code SKIP} the step, or {@code THROW} an {@link ArithmeticException} from {@link #fit} with
 * nothing updated by that step — build the optimizer with {@code .nonFinite(THROW)} to stop
 * training with a clear error.
 *
 * <p><b>Arguments.</b> The builder's setters, {@link #fit}, {@link #plan}, {@link #save} and
 * {@link #resume} check their arguments before changing anything, with a message naming the
 * argument and its value; a refused call leaves the network, the optimizer and the trainer's
 * {@link #state()} as they were.
 *
 * <p>Training allocates its batch buffers once per {@link #fit} call, nothing per batch.
 */
public final class Trainer {
    /** Receives the metrics of each epoch as it ends, e.g. to print progress. */
    @FunctionalInterface
    public interface Listener {
        /** Called after epoch {@code metrics.epoch()}. */
        void epochEnd(EpochMetrics metrics);
    }

    /** Receives every batch as it is trained, e.g. to draw a progress bar; called after the step. */
    @FunctionalInterface
    public interface BatchListener {
        /**
         * Called after the optimizer step of a batch.
         *
         * @param epoch    the epoch in progress, from 1
         * @param batch    batches done in this epoch, from 1
         * @param batches  batches in the epoch
         * @param examples examples done in this epoch
         * @param loss     the batch's mean loss (before its update)
         */
        void batchEnd(int epoch, int batch, int batches, int examples, float loss);
    }

    /**
     * Where {@link #fit(GradientSource, Dataset)} gets each batch's gradient from: for example the
     * executors of a cluster, each computing the micro-batches of the shards it holds. A source
     * must give, for the same weights and plan, the bits the trainer's own loop gives
     * (docs/DESIGN.md rules 7 and 8).
     */
    public interface GradientSource {
        /** The number of training examples. */
        int examples();

        /** Called before the first step of each epoch, with the epoch's order of every shard. */
        void beginEpoch(int epoch, BatchPlan plan) throws IOException;

        /**
         * Writes the gradient of batch {@code step} of the current epoch at the network's current
         * weights ({@link Mlp#parameterArray()}) into {@link Mlp#gradientArray()}: the
         * {@link GradientTree} of the micro-batch gradients of {@link Mlp#microBatchGradient}, in
         * shard order; and the rows' losses into {@code rowLoss[0, plan.batchRows(step))} in that
         * same order.
         *
         * @return how many of the batch's rows were classified correctly (0 for regression)
         */
        int gradient(int step, float[] rowLoss) throws IOException;
    }

    /**
     * What {@link #fit} did.
     *
     * @param epochs       epochs completed in total (including those before a resume)
     * @param stoppedEarly whether early stopping ended the training
     * @param history      the metrics of the epochs run by this call
     */
    public record Result(int epochs, boolean stoppedEarly, List<EpochMetrics> history) {}

    /**
     * The training loop's own state between two epochs: everything besides the network and the
     * optimizer that a resumed run needs to continue bit for bit. A {@link Checkpoint} stores it
     * in its metadata ({@code training.epoch}, {@code training.rng}, {@code training.stopped},
     * {@code training.early_stopping.best}, {@code training.early_stopping.bad_epochs} and, with
     * a controller, {@code training.plateau.rate}, {@code .best}, {@code .bad_epochs},
     * {@code .cooldown_counter}, {@code .epochs}).
     *
     * @param epoch     epochs completed ({@code >= 0})
     * @param rngState  the shuffling generator's four state words ({@link Rng#state()}; not all zero)
     * @param stopped   whether early stopping has ended the training
     * @param bestLoss  early stopping's best validation loss so far (+∞ before the first; not NaN)
     * @param badEpochs early stopping's count of epochs without improvement ({@code >= 0})
     * @param plateau   the reduce-on-plateau controller's state, or null for a trainer without one
     */
    public record State(int epoch, long[] rngState, boolean stopped, double bestLoss, int badEpochs,
                        ReduceOnPlateau.State plateau) {
        /**
         * Checks and copies the values.
         *
         * @throws IllegalArgumentException naming the value that is out of range
         */
        public State {
            Objects.requireNonNull(rngState, "rngState");
            if (epoch < 0) {
                throw new IllegalArgumentException("epoch must be >= 0, was " + epoch);
            }
            if (rngState.length != 4) {
                throw new IllegalArgumentException("rngState must hold 4 words, has " + rngState.length);
            }
            if ((rngState[0] | rngState[1] | rngState[2] | rngState[3]) == 0) {
                throw new IllegalArgumentException("rngState is all zero, which the generator never reaches");
            }
            if (Double.isNaN(bestLoss)) {
                throw new IllegalArgumentException("bestLoss must not be NaN");
            }
            if (badEpochs < 0) {
                throw new IllegalArgumentException("badEpochs must be >= 0, was " + badEpochs);
            }
            rngState = rngState.clone();
        }

        /**
         * The state of a loop that keeps no early-stopping or plateau state of its own: epoch and
         * generator only.
         */
        public State(int epoch, long[] rngState) {
            this(epoch, rngState, false, Double.POSITIVE_INFINITY, 0, null);
        }

        /** A copy of the generator's state words. */
        @Override
        public long[] rngState() {
            return rngState.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof State s && epoch == s.epoch && Arrays.equals(rngState, s.rngState)
                    && stopped == s.stopped && Double.compare(bestLoss, s.bestLoss) == 0
                    && badEpochs == s.badEpochs && Objects.equals(plateau, s.plateau);
        }

        @Override
        public int hashCode() {
            return Objects.hash(epoch, Arrays.hashCode(rngState), stopped, bestLoss, badEpochs, plateau);
        }

        @Override
        public String toString() {
            return "State[epoch=" + epoch + ", rngState=" + Arrays.toString(rngState) + ", stopped=" + stopped
                    + ", bestLoss=" + bestLoss + ", badEpochs=" + badEpochs + ", plateau=" + plateau + "]";
        }
    }

    private final Mlp mlp;
    private final Optimizer optimizer;
    private final Parallel team;
    private final int epochs;
    private final int batchSize;
    private final int microBatch;
    private final boolean shuffle;
    private final ReduceOnPlateau plateau;
    private final int patience;
    private final double minDelta;
    private final Listener listener;
    private final BatchListener batchListener;
    private final Path checkpoint;
    private final int checkpointEvery;
    private final Rng rng;
    private int epoch;
    private boolean stopped;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int badEpochs;

    private Trainer(Builder b) {
        this.mlp = b.mlp;
        this.optimizer = b.optimizer;
        this.team = optimizer.parallel() != null ? optimizer.parallel() : mlp.parallel();
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.microBatch = b.microBatch;
        this.shuffle = b.shuffle;
        this.plateau = b.plateau;
        this.patience = b.patience;
        this.minDelta = b.minDelta;
        this.listener = b.listener;
        this.batchListener = b.batchListener;
        this.checkpoint = b.checkpoint;
        this.checkpointEvery = b.checkpointEvery;
        this.rng = new Rng(b.seed);
    }

    /**
     * A builder training {@code mlp} with {@code optimizer} (built over {@code mlp.parameters()}).
     *
     * @throws IllegalArgumentException if a parameter of the optimizer does not lie in the
     *                                  network's parameter and gradient arrays (an optimizer built
     *                                  for another network would never change this one)
     */
    public static Builder builder(Mlp mlp, Optimizer optimizer) {
        return new Builder(mlp, optimizer);
    }

    /** Epochs completed. */
    public int epoch() {
        return epoch;
    }

    /** Whether early stopping has ended the training. */
    public boolean stopped() {
        return stopped;
    }

    /**
     * Trains until {@code epochs} epochs are completed (counting those before a
     * {@link #resume(Path)}) or early stopping ends it.
     *
     * @param train      the training set
     * @param validation the held-out set, or null
     * @throws IllegalArgumentException if a dataset does not fit the network, the batch size does
     *                                  not fit the micro-batch size, a micro-batch exceeds
     *                                  {@link Mlp#maxBatch()}, or early stopping was asked for
     *                                  without a validation set
     * @throws IOException              if a checkpoint cannot be written
     */
    public Result fit(Dataset train, Dataset validation) throws IOException {
        Objects.requireNonNull(train, "train");
        check(train, "train");
        return fit(new LocalGradients(train), validation);
    }

    /**
     * {@link #fit(Dataset, Dataset)} with the gradients from {@code source}: the same epochs,
     * optimizer steps, metrics, listeners and checkpoints, whoever computes the gradients.
     *
     * @throws IOException if the source fails or a checkpoint cannot be written
     */
    public Result fit(GradientSource source, Dataset validation) throws IOException {
        Objects.requireNonNull(source, "source");
        if (validation != null) {
            check(validation, "validation");
        }
        if (patience > 0 && validation == null) {
            throw new IllegalArgumentException("early stopping needs a validation set");
        }
        int n = source.examples();
        if (n < 0) {
            throw new IllegalArgumentException("the gradient source has " + n + " examples");
        }
        BatchPlan plan = plan(n);
        boolean classify = mlp.loss() == Loss.SOFTMAX_CROSS_ENTROPY;
        float[] rowLoss = new float[Math.max(1, plan.shards() * plan.microBatchRows())];
        List<EpochMetrics> history = new ArrayList<>();
        while (epoch < epochs && !stopped) {
            long start = System.nanoTime();
            if (shuffle) {
                plan.shuffle(rng);
            } else {
                plan.resetOrder();
            }
            source.beginEpoch(epoch + 1, plan);
            double lossSum = 0;
            long correct = 0;
            int batches = plan.steps();
            int done = 0;
            for (int step = 0; step < batches; step++) {
                int rows = plan.batchRows(step);
                correct += source.gradient(step, rowLoss);
                float loss = mlp.kernels().sum(rowLoss, 0, rows) / rows;
                lossSum += (double) loss * rows;
                done += rows;
                optimizer.step(team);
                if (batchListener != null) {
                    batchListener.batchEnd(epoch + 1, step + 1, batches, done, loss);
                }
            }
            double trainSeconds = (System.nanoTime() - start) * 1e-9;
            epoch++;
            double trainLoss = n == 0 ? Double.NaN : lossSum / n;
            double trainAcc = classify && n > 0 ? (double) correct / n : Double.NaN;
            double valLoss = Double.NaN;
            double valAcc = Double.NaN;
            if (validation != null) {
                Evaluation v = classify
                        ? mlp.evaluate(validation.features(), 0, validation.labels(), 0, validation.size())
                        : mlp.evaluate(validation.features(), 0, validation.targets(), 0, validation.size());
                valLoss = v.loss();
                valAcc = v.accuracy();
            }
            double monitored = validation != null ? valLoss : trainLoss;
            if (plateau != null) {
                plateau.observe(monitored);
            }
            if (patience > 0) {
                if (valLoss < bestLoss - minDelta) {
                    bestLoss = valLoss;
                    badEpochs = 0;
                } else if (++badEpochs >= patience) {
                    stopped = true;
                }
            }
            EpochMetrics m = new EpochMetrics(epoch, trainLoss, trainAcc, valLoss, valAcc,
                    optimizer.learningRate(0), optimizer.steps(), (System.nanoTime() - start) * 1e-9, trainSeconds, n);
            history.add(m);
            if (listener != null) {
                listener.epochEnd(m);
            }
            if (checkpoint != null && (epoch % checkpointEvery == 0 || epoch == epochs || stopped)) {
                save(checkpoint);
            }
        }
        return new Result(epoch, stopped, history);
    }

    /**
     * The plan of batches and micro-batches for {@code n} training examples with this trainer's
     * settings (the order of its shards is that of a fresh, unshuffled epoch).
     *
     * @throws IllegalArgumentException if the batch size does not fit the micro-batch size, or a
     *                                  micro-batch exceeds {@link Mlp#maxBatch()}
     */
    public BatchPlan plan(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        int b = batchSize == 0 ? Math.max(1, n) : batchSize;
        int mu = microBatch == 0 ? b : microBatch;
        BatchPlan plan = new BatchPlan(n, b, mu);
        if (plan.microBatchRows() > mlp.maxBatch()) {
            throw new IllegalArgumentException((plan.shards() == 1 ? "batch size " : "micro-batch size ")
                    + plan.microBatchRows() + " exceeds the network's maxBatch " + mlp.maxBatch()
                    + (batchSize == 0 ? " (full batch)" : ""));
        }
        return plan;
    }

    /** The trainer's own gradients: each micro-batch gathered into a buffer and run through the network. */
    private final class LocalGradients implements GradientSource {
        private final Dataset data;
        private final boolean classify;
        private final int inputs;
        private final int outputs;
        private BatchPlan plan;
        private float[] xb;
        private int[] lb;
        private float[] tb;
        private GradientTree tree;

        LocalGradients(Dataset data) {
            this.data = data;
            this.classify = data.isClassification();
            this.inputs = mlp.inputs();
            this.outputs = mlp.outputs();
        }

        @Override
        public int examples() {
            return data.size();
        }

        @Override
        public void beginEpoch(int epoch, BatchPlan plan) {
            if (this.plan == null) {
                int rows = plan.microBatchRows();
                xb = new float[rows * inputs];
                lb = classify ? new int[rows] : null;
                tb = classify ? null : new float[rows * outputs];
                if (plan.shards() > 1) {
                    tree = new GradientTree(mlp.kernels(), mlp.parameterCount(), plan.shards());
                }
            }
            this.plan = plan;
        }

        @Override
        public int gradient(int step, float[] rowLoss) {
            int batchRows = plan.batchRows(step);
            if (tree == null) {
                return microBatch(step, 0, batchRows, mlp.gradientArray(), rowLoss, 0);
            }
            int correct = 0;
            int at = 0;
            for (int t = 0; t < plan.shards(); t++) {
                int rows = plan.rows(step, t);
                if (rows > 0) {
                    correct += microBatch(step, t, batchRows, tree.buffer(), rowLoss, at);
                    tree.push(0);
                    at += rows;
                }
            }
            tree.finish(mlp.gradientArray(), 0);
            return correct;
        }

        /** Gathers micro-batch {@code t} of {@code step} and computes its gradient into {@code grad}. */
        private int microBatch(int step, int t, int batchRows, float[] grad, float[] rowLoss, int rowLossOff) {
            int rows = plan.rows(step, t);
            int first = plan.start(step, t);
            float[] x = data.features();
            for (int r = 0; r < rows; r++) {
                int e = plan.example(t, first + r);
                System.arraycopy(x, e * inputs, xb, r * inputs, inputs);
                if (classify) {
                    lb[r] = data.labels()[e];
                } else {
                    System.arraycopy(data.targets(), e * outputs, tb, r * outputs, outputs);
                }
            }
            return classify
                    ? mlp.microBatchGradient(xb, 0, lb, 0, rows, batchRows, grad, 0, rowLoss, rowLossOff)
                    : mlp.microBatchGradient(xb, 0, tb, 0, rows, batchRows, grad, 0, rowLoss, rowLossOff);
        }
    }

    private void check(Dataset d, String name) {
        if (d.inputs() != mlp.inputs()) {
            throw new IllegalArgumentException(name + " set has " + d.inputs() + " features, the network "
                    + mlp.inputs() + " inputs");
        }
        if (d.isClassification() != (mlp.loss() == Loss.SOFTMAX_CROSS_ENTROPY)) {
            throw new IllegalArgumentException(name + " set is " + (d.isClassification() ? "labelled" : "regression")
                    + " data, the network's loss is " + mlp.loss());
        }
        if (d.isClassification() ? d.classes() > mlp.outputs() : d.outputs() != mlp.outputs()) {
            throw new IllegalArgumentException(name + " set has " + (d.isClassification() ? d.classes() + " classes"
                    : d.outputs() + " outputs") + ", the network " + mlp.outputs() + " outputs");
        }
    }

    /** The training loop's state now: what {@link #save} writes beside the network and the optimizer. */
    public State state() {
        return new State(epoch, rng.state(), stopped, bestLoss, badEpochs, plateau == null ? null : plateau.state());
    }

    /** Writes a checkpoint of the network, optimizer and training state now (atomically). */
    public void save(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Checkpoint.save(file, mlp, optimizer, state());
    }

    /**
     * Restores the network, the optimizer and this trainer from a checkpoint written by
     * {@link #save} (or by {@link #fit} with {@link Builder#checkpoint}); the next {@link #fit}
     * continues where that run was. A failed resume changes nothing.
     *
     * @throws IOException naming the file if it is unreadable or does not fit (a trainer with a
     *                     reduce-on-plateau controller needs a checkpoint with its state)
     */
    public void resume(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        Checkpoint.Pending pending = Checkpoint.prepare(file, mlp, optimizer);
        State s = pending.training();
        if (s == null) {
            throw new IOException(file + ": holds no training state");
        }
        ReduceOnPlateau.State p = s.plateau();
        if (plateau != null && p == null) {
            throw new IOException(file + ": bad training state: no reduce-on-plateau state, but this trainer has one");
        }
        if (plateau != null) {
            ReduceOnPlateau.State before = plateau.state();
            try {
                plateau.restore(p);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": bad reduce-on-plateau state: " + e.getMessage(), e);
            }
            try {
                pending.apply();
            } catch (IOException e) {
                plateau.restore(before);
                throw e;
            }
        } else {
            pending.apply();
        }
        rng.setState(s.rngState());
        epoch = s.epoch();
        stopped = s.stopped();
        bestLoss = s.bestLoss();
        badEpochs = s.badEpochs();
    }

    /**
     * Configures a {@link Trainer}. Defaults: 10 epochs, batch size 32, shuffling with seed 0, no
     * schedule control, no early stopping, no listener, no checkpoints.
     */
    public static final class Builder {
        private final Mlp mlp;
        private final Optimizer optimizer;
        private int epochs = 10;
        private int batchSize = 32;
        private int microBatch;
        private boolean shuffle = true;
        private long seed;
        private ReduceOnPlateau plateau;
        private int patience;
        private double minDelta;
        private Listener listener;
        private BatchListener batchListener;
        private Path checkpoint;
        private int checkpointEvery = 1;

        private Builder(Mlp mlp, Optimizer optimizer) {
            this.mlp = Objects.requireNonNull(mlp, "mlp");
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            for (Parameter p : optimizer.parameters()) {
                if (p.values() != mlp.parameterArray() || p.grad() != mlp.gradientArray()) {
                    throw new IllegalArgumentException("optimizer: parameter '" + p.name() + "' is not in this "
                            + "network's arrays; build the optimizer with .params(mlp.parameters())");
                }
            }
        }

        /** The number of epochs ({@code >= 0}). */
        public Builder epochs(int epochs) {
            if (epochs < 0) {
                throw new IllegalArgumentException("epochs must be >= 0, was " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** Examples per update: 1 for single-example updates, up to {@link Mlp#maxBatch()}. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Splits each batch into micro-batches of {@code microBatch} rows, one from each shard of the
         * data (see the class comment and {@link BatchPlan}): the batch size must then be at most
         * {@code microBatch} or a multiple of it, and a micro-batch must fit
         * {@link Mlp#maxBatch()}. Default: one micro-batch per batch.
         */
        public Builder microBatch(int microBatch) {
            if (microBatch < 1) {
                throw new IllegalArgumentException("microBatch must be >= 1, was " + microBatch);
            }
            this.microBatch = microBatch;
            return this;
        }

        /** One update per epoch over the whole training set (it must fit {@link Mlp#maxBatch()}). */
        public Builder fullBatch() {
            this.batchSize = 0;
            return this;
        }

        /** The seed of the generator that shuffles the examples. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether to shuffle each epoch (default true; a fixed order makes SGD cycle). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * Reduce the learning rate on plateau: {@code plateau} observes the monitored loss after
         * every epoch; the optimizer's schedule must read {@code plateau.rate()} (see the class
         * comment).
         */
        public Builder reduceOnPlateau(ReduceOnPlateau plateau) {
            this.plateau = Objects.requireNonNull(plateau, "plateau");
            return this;
        }

        /**
         * Stop after {@code patience >= 1} epochs in a row without the validation loss improving
         * on the best by more than {@code minDelta >= 0}.
         */
        public Builder earlyStopping(int patience, double minDelta) {
            if (patience < 1) {
                throw new IllegalArgumentException("patience must be >= 1, was " + patience);
            }
            if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
                throw new IllegalArgumentException("minDelta must be finite and >= 0, was " + minDelta);
            }
            this.patience = patience;
            this.minDelta = minDelta;
            return this;
        }

        /** Receives each epoch's metrics. */
        public Builder listener(Listener listener) {
            this.listener = listener;
            return this;
        }

        /** Receives every batch (default none). */
        public Builder batchListener(BatchListener batchListener) {
            this.batchListener = batchListener;
            return this;
        }

        /** Writes a checkpoint to {@code file} every {@code everyEpochs} epochs and at the end. */
        public Builder checkpoint(Path file, int everyEpochs) {
            if (everyEpochs < 1) {
                throw new IllegalArgumentException("everyEpochs must be >= 1, was " + everyEpochs);
            }
            this.checkpoint = Objects.requireNonNull(file, "file");
            this.checkpointEvery = everyEpochs;
            return this;
        }

        /** Builds the trainer. */
        public Trainer build() {
            return new Trainer(this);
        }
    }
}
