/**
 * Lanes on Apache Spark: distributed training whose result is the single-JVM result.
 *
 * <p>{@link dev.lanes.spark.LanesMlpClassifier} is a Spark ML {@code Estimator} (it works in a
 * {@code Pipeline}, saves and loads like Spark's own stages) that trains a multi-layer perceptron
 * classifier on the executors and returns a {@link dev.lanes.spark.LanesMlpClassificationModel}.
 * {@link dev.lanes.spark.SparkGradients} is the engine under it, a {@code Trainer.GradientSource}
 * for code that drives a {@code dev.lanes.nn.Trainer} itself (the {@code lanes train --spark}
 * program does).
 *
 * <p>The promise: the trained weights are a function of the data (in its order), the seed and the
 * settings only. They do not depend on the number of executors, partitions, cores or threads, on
 * the order in which tasks finish or on task retries, and they equal, bit for bit, those of
 * single-JVM training with the same settings: every batch is split into the same micro-batches
 * (DESIGN rule 8) and their gradients are added in one fixed tree (rule 7), wherever they were
 * computed.
 *
 * <pre>{@code
 * LanesMlpClassifier lanes = new LanesMlpClassifier()
 *         .setLayers(new int[] {784, 256, 128, 10})
 *         .setMaxIter(10).setBatchSize(256).setMicroBatchSize(64)
 *         .setFeaturesCol("scaled");
 * Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
 *         new VectorAssembler().setInputCols(columns).setOutputCol("features"),
 *         new StandardScaler().setInputCol("features").setOutputCol("scaled"),
 *         lanes});
 * PipelineModel model = pipeline.fit(train);
 * model.transform(test).select("prediction", "probability").show();
 * model.write().overwrite().save("hdfs:///models/fashion");
 * }</pre>
 *
 * <p>Spark itself is not a dependency of this module at run time: the cluster brings it
 * (Spark 4.2, Scala 2.13, on JDK 25 with {@code --add-modules jdk.incubator.vector} on the
 * driver and the executors).
 */
package dev.lanes.spark;
