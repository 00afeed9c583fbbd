package dev.lanes.spark;

import dev.lanes.kernel.Kernels;
import dev.lanes.nn.Activation;
import dev.lanes.nn.GradientTree;
import dev.lanes.nn.Loss;
import dev.lanes.nn.Mlp;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.VoidFunction;

/**
 * The body of a training task on an executor: it holds the shards of its partitions, connects to
 * the driver and, for every step the driver sends, computes the gradient-tree nodes of its
 * micro-batches at the driver's weights and sends them back, until the driver says stop.
 *
 * <p>A step's answer depends only on the weights, the epoch's order and the cached rows, so a
 * retried or speculative copy of the task computes the same bits; the driver takes whichever
 * copy answers for a shard.
 *
 * <p>For tests, the local property {@value #FAIL_ONCE} {@code = "partition:epoch:step"} makes the
 * first attempt of that task fail when it is asked for that step (Spark then retries it).
 */
final class ShardWorker implements VoidFunction<Iterator<ShardBlock>> {
    private static final long serialVersionUID = 1L;

    /** Local property for fault-injection tests: {@code "partition:epoch:step"}. */
    static final String FAIL_ONCE = "lanes.spark.test.failOnce";

    private final String host;
    private final int port;
    private final long token;
    private final int[] sizes;
    private final String[] activations;
    private final int threads;

    ShardWorker(String host, int port, long token, int[] sizes, String[] activations, int threads) {
        this.host = host;
        this.port = port;
        this.token = token;
        this.sizes = sizes;
        this.activations = activations;
        this.threads = threads;
    }

