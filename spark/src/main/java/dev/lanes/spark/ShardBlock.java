package dev.lanes.spark;

import java.io.Serializable;

/**
 * One shard of the training data as it is cached on an executor: the examples
 * {@code g ≡ shard (mod shards)} of the data set, in increasing {@code g}, as float rows and
 * class labels. Row {@code j} is example {@code shard + j·shards}.
 *
 * <p>The rows are kept in chunks of {@link #CHUNK_ROWS} so that a shard may hold more than
 * {@code 2^31} floats; a micro-batch gathers its rows from them by position.
 */
final class ShardBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Rows per chunk of features. */
    static final int CHUNK_ROWS = 1 << 14;

    private final int shard;
    private final int inputs;
    private final int rows;
    private final float[][] chunks;
    private final int[] labels;

    /** An empty block for {@code rows} rows of {@code inputs} features, filled by {@link #set}. */
    ShardBlock(int shard, int inputs, int rows) {
        this.shard = shard;
        this.inputs = inputs;
        this.rows = rows;
        int n = (rows + CHUNK_ROWS - 1) / CHUNK_ROWS;
        this.chunks = new float[n][];
        for (int c = 0; c < n; c++) {
            int r = Math.min(CHUNK_ROWS, rows - c * CHUNK_ROWS);
            chunks[c] = new float[Math.multiplyExact(r, inputs)];
        }
        this.labels = new int[rows];
    }

    /** The shard's index. */
    int shard() {
        return shard;
    }

    /** The number of rows (examples). */
    int rows() {
        return rows;
    }

    /** Features per row. */
    int inputs() {
        return inputs;
    }

    /** Stores row {@code j}: {@code inputs} features from {@code x[xOff…]} and its label. */
    void set(int j, float[] x, int xOff, int label) {
        System.arraycopy(x, xOff, chunks[j / CHUNK_ROWS], (j % CHUNK_ROWS) * inputs, inputs);
        labels[j] = label;
    }

    /** Copies row {@code j}'s features to {@code dst[dstOff…]} and returns its label. */
    int get(int j, float[] dst, int dstOff) {
        System.arraycopy(chunks[j / CHUNK_ROWS], (j % CHUNK_ROWS) * inputs, dst, dstOff, inputs);
        return labels[j];
    }
}
