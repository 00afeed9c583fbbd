package dev.lanes.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lanes.nn.Activation;
import dev.lanes.nn.Checkpoint;
import dev.lanes.nn.Loss;
import dev.lanes.nn.Mlp;
import dev.lanes.kernel.Kernels;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A multi-layer perceptron classifier trained by {@link LanesMlpClassifier} (or made from a network
 * trained elsewhere with {@link #of(Mlp)}), as a Spark ML {@code Model}.
 *
 * <p><b>Output.</b> Like Spark's probabilistic classifiers, {@link #transform} appends
 * {@code rawPrediction} (the network's outputs, the logits), {@code probability} (their softmax)
 * and {@code prediction} (the class index as a double: the index of the largest raw prediction,
 * or with {@code thresholds} the largest {@code p_i / t_i}), each only if its column name is not
 * empty. The probabilities are the bits {@link Mlp#predict} gives: the network's forward pass and
 * {@code Kernels.softmaxForward} of the logits.
 *
 * <p><b>Speed.</b> Each partition builds one network and runs it on blocks of {@code blockSize}
 * rows; the weights travel once per {@code transform} as a broadcast variable. Nothing is
 * allocated per row beyond the output row and its two vectors.
 *
 * <p><b>Saving.</b> {@link #write()} stores Spark's usual parameter metadata in
 * {@code path/metadata} and the network in {@code path/data/model.safetensors} (Lanes' weight
 * file: PyTorch names and layout, with the shape and activations in its metadata), on any file
 * system Hadoop reaches; {@link #load} and {@code PipelineModel.load} read it back.
 */
public final class LanesMlpClassificationModel
        extends ProbabilisticClassificationModel<Vector, LanesMlpClassificationModel>
        implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final int[] sizes;
    private final String activation;
    private final float[] weights;
    private final double[] lossHistory;
    private transient ThreadLocal<Mlp> single;

    private final IntArrayParam layers;
    private final Param<String> activationParam;
    private final IntParam blockSize;

    LanesMlpClassificationModel(String uid, int[] sizes, String activation, float[] weights, double[] lossHistory) {
        // assigned before the Spark superclasses run: their parameters read uid() while they are built
        this.uid = Objects.requireNonNull(uid, "uid");
        super();
        this.sizes = sizes.clone();
        this.activation = activation;
        this.weights = weights;
        this.lossHistory = lossHistory.clone();
        this.layers = new IntArrayParam(this, "layers", "the layer widths: inputs, each hidden layer, classes");
        this.activationParam = new Param<>(this, "activation", "the activation after each hidden layer",
                Validators.of(LanesMlpClassifier::validActivation));
        this.blockSize = new IntParam(this, "blockSize", "rows per forward pass when predicting (>= 1)",
                Validators.<Object>of(v -> (Integer) v >= 1));
        setDefault(blockSize, 128);
        set(layers, this.sizes.clone());
        set(activationParam, activation);
    }

    /**
     * A model of a network trained elsewhere, for example by a single-JVM {@code Trainer}: its
     * shape, activation and current weights (copied). It must be a softmax classifier with one
     * activation for all hidden layers.
     *
     * @throws IllegalArgumentException if it is not
     */
    public static LanesMlpClassificationModel of(Mlp mlp) {
        if (mlp.loss() != Loss.SOFTMAX_CROSS_ENTROPY) {
            throw new IllegalArgumentException("the network's loss is " + mlp.loss() + "; a classifier needs "
                    + Loss.SOFTMAX_CROSS_ENTROPY);
        }
        int hidden = mlp.layers() - 1;
        String act = hidden == 0 ? "relu" : mlp.activation(0).toString();
        for (int l = 1; l < hidden; l++) {
            if (!mlp.activation(l).toString().equals(act)) {
                throw new IllegalArgumentException("hidden layers 0 and " + l + " have different activations ("
                        + act + ", " + mlp.activation(l) + ")");
            }
        }
        return new LanesMlpClassificationModel(org.apache.spark.ml.util.Identifiable$.MODULE$.randomUID("lanesMlp"),
                mlp.sizes(), act, mlp.parameterArray().clone(), new double[0]);
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The layer widths: inputs, each hidden layer, classes. */
    public IntArrayParam layers() {
        return layers;
    }

    /** The activation after each hidden layer. */
    public Param<String> activation() {
        return activationParam;
    }

    /** Rows per forward pass when predicting (default 128). */
    public IntParam blockSize() {
        return blockSize;
    }

    /** The layer widths. */
    public int[] getLayers() {
        return sizes.clone();
    }

    /** The activation's name. */
    public String getActivation() {
        return activation;
    }

    /** Rows per forward pass when predicting. */
    public int getBlockSize() {
        return (Integer) getOrDefault(blockSize);
    }

    /** Sets the rows per forward pass when predicting. */
    public LanesMlpClassificationModel setBlockSize(int value) {
        set(blockSize, value);
        return this;
    }

    /**
     * The weights and biases in Lanes' layout ({@code Mlp.parameterArray()}: for each layer its
     * weight {@code [in][out]} row-major, then its bias), as doubles.
     */
    public Vector weights() {
        double[] w = new double[weights.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = weights[i];
        }
        return new DenseVector(w);
    }

    /** The weights as the floats the network computes with (a copy). */
    public float[] weightBits() {
        return weights.clone();
    }

    /**
     * The mean training loss of each epoch of the fit that made this model (empty for a model that
     * was loaded or made by {@link #of(Mlp)}).
     */
    public double[] trainingLossHistory() {
        return lossHistory.clone();
    }

    /** A network with these weights, for up to {@code maxBatch} rows per forward pass; close it after use. */
    public Mlp toMlp(Kernels kernels, int threads, int maxBatch) {
        return network(sizes, activation, weights, kernels, threads, maxBatch);
    }

    static Mlp network(int[] sizes, String activation, float[] weights, Kernels kernels, int threads, int maxBatch) {
        Mlp.Builder b = Mlp.builder(sizes[0]).kernels(kernels).threads(threads).maxBatch(maxBatch);
        for (int l = 1; l < sizes.length - 1; l++) {
            b.hidden(sizes[l], Activation.parse(activation));
        }
        Mlp mlp = b.output(sizes[sizes.length - 1], Loss.SOFTMAX_CROSS_ENTROPY).build();
        System.arraycopy(weights, 0, mlp.parameterArray(), 0, weights.length);
        return mlp;
    }

    @Override
    public int numFeatures() {
        return sizes[0];
    }

    @Override
    public int numClasses() {
        return sizes[sizes.length - 1];
    }

    /** The logits of one example (a network per calling thread, kept for later calls). */
    @Override
    public Vector predictRaw(Vector features) {
        if (features.size() != sizes[0]) {
            throw new IllegalArgumentException("the features vector has " + features.size() + " values, the model "
                    + sizes[0] + " inputs");
        }
        if (single == null) {
            synchronized (this) {
                if (single == null) {
                    single = ThreadLocal.withInitial(() -> network(sizes, activation, weights, Kernels.best(), 1, 1));
                }
            }
        }
        Mlp mlp = single.get();
        float[] x = new float[sizes[0]];
        TrainingData.dense(features, x, 0);
        float[] out = mlp.forward(x, 0, 1);
        double[] raw = new double[numClasses()];
        for (int c = 0; c < raw.length; c++) {
            raw[c] = out[c];
        }
        return new DenseVector(raw);
    }

    /** The softmax of the logits, computed as the network computes it (in float), in place. */
    @Override
    public Vector raw2probabilityInPlace(Vector raw) {
        DenseVector d = (DenseVector) raw;
        double[] v = d.values();
        float[] logits = new float[v.length];
        for (int c = 0; c < v.length; c++) {
            logits[c] = (float) v[c];
        }
        float[] p = new float[v.length];
        Kernels.best().softmaxForward(logits, 0, p, 0, 1, v.length);
        for (int c = 0; c < v.length; c++) {
            v[c] = p[c];
        }
        return d;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType in = dataset.schema();
        StructType out = transformSchema(in);
        double[] thresholds = isDefined(thresholds()) ? getThresholds() : null;
        if (thresholds != null && thresholds.length != numClasses()) {
            throw new IllegalArgumentException("thresholds has " + thresholds.length + " values, the model "
                    + numClasses() + " classes");
        }
        // Spark's classifiers append rawPrediction, probability, prediction in this order (each if named)
        String[] names = {getRawPredictionCol(), getProbabilityCol(), getPredictionCol()};
        List<StructField> fields = new ArrayList<>(Arrays.asList(in.fields()));
        int[] kinds = new int[3];
        int added = 0;
        for (int k = 0; k < 3; k++) {
            if (!names[k].isEmpty()) {
                fields.add(out.apply(names[k]));
                kinds[added++] = k;
            }
        }
        if (added == 0) {
            return dataset.toDF();
        }
        kinds = Arrays.copyOf(kinds, added);
        out = new StructType(fields.toArray(new StructField[0]));
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        Broadcast<float[]> w = sc.broadcast(weights);
        BlockPredictor predictor = new BlockPredictor(sizes, activation, w, getBlockSize(),
                in.fieldIndex(getFeaturesCol()), in.fields().length, kinds, thresholds, getFeaturesCol());
        return dataset.toDF().mapPartitions(predictor, Encoders.row(out));
    }

    static final int RAW = 0;
    static final int PROBABILITY = 1;
    static final int PREDICTION = 2;

    /** One network per partition, run on blocks of rows; appends the output columns to each row. */
    static final class BlockPredictor implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final int[] sizes;
        private final String activation;
        private final Broadcast<float[]> weights;
        private final int block;
        private final int featuresIndex;
        private final int inputColumns;
        private final int[] kinds;
        private final double[] thresholds;
        private final String featuresCol;

        BlockPredictor(int[] sizes, String activation, Broadcast<float[]> weights, int block, int featuresIndex,
                       int inputColumns, int[] kinds, double[] thresholds, String featuresCol) {
            this.sizes = sizes;
            this.activation = activation;
            this.weights = weights;
            this.block = block;
            this.featuresIndex = featuresIndex;
            this.inputColumns = inputColumns;
            this.kinds = kinds;
            this.thresholds = thresholds;
            this.featuresCol = featuresCol;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            if (!rows.hasNext()) {
                return rows;
            }
            Mlp mlp = network(sizes, activation, weights.value(), Kernels.best(), 1, block);
            int inputs = sizes[0];
            int classes = sizes[sizes.length - 1];
            float[] x = new float[block * inputs];
            float[] p = new float[block * classes];
            Row[] pending = new Row[block];
            return new Iterator<>() {
                private int filled;
                private int next;
                private long seen;
                private float[] logits;

                @Override
                public boolean hasNext() {
                    if (next < filled) {
                        return true;
                    }
                    fill();
                    return next < filled;
                }

                private void fill() {
                    filled = 0;
                    next = 0;
                    while (filled < block && rows.hasNext()) {
                        Row r = rows.next();
                        if (r.isNullAt(featuresIndex)) {
                            throw new IllegalArgumentException("column '" + featuresCol + "': the vector is null in "
                                    + "row " + seen + " of partition " + org.apache.spark.TaskContext.getPartitionId());
                        }
                        Vector v = (Vector) r.get(featuresIndex);
                        if (v.size() != inputs) {
                            throw new IllegalArgumentException("column '" + featuresCol + "': the vector has " + v.size()
                                    + " values, the model " + inputs + " inputs (row " + seen + " of partition "
                                    + org.apache.spark.TaskContext.getPartitionId() + ")");
                        }
                        TrainingData.dense(v, x, filled * inputs);
                        pending[filled++] = r;
                        seen++;
                    }
                    if (filled > 0) {
                        logits = mlp.forward(x, 0, filled);
                        mlp.kernels().softmaxForward(logits, 0, p, 0, filled, classes);
                    }
                    if (!rows.hasNext() && filled < block) {
                        mlp.close();
                    }
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    int r = next++;
                    Row row = pending[r];
                    pending[r] = null;
                    Object[] values = new Object[inputColumns + kinds.length];
                    for (int i = 0; i < inputColumns; i++) {
                        values[i] = row.get(i);
                    }
                    for (int k = 0; k < kinds.length; k++) {
                        values[inputColumns + k] = switch (kinds[k]) {
                            case RAW -> vector(logits, r * classes, classes);
                            case PROBABILITY -> vector(p, r * classes, classes);
                            default -> prediction(logits, p, r * classes, classes);
                        };
                    }
                    return RowFactory.create(values);
                }
            };
        }

        private static DenseVector vector(float[] a, int off, int n) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = a[off + i];
            }
            return new DenseVector(v);
        }

        /** Spark's rule: argmax of the raw prediction, or with thresholds of p_i / t_i (t_i = 0 wins). */
        private double prediction(float[] logits, float[] p, int off, int n) {
            if (thresholds == null) {
                // as DenseVector.argmax: the first largest, starting from element 0
                int best = 0;
                double max = logits[off];
                for (int i = 1; i < n; i++) {
                    if (logits[off + i] > max) {
                        max = logits[off + i];
                        best = i;
                    }
                }
                return best;
            }
            int best = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (thresholds[i] == 0.0) {
                    max = Double.POSITIVE_INFINITY;
                    best = i;
                } else {
                    double scaled = p[off + i] / thresholds[i];
                    if (scaled > max) {
                        max = scaled;
                        best = i;
                    }
                }
            }
            return best;
        }
    }

    /**
     * For Spark's evaluation summaries: this model, or a copy with the probability and prediction
     * columns named if they are empty, and those names. Declared here because Java sees two
     * inherited forms of it (Scala's tuples are covariant, Java's generics are not): the raw
     * return type overrides both.
     */
    @Override
    @SuppressWarnings("rawtypes")
    public scala.Tuple3 findSummaryModel() {
        LanesMlpClassificationModel m = this;
        if (getProbabilityCol().isEmpty() || getPredictionCol().isEmpty()) {
            m = copy(ParamMap.empty());
            if (m.getProbabilityCol().isEmpty()) {
                m.setProbabilityCol("probability_" + java.util.UUID.randomUUID());
            }
            if (m.getPredictionCol().isEmpty()) {
                m.setPredictionCol("prediction_" + java.util.UUID.randomUUID());
            }
        }
        return new scala.Tuple3<>(m, m.getProbabilityCol(), m.getPredictionCol());
    }

    @Override
    public LanesMlpClassificationModel copy(ParamMap extra) {
        LanesMlpClassificationModel m = new LanesMlpClassificationModel(uid, sizes, activation, weights, lossHistory);
        return copyValues(m, extra).setParent(parent());
    }

    @Override
    public String toString() {
        return "LanesMlpClassificationModel: uid=" + uid + ", layers=" + Arrays.toString(sizes) + ", activation="
                + activation;
    }

    // ---------------------------------------------------------------- persistence

    private static final String WEIGHTS = "data/model.safetensors";

    /** Writes the parameters as Spark's metadata and the network as safetensors. */
    @Override
    public MLWriter write() {
        return new Writer(this, DefaultParamsWritable.super.write());
    }

    /** A reader of models written by {@link #write()}. */
    public static MLReader<LanesMlpClassificationModel> read() {
        return new Reader();
    }

    /** Reads a model written by {@link #write()} from {@code path}. */
    public static LanesMlpClassificationModel load(String path) {
        return read().load(path);
    }

    private static final class Writer extends MLWriter {
        private final LanesMlpClassificationModel model;
        private final MLWriter params;

        Writer(LanesMlpClassificationModel model, MLWriter params) {
            this.model = model;
            this.params = params;
        }

        @Override
        public void saveImpl(String path) {
            try {
                params.session(sparkSession()).save(path);
                java.nio.file.Path tmp = Files.createTempFile("lanes-model", ".safetensors");
                try (Mlp mlp = model.toMlp(Kernels.best(), 1, 1)) {
                    Checkpoint.saveWeights(tmp, mlp);
                    Path target = new Path(path, WEIGHTS);
                    FileSystem fs = target.getFileSystem(sc().hadoopConfiguration());
                    try (OutputStream o = fs.create(target, false)) {
                        Files.copy(tmp, o);
                    }
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the model to " + path + ": " + e.getMessage(), e);
            }
        }
    }

    private static final class Reader extends MLReader<LanesMlpClassificationModel> {
        @Override
        public LanesMlpClassificationModel load(String path) {
            SparkSession spark = sparkSession();
            try {
                String json = spark.read().text(new Path(path, "metadata").toString()).first().getString(0);
                JsonNode meta = new ObjectMapper().readTree(json);
                String cls = meta.path("class").asText();
                if (!cls.equals(LanesMlpClassificationModel.class.getName())) {
                    throw new IOException(path + " holds a " + cls + ", not a " + LanesMlpClassificationModel.class.getName());
                }
                java.nio.file.Path tmp = Files.createTempFile("lanes-model", ".safetensors");
                Mlp mlp;
                try {
                    Path source = new Path(path, WEIGHTS);
                    FileSystem fs = source.getFileSystem(spark.sparkContext().hadoopConfiguration());
                    try (InputStream i = fs.open(source)) {
                        Files.copy(i, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                    mlp = Checkpoint.loadMlp(tmp, Kernels.best(), 1, 1);
                } finally {
                    Files.deleteIfExists(tmp);
                }
                LanesMlpClassificationModel m;
                try (mlp) {
                    m = of(mlp);
                }
                m = new LanesMlpClassificationModel(meta.path("uid").asText(), m.sizes, m.activation, m.weights,
                        new double[0]);
                setParams(m, meta.path("defaultParamMap"), true);
                setParams(m, meta.path("paramMap"), false);
                return m;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load a model from " + path + ": " + e.getMessage(), e);
            }
        }

        private static void setParams(LanesMlpClassificationModel m, JsonNode map, boolean defaults) {
            Iterator<Map.Entry<String, JsonNode>> it = map.fields();
            List<String> unknown = new ArrayList<>();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!m.hasParam(e.getKey())) {
                    unknown.add(e.getKey());
                    continue;
                }
                @SuppressWarnings("unchecked")
                Param<Object> p = (Param<Object>) m.getParam(e.getKey());
                Object value = p.jsonDecode(e.getValue().toString());
                if (defaults) {
                    m.setDefault(p, value);
                } else {
                    m.set(p, value);
                }
            }
            if (!unknown.isEmpty() && !defaults) {
                throw new IllegalArgumentException("unknown parameters " + unknown);
            }
        }
    }
}
