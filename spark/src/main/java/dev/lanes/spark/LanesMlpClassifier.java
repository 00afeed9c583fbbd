package dev.lanes.spark;

import dev.lanes.optim.Optimizers;
import dev.lanes.kernel.Kernels;
import dev.lanes.nn.Activation;
import dev.lanes.nn.BatchPlan;
import dev.lanes.nn.EpochMetrics;
import dev.lanes.nn.Loss;
import dev.lanes.nn.Mlp;
import dev.lanes.nn.Trainer;
import dev.lanes.optim.Optimizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a multi-layer perceptron classifier with Lanes on a Spark cluster: a Spark ML
 * {@code Estimator} whose {@link #fit} returns a {@link LanesMlpClassificationModel}.
 *
 * <p><b>Data.</b> A features column of {@code org.apache.spark.ml.linalg.Vector} with
 * {@code layers[0]} finite values each, and a label column of class indices {@code 0, 1, …,
 * layers[last] − 1} (any numeric type; as after a {@code StringIndexer}). A null or wrong-sized
 * vector, a non-finite value or a label outside the classes stops {@code fit} with an
 * {@code IllegalArgumentException} naming the column and the row (its 0-based index in the
 * input's order); no model is made. Standardize the features first (a {@code StandardScaler} in
 * a {@code Pipeline}): an MLP trains poorly on raw scales.
 *
 * <p><b>Training.</b> Synchronous data-parallel mini-batch training ({@link SparkGradients}): each
 * batch of {@code batchSize} examples is {@code batchSize / microBatchSize} micro-batches (one if
 * {@code batchSize <= microBatchSize}), one from each shard of the data; the executors compute the
 * micro-batch gradients, the driver adds them up in a fixed tree and steps the optimizer. The
 * trained weights are a function of the data (and its order), {@code seed} and the settings only:
 * the same for any number of partitions, executors or cores, whatever the task order or retries,
 * and the same as {@code lanes train} or a single-JVM {@code Trainer} with the same settings.
 * Parallelism: a batch has {@code batchSize / microBatchSize} micro-batches to spread, and
 * at most one task per input partition works on them; repartition the input to the number of
 * task slots, and choose {@code microBatchSize} so that each task gets a few micro-batches.
 *
 * <p><b>Parameters</b> (as Spark's {@code MultilayerPerceptronClassifier} where they mean the
 * same): {@code layers} (required: inputs, hidden widths, classes); {@code maxIter} epochs (10);
 * {@code stepSize} the learning rate (0.001); {@code seed} of the initial weights and the shuffling
 * (1); {@code tol} stop when an epoch's mean training loss improves on the previous epoch's by less
 * than this fraction of it (0: never); {@code blockSize} rows per forward pass when the model
 * predicts (128); {@code initialWeights} (optional, in {@link LanesMlpClassificationModel#weights()}
 * layout). Lanes' own: {@code activation} relu, leaky_relu(α), sigmoid, tanh (relu);
 * {@code optimizer} sgd, momentum, nesterov, adagrad, rmsprop, adadelta, adam, adamw, adamax, nadam,
 * radam, rprop, asgd (adam) with {@code momentum}, {@code beta1}, {@code beta2}, {@code epsilon},
 * {@code rho} (unset: the algorithm's defaults) and {@code weightDecay} (0); {@code schedule}
 * constant, step, exponential, cosine, onecycle (constant) with {@code gamma} (0.5),
 * {@code stepEpochs} (2) and {@code warmupSteps} (0); {@code batchSize} (128),
 * {@code microBatchSize} (32), {@code shuffle} (true), {@code threadsPerTask} (1).
 *
 * <p>Java: {@code new LanesMlpClassifier().setLayers(new int[] {784, 256, 128, 10}).setMaxIter(5)}
 * and so on; no Scala is needed.
 */
public final class LanesMlpClassifier
        extends ProbabilisticClassifier<Vector, LanesMlpClassifier, LanesMlpClassificationModel>
        implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LanesMlpClassifier.class);

    private final String uid;
    private final IntArrayParam layers;
    private final Param<String> activation;
    private final IntParam maxIter;
    private final DoubleParam stepSize;
    private final LongParam seed;
    private final DoubleParam tol;
    private final IntParam blockSize;
    private final Param<Vector> initialWeights;
    private final Param<String> optimizer;
    private final DoubleParam momentum;
    private final DoubleParam beta1;
    private final DoubleParam beta2;
    private final DoubleParam epsilon;
    private final DoubleParam rho;
    private final DoubleParam weightDecay;
    private final Param<String> schedule;
    private final DoubleParam gamma;
    private final IntParam stepEpochs;
    private final LongParam warmupSteps;
    private final IntParam batchSize;
    private final IntParam microBatchSize;
    private final BooleanParam shuffle;
    private final IntParam threadsPerTask;

    /** An estimator with a random uid. */
    public LanesMlpClassifier() {
        this(Identifiable$.MODULE$.randomUID("lanesMlpc"));
    }

    /** An estimator with the given uid (as Spark's readers create stages). */
    public LanesMlpClassifier(String uid) {
        // assigned before the Spark superclasses run: their parameters read uid() while they are built
        this.uid = Objects.requireNonNull(uid, "uid");
        super();
        layers = new IntArrayParam(this, "layers", "the layer widths: inputs, each hidden layer, classes (at least 2 "
                + "values, each >= 1)", Validators.of(v -> v.length >= 2 && java.util.Arrays.stream(v).allMatch(x -> x >= 1)));
        activation = new Param<>(this, "activation", "the activation after each hidden layer: relu, leaky_relu(ALPHA), "
                + "sigmoid, tanh", Validators.of(LanesMlpClassifier::validActivation));
        maxIter = new IntParam(this, "maxIter", "epochs: passes over the data (>= 0)", intAtLeast(0));
        stepSize = new DoubleParam(this, "stepSize", "the learning rate (> 0)", Validators.<Object>of(
                v -> (Double) v > 0 && Double.isFinite((Double) v)));
        seed = new LongParam(this, "seed", "seed of the initial weights and of the shuffling");
        tol = new DoubleParam(this, "tol", "stop when an epoch's mean training loss improves on the previous epoch's by "
                + "less than this fraction of it (>= 0; 0 never stops early)", Validators.<Object>of(
                v -> (Double) v >= 0 && Double.isFinite((Double) v)));
        blockSize = new IntParam(this, "blockSize", "rows per forward pass when the model predicts (>= 1)",
                intAtLeast(1));
        initialWeights = new Param<>(this, "initialWeights", "the initial weights and biases in Lanes' layout (for "
                + "each layer its weight [in][out] row-major, then its bias)");
        optimizer = new Param<>(this, "optimizer", "the optimizer: " + String.join(", ", Optimizers.NAMES),
                Validators.of(Optimizers.NAMES::contains));
        momentum = hyper("momentum", "momentum coefficient (sgd, momentum, nesterov, rmsprop; unset: the algorithm's "
                + "default)");
        beta1 = hyper("beta1", "first-moment decay of the Adam family (unset: 0.9)");
        beta2 = hyper("beta2", "second-moment decay of the Adam family (unset: 0.999)");
        epsilon = hyper("epsilon", "the epsilon of the adaptive methods (unset: the algorithm's default)");
        rho = hyper("rho", "decay of RMSProp's and AdaDelta's squared-gradient average (unset: the algorithm's "
                + "default)");
        weightDecay = hyper("weightDecay", "L2 weight decay, decoupled for adamw (>= 0)");
        schedule = new Param<>(this, "schedule", "the learning-rate schedule: " + String.join(", ", LrSchedules.NAMES),
                Validators.of(LrSchedules.NAMES::contains));
        gamma = new DoubleParam(this, "gamma", "decay factor of the step and exponential schedules, in (0, 1]",
                Validators.<Object>of(v -> (Double) v > 0 && (Double) v <= 1));
        stepEpochs = new IntParam(this, "stepEpochs", "epochs between decays of the step schedule (>= 1)",
                intAtLeast(1));
        warmupSteps = new LongParam(this, "warmupSteps", "linear warm-up steps before the schedule (>= 0)",
                Validators.<Object>of(v -> (Long) v >= 0));
        batchSize = new IntParam(this, "batchSize", "examples per optimizer step (>= 1)", intAtLeast(1));
        microBatchSize = new IntParam(this, "microBatchSize", "rows per micro-batch: a batch is batchSize / "
                + "microBatchSize micro-batches, its unit of parallel work (>= 1; batchSize must be at most it or a "
                + "multiple of it)", intAtLeast(1));
        shuffle = new BooleanParam(this, "shuffle", "whether each epoch shuffles the examples within their shards");
        threadsPerTask = new IntParam(this, "threadsPerTask", "threads of each training task's network (>= 1; match "
                + "spark.task.cpus)", intAtLeast(1));
        setDefault(activation, "relu");
        setDefault(maxIter, 10);
        setDefault(stepSize, 0.001);
        setDefault(seed, 1L);
        setDefault(tol, 0.0);
        setDefault(blockSize, 128);
        setDefault(optimizer, "adam");
        setDefault(weightDecay, 0.0);
        setDefault(schedule, "constant");
        setDefault(gamma, 0.5);
        setDefault(stepEpochs, 2);
        setDefault(warmupSteps, 0L);
        setDefault(batchSize, 128);
        setDefault(microBatchSize, 32);
        setDefault(shuffle, true);
        setDefault(threadsPerTask, 1);
    }

    private DoubleParam hyper(String name, String doc) {
        return new DoubleParam(this, name, doc, Validators.<Object>of(v -> (Double) v >= 0 && Double.isFinite((Double) v)));
    }

    private static scala.Function1<Object, Object> intAtLeast(int min) {
        return Validators.of(v -> (Integer) v >= min);
    }

    static boolean validActivation(String name) {
        try {
            Activation.parse(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String uid() {
        return uid;
    }

    // ---------------------------------------------------------------- params

    /** The layer widths: inputs, each hidden layer, classes. */
    public IntArrayParam layers() {
        return layers;
    }

    /** The activation after each hidden layer. */
    public Param<String> activation() {
        return activation;
    }

    /** Epochs. */
    public IntParam maxIter() {
        return maxIter;
    }

    /** The learning rate. */
    public DoubleParam stepSize() {
        return stepSize;
    }

    /** Seed of the initial weights and of the shuffling. */
    public LongParam seed() {
        return seed;
    }

    /** Relative improvement of the epoch's training loss below which training stops. */
    public DoubleParam tol() {
        return tol;
    }

    /** Rows per forward pass when the model predicts. */
    public IntParam blockSize() {
        return blockSize;
    }

    /** Initial weights and biases. */
    public Param<Vector> initialWeights() {
        return initialWeights;
    }

    /** The optimizer's name. */
    public Param<String> optimizer() {
        return optimizer;
    }

    /** Momentum coefficient. */
    public DoubleParam momentum() {
        return momentum;
    }

    /** First-moment decay. */
    public DoubleParam beta1() {
        return beta1;
    }

    /** Second-moment decay. */
    public DoubleParam beta2() {
        return beta2;
    }

    /** The adaptive methods' epsilon. */
    public DoubleParam epsilon() {
        return epsilon;
    }

    /** Decay of the squared-gradient average. */
    public DoubleParam rho() {
        return rho;
    }

    /** Weight decay. */
    public DoubleParam weightDecay() {
        return weightDecay;
    }

    /** The learning-rate schedule's name. */
    public Param<String> schedule() {
        return schedule;
    }

    /** Decay factor of the step and exponential schedules. */
    public DoubleParam gamma() {
        return gamma;
    }

    /** Epochs between decays of the step schedule. */
    public IntParam stepEpochs() {
        return stepEpochs;
    }

    /** Linear warm-up steps. */
    public LongParam warmupSteps() {
        return warmupSteps;
    }

    /** Examples per optimizer step. */
    public IntParam batchSize() {
        return batchSize;
    }

    /** Rows per micro-batch. */
    public IntParam microBatchSize() {
        return microBatchSize;
    }

    /** Whether to shuffle each epoch. */
    public BooleanParam shuffle() {
        return shuffle;
    }

    /** Threads of each training task. */
    public IntParam threadsPerTask() {
        return threadsPerTask;
    }

    private LanesMlpClassifier put(Param<?> p, Object value) {
        @SuppressWarnings("unchecked")
        Param<Object> q = (Param<Object>) p;
        set(q, value);
        return this;
    }

    private Object value(Param<?> p) {
        return getOrDefault(p);
    }

    /** Sets {@code layers}. */
    public LanesMlpClassifier setLayers(int[] value) {
        return put(layers, value.clone());
    }

    /** Sets {@code activation}. */
    public LanesMlpClassifier setActivation(String value) {
        return put(activation, value);
    }

    /** Sets {@code maxIter} (epochs). */
    public LanesMlpClassifier setMaxIter(int value) {
        return put(maxIter, value);
    }

    /** Sets {@code stepSize} (the learning rate). */
    public LanesMlpClassifier setStepSize(double value) {
        return put(stepSize, value);
    }

    /** Sets {@code seed}. */
    public LanesMlpClassifier setSeed(long value) {
        return put(seed, value);
    }

    /** Sets {@code tol}. */
    public LanesMlpClassifier setTol(double value) {
        return put(tol, value);
    }

    /** Sets {@code blockSize}. */
    public LanesMlpClassifier setBlockSize(int value) {
        return put(blockSize, value);
    }

    /** Sets {@code initialWeights}. */
    public LanesMlpClassifier setInitialWeights(Vector value) {
        return put(initialWeights, value);
    }

    /** Sets {@code optimizer}. */
    public LanesMlpClassifier setOptimizer(String value) {
        return put(optimizer, value.toLowerCase(Locale.ROOT));
    }

    /** Sets {@code momentum}. */
    public LanesMlpClassifier setMomentum(double value) {
        return put(momentum, value);
    }

    /** Sets {@code beta1}. */
    public LanesMlpClassifier setBeta1(double value) {
        return put(beta1, value);
    }

    /** Sets {@code beta2}. */
    public LanesMlpClassifier setBeta2(double value) {
        return put(beta2, value);
    }

    /** Sets {@code epsilon}. */
    public LanesMlpClassifier setEpsilon(double value) {
        return put(epsilon, value);
    }

    /** Sets {@code rho}. */
    public LanesMlpClassifier setRho(double value) {
        return put(rho, value);
    }

    /** Sets {@code weightDecay}. */
    public LanesMlpClassifier setWeightDecay(double value) {
        return put(weightDecay, value);
    }

    /** Sets {@code schedule}. */
    public LanesMlpClassifier setSchedule(String value) {
        return put(schedule, value);
    }

    /** Sets {@code gamma}. */
    public LanesMlpClassifier setGamma(double value) {
        return put(gamma, value);
    }

    /** Sets {@code stepEpochs}. */
    public LanesMlpClassifier setStepEpochs(int value) {
        return put(stepEpochs, value);
    }

    /** Sets {@code warmupSteps}. */
    public LanesMlpClassifier setWarmupSteps(long value) {
        return put(warmupSteps, value);
    }

    /** Sets {@code batchSize}. */
    public LanesMlpClassifier setBatchSize(int value) {
        return put(batchSize, value);
    }

    /** Sets {@code microBatchSize}. */
    public LanesMlpClassifier setMicroBatchSize(int value) {
        return put(microBatchSize, value);
    }

    /** Sets {@code shuffle}. */
    public LanesMlpClassifier setShuffle(boolean value) {
        return put(shuffle, value);
    }

    /** Sets {@code threadsPerTask}. */
    public LanesMlpClassifier setThreadsPerTask(int value) {
        return put(threadsPerTask, value);
    }

    /** The layer widths. */
    public int[] getLayers() {
        return ((int[]) value(layers)).clone();
    }

    /** The activation. */
    public String getActivation() {
        return (String) value(activation);
    }

    /** Epochs. */
    public int getMaxIter() {
        return (Integer) value(maxIter);
    }

    /** The learning rate. */
    public double getStepSize() {
        return (Double) value(stepSize);
    }

    /** The seed. */
    public long getSeed() {
        return (Long) value(seed);
    }

    /** The early-stopping tolerance. */
    public double getTol() {
        return (Double) value(tol);
    }

    /** Rows per forward pass when predicting. */
    public int getBlockSize() {
        return (Integer) value(blockSize);
    }

    /** The optimizer's name. */
    public String getOptimizer() {
        return (String) value(optimizer);
    }

    /** The schedule's name. */
    public String getSchedule() {
        return (String) value(schedule);
    }

    /** Examples per optimizer step. */
    public int getBatchSize() {
        return (Integer) value(batchSize);
    }

    /** Rows per micro-batch. */
    public int getMicroBatchSize() {
        return (Integer) value(microBatchSize);
    }

    /** Threads of each training task. */
    public int getThreadsPerTask() {
        return (Integer) value(threadsPerTask);
    }

    private double optional(DoubleParam p) {
        return isDefined(p) ? (Double) value(p) : Double.NaN;
    }

    // ---------------------------------------------------------------- training

    @Override
    public LanesMlpClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** Stops the trainer between epochs (thrown by the source at the next epoch's start). */
    private static final class Converged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Converged() {
            super(null, null, false, false);
        }
    }

    @Override
    public LanesMlpClassificationModel train(Dataset<?> dataset) {
        if (!isDefined(layers)) {
            throw new IllegalArgumentException("set layers: the widths of the input, each hidden layer and the output");
        }
        int[] sizes = getLayers();
        int batch = getBatchSize();
        int micro = getMicroBatchSize();
        if (batch > micro && batch % micro != 0) {
            throw new IllegalArgumentException("batchSize " + batch + " must be at most microBatchSize " + micro
                    + " or a multiple of it");
        }
        int maxBatch = Math.min(batch, micro);
        Activation act = Activation.parse(getActivation());
        Mlp.Builder b = Mlp.builder(sizes[0]).kernels(Kernels.best()).seed(getSeed()).maxBatch(maxBatch);
        for (int l = 1; l < sizes.length - 1; l++) {
            b.hidden(sizes[l], act);
        }
        try (Mlp mlp = b.output(sizes[sizes.length - 1], Loss.SOFTMAX_CROSS_ENTROPY).build()) {
            if (isDefined(initialWeights)) {
                Vector w = (Vector) value(initialWeights);
                if (w.size() != mlp.parameterCount()) {
                    throw new IllegalArgumentException("initialWeights has " + w.size() + " values, the network "
                            + mlp.parameterCount() + " parameters");
                }
                float[] p = mlp.parameterArray();
                for (int i = 0; i < p.length; i++) {
                    p[i] = (float) w.apply(i);
                }
            }
            @SuppressWarnings("unchecked")
            Dataset<Row> rows = (Dataset<Row>) dataset.toDF();
            List<Double> losses = new ArrayList<>();
            try (SparkGradients source = SparkGradients.builder(rows, mlp).featuresCol(getFeaturesCol())
                    .labelCol(getLabelCol()).threadsPerTask(getThreadsPerTask()).build()) {
                if (source.examples() == 0) {
                    throw new IllegalArgumentException("the training data is empty");
                }
                int epochs = getMaxIter();
                long steps = new BatchPlan(source.examples(), batch, micro).steps();
                String name = getOptimizer();
                Optimizer opt = Optimizers.byName(name,
                        LrSchedules.byName(getSchedule(), getStepSize(), steps, epochs, (Double) value(gamma),
                                (Integer) value(stepEpochs), (Long) value(warmupSteps)),
                        new Optimizers.Settings(optional(momentum), optional(beta1), optional(beta2), optional(epsilon),
                                optional(rho), (Double) value(weightDecay)),
                        mlp.kernels(), mlp.parameters());
                double tolerance = getTol();
                boolean[] converged = new boolean[1];
                Trainer trainer = Trainer.builder(mlp, opt).epochs(epochs).batchSize(batch).microBatch(micro)
                        .seed(getSeed()).shuffle((Boolean) value(shuffle))
                        .listener(e -> {
                            log(e, epochs);
                            if (tolerance > 0 && !losses.isEmpty()) {
                                double previous = losses.get(losses.size() - 1);
                                if ((previous - e.trainLoss()) < tolerance * Math.abs(previous)) {
                                    converged[0] = true;
                                }
                            }
                            losses.add(e.trainLoss());
                        }).build();
                Trainer.GradientSource stopping = new Trainer.GradientSource() {
                    @Override
                    public int examples() {
                        return source.examples();
                    }

                    @Override
                    public void beginEpoch(int epoch, BatchPlan plan) throws IOException {
                        if (converged[0]) {
                            throw new Converged();
                        }
                        source.beginEpoch(epoch, plan);
                    }

                    @Override
                    public int gradient(int step, float[] rowLoss) throws IOException {
                        return source.gradient(step, rowLoss);
                    }
                };
                try {
                    trainer.fit(stopping, null);
                } catch (Converged done) {
                    LOG.info("{}: the training loss improved by less than tol = {} after epoch {}", uid, tolerance,
                            losses.size());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("training failed: " + e.getMessage(), e);
            }
            double[] history = losses.stream().mapToDouble(Double::doubleValue).toArray();
            LanesMlpClassificationModel model = new LanesMlpClassificationModel(uid, sizes, getActivation(),
                    mlp.parameterArray().clone(), history);
            return model;
        }
    }

    private void log(EpochMetrics e, int epochs) {
        LOG.info(String.format(Locale.ROOT, "%s: epoch %d/%d  loss %.4f  acc %.4f  lr %.3g  %,.0f img/s  %.1f s", uid,
                e.epoch(), epochs, e.trainLoss(), e.trainAccuracy(), e.learningRate(), e.examplesPerSecond(),
                e.seconds()));
    }

    /** A reader of estimators saved with {@code write().save(path)}. */
    public static MLReader<LanesMlpClassifier> read() {
        return new DefaultParamsReadable<LanesMlpClassifier>() { }.read();
    }

    /** Reads an estimator saved with {@code write().save(path)}. */
    public static LanesMlpClassifier load(String path) {
        return read().load(path);
    }
}
