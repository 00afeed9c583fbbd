package dev.lanes.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.Partitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Labelled rows of a {@code DataFrame}, checked, counted and then laid out on the executors as
 * {@link ShardBlock}s.
 *
 * <p><b>Example indices.</b> Example {@code g} is the row's 0-based index in the input's order
 * (its partitions in order, each partition's rows in order), as {@code zipWithIndex} numbers
 * them. The input is read once: each partition is checked, counted and converted to float rows in
 * one pass, which stay cached until the shards are laid out (were an executor lost before that,
 * Spark would read that partition again, so its order should be deterministic, as for
 * {@code zipWithIndex}).
 *
 * <p><b>Layout.</b> Shard {@code t} of {@code S} holds examples {@code g ≡ t (mod S)} in
 * increasing order (DESIGN rule 8); the shards are spread over {@code P} partitions in
 * contiguous ranges, shard {@code t} in partition {@code ⌊t·P / S⌋}, so that a partition owning
 * an aligned run of shards can add up their gradients itself (rule 7). Moving each row to its
 * shard takes one shuffle; the blocks are then cached ({@code MEMORY_AND_DISK}) for the whole
 * training, and recomputed by Spark from the shuffle if an executor is lost.
 */
final class TrainingData {
    private final JavaRDD<PartitionRows> rows;
    private final long[] offsets;
    private final long examples;
    private final int inputs;
    private final String featuresCol;
    private final String labelCol;

    private TrainingData(JavaRDD<PartitionRows> rows, long[] offsets, long examples, int inputs, String featuresCol,
                         String labelCol) {
        this.rows = rows;
        this.offsets = offsets;
        this.examples = examples;
        this.inputs = inputs;
        this.featuresCol = featuresCol;
        this.labelCol = labelCol;
    }

    /** The number of examples. */
    long examples() {
        return examples;
    }

    /** The number of partitions of the input. */
    int inputPartitions() {
        return offsets.length;
    }

    /**
     * Checks the schema and every row of {@code data}: a vector of {@code inputs} finite values in
     * {@code featuresCol}, a class index in {@code [0, classes)} in {@code labelCol}.
     *
     * @throws IllegalArgumentException naming the column and the first bad row (by its index in the
     *                                  input's order), with the value and what was expected
     */
    static TrainingData check(Dataset<Row> data, String featuresCol, String labelCol, int inputs, int classes) {
        checkSchema(data, featuresCol, labelCol);
        JavaRDD<PartitionRows> rows = data
                .select(functions.col(featuresCol), functions.col(labelCol).cast(DataTypes.DoubleType)).javaRDD()
                .mapPartitions(it -> List.of(PartitionRows.of(it, inputs, classes)).iterator(), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
        List<PartitionCheck> checks = rows.map(r -> new PartitionCheck(r.rows(), r.problem())).collect();
        long[] offsets = new long[checks.size()];
        long n = 0;
        for (int p = 0; p < checks.size(); p++) {
            PartitionCheck c = checks.get(p);
            if (c.problem() != null) {
                rows.unpersist(false);
                throw new IllegalArgumentException("column '" + (c.problem().label() ? labelCol : featuresCol)
                        + "', row " + (n + c.count()) + ": " + c.problem().what());
            }
            offsets[p] = n;
            n += c.count();
        }
        if (n > Integer.MAX_VALUE) {
            rows.unpersist(false);
            throw new IllegalArgumentException("the data set has " + n + " rows; at most " + Integer.MAX_VALUE
                    + " can be trained on");
        }
        return new TrainingData(rows, offsets, n, inputs, featuresCol, labelCol);
    }

    /** Frees the converted input once the shards are laid out and cached (or if they never will be). */
    void release() {
        rows.unpersist(false);
    }

    /**
     * One input partition as floats: its rows in order, in chunks of {@link ShardBlock#CHUNK_ROWS},
     * up to its first bad row, and that row's problem if it has one.
     */
    record PartitionRows(int rows, float[][] x, int[][] labels, Problem problem) implements Serializable {
        static PartitionRows of(Iterator<Row> it, int inputs, int classes) {
            List<float[]> x = new ArrayList<>();
            List<int[]> y = new ArrayList<>();
            int rows = 0;
            // Spark's row iterators fill their buffer in hasNext(): ask before every next()
            while (it.hasNext()) {
                Row r = it.next();
                Problem bad = TrainingData.problem(r, inputs, classes);
                if (bad != null) {
                    return new PartitionRows(rows, new float[0][], new int[0][], bad);
                }
                int k = rows % ShardBlock.CHUNK_ROWS;
                if (k == 0) {
                    x.add(new float[ShardBlock.CHUNK_ROWS * inputs]);
                    y.add(new int[ShardBlock.CHUNK_ROWS]);
                }
                dense((Vector) r.get(0), x.get(x.size() - 1), k * inputs);
                y.get(y.size() - 1)[k] = (int) r.getDouble(1);
                rows++;
            }
            int last = rows % ShardBlock.CHUNK_ROWS;
            if (last != 0) {
                x.set(x.size() - 1, java.util.Arrays.copyOf(x.get(x.size() - 1), last * inputs));
                y.set(y.size() - 1, java.util.Arrays.copyOf(y.get(y.size() - 1), last));
            }
            return new PartitionRows(rows, x.toArray(new float[0][]), y.toArray(new int[0][]), null);
        }
    }

    static void checkSchema(Dataset<Row> data, String featuresCol, String labelCol) {
        StructField features = field(data, featuresCol);
        if (!(features.dataType() instanceof VectorUDT)) {
            throw new IllegalArgumentException("column '" + featuresCol + "' must hold vectors "
                    + "(org.apache.spark.ml.linalg.Vector), its type is " + features.dataType().simpleString());
        }
        DataType label = field(data, labelCol).dataType();
        if (!(label instanceof NumericType)) {
            throw new IllegalArgumentException("column '" + labelCol + "' must be numeric (a class index), its type is "
                    + label.simpleString());
        }
    }

    private static StructField field(Dataset<Row> data, String name) {
        for (StructField f : data.schema().fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("no column '" + name + "' in " + data.schema().simpleString());
    }

    /**
     * What is wrong with a row of (features, label as double), or null.
     *
     * @param label whether the label (else the features) is wrong
     * @param what  the value and what was expected
     */
    record Problem(boolean label, String what) implements Serializable {}

    static Problem problem(Row r, int inputs, int classes) {
        if (r.isNullAt(0)) {
            return new Problem(false, "the vector is null");
        }
        Vector v = (Vector) r.get(0);
        if (v.size() != inputs) {
            return new Problem(false, "the vector has " + v.size() + " values, the network " + inputs + " inputs");
        }
        double[] x = v instanceof DenseVector d ? d.values() : ((SparseVector) v).values();
        for (int k = 0; k < x.length; k++) {
            if (!Float.isFinite((float) x[k])) {
                int index = v instanceof SparseVector s ? s.indices()[k] : k;
                return new Problem(false, "value " + x[k] + " at index " + index
                        + (Double.isFinite(x[k]) ? " does not fit a float" : " is not finite"));
            }
        }
        if (r.isNullAt(1)) {
            return new Problem(true, "the label is null");
        }
        double label = r.getDouble(1);
        if (!(label >= 0 && label < classes && label == Math.rint(label))) {
            return new Problem(true, String.format(Locale.ROOT, "label %s is not a class index in [0, %d)", label,
                    classes));
        }
        return null;
    }

    /** A partition's row count, up to its first bad row if it has one. */
    record PartitionCheck(long count, Problem problem) implements Serializable {}

    /**
     * Lays the examples out as {@code shards} shard blocks in {@code partitions} partitions and
     * caches them; the blocks are computed when first used.
     */
    JavaRDD<ShardBlock> layout(int shards, int partitions) {
        long n = examples;
        int in = inputs;
        JavaRDD<Tuple2<Long, Piece>> pieces = rows.mapPartitionsWithIndex(cutter(offsets, inputs, shards), true);
        return JavaPairRDD.fromJavaRDD(pieces)
                .repartitionAndSortWithinPartitions(new ShardPartitioner(partitions, shards))
                .mapPartitions(it -> blocks(it, n, shards, in).iterator())
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    /**
     * A run of consecutive rows of one shard from one input partition: positions
     * {@code [first, first + rows)} of shard {@code shard}. Rows move to their shards in these
     * pieces (a few large arrays per partition and shard, not a record per row).
     */
    record Piece(int shard, int first, int rows, float[] x, int[] labels) implements Serializable {}

    /**
     * Cuts partition {@code p} into pieces keyed by (shard, first position): example {@code g}
     * (counted from the partition's offset) belongs to shard {@code g mod S} at position
     * {@code g div S}; a piece holds at most {@link ShardBlock#CHUNK_ROWS} rows.
     */
    private static Function2<Integer, Iterator<PartitionRows>, Iterator<Tuple2<Long, Piece>>> cutter(long[] offsets,
                                                                                                 int inputs, int shards) {
        return (p, it) -> {
            PartitionRows part = it.next();
            long from = offsets[p];
            long to = from + part.rows();
            int[] filled = new int[shards];
            Piece[] open = new Piece[shards];
            List<Tuple2<Long, Piece>> out = new ArrayList<>();
            for (int r = 0; r < part.rows(); r++) {
                long g = from + r;
                int t = (int) (g % shards);
                int j = (int) (g / shards);
                if (open[t] == null) {
                    // the shard's rows left in this partition: positions j .. (to - 1 - t) div S
                    long last = (to - 1 - t) / shards;
                    int rows = (int) Math.min(ShardBlock.CHUNK_ROWS, last - j + 1);
                    open[t] = new Piece(t, j, rows, new float[rows * inputs], new int[rows]);
                    filled[t] = 0;
                }
                Piece piece = open[t];
                int c = r / ShardBlock.CHUNK_ROWS;
                int k = r % ShardBlock.CHUNK_ROWS;
                System.arraycopy(part.x()[c], k * inputs, piece.x(), filled[t] * inputs, inputs);
                piece.labels()[filled[t]] = part.labels()[c][k];
                if (++filled[t] == piece.rows()) {
                    out.add(new Tuple2<>(((long) t << 32) | piece.first(), piece));
                    open[t] = null;
                }
            }
            return out.iterator();
        };
    }

    /** Local property for fault-injection tests: the layout task of this partition fails on its first attempt. */
    static final String FAIL_LAYOUT_ONCE = "lanes.spark.test.failLayoutOnce";

    /** Builds the blocks of one partition from its pieces sorted by (shard, first position). */
    private static List<ShardBlock> blocks(Iterator<Tuple2<Long, Piece>> it, long n, int shards, int inputs) {
        TaskContext task = TaskContext.get();
        String fail = task == null ? null : task.getLocalProperty(FAIL_LAYOUT_ONCE);
        if (fail != null && task.attemptNumber() == 0 && Integer.parseInt(fail) == task.partitionId()) {
            throw new IllegalStateException("injected failure of layout partition " + fail + " (" + FAIL_LAYOUT_ONCE + ")");
        }
        List<ShardBlock> out = new ArrayList<>();
        ShardBlock block = null;
        int next = 0;
        while (it.hasNext()) {
            Piece piece = it.next()._2();
            int t = piece.shard();
            if (block == null || block.shard() != t) {
                if (block != null) {
                    complete(block, next);
                }
                block = new ShardBlock(t, inputs, shardSize(n, shards, t));
                out.add(block);
                next = 0;
            }
            if (piece.first() != next || next + piece.rows() > block.rows()) {
                throw new IllegalStateException("shard " + t + " received rows " + piece.first() + ".."
                        + (piece.first() + piece.rows() - 1) + " after " + next + " rows: the input changed while it "
                        + "was laid out (an input partition read again gave other rows); make its order deterministic");
            }
            for (int r = 0; r < piece.rows(); r++) {
                block.set(next + r, piece.x(), r * inputs, piece.labels()[r]);
            }
            next += piece.rows();
        }
        if (block != null) {
            complete(block, next);
        }
        return out;
    }

    private static void complete(ShardBlock block, int rows) {
        if (rows != block.rows()) {
            throw new IllegalStateException("shard " + block.shard() + " received " + rows + " of its " + block.rows()
                    + " examples: the input changed while it was laid out (an input partition read again gave other "
                    + "rows); make its order deterministic");
        }
    }

    /** The number of examples of shard {@code t} of {@code shards} among {@code n}. */
    static int shardSize(long n, int shards, int t) {
        return (int) (n / shards + (t < n % shards ? 1 : 0));
    }

    /** Copies a vector's values into {@code x[off, off + size)} as floats. */
    static void dense(Vector v, float[] x, int off) {
        if (v instanceof DenseVector d) {
            double[] values = d.values();
            for (int i = 0; i < values.length; i++) {
                x[off + i] = (float) values[i];
            }
        } else {
            SparseVector s = (SparseVector) v;
            java.util.Arrays.fill(x, off, off + s.size(), 0f);
            int[] idx = s.indices();
            double[] values = s.values();
            for (int k = 0; k < idx.length; k++) {
                x[off + idx[k]] = (float) values[k];
            }
        }
    }

    /** Where shard {@code t} lives: partition {@code ⌊t·P / S⌋}, contiguous runs of shards. */
    static final class ShardPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int partitions;
        private final int shards;

        ShardPartitioner(int partitions, int shards) {
            this.partitions = partitions;
            this.shards = shards;
        }

        @Override
        public int numPartitions() {
            return partitions;
        }

        @Override
        public int getPartition(Object key) {
            long t = ((Long) key) >>> 32;
            return partitionOf((int) t, partitions, shards);
        }

        static int partitionOf(int t, int partitions, int shards) {
            return (int) ((long) t * partitions / shards);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ShardPartitioner p && p.partitions == partitions && p.shards == shards;
        }

        @Override
        public int hashCode() {
            return partitions * 31 + shards;
        }
    }

    String featuresCol() {
        return featuresCol;
    }

    String labelCol() {
        return labelCol;
    }
}
