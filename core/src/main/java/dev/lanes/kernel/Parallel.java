package dev.lanes.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of threads that runs one range task at a time, split into contiguous chunks: the
 * way Lanes spreads a kernel over cores while keeping its bits (docs/DESIGN.md rule 5). Callers split
 * independent <em>outputs</em> (rows or columns of a product), never a sum, so the number of
 * threads cannot change a result.
 *
 * <p>The calling thread works too: a team of {@code t} threads owns {@code t − 1} daemon workers,
 * started by the constructor and stopped by {@link #close()}. {@link #forRange} allocates nothing
 * in the steady state; to stay allocation-free, pass a task object created once (not a capturing
 * lambda made per call). One {@code forRange} runs at a time; concurrent callers wait their turn.
 *
 * <p>Waiting spins before it parks: an idle worker watches for the next task for
 * {@value #SPIN_NANOS} ns after its last one, and the caller watches for the chunks it waits on
 * as long, before either parks. Waking a parked thread takes 15 to 50 µs on a virtual machine,
 * more than a whole product of a small layer; the spin keeps the team awake through the gaps
 * between the products of a training step, an optimizer step included, and costs each worker
 * a core for at most that long after the last task. A team larger than the machine's
 * processors parks at once: there a spinning thread would hold a core that another one needs.
 */
public final class Parallel implements AutoCloseable {

    /** A task over a range of indices {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        /** Runs the task on {@code [from, to)}; called once per non-empty chunk. */
        void run(int from, int to);
    }

    /** How long a waiting thread spins before it parks. */
    static final long SPIN_NANOS = 500_000;

    private final int threads;
    /** {@link #SPIN_NANOS}, or 0 when the team outnumbers the processors. */
    private final long spinNanos;
    private final Thread[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Object turn = new Object();
    private volatile long epoch;
    private volatile boolean closed;
    private Range task;
    private int n;
    private int grain;
    private Thread caller;

    /**
     * A team of {@code threads} threads (the caller and {@code threads − 1} workers).
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.threads = threads;
        this.spinNanos = threads <= Runtime.getRuntime().availableProcessors() ? SPIN_NANOS : 0;
        this.workers = new Thread[threads - 1];
        for (int i = 1; i < threads; i++) {
            int index = i;
            Thread t = new Thread(() -> work(index), "lanes-parallel-" + i);
            t.setDaemon(true);
            workers[i - 1] = t;
        }
        for (Thread t : workers) {
            t.start();
        }
    }

    /** A team of {@link Runtime#availableProcessors()} threads: the default choice. */
    public static Parallel ofAvailableProcessors() {
        return new Parallel(Runtime.getRuntime().availableProcessors());
    }

    /** The number of threads, the caller included. */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code task} over {@code [0, n)} split into at most {@link #threads()} contiguous chunks
     * whose inner boundaries are multiples of {@code grain} (give the kernel's block width, so
     * that no chunk gets a needless tail); returns when every chunk is done. Chunk {@code c} of
     * {@code u = ceil(n / grain)} units covers units {@code [u·c / t, u·(c + 1) / t)}. The calling
     * thread runs chunk 0. If a chunk throws, the others still run and the first failure is
     * rethrown here (an unchecked one as is, a checked one wrapped).
     *
     * @throws IllegalArgumentException if {@code n < 0} or {@code grain < 1}
     * @throws IllegalStateException    if the team is closed
     */
    public void forRange(int n, int grain, Range task) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        if (grain < 1) {
            throw new IllegalArgumentException("grain must be >= 1, was " + grain);
        }
        if (task == null) {
            throw new NullPointerException("task is null");
        }
        if (closed) {
            throw new IllegalStateException("this Parallel is closed");
        }
        if (threads == 1 || n <= grain) {
            if (n > 0) {
                task.run(0, n);
            }
            return;
        }
        synchronized (turn) {
            this.task = task;
            this.n = n;
            this.grain = grain;
            this.caller = Thread.currentThread();
            pending.set(threads - 1);
            epoch = epoch + 1;  // volatile write: publishes the fields above to the workers
            for (Thread t : workers) {
                LockSupport.unpark(t);
            }
            runChunk(0);
            long deadline = 0;
            for (int spins = 0; pending.get() != 0; spins++) {
                if (spins < SPIN_CHECK) {
                    Thread.onSpinWait();
                } else if (deadline == 0) {
                    deadline = System.nanoTime() + spinNanos;
                    spins = 0;
                } else if (System.nanoTime() < deadline) {
                    spins = 0;
                } else {
                    LockSupport.park(this);
                }
            }
            this.task = null;
            Throwable f = failure.getAndSet(null);
            if (f instanceof RuntimeException e) {
                throw e;
            }
            if (f instanceof Error e) {
                throw e;
            }
            if (f != null) {
                throw new IllegalStateException("a parallel chunk failed", f);
            }
        }
    }

    /** Whether {@link #close()} was called: every later {@link #forRange} throws. */
    public boolean isClosed() {
        return closed;
    }

    /** Stops the workers (they finish a running task first); later {@link #forRange} calls fail. */
    @Override
    public void close() {
        closed = true;
        for (Thread t : workers) {
            LockSupport.unpark(t);
        }
    }

    private void runChunk(int c) {
        try {
            int units = (n + grain - 1) / grain;
            int from = (int) Math.min(n, (long) grain * ((long) units * c / threads));
            int to = (int) Math.min(n, (long) grain * ((long) units * (c + 1) / threads));
            if (from < to) {
                task.run(from, to);
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    /** Spins between two looks at the clock. */
    private static final int SPIN_CHECK = 64;

    private void work(int index) {
        long seen = 0;
        while (true) {
            long e;
            long deadline = System.nanoTime() + spinNanos;
            int spins = 0;
            while ((e = epoch) == seen) {
                if (closed) {
                    return;
                }
                if (++spins < SPIN_CHECK) {
                    Thread.onSpinWait();
                } else if (System.nanoTime() < deadline) {
                    spins = 0;
                } else {
                    LockSupport.park(this);
                }
            }
            seen = e;
            runChunk(index);
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }
}
