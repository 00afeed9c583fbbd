package dev.lanes.spark;

import dev.lanes.optim.Optimizers;
import static dev.lanes.spark.SparkTests.assertBits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernel.Kernels;
import dev.lanes.nn.Mlp;
import dev.lanes.nn.Trainer;
import dev.lanes.nn.data.Dataset;
import dev.lanes.optim.Optimizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark ML API: fit, transform, pipelines, saving and loading, bad input. */
class LanesMlpClassifierTest {
    private static SparkSession spark;
    private static final Dataset DATA = SparkTests.data(240, 41);

    @BeforeAll
    static void start() {
        spark = SparkTests.session("local[2]");
    }

    private static LanesMlpClassifier classifier() {
        return new LanesMlpClassifier().setLayers(new int[] {SparkTests.INPUTS, SparkTests.HIDDEN, SparkTests.CLASSES})
                .setMaxIter(8).setBatchSize(32).setMicroBatchSize(8).setStepSize(0.03).setSeed(7);
    }

    @Test
    void fitEqualsTheSingleJvmTrainerAndTransformEqualsPredict() throws Exception {
        LanesMlpClassificationModel model = classifier().fit(SparkTests.frame(spark, DATA, 3));
        float[] expected;
        try (Mlp mlp = SparkTests.network(new SparkTests.Settings(8, 32, 8, 7), 1)) {
            Optimizer opt = Optimizers.byName("adam", LrSchedules.byName("constant", 0.03, 8, 8, 0.5, 2, 0),
                    new Optimizers.Settings(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0), mlp.kernels(),
                    mlp.parameters());
            Trainer.builder(mlp, opt).epochs(8).batchSize(32).microBatch(8).seed(7).build().fit(DATA, null);
            expected = mlp.parameterArray().clone();
        }
        assertBits(expected, model.weightBits(), "estimator against Trainer");
        assertEquals(8, model.trainingLossHistory().length);
        assertEquals(SparkTests.INPUTS, model.numFeatures());
        assertEquals(SparkTests.CLASSES, model.numClasses());

        List<Row> out = model.setBlockSize(7).transform(SparkTests.frame(spark, DATA, 3)).collectAsList();
        assertEquals(DATA.size(), out.size());
        try (Mlp mlp = model.toMlp(Kernels.best(), 1, 64)) {
            float[] p = new float[DATA.size() * SparkTests.CLASSES];
            mlp.predict(DATA.features(), 0, DATA.size(), p, 0);
            int correct = 0;
            for (int i = 0; i < DATA.size(); i++) {
                Row r = out.get(i);
                Vector raw = r.getAs("rawPrediction");
                Vector prob = r.getAs("probability");
                double prediction = r.getAs("prediction");
                float[] logits = mlp.forward(DATA.features(), i * SparkTests.INPUTS, 1);
                for (int c = 0; c < SparkTests.CLASSES; c++) {
                    assertEquals(p[i * SparkTests.CLASSES + c], (float) prob.apply(c), "probability bits, row " + i);
                    assertEquals(logits[c], (float) raw.apply(c), "raw prediction bits, row " + i);
                }
                assertEquals(raw.argmax(), (int) prediction, "prediction, row " + i);
                correct += (int) prediction == DATA.labels()[i] ? 1 : 0;
                assertEquals(model.predictRaw((Vector) r.getAs("features")), raw, "predictRaw, row " + i);
            }
            assertTrue(correct > 0.8 * DATA.size(), "training accuracy " + correct + "/" + DATA.size());
        }
    }