    @Override
    public void call(Iterator<ShardBlock> it) throws IOException {
        List<ShardBlock> blocks = new ArrayList<>();
        it.forEachRemaining(blocks::add);
        blocks.sort(Comparator.comparingInt(ShardBlock::shard));
        if (blocks.isEmpty()) {
            return;
        }
        TaskContext task = TaskContext.get();
        int[] failAt = failAt(task);
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 60_000);
        try (Wire wire = new Wire(socket)) {
            wire.writeInt(Wire.HELLO);
            wire.writeLong(token);
            wire.writeInt(task == null ? -1 : task.partitionId());
            wire.writeInt(task == null ? 0 : task.attemptNumber());
            wire.writeInt(blocks.size());
            for (ShardBlock b : blocks) {
                wire.writeInt(b.shard());
                wire.writeInt(b.rows());
            }
            wire.flush();
            new Loop(wire, blocks, failAt).run();
        }
    }

    private int[] failAt(TaskContext task) {
        String p = task == null ? null : task.getLocalProperty(FAIL_ONCE);
        if (p == null || task.attemptNumber() > 0) {
            return null;
        }
        String[] f = p.split(":");
        return Integer.parseInt(f[0]) == task.partitionId()
                ? new int[] {Integer.parseInt(f[1]), Integer.parseInt(f[2])} : null;
    }

    /** The network for micro-batches of up to {@code maxBatch} rows (its weights come with each step). */
    private Mlp network(int maxBatch) {
        Mlp.Builder b = Mlp.builder(sizes[0]).kernels(Kernels.best()).threads(threads).maxBatch(maxBatch);
        for (int l = 1; l < sizes.length - 1; l++) {
            b.hidden(sizes[l], Activation.parse(activations[l - 1]));
        }
        return b.output(sizes[sizes.length - 1], Loss.SOFTMAX_CROSS_ENTROPY).build();
    }

    /** The message loop of one connection. */
    private final class Loop {
        private final Wire wire;
        private final List<ShardBlock> blocks;
        private final int[] failAt;
        private final int[][] orders;
        private final int[] pos;
        private final int[] level;
        private Mlp mlp;
        private int microRows;
        private int epoch;
        private float[] xb;
        private int[] lb;
        private float[] node;
        private float[] loss;
        private GradientTree tree;

        Loop(Wire wire, List<ShardBlock> blocks, int[] failAt) {
            this.wire = wire;
            this.blocks = blocks;
            this.failAt = failAt;
            this.orders = new int[blocks.size()][];
            for (int b = 0; b < blocks.size(); b++) {
                orders[b] = new int[blocks.get(b).rows()];
            }
            this.pos = new int[TreeNodes.MAX_PER_RUN * blocks.size()];
            this.level = new int[pos.length];
        }

        void run() throws IOException {
            try {
                while (true) {
                    int type;
                    try {
                        type = wire.readInt();
                    } catch (EOFException e) {
                        return;
                    }
                    switch (type) {
                        case Wire.EPOCH -> epoch();
                        case Wire.STEP -> step();
                        case Wire.STOP -> {
                            return;
                        }
                        default -> throw new IOException("unknown message " + type + " from the driver");
                    }
                }
            } finally {
                if (mlp != null) {
                    mlp.close();
                }
            }
        }

        private void epoch() throws IOException {
            epoch = wire.readInt();
            int rows = wire.readInt();
            int shards = wire.readInt();
            for (int b = 0; b < blocks.size(); b++) {
                int n = wire.readInt();
                if (n != orders[b].length) {
                    throw new IOException("the driver sent " + n + " positions for shard " + blocks.get(b).shard()
                            + ", which holds " + orders[b].length + " rows");
                }
                wire.readInts(orders[b], 0, n, () -> { });
            }
            if (rows != microRows) {
                microRows = rows;
                if (mlp != null) {
                    mlp.close();
                }
                mlp = network(rows);
                int inputs = sizes[0];
                xb = new float[rows * inputs];
                lb = new int[rows];
                node = new float[mlp.parameterCount()];
                loss = new float[rows * blocks.size()];
                tree = new GradientTree(mlp.kernels(), mlp.parameterCount(), shards);
            }
        }

        private int rows(int b, int step) {
            int left = orders[b].length - step * microRows;
            return Math.max(0, Math.min(microRows, left));
        }

        private void step() throws IOException {
            int e = wire.readInt();
            int step = wire.readInt();
            int batchRows = wire.readInt();
            int m = wire.readInt();
            if (mlp == null) {
                throw new IOException("the driver sent a step before the first epoch");
            }
            wire.readFloats(mlp.parameterArray(), 0, mlp.parameterCount(), () -> { });
            if (e != epoch) {
                throw new IOException("the driver asked for step " + step + " of epoch " + e + " during epoch " + epoch);
            }
            if (failAt != null && failAt[0] == epoch && failAt[1] == step) {
                throw new IllegalStateException("injected failure at epoch " + epoch + ", step " + step + " ("
                        + FAIL_ONCE + ")");
            }
            // runs of consecutive shards, cut at m, split into tree nodes
            int nodes = 0;
            int b = 0;
            while (b < blocks.size()) {
                int a = blocks.get(b).shard();
                int end = b + 1;
                while (end < blocks.size() && blocks.get(end).shard() == blocks.get(end - 1).shard() + 1) {
                    end++;
                }
                int hi = Math.min(blocks.get(end - 1).shard() + 1, m);
                if (a < hi) {
                    nodes = TreeNodes.split(a, hi, m, pos, level, nodes);
                }
                b = end;
            }
            wire.writeInt(Wire.RESULT);
            wire.writeInt(epoch);
            wire.writeInt(step);
            wire.writeInt(nodes);
            int correct = 0;
            for (int k = 0; k < nodes; k++) {
                int p = pos[k];
                int q = Math.min(p + (1 << level[k]), m);
                int firstBlock = blockOf(p);
                int rows = 0;
                for (int t = p; t < q; t++) {
                    rows += rows(firstBlock + (t - p), step);
                }
                int at = 0;
                if (q - p == 1) {
                    correct += leaf(firstBlock, step, batchRows, node, at);
                    at += rows(firstBlock, step);
                } else {
                    for (int t = p; t < q; t++) {
                        int blk = firstBlock + (t - p);
                        correct += leaf(blk, step, batchRows, tree.buffer(), at);
                        tree.push(0);
                        at += rows(blk, step);
                    }
                    tree.finish(node, 0);
                }
                wire.writeInt(p);
                wire.writeInt(level[k]);
                wire.writeInt(rows);
                wire.writeFloats(loss, 0, rows);
                wire.writeFloats(node, 0, node.length);
            }
            wire.writeInt(correct);
            wire.flush();
        }

        /** The block holding shard {@code t} (the blocks are sorted by shard). */
        private int blockOf(int t) {
            int lo = 0;
            int hi = blocks.size() - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (blocks.get(mid).shard() < t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** Micro-batch of block {@code b} at {@code step}: its gradient into {@code grad}, its losses at {@code loss[at…]}. */
        private int leaf(int b, int step, int batchRows, float[] grad, int at) {
            ShardBlock block = blocks.get(b);
            int[] order = orders[b];
            int rows = rows(b, step);
            int start = step * microRows;
            int inputs = sizes[0];
            for (int r = 0; r < rows; r++) {
                lb[r] = block.get(order[start + r], xb, r * inputs);
            }
            return mlp.microBatchGradient(xb, 0, lb, 0, rows, batchRows, grad, 0, loss, at);
        }
    }
}
