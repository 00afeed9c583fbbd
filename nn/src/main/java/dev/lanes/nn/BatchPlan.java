package dev.lanes.nn;

/**
 * Which examples form which micro-batch of which step of an epoch (docs/DESIGN.md rule 8): a function of
 * the number of examples, the batch and micro-batch sizes and the trainer's random generator only.
 *
 * <p><b>Shards.</b> With batch size {@code B} and micro-batch size {@code µ}: if {@code B <= µ}
 * there is one shard and a batch is one micro-batch of up to {@code B} rows; otherwise {@code B}
 * is a multiple of {@code µ} and there are {@code S = B / µ} shards, each giving one micro-batch
 * of up to {@code µ} rows to every batch. Example {@code g} (its 0-based index in the data set)
 * belongs to shard {@code g mod S}.
 *
 * <p><b>An epoch.</b> {@link #shuffle(Rng)} puts every shard's examples in increasing order and
 * then shuffles shard 0, 1, …, S − 1 in turn with {@link Rng#shuffle} (with one shard this is the
 * whole data set shuffled once, as a plain mini-batch loop does). Step {@code s} takes from shard
 * {@code t} the examples at positions {@code [s·µ', (s + 1)·µ')} of its order ({@code µ'} the rows
 * a shard gives each batch), fewer or none near the end; the epoch has as many steps as the
 * largest shard needs. Micro-batch {@code t} of a step is shard {@code t}'s part, so the batch's
 * gradient is the {@link GradientTree} of the shards' micro-batch gradients in shard order.
 *
 * <p>A shard is also the unit a distributed trainer places on one machine: its examples never need
 * to move between epochs.
 */
public final class BatchPlan {
    private final int examples;
    private final int shardCount;
    private final int microRows;
    private final int[][] shards;
    private final int steps;

    /**
     * The plan for {@code examples} examples in batches of {@code batchSize} with micro-batches of
     * at most {@code microBatch} rows, its shards in increasing order (call {@link #shuffle} for
     * an epoch's order).
     *
     * @throws IllegalArgumentException if {@code examples < 0}, {@code batchSize < 1},
     *                                  {@code microBatch < 1}, or {@code batchSize > microBatch}
     *                                  and not a multiple of it
     */
    public BatchPlan(int examples, int batchSize, int microBatch) {
        if (examples < 0) {
            throw new IllegalArgumentException("examples must be >= 0, was " + examples);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        if (microBatch < 1) {
            throw new IllegalArgumentException("microBatch must be >= 1, was " + microBatch);
        }
        if (batchSize > microBatch && batchSize % microBatch != 0) {
            throw new IllegalArgumentException("batchSize " + batchSize + " must be at most microBatch "
                    + microBatch + " or a multiple of it");
        }
        this.examples = examples;
        this.shardCount = batchSize <= microBatch ? 1 : batchSize / microBatch;
        this.microRows = batchSize <= microBatch ? batchSize : microBatch;
        this.shards = new int[shardCount][];
        int longest = 0;
        for (int t = 0; t < shardCount; t++) {
            shards[t] = new int[shardSize(examples, shardCount, t)];
            longest = Math.max(longest, shards[t].length);
        }
        this.steps = (int) (((long) longest + microRows - 1) / microRows);
        resetOrder();
    }

    private static int shardSize(int examples, int shardCount, int t) {
        return examples / shardCount + (t < examples % shardCount ? 1 : 0);
    }

    /** Puts every shard's examples in increasing order: the order of an epoch without shuffling. */
    public void resetOrder() {
        for (int t = 0; t < shardCount; t++) {
            int[] shard = shards[t];
            for (int j = 0; j < shard.length; j++) {
                shard[j] = t + j * shardCount;
            }
        }
    }

    /** The order of a new epoch: {@link #resetOrder()}, then shards 0, 1, … shuffled by {@code rng} in turn. */
    public void shuffle(Rng rng) {
        java.util.Objects.requireNonNull(rng, "rng");
        resetOrder();
        for (int[] shard : shards) {
            rng.shuffle(shard, 0, shard.length);
        }
    }

    /** The examples of the data set. */
    public int examples() {
        return examples;
    }

    /** The number of shards {@code S}: micro-batches per batch. */
    public int shards() {
        return shardCount;
    }

    /** The rows a shard gives each batch (all of a batch when there is one shard). */
    public int microBatchRows() {
        return microRows;
    }

    /** The steps (batches) of an epoch. */
    public int steps() {
        return steps;
    }

    /** The number of examples in shard {@code t}. */
    public int shardSize(int t) {
        return shards[checkShard(t)].length;
    }

    /** A copy of shard {@code t}'s examples (indices into the data set) in the current order. */
    public int[] shard(int t) {
        return shards[checkShard(t)].clone();
    }

    /** Example {@code i} of shard {@code t} in the current order. */
    public int example(int t, int i) {
        int[] shard = shards[checkShard(t)];
        if (i < 0 || i >= shard.length) {
            throw new IndexOutOfBoundsException("i must be in [0, " + shard.length + "), was " + i);
        }
        return shard[i];
    }

    /** The position in shard {@code t}'s order of the first row of its micro-batch in step {@code step}. */
    public int start(int step, int t) {
        checkStep(step);
        checkShard(t);
        return Math.min(step * microRows, shards[t].length);
    }

    /** The rows of micro-batch {@code t} in step {@code step}: 0 when the shard is used up. */
    public int rows(int step, int t) {
        checkStep(step);
        int left = shards[checkShard(t)].length - step * microRows;
        return Math.max(0, Math.min(microRows, left));
    }

    /** The rows of batch {@code step}: the sum of its micro-batches' rows. */
    public int batchRows(int step) {
        int rows = 0;
        for (int t = 0; t < shardCount; t++) {
            rows += rows(step, t);
        }
        return rows;
    }

    private int checkShard(int t) {
        if (t < 0 || t >= shardCount) {
            throw new IndexOutOfBoundsException("shard must be in [0, " + shardCount + "), was " + t);
        }
        return t;
    }

    private void checkStep(int step) {
        if (step < 0 || step >= steps) {
            throw new IndexOutOfBoundsException("step must be in [0, " + steps + "), was " + step);
        }
    }
}
