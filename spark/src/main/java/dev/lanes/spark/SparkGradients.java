package dev.lanes.spark;

import dev.lanes.nn.BatchPlan;
import dev.lanes.nn.GradientTree;
import dev.lanes.nn.Loss;
import dev.lanes.nn.Mlp;
import dev.lanes.nn.Trainer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jdk.net.ExtendedSocketOptions;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gradients of a {@link Trainer} computed by the executors of a Spark cluster: synchronous
 * data-parallel training whose result does not depend on the cluster.
 *
 * <p><b>The result.</b> Each batch's gradient is the {@link GradientTree} of its micro-batch
 * gradients (DESIGN rules 7 and 8), whichever executor computed which micro-batch, in whatever
 * order the tasks finished, and however often a task was retried: the trained weights are a
 * function of the data, its order, the seed and the settings only, and equal bit for bit those of
 * a single-JVM {@code Trainer.fit(Dataset, …)} with the same settings.
 *
 * <p><b>How.</b>
 * <ol>
 * <li>{@link Builder#build()} checks and counts the rows (one Spark job); a bad row stops it with
 *     the column, the row's index and what is wrong.
 * <li>At the first epoch, when the trainer's {@link BatchPlan} fixes the number of shards
 *     {@code S}, every row moves to its shard ({@code g mod S}, {@code g} its index in the
 *     input's order) in one shuffle; the shards are cached on the executors as float blocks,
 *     {@code P} partitions of contiguous shards ({@code P} = the input's partitions, at most
 *     {@code S}).
 * <li>One long-running job then starts {@code W = min(P, maxConcurrentTasks)} tasks (the
 *     partitions coalesced), and each connects back to a socket on the driver. Per epoch the
 *     driver sends each task the epoch's order of its shards (a few ints per example); per step
 *     it sends the current weights, each task computes the micro-batches of its shards with
 *     {@link Mlp#microBatchGradient} and adds up every aligned run of them into tree nodes
 *     itself, and the driver pushes all nodes, in micro-batch order, into its
 *     {@code GradientTree}. The {@code Trainer} then steps the optimizer on the driver: epochs,
 *     schedules, listeners and checkpoints are the single-JVM code.
 * </ol>
 *
 * <p><b>Why a socket and long-running tasks.</b> A Spark job per step costs far more than a step:
 * measured here ({@code local[2]}, a 940 KB network, the median of 200 steps), an empty job took
 * 10-16 ms, a job shipping the weights (broadcast or closure) and collecting a gradient from each
 * of two tasks 24-36 ms, while the same exchange over the tasks' own sockets took 1.3 ms, against
 * 1.6 ms for a whole training step of 128 rows on two cores. Barrier execution would give the tasks
 * a gang start, but it needs one task per partition running at once and offers only string
 * messages between tasks; the driver would not be in the loop.
 *
 * <p><b>Failures.</b> A task that fails is retried by Spark; its new attempt reads its cached
 * shards (or Spark recomputes them from the shuffle), connects, and the driver sends it the
 * epoch's order and the step again: it computes the same nodes. Copies of a task (speculation)
 * wait as stand-bys and take over if the serving copy's connection fails. The driver gives up
 * when the job fails (a task failed {@code spark.task.maxFailures} times), naming the cause.
 *
 * <p><b>Requirements.</b> All {@code W} tasks must run at the same time: a cluster with fewer free
 * task slots makes the start wait ({@link Builder#startTimeout}). The executors connect to the
 * driver's {@code spark.driver.host} on an ephemeral port ({@code spark.lanes.driver.port} fixes
 * it); the channel carries weights and gradients unencrypted, with a random token per training
 * to keep strangers out. Executors compute with {@code Kernels.best()}: start them with
 * {@code --add-modules jdk.incubator.vector} for SIMD (the bits are the same without it).
 *
 * <p>Not thread-safe: the trainer calls it from one thread. Close it to end the job.
 */
public final class SparkGradients implements Trainer.GradientSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SparkGradients.class);
    /** How long a blocked read waits before checking on the job. */
    private static final int POLL_MILLIS = 200;

    private final JavaSparkContext sc;
    private final TrainingData data;
    private final Mlp mlp;
    private final int threads;
    private final int partitionsWanted;
    private final int maxTasks;
    private final Duration startTimeout;
    private final int examples;

    private BatchPlan plan;
    private int shards;
    private int microRows;
    private int needed;
    private int partitions;
    private int tasks;
    private int epoch;
    private JavaRDD<ShardBlock> layout;
    private ServerSocket server;
    private Thread acceptor;
    private final BlockingQueue<Conn> arrivals = new LinkedBlockingQueue<>();
    private final List<Conn> standby = new ArrayList<>();
    private final List<Conn> conns = new ArrayList<>();
    private Conn[] owner;
    private long token;
    private JavaFutureAction<Void> job;
    private GradientTree tree;
    private Wire.Encoded weights;
    private final List<Conn> asked = new ArrayList<>();
    private int[] rowOff;
    private int serial;
    private int[] order;
    private Conn[] sortConn;
    private int[] sortNode;
    private boolean closed;

    private SparkGradients(Builder b, TrainingData data) {
        this.sc = JavaSparkContext.fromSparkContext(b.data.sparkSession().sparkContext());
        this.data = data;
        this.mlp = b.mlp;
        this.threads = b.threadsPerTask;
        this.partitionsWanted = b.partitions;
        this.maxTasks = b.maxConcurrentTasks;
        this.startTimeout = b.startTimeout;
        this.examples = (int) data.examples();
    }

    /**
     * A source training {@code mlp} (a softmax classifier, the one given to the {@code Trainer})
     * on {@code data}: a vector column of {@code mlp.inputs()} features and a numeric column of
     * class indices in {@code [0, mlp.outputs())}.
     */
    public static Builder builder(Dataset<Row> data, Mlp mlp) {
        return new Builder(data, mlp);
    }

    @Override
    public int examples() {
        return examples;
    }

    /** The number of partitions the shards are cached in (0 before the first epoch). */
    public int partitions() {
        return partitions;
    }

    /** The number of training tasks (0 before the first epoch). */
    public int tasks() {
        return tasks;
    }

    @Override
    public void beginEpoch(int epoch, BatchPlan plan) throws IOException {
        if (closed) {
            throw new IllegalStateException("this source is closed");
        }
        if (plan.examples() != examples) {
            throw new IllegalArgumentException("the plan is for " + plan.examples() + " examples, the data has "
                    + examples);
        }
        if (this.plan == null) {
            start(plan);
        } else if (plan.shards() != shards || plan.microBatchRows() != microRows) {
            throw new IllegalArgumentException("the plan changed its shards (" + shards + " -> " + plan.shards()
                    + ") or micro-batch rows (" + microRows + " -> " + plan.microBatchRows() + ") between epochs");
        }
        this.plan = plan;
        this.epoch = epoch;
        for (Conn c : List.copyOf(conns)) {
            try {
                sendEpoch(c);
            } catch (IOException e) {
                drop(c, e);
            }
        }
    }

    @Override
    public int gradient(int step, float[] rowLoss) throws IOException {
        if (plan == null) {
            throw new IllegalStateException("gradient before beginEpoch");
        }
        int m = 0;
        int rows = 0;
        while (m < shards && plan.rows(step, m) > 0) {
            rowOff[m] = rows;
            rows += plan.rows(step, m);
            m++;
        }
        int batchRows = plan.batchRows(step);
        if (rows != batchRows) {
            throw new IllegalStateException("the plan's non-empty micro-batches of step " + step + " are not its first "
                    + m);
        }
        serial++;
        weights.encode(mlp.parameterArray(), mlp.parameterCount());
        asked.clear();
        for (int t = 0; t < m; t++) {
            Conn c = owner[t];
            if (c != null && !asked.contains(c)) {
                asked.add(c);
            }
        }
        for (int i = 0; i < asked.size(); i++) {
            Conn c = asked.get(i);
            try {
                sendStep(c, step, batchRows, m);
            } catch (IOException e) {
                drop(c, e);
            }
        }
        while (true) {
            for (int i = 0; i < asked.size(); i++) {
                Conn c = asked.get(i);
                if (c.alive && c.answered != serial) {
                    try {
                        receive(c, step, m, rowLoss);
                    } catch (IOException e) {
                        drop(c, e);
                    }
                }
            }
            boolean complete = true;
            for (int t = 0; t < m; t++) {
                if (owner[t] == null || owner[t].answered != serial) {
                    complete = false;
                    break;
                }
            }
            if (complete) {
                break;
            }
            List<Conn> fresh = awaitOwners(m, System.nanoTime() + startTimeout.toNanos());
            for (Conn c : fresh) {
                try {
                    sendEpoch(c);
                    sendStep(c, step, batchRows, m);
                    if (!asked.contains(c)) {
                        asked.add(c);
                    }
                } catch (IOException e) {
                    drop(c, e);
                }
            }
        }
        return combine(m);
    }

    /** Pushes the step's nodes into the tree in micro-batch order; returns the rows classified correctly. */
    private int combine(int m) {
        int count = 0;
        int correct = 0;
        for (int j = 0; j < conns.size(); j++) {
            Conn c = conns.get(j);
            if (c.answered != serial) {
                continue;
            }
            correct += c.correct;
            for (int k = 0; k < c.nodes; k++) {
                // insertion by position: a few nodes per task
                int i = count++;
                while (i > 0 && sortConn[i - 1].pos[sortNode[i - 1]] > c.pos[k]) {
                    sortConn[i] = sortConn[i - 1];
                    sortNode[i] = sortNode[i - 1];
                    i--;
                }
                sortConn[i] = c;
                sortNode[i] = k;
            }
        }
        int next = 0;
        for (int i = 0; i < count; i++) {
            Conn c = sortConn[i];
            int k = sortNode[i];
            if (c.pos[k] != next) {
                throw new IllegalStateException("the tasks' nodes do not tile micro-batches [0, " + m + "): expected one at "
                        + next + ", got " + c.pos[k]);
            }
            next = (int) Math.min((long) next + (1L << c.level[k]), m);
        }
        if (next != m) {
            throw new IllegalStateException("the tasks' nodes cover micro-batches [0, " + next + ") of [0, " + m + ")");
        }
        int length = mlp.parameterCount();
        if (count == 1) {
            sortConn[0].grads[sortNode[0]].decode(mlp.gradientArray(), 0, length);
        } else {
            for (int i = 0; i < count; i++) {
                Conn c = sortConn[i];
                c.grads[sortNode[i]].decode(tree.buffer(), 0, length);
                tree.push(c.level[sortNode[i]]);
            }
            tree.finish(mlp.gradientArray(), 0);
        }
        return correct;
    }

    // ---------------------------------------------------------------- start

    private void start(BatchPlan plan) throws IOException {
        shards = plan.shards();
        microRows = plan.microBatchRows();
        needed = (int) Math.min(shards, examples);
        owner = new Conn[shards];
        rowOff = new int[shards];
        order = new int[0];
        if (needed == 0) {
            data.release();
            return;
        }
        tree = new GradientTree(mlp.kernels(), mlp.parameterCount(), shards);
        weights = new Wire.Encoded(mlp.parameterCount());
        int wanted = partitionsWanted > 0 ? partitionsWanted : data.inputPartitions();
        partitions = Math.max(1, Math.min(wanted, needed));
        long t0 = System.nanoTime();
        layout = data.layout(shards, partitions);
        try {
            checkLayout();
        } finally {
            // the shards are cached (or failed): the converted input is no longer needed
            data.release();
        }
        long t1 = System.nanoTime();
        int slots = maxTasks > 0 ? maxTasks : sc.defaultParallelism();
        tasks = Math.max(1, Math.min(partitions, slots));
        sortConn = new Conn[TreeNodes.MAX_PER_RUN * Math.max(needed, 1)];
        sortNode = new int[sortConn.length];
        boolean local = sc.master().startsWith("local");
        InetAddress bind = local ? InetAddress.getLoopbackAddress()
                : sc.getConf().contains("spark.driver.bindAddress")
                ? InetAddress.getByName(sc.getConf().get("spark.driver.bindAddress")) : null;
        String host = local ? InetAddress.getLoopbackAddress().getHostAddress() : sc.getConf().get("spark.driver.host");
        server = new ServerSocket();
        server.bind(new InetSocketAddress(bind, sc.getConf().getInt("spark.lanes.driver.port", 0)), 64);
        token = new SecureRandom().nextLong();
        acceptor = Thread.ofPlatform().daemon().name("lanes-spark-acceptor").start(this::accept);
        String[] activations = new String[mlp.layers() - 1];
        for (int l = 0; l < activations.length; l++) {
            activations[l] = mlp.activation(l).toString();
        }
        ShardWorker worker = new ShardWorker(host, server.getLocalPort(), token, mlp.sizes(), activations, threads);
        String before = sc.getLocalProperty("spark.job.description");
        sc.setJobDescription("Lanes training: " + shards + " shards in " + partitions + " partitions, " + tasks
                + " tasks");
        try {
            job = layout.coalesce(tasks).foreachPartitionAsync(worker);
        } finally {
            sc.setLocalProperty("spark.job.description", before);
        }
        awaitOwners(needed, System.nanoTime() + startTimeout.toNanos());
        LOG.info("Lanes training on Spark: {} examples, {} shards of up to {} rows per step, {} partitions, {} tasks; "
                + "laid out in {} s, tasks connected {} s later", examples, shards, microRows, partitions, tasks,
                String.format(java.util.Locale.ROOT, "%.2f", (t1 - t0) * 1e-9),
                String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - t1) * 1e-9));
    }

    /** Materializes the cached shards and checks that every shard is there once, whole. */
    private void checkLayout() {
        List<int[]> found = layout.map(b -> new int[] {b.shard(), b.rows()}).collect();
        int[] rows = new int[needed];
        java.util.Arrays.fill(rows, -1);
        for (int[] f : found) {
            if (f[0] >= needed || rows[f[0]] >= 0) {
                throw new IllegalStateException("shard " + f[0] + " is laid out twice or was not expected");
            }
            rows[f[0]] = f[1];
        }
        for (int t = 0; t < needed; t++) {
            if (rows[t] != TrainingData.shardSize(examples, shards, t)) {
                throw new IllegalStateException("shard " + t + " holds " + rows[t] + " rows, expected "
                        + TrainingData.shardSize(examples, shards, t));
            }
        }
    }

    /** The acceptor thread: greets each connection and queues it for the training thread. */
    private void accept() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            try {
                s.setSoTimeout(30_000);
                Wire w = new Wire(s);
                if (w.readInt() != Wire.HELLO || w.readLong(() -> { }) != token) {
                    LOG.warn("Lanes training: dropped a connection from {} without the training's token",
                            s.getRemoteSocketAddress());
                    w.close();
                    continue;
                }
                int task = w.readInt();
                int attempt = w.readInt();
                int n = w.readInt();
                if (n < 1 || n > shards) {
                    w.close();
                    continue;
                }
                int[] held = new int[n];
                int[] rows = new int[n];
                for (int i = 0; i < n; i++) {
                    held[i] = w.readInt();
                    rows[i] = w.readInt();
                }
                s.setSoTimeout(POLL_MILLIS);
                keepAlive(s);
                arrivals.add(new Conn(w, task, attempt, held, rows));
            } catch (IOException e) {
                LOG.warn("Lanes training: a task's greeting failed: {}", e.toString());
                try {
                    s.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
        }
    }

    /** Probes an idle connection after 30 s so that a vanished executor does not hold a read forever. */
    private static void keepAlive(Socket s) {
        try {
            s.setKeepAlive(true);
            if (s.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPIDLE)) {
                s.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, 30);
                s.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, 10);
                s.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, 3);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("keep-alive not tuned: {}", e.toString());
        }
    }

    /**
     * Waits until every shard below {@code upTo} has a live owner; returns the connections adopted.
     *
     * @throws IOException if the job fails or ends, or the deadline passes
     */
    private List<Conn> awaitOwners(int upTo, long deadline) throws IOException {
        List<Conn> adopted = new ArrayList<>();
        while (true) {
            absorb(adopted);
            int missing = 0;
            for (int t = 0; t < upTo; t++) {
                if (owner[t] == null) {
                    missing++;
                }
            }
            if (missing == 0) {
                return adopted;
            }
            checkJob();
            if (System.nanoTime() > deadline) {
                throw new IOException("waited " + startTimeout.toSeconds() + " s for the training tasks: " + missing
                        + " of " + upTo + " shards have no task connected. All " + tasks + " tasks must run at once; "
                        + "the cluster may have fewer free task slots (give fewer partitions, or more executors)");
            }
            try {
                Conn c = arrivals.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (c != null) {
                    // back in the queue for absorb, which takes them in order
                    arrivals.add(c);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the training tasks", e);
            }
        }
    }

    /** Takes in the queued connections: owners of unowned shards, stand-bys otherwise. */
    private void absorb(List<Conn> adopted) throws IOException {
        Conn c;
        while ((c = arrivals.poll()) != null) {
            for (int i = 0; i < c.shards.length; i++) {
                int t = c.shards[i];
                if (t < 0 || t >= needed || c.rows[i] != TrainingData.shardSize(examples, shards, t)) {
                    c.wire.close();
                    throw new IOException("task " + c.task + " announced shard " + t + " of " + c.rows[i]
                            + " rows, which this training does not have");
                }
            }
            standby.add(c);
        }
        for (int i = 0; i < standby.size(); i++) {
            Conn s = standby.get(i);
            boolean free = true;
            for (int t : s.shards) {
                if (owner[t] != null) {
                    free = false;
                    break;
                }
            }
            if (free) {
                standby.remove(i--);
                for (int t : s.shards) {
                    owner[t] = s;
                }
                s.allocate();
                conns.add(s);
                adopted.add(s);
                if (s.attempt > 0) {
                    LOG.info("Lanes training: task {} attempt {} took over shards {}..{}", s.task, s.attempt,
                            s.shards[0], s.shards[s.shards.length - 1]);
                }
            }
        }
    }

    private void checkJob() throws IOException {
        if (job == null || !job.isDone()) {
            return;
        }
        try {
            job.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IOException("the training job failed: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.CancellationException e) {
            throw new IOException("the training job was cancelled", e);
        }
        throw new IOException("the training tasks ended before the training did");
    }

    private void drop(Conn c, IOException why) {
        c.alive = false;
        c.wire.close();
        conns.remove(c);
        for (int t : c.shards) {
            if (owner[t] == c) {
                owner[t] = null;
            }
        }
        LOG.warn("Lanes training: lost task {} (attempt {}) holding shards {}..{}: {}; waiting for Spark to run it again",
                c.task, c.attempt, c.shards[0], c.shards[c.shards.length - 1], why.toString());
    }

    // ---------------------------------------------------------------- messages

    private void sendEpoch(Conn c) throws IOException {
        Wire w = c.wire;
        w.writeInt(Wire.EPOCH);
        w.writeInt(epoch);
        w.writeInt(microRows);
        w.writeInt(shards);
        for (int t : c.shards) {
            int n = plan.shardSize(t);
            if (order.length < n) {
                order = new int[n];
            }
            for (int i = 0; i < n; i++) {
                // position of the example within its shard: g = t + j·S
                order[i] = plan.example(t, i) / shards;
            }
            w.writeInt(n);
            w.writeInts(order, 0, n);
        }
        w.flush();
    }

    private void sendStep(Conn c, int step, int batchRows, int m) throws IOException {
        Wire w = c.wire;
        w.writeInt(Wire.STEP);
        w.writeInt(epoch);
        w.writeInt(step);
        w.writeInt(batchRows);
        w.writeInt(m);
        w.write(weights, mlp.parameterCount());
        w.flush();
    }

    private void receive(Conn c, int step, int m, float[] rowLoss) throws IOException {
        Wire w = c.wire;
        Wire.Liveness live = this::checkJob;
        int type = w.readInt(live);
        int e = w.readInt(live);
        int s = w.readInt(live);
        if (type != Wire.RESULT || e != epoch || s != step) {
            throw new IOException("task " + c.task + " answered message " + type + " for epoch " + e + ", step " + s
                    + "; expected a result for epoch " + epoch + ", step " + step);
        }
        int nodes = w.readInt(live);
        if (nodes < 0 || nodes > c.pos.length) {
            throw new IOException("task " + c.task + " sent " + nodes + " nodes");
        }
        int length = mlp.parameterCount();
        for (int k = 0; k < nodes; k++) {
            int p = w.readInt(live);
            int level = w.readInt(live);
            int rows = w.readInt(live);
            if (p < 0 || p >= m || level < 0 || level > 30 || rows < 0 || rows > rowLoss.length - rowOff[p]) {
                throw new IOException("task " + c.task + " sent a bad node (" + p + ", " + level + ", " + rows + ")");
            }
            c.pos[k] = p;
            c.level[k] = level;
            w.readFloats(rowLoss, rowOff[p], rows, live);
            if (c.grads[k] == null) {
                c.grads[k] = new Wire.Encoded(length);
            }
            w.read(c.grads[k], length, live);
        }
        c.nodes = nodes;
        c.correct = w.readInt(live);
        c.answered = serial;
    }

    /**
     * Ends the training job: tells every task to stop, waits a little for them, then cancels what
     * is left, closes the driver's socket and frees the cached shards.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Conn> all = new ArrayList<>(conns);
        all.addAll(standby);
        Conn c;
        while ((c = arrivals.poll()) != null) {
            all.add(c);
        }
        for (Conn x : all) {
            try {
                x.wire.writeInt(Wire.STOP);
                x.wire.flush();
            } catch (IOException ignored) {
                // the task is gone already
            }
        }
        if (job != null) {
            try {
                job.get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                job.cancel(true);
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                LOG.debug("the training job ended with {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                job.cancel(true);
            }
        }
        for (Conn x : all) {
            x.wire.close();
        }
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
        if (layout != null) {
            layout.unpersist(false);
        } else {
            data.release();
        }
    }

    /** A task's connection and its answer to the current step. */
    private static final class Conn {
        final Wire wire;
        final int task;
        final int attempt;
        final int[] shards;
        final int[] rows;
        boolean alive = true;
        int answered;
        int nodes;
        int correct;
        int[] pos;
        int[] level;
        Wire.Encoded[] grads;

        Conn(Wire wire, int task, int attempt, int[] shards, int[] rows) {
            this.wire = wire;
            this.task = task;
            this.attempt = attempt;
            this.shards = shards;
            this.rows = rows;
        }

        void allocate() {
            int max = TreeNodes.MAX_PER_RUN * shards.length;
            pos = new int[max];
            level = new int[max];
            // node buffers are made on first use: most tasks send one or two nodes
            grads = new Wire.Encoded[max];
        }
    }

    /** Configures a {@link SparkGradients}. */
    public static final class Builder {
        private final Dataset<Row> data;
        private final Mlp mlp;
        private String featuresCol = "features";
        private String labelCol = "label";
        private int threadsPerTask = 1;
        private int partitions;
        private int maxConcurrentTasks;
        private Duration startTimeout = Duration.ofMinutes(10);

        private Builder(Dataset<Row> data, Mlp mlp) {
            this.data = Objects.requireNonNull(data, "data");
            this.mlp = Objects.requireNonNull(mlp, "mlp");
        }

        /** The column of feature vectors (default {@code "features"}). */
        public Builder featuresCol(String name) {
            this.featuresCol = Objects.requireNonNull(name, "featuresCol");
            return this;
        }

        /** The column of class indices (default {@code "label"}). */
        public Builder labelCol(String name) {
            this.labelCol = Objects.requireNonNull(name, "labelCol");
            return this;
        }

        /** Threads of each task's network (default 1; match it with {@code spark.task.cpus}); the bits do not depend on it. */
        public Builder threadsPerTask(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threadsPerTask must be >= 1, was " + threads);
            }
            this.threadsPerTask = threads;
            return this;
        }

        /**
         * Partitions to cache the shards in (default 0: the input's number of partitions); never more
         * than the shards. The bits do not depend on it.
         */
        public Builder partitions(int partitions) {
            if (partitions < 0) {
                throw new IllegalArgumentException("partitions must be >= 0, was " + partitions);
            }
            this.partitions = partitions;
            return this;
        }

        /**
         * The most training tasks to run at once (default 0: {@code spark.default.parallelism}, the
         * cluster's cores); partitions beyond it are grouped into fewer tasks. The bits do not depend
         * on it.
         */
        public Builder maxConcurrentTasks(int tasks) {
            if (tasks < 0) {
                throw new IllegalArgumentException("maxConcurrentTasks must be >= 0, was " + tasks);
            }
            this.maxConcurrentTasks = tasks;
            return this;
        }

        /** How long to wait for all training tasks to connect (default 10 minutes). */
        public Builder startTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive, was " + timeout);
            }
            this.startTimeout = timeout;
            return this;
        }

        /**
         * Checks every row (one Spark job) and returns the source.
         *
         * @throws IllegalArgumentException naming the column, the first bad row's index in the
         *                                  input's order and what is wrong, or if the network is not
         *                                  a softmax classifier
         */
        public SparkGradients build() {
            if (mlp.loss() != Loss.SOFTMAX_CROSS_ENTROPY) {
                throw new IllegalArgumentException("Spark training needs a classifier (softmax cross-entropy); the "
                        + "network's loss is " + mlp.loss());
            }
            long start = System.nanoTime();
            TrainingData checked = TrainingData.check(data, featuresCol, labelCol, mlp.inputs(), mlp.outputs());
            LOG.info("Lanes training on Spark: {} rows in {} partitions checked in {} s", checked.examples(),
                    checked.inputPartitions(), String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - start) * 1e-9));
            return new SparkGradients(this, checked);
        }
    }
}