    @Test
    void worksInAPipelineAndSavesAndLoads(@TempDir Path dir) throws Exception {
        // raw columns on very different scales, assembled and standardized before the network
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < DATA.size(); i++) {
            Object[] v = new Object[SparkTests.INPUTS + 1];
            for (int j = 0; j < SparkTests.INPUTS; j++) {
                v[j] = DATA.features()[i * SparkTests.INPUTS + j] * Math.pow(10, j) + j;
            }
            v[SparkTests.INPUTS] = DATA.labels()[i];
            rows.add(RowFactory.create(v));
        }
        List<StructField> fields = new ArrayList<>();
        String[] names = new String[SparkTests.INPUTS];
        for (int j = 0; j < SparkTests.INPUTS; j++) {
            names[j] = "x" + j;
            fields.add(DataTypes.createStructField(names[j], DataTypes.DoubleType, false));
        }
        fields.add(DataTypes.createStructField("class", DataTypes.IntegerType, false));
        var df = spark.createDataFrame(rows, new StructType(fields.toArray(new StructField[0]))).repartition(2);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(names).setOutputCol("raw"),
            new StandardScaler().setInputCol("raw").setOutputCol("scaled").setWithMean(true),
            classifier().setFeaturesCol("scaled").setLabelCol("class")});
        PipelineModel fitted = pipeline.fit(df);
        var predicted = fitted.transform(df).select("class", "prediction", "probability", "rawPrediction");
        long right = predicted.filter("prediction = class").count();
        assertTrue(right > 0.8 * DATA.size(), "pipeline accuracy " + right + "/" + DATA.size());

        String where = dir.resolve("pipeline").toString();
        fitted.write().overwrite().save(where);
        PipelineModel loaded = PipelineModel.load(where);
        List<Row> a = predicted.orderBy("rawPrediction").collectAsList();
        List<Row> b = loaded.transform(df).select("class", "prediction", "probability", "rawPrediction")
                .orderBy("rawPrediction").collectAsList();
        assertEquals(a, b, "the loaded pipeline predicts the same");

        LanesMlpClassificationModel model = (LanesMlpClassificationModel) fitted.stages()[2];
        String m = dir.resolve("model").toString();
        model.save(m);
        LanesMlpClassificationModel back = LanesMlpClassificationModel.load(m);
        assertBits(model.weightBits(), back.weightBits(), "saved weights");
        assertEquals("scaled", back.getFeaturesCol());
        assertArrayEquals(model.getLayers(), back.getLayers());
        assertEquals(model.uid(), back.uid());
        assertTrue(Files.isRegularFile(Path.of(m, "data", "model.safetensors")));

        String e = dir.resolve("estimator").toString();
        LanesMlpClassifier est = classifier().setOptimizer("nadam").setSchedule("cosine").setBeta1(0.8);
        est.save(e);
        LanesMlpClassifier estBack = LanesMlpClassifier.load(e);
        assertEquals("nadam", estBack.getOptimizer());
        assertEquals("cosine", estBack.getSchedule());
        assertEquals(0.8, (Double) estBack.getOrDefault(estBack.beta1()));
        assertArrayEquals(est.getLayers(), estBack.getLayers());
        assertEquals(est.uid(), estBack.uid());
    }

    @Test
    void badInputNamesTheColumnAndTheRow() {
        StructType schema = SparkTests.SCHEMA;
        Object[][] cases = {
            {RowFactory.create(null, 1.0), "column 'features', row 6: the vector is null"},
            {RowFactory.create(Vectors.dense(1, 2, 3), 1.0), "column 'features', row 6: the vector has 3 values, "
                    + "the network 5 inputs"},
            {RowFactory.create(Vectors.dense(1, 2, Double.NaN, 4, 5), 1.0), "column 'features', row 6: value NaN at "
                    + "index 2 is not finite"},
            {RowFactory.create(Vectors.sparse(5, new int[] {4}, new double[] {Double.POSITIVE_INFINITY}), 0.0),
                "column 'features', row 6: value Infinity at index 4 is not finite"},
            {RowFactory.create(Vectors.dense(1, 2, 3, 4, 1e300), 1.0), "column 'features', row 6: value 1.0E300 at "
                    + "index 4 does not fit a float"},
            {RowFactory.create(Vectors.dense(1, 2, 3, 4, 5), 3.0), "column 'label', row 6: label 3.0 is not a class "
                    + "index in [0, 3)"},
            {RowFactory.create(Vectors.dense(1, 2, 3, 4, 5), -1.0), "column 'label', row 6: label -1.0 is not a "
                    + "class index in [0, 3)"},
            {RowFactory.create(Vectors.dense(1, 2, 3, 4, 5), 0.5), "column 'label', row 6: label 0.5 is not a class "
                    + "index in [0, 3)"},
            {RowFactory.create(Vectors.dense(1, 2, 3, 4, 5), null), "column 'label', row 6: the label is null"},
        };
        for (Object[] c : cases) {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                rows.add(i == 6 ? (Row) c[0] : RowFactory.create(Vectors.dense(new double[SparkTests.INPUTS]), 0.0));
            }
            // a second bad row later: the first in the input's order is named
            rows.add(RowFactory.create(null, 7.0));
            var df = spark.createDataFrame(
                    org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
                            .parallelize(rows, 3), schema);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> classifier().fit(df));
            assertEquals(c[1], e.getMessage());
        }
        var wrongType = spark.createDataFrame(List.of(RowFactory.create(1.0, 0.0)), new StructType(new StructField[] {
            DataTypes.createStructField("features", DataTypes.DoubleType, false),
            DataTypes.createStructField("label", DataTypes.DoubleType, false)}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> classifier().fit(wrongType));
        assertTrue(e.getMessage().contains("features"), e.getMessage());
        var empty = spark.createDataFrame(List.<Row>of(), schema);
        assertThrows(IllegalArgumentException.class, () -> classifier().fit(empty));
        assertThrows(IllegalArgumentException.class, () -> classifier().setBatchSize(12).setMicroBatchSize(8)
                .fit(SparkTests.frame(spark, DATA, 2)));
    }

    @Test
    void thresholdsAndEmptyOutputColumnsFollowSpark() {
        LanesMlpClassificationModel model = classifier().setMaxIter(1).fit(SparkTests.frame(spark, DATA, 2));
        double[] t = {0.5, 0.2, 0.3};
        List<Row> out = model.copy(new org.apache.spark.ml.param.ParamMap()).setThresholds(t).setRawPredictionCol("")
                .transform(SparkTests.frame(spark, DATA, 2)).collectAsList();
        for (Row r : out) {
            DenseVector p = (DenseVector) r.getAs("probability");
            double[] scaled = new double[3];
            for (int c = 0; c < 3; c++) {
                scaled[c] = p.apply(c) / t[c];
            }
            assertEquals(Vectors.dense(scaled).argmax(), (int) (double) r.getAs("prediction"));
            assertEquals(Arrays.asList("features", "label", "probability", "prediction"),
                    Arrays.asList(r.schema().fieldNames()));
        }
    }

    @Test
    void tolStopsEarlyAndInitialWeightsStartTheTraining() {
        var frame = SparkTests.frame(spark, DATA, 2);
        LanesMlpClassificationModel stopped = classifier().setMaxIter(50).setTol(1.0).fit(frame);
        // no epoch improves the loss by as much as the whole previous loss: stops after the second
        assertEquals(2, stopped.trainingLossHistory().length);
        LanesMlpClassificationModel none = classifier().setMaxIter(0).setInitialWeights(stopped.weights()).fit(frame);
        assertBits(stopped.weightBits(), none.weightBits(), "zero epochs from initial weights");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> classifier().setInitialWeights(Vectors.dense(1, 2, 3)).fit(frame));
        assertTrue(e.getMessage().startsWith("initialWeights has 3 values"), e.getMessage());
    }
}
