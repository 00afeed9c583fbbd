package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernel.Kernels;
import dev.lanes.nn.data.Csv;
import dev.lanes.nn.data.DataFileException;
import dev.lanes.nn.data.Dataset;
import dev.lanes.nn.data.Idx;
import dev.lanes.nn.data.Standardizer;
import dev.lanes.optim.Adam;
import dev.lanes.optim.Optimizer;
import dev.lanes.optim.OptimizerState;
import dev.lanes.schedule.ReduceOnPlateau;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every public entry of {@code nn} refuses bad arguments with a message naming the argument and
 * the bad value, and a refused call changes nothing: the network's weights and gradients, the
 * optimizer's state and step count, the trainer's {@link Trainer#state() state}, a builder's
 * settings and the caller's output arrays are compared before and after every refusal. The
 * network has been trained for an epoch first, so that there is state to lose.
 */
class ArgumentChecksTest {
    @TempDir
    Path dir;

    private Mlp mlp;
    private Optimizer opt;
    private Trainer trainer;
    private Dataset train;
    private Snapshot before;

    /** Everything a refused call must leave as it was. */
    private record Snapshot(float[] params, float[] grads, long steps, Map<String, Map<String, float[]>> optimizer,
                            Trainer.State trainer) {}

    private Snapshot snapshot() {
        OptimizerState s = opt.exportState();
        return new Snapshot(mlp.parameterArray().clone(), mlp.gradientArray().clone(), opt.steps(), s.parameters(),
                trainer.state());
    }

    @BeforeEach
    void trainOneEpoch() throws IOException {
        train = Blobs.classification(4, 40, 4, 3, 0.5);
        mlp = Mlp.builder(4).hidden(6, Activation.TANH).output(3, Loss.SOFTMAX_CROSS_ENTROPY).maxBatch(8)
                .kernels(Kernels.scalar()).seed(1).build();
        opt = Adam.builder().learningRate(0.01).kernels(Kernels.scalar()).params(mlp.parameters()).build();
        trainer = Trainer.builder(mlp, opt).epochs(2).batchSize(8).seed(3)
                .reduceOnPlateau(ReduceOnPlateau.builder(1).build()).build();
        trainer.fit(train, null);
        assertEquals(2, trainer.epoch());
        before = snapshot();
    }

    @AfterEach
    void nothingChanged() {
        Snapshot after = snapshot();
        assertArrayEquals(before.params(), after.params(), "weights");
        assertArrayEquals(before.grads(), after.grads(), "gradients");
        assertEquals(before.steps(), after.steps(), "optimizer steps");
        for (var p : before.optimizer().entrySet()) {
            for (var a : p.getValue().entrySet()) {
                assertArrayEquals(a.getValue(), after.optimizer().get(p.getKey()).get(a.getKey()),
                        "optimizer state " + p.getKey() + "." + a.getKey());
            }
        }
        assertEquals(before.trainer(), after.trainer(), "trainer state");
        mlp.close();
    }

    /** Asserts that {@code call} throws {@code type} with a message holding every fragment. */
    private static <T extends Throwable> void refused(Class<T> type, Executable call, String... fragments) {
        T e = assertThrows(type, call);
        for (String f : fragments) {
            assertTrue(String.valueOf(e.getMessage()).contains(f), "'" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    private static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
    private static final Class<IndexOutOfBoundsException> IOOBE = IndexOutOfBoundsException.class;
    private static final Class<NullPointerException> NPE = NullPointerException.class;

    // ---------------------------------------------------------------- Mlp.builder

    @Test
    void mlpBuilder() {
        refused(IAE, () -> Mlp.builder(0), "inputs", "was 0");
        Mlp.Builder b = Mlp.builder(4).hidden(5, Activation.RELU);
        refused(IAE, () -> b.hidden(0, Activation.RELU), "units", "was 0");
        refused(NPE, () -> b.hidden(3, null), "activation");
        refused(IAE, () -> b.hidden(new int[] {7, -2}, Activation.RELU), "units[1]", "was -2");
        refused(NPE, () -> b.hidden(null, Activation.RELU), "units");
        refused(IAE, () -> b.output(0, Loss.MSE), "outputs", "was 0");
        refused(NPE, () -> b.output(2, null), "loss");
        refused(NPE, () -> b.init(null), "init");
        refused(NPE, () -> b.kernels(null), "kernels");
        refused(IAE, () -> b.threads(0), "threads", "was 0");
        refused(IAE, () -> b.maxBatch(-5), "maxBatch", "was -5");
        refused(IllegalStateException.class, b::build, "output");
        // the refused calls added no layer and changed no setting
        b.output(2, Loss.MSE);
        assertArrayEquals(new int[] {4, 5, 2}, b.sizes());
        try (Mlp m = b.kernels(Kernels.scalar()).build()) {
            assertEquals(128, m.maxBatch());
            assertEquals(1, m.threads());
            assertEquals(Loss.MSE, m.loss());
        }
        Mlp.Builder huge = Mlp.builder(4).hidden(100_000, Activation.RELU).output(2, Loss.MSE).maxBatch(100_000);
        refused(IAE, huge::build, "maxBatch = 100000", "100000 outputs");
        Mlp.Builder wide = Mlp.builder(60_000).hidden(60_000, Activation.RELU).output(2, Loss.MSE).maxBatch(1);
        refused(IAE, wide::build, "sizes [60000, 60000, 2]", "parameters");
    }

    // ---------------------------------------------------------------- Mlp

    @Test
    void mlpShapeAccessors() {
        refused(IAE, () -> Mlp.weightName(-1), "layer", "was -1");
        refused(IAE, () -> Mlp.biasName(-3), "layer", "was -3");
        refused(IOOBE, () -> mlp.activation(1), "layer", "was 1");
        refused(IOOBE, () -> mlp.weightOffset(2), "layer", "was 2");
        refused(IOOBE, () -> mlp.biasOffset(-1), "layer", "was -1");
    }

    @Test
    void mlpForward() {
        float[] x = new float[9 * 4];
        refused(IAE, () -> mlp.forward(x, 0, 9), "rows", "maxBatch = 8", "was 9");
        refused(IAE, () -> mlp.forward(x, 0, -1), "rows", "was -1");
        refused(IOOBE, () -> mlp.forward(x, 33, 2), "x: region [33, 41)", "length 36");
        refused(NPE, () -> mlp.forward(null, 0, 1), "x");
    }

    @Test
    void mlpPredictAndClassify() {
        float[] x = new float[10 * 4];
        float[] y = new float[10 * 3];
        Arrays.fill(y, 7f);
        refused(IAE, () -> mlp.predict(x, 0, -2, y, 0), "rows", "was -2");
        refused(IOOBE, () -> mlp.predict(x, 0, 10, y, 3), "y: region [3, 33)", "length 30");
        refused(IOOBE, () -> mlp.predict(x, -4, 1, y, 0), "x: region [-4, 0)");
        refused(NPE, () -> mlp.predict(x, 0, 1, null, 0), "y");
        float[] sevens = new float[y.length];
        Arrays.fill(sevens, 7f);
        assertArrayEquals(sevens, y, "a refused predict wrote nothing");
        int[] classes = new int[10];
        Arrays.fill(classes, -1);
        refused(IAE, () -> mlp.classify(x, 0, -1, classes, 0), "rows", "was -1");
        refused(IOOBE, () -> mlp.classify(x, 0, 10, classes, 1), "classes: region [1, 11)", "length 10");
        refused(NPE, () -> mlp.classify(x, 0, 1, null, 0), "classes");
        assertTrue(Arrays.stream(classes).allMatch(c -> c == -1), "a refused classify wrote nothing");
        refused(IAE, () -> mlp.predictor(0), "maxRows", "was 0");
    }

    @Test
    void mlpPredictor() {
        Predictor p = mlp.predictor(4);
        float[] x = new float[8];
        float[] y = new float[6];
        refused(IAE, () -> p.predict(x, 0, -1, y, 0), "rows", "was -1");
        refused(IOOBE, () -> p.predict(x, 0, 2, y, 1), "y: region [1, 7)", "length 6");
        refused(IOOBE, () -> p.classify(x, 5, 1, new int[1], 0), "x: region [5, 9)", "length 8");
        refused(NPE, () -> p.classify(x, 0, 1, null, 0), "classes");
        refused(NPE, () -> p.predict(null, 0, 1, y, 0), "x");
    }

    @Test
    void mlpLossAndGradient() {
        float[] x = new float[4 * 4];
        refused(IAE, () -> mlp.lossAndGradient(x, 0, new int[] {0, 1, 7, 2}, 0, 4), "labels[2]", "[0, 3)", "was 7");
        refused(IAE, () -> mlp.lossAndGradient(x, 0, new int[] {0, -1, 1, 2}, 0, 4), "labels[1]", "was -1");
        refused(IAE, () -> mlp.lossAndGradient(x, 0, new int[4], 0, 9), "rows", "was 9");
        refused(IOOBE, () -> mlp.lossAndGradient(x, 0, new int[4], 2, 4), "labels: region [2, 6)", "length 4");
        refused(IllegalStateException.class, () -> mlp.lossAndGradient(x, 0, new float[12], 0, 4), "MSE", "has");
    }

    @Test
    void mlpMicroBatchGradient() {
        float[] x = new float[4 * 4];
        int[] labels = {0, 1, 2, 0};
        float[] grad = new float[mlp.parameterCount()];
        Arrays.fill(grad, 3f);
        float[] rowLoss = new float[4];
        refused(IAE, () -> mlp.microBatchGradient(x, 0, labels, 0, 4, 3, grad, 0, rowLoss, 0),
                "batchRows", "rows = 4", "was 3");
        refused(IOOBE, () -> mlp.microBatchGradient(x, 0, labels, 0, 4, 4, grad, 1, rowLoss, 0),
                "grad: region [1, " + (mlp.parameterCount() + 1) + ")");
        refused(IOOBE, () -> mlp.microBatchGradient(x, 0, labels, 0, 4, 4, grad, 0, rowLoss, 2),
                "rowLoss: region [2, 6)");
        refused(IAE, () -> mlp.microBatchGradient(x, 0, labels, 0, 4, 4, mlp.parameterArray(), 0, rowLoss, 0),
                "grad", "parameter array");
        refused(IAE, () -> mlp.microBatchGradient(x, 0, new int[] {0, 3, 0, 0}, 0, 4, 8, grad, 0, rowLoss, 0),
                "labels[1]", "was 3");
        refused(NPE, () -> mlp.microBatchGradient(x, 0, labels, 0, 4, 4, null, 0, rowLoss, 0), "grad");
        float[] threes = new float[grad.length];
        Arrays.fill(threes, 3f);
        assertArrayEquals(threes, grad, "a refused call wrote no gradient");
        assertArrayEquals(new float[4], rowLoss, "a refused call wrote no loss");
    }

    @Test
    void mlpEvaluate() {
        float[] x = new float[12 * 4];
        int[] labels = new int[12];
        labels[11] = 5;
        refused(IAE, () -> mlp.evaluate(x, 0, labels, 0, 12), "labels[11]", "was 5");
        refused(IAE, () -> mlp.evaluate(x, 0, labels, 0, -1), "rows", "was -1");
        refused(IOOBE, () -> mlp.evaluate(x, 4, labels, 0, 12), "x: region [4, 52)", "length 48");
        refused(IllegalStateException.class, () -> mlp.evaluate(x, 0, new float[36], 0, 12), "MSE");
        refused(NPE, () -> mlp.evaluate(x, 0, (int[]) null, 0, 1), "labels");
    }

    // ---------------------------------------------------------------- Trainer

    @Test
    void trainerBuilder() {
        try (Mlp other = Mlp.builder(4).hidden(6, Activation.TANH).output(3, Loss.SOFTMAX_CROSS_ENTROPY)
                .kernels(Kernels.scalar()).build()) {
            Optimizer foreign = Adam.builder().params(other.parameters()).build();
            refused(IAE, () -> Trainer.builder(mlp, foreign), "optimizer", "parameter '0.weight'");
        }
        refused(NPE, () -> Trainer.builder(null, opt), "mlp");
        refused(NPE, () -> Trainer.builder(mlp, null), "optimizer");
        Trainer.Builder b = Trainer.builder(mlp, opt);
        refused(IAE, () -> b.epochs(-1), "epochs", "was -1");
        refused(IAE, () -> b.batchSize(0), "batchSize", "was 0");
        refused(IAE, () -> b.microBatch(-4), "microBatch", "was -4");
        refused(IAE, () -> b.earlyStopping(0, 0), "patience", "was 0");
        refused(IAE, () -> b.earlyStopping(2, Double.NaN), "minDelta", "was NaN");
        refused(IAE, () -> b.earlyStopping(2, -1), "minDelta", "was -1.0");
        refused(IAE, () -> b.checkpoint(dir.resolve("c"), 0), "everyEpochs", "was 0");
        refused(NPE, () -> b.checkpoint(null, 1), "file");
        refused(NPE, () -> b.reduceOnPlateau(null), "plateau");
    }

    @Test
    void trainerFit() {
        Dataset wide = Blobs.classification(4, 10, 5, 3, 0.5);
        refused(IAE, () -> trainer.fit(wide, null), "train set has 5 features", "4 inputs");
        refused(IAE, () -> trainer.fit(train, wide), "validation set has 5 features");
        Dataset regression = Blobs.regression(4, 10, 4, 3);
        refused(IAE, () -> trainer.fit(regression, null), "train set is regression");
        Dataset moreClasses = Blobs.classification(4, 10, 4, 5, 0.5);
        refused(IAE, () -> trainer.fit(moreClasses, null), "train set has 5 classes", "3 outputs");
        refused(NPE, () -> trainer.fit((Dataset) null, null), "train");
        refused(NPE, () -> trainer.fit((Trainer.GradientSource) null, null), "source");
        // settings that only fit() can check, against the data
        Trainer mismatched = Trainer.builder(mlp, opt).epochs(5).batchSize(6).microBatch(4).build();
        refused(IAE, () -> mismatched.fit(train, null), "batchSize 6", "microBatch 4");
        Trainer tooLarge = Trainer.builder(mlp, opt).epochs(5).batchSize(16).build();
        refused(IAE, () -> tooLarge.fit(train, null), "batch size 16", "maxBatch 8");
        Trainer early = Trainer.builder(mlp, opt).epochs(5).earlyStopping(2, 0).build();
        refused(IAE, () -> early.fit(train, null), "early stopping", "validation");
        refused(IAE, () -> trainer.plan(-1), "n", "was -1");
    }

    @Test
    void trainerSaveAndResume() throws IOException {
        refused(NPE, () -> trainer.save(null), "file");
        refused(NPE, () -> trainer.resume(null), "file");
        Path missing = dir.resolve("missing.safetensors");
        refused(IOException.class, () -> trainer.resume(missing), missing.toString());
        // a checkpoint of another shape
        try (Mlp other = Mlp.builder(4).hidden(7, Activation.TANH).output(3, Loss.SOFTMAX_CROSS_ENTROPY)
                .kernels(Kernels.scalar()).build()) {
            Path f = dir.resolve("other.safetensors");
            Checkpoint.save(f, other, null, new Trainer.State(9, new Rng(2).state()));
            refused(IOException.class, () -> trainer.resume(f), f.toString(), "sizes 4,7,3", "4,6,3");
        }
        // the right shape without a plateau state, for a trainer that has a plateau controller
        Path f = dir.resolve("noplateau.safetensors");
        Checkpoint.save(f, mlp, opt, new Trainer.State(9, new Rng(2).state()));
        refused(IOException.class, () -> trainer.resume(f), f.toString(), "reduce-on-plateau");
    }

    @Test
    void checkpointFiles() throws IOException {
        Path f = dir.resolve("c.safetensors");
        refused(NPE, () -> Checkpoint.save(null, mlp, opt, null), "file");
        refused(NPE, () -> Checkpoint.saveWeights(f, null), "mlp");
        refused(NPE, () -> Checkpoint.load(f, null, opt), "mlp");
        Checkpoint.saveWeights(f, mlp);
        refused(IAE, () -> Checkpoint.loadMlp(f, Kernels.scalar(), 0, 8), "threads", "was 0");
        refused(IAE, () -> Checkpoint.loadMlp(f, Kernels.scalar(), 1, -1), "maxBatch", "was -1");
        refused(NPE, () -> Checkpoint.loadMlp(f, null, 1, 8), "kernels");
    }

    @Test
    void generatorPlanAndActivations() {
        Rng rng = new Rng(5);
        long[] state = rng.state();
        refused(IAE, () -> rng.nextInt(0), "bound", "was 0");
        refused(IOOBE, () -> rng.shuffle(new int[3], 2, 2), "region [2, 4)", "length 3");
        refused(NPE, () -> rng.shuffle(null, 0, 0), "a");
        refused(IAE, () -> rng.setState(new long[3]), "4 words", "3 words");
        refused(IAE, () -> rng.setState(new long[4]), "all zero");
        assertArrayEquals(state, rng.state(), "a refused call left the generator as it was");
        refused(IAE, () -> new BatchPlan(10, 6, 4), "batchSize 6", "microBatch 4");
        refused(IAE, () -> new BatchPlan(-1, 6, 4), "examples", "was -1");
        BatchPlan plan = new BatchPlan(12, 8, 4);
        int[] shard = plan.shard(0);
        refused(NPE, () -> plan.shuffle(null), "rng");
        assertArrayEquals(shard, plan.shard(0), "a refused shuffle kept the order");
        refused(IOOBE, () -> plan.shard(2), "shard", "was 2");
        refused(IOOBE, () -> plan.rows(3, 0), "step", "was 3");
        refused(IAE, () -> new GradientTree(Kernels.scalar(), -1, 2), "length", "was -1");
        refused(IAE, () -> Activation.parse("relu6"), "relu6");
        refused(IAE, () -> Activation.leakyRelu(Float.NaN), "alpha", "was NaN");
        refused(NPE, () -> Activation.parse(null), "name");
    }

    // ---------------------------------------------------------------- Dataset and the readers

    @Test
    void datasetFactories() {
        refused(IAE, () -> Dataset.classification(new float[6], 0, new int[0], 2), "inputs", "was 0");
        refused(IAE, () -> Dataset.classification(new float[7], 2, new int[3], 2), "features", "length 7",
                "inputs = 2");
        refused(IAE, () -> Dataset.classification(new float[4], 2, new int[] {0, 1}, 0), "classes", "was 0");
        refused(IAE, () -> Dataset.classification(new float[4], 2, new int[] {0}, 2), "labels", "1 labels", "2 examples");
        refused(IAE, () -> Dataset.classification(new float[4], 2, new int[] {0, 2}, 2), "labels[1] = 2");
        refused(IAE, () -> Dataset.classification(new float[] {0, 0, Float.NaN, 0}, 2, new int[2], 2),
                "features", "example 1, column 0", "NaN");
        refused(NPE, () -> Dataset.classification(null, 2, new int[2], 2), "features");
        refused(IAE, () -> Dataset.regression(new float[4], 2, new float[2], 0), "outputs", "was 0");
        refused(IAE, () -> Dataset.regression(new float[4], 2, new float[3], 1), "targets", "3 values");
        refused(IAE, () -> Dataset.regression(new float[4], 2, new float[] {1, Float.NEGATIVE_INFINITY}, 1),
                "targets", "example 1", "-Infinity");
        refused(NPE, () -> Dataset.regression(new float[4], 2, null, 1), "targets");
    }

    @Test
    void datasetTransformations() {
        refused(IOOBE, () -> train.slice(5, 2), "from = 5", "to = 2", "40 examples");
        refused(IOOBE, () -> train.select(new int[] {0, 40}), "order[1] = 40");
        refused(NPE, () -> train.select(null), "order");
        refused(IAE, () -> train.split(41), "firstCount", "was 41");
        refused(IAE, () -> train.scaled(Float.POSITIVE_INFINITY), "factor", "was Infinity");
        refused(IAE, () -> train.scaled(Float.MAX_VALUE), "factor = " + Float.MAX_VALUE, "overflows");
        refused(NPE, () -> train.shuffled(null), "rng");
        refused(IAE, () -> Standardizer.fit(train.slice(0, 0)), "empty");
        Standardizer s = Standardizer.fit(train);
        refused(IAE, () -> s.apply(Blobs.classification(4, 10, 5, 3, 0.5)), "5 features", "4");
        refused(NPE, () -> Standardizer.fit(null), "data");
    }

    @Test
    void readers() throws IOException {
        Path csv = Files.writeString(dir.resolve("d.csv"), "1,2,0\n3,4,1\n");
        refused(IAE, () -> Csv.classification(csv, -1, 0, false), "classes", "was 0");
        refused(IAE, () -> Csv.regression(csv, 0, false), "outputs", "was 0");
        refused(NPE, () -> Csv.classification(null, -1, 2, false), "file");
        refused(DataFileException.class, () -> Csv.classification(csv, 5, 2, false), csv.toString(),
                "label column 5", "3 columns");
        refused(DataFileException.class, () -> Csv.regression(csv, 3, false), csv.toString(), "3 columns",
                "3 targets");
        refused(DataFileException.class, () -> Csv.classification(csv, -1, 1, false), csv.toString(),
                "label 1.0", "[0, 1)");
        refused(NPE, () -> Idx.read(null), "file");
        refused(NPE, () -> Idx.readLabels(null), "file");
        refused(IAE, () -> Idx.dataset(csv, csv, 0), "classes", "was 0");
        refused(NPE, () -> Idx.dataset(null, csv, 2), "images");
    }
}
