package dev.lanes.kernel;

import dev.lanes.kernel.internal.MatrixChecks;

/**
 * The products of an MLP layer spread over a {@link Parallel} team: each call checks the whole
 * problem, then hands every thread its own block of <em>outputs</em> (rows or columns) and calls
 * the {@link Kernels} kernel on it. Every output element keeps its one accumulator and index
 * order, so the result has the same bits for any number of threads (DESIGN rule 5).
 *
 * <p>Allocation-free: the tasks are created once, with the object. One call runs at a time (the
 * methods are synchronized); the kernels and the team may be shared with other users.
 */
public final class ParallelKernels {
    /**
     * Column blocks are multiples of 32 = the vector kernels' panel of 2 vectors at every width up
     * to 512 bits (and halves 128 or 256 columns evenly between two threads).
     */
    private static final int COLUMN_GRAIN = 32;
    /** Row blocks are multiples of the register block's 4 rows. */
    private static final int ROW_GRAIN = 4;

    private final Kernels kernels;
    private final Parallel parallel;

    // The arguments of the call in progress, read by the tasks.
    private float[] a;
    private int aOff;
    private int lda;
    private float[] b;
    private int bOff;
    private int ldb;
    private float[] bias;
    private int biasOff;
    private float[] c;
    private int cOff;
    private int ldc;
    private int rows;
    private int inner;
    private int cols;

    private final Parallel.Range forwardByRows;
    private final Parallel.Range forwardByCols;
    private final Parallel.Range weightsByRows;
    private final Parallel.Range weightsByCols;
    private final Parallel.Range inputByRows;
    private final Parallel.Range inputByCols;
    private final Parallel.Range biasByCols;

    /** Spreads {@code kernels} over {@code parallel}; the team stays the caller's to close. */
    public ParallelKernels(Kernels kernels, Parallel parallel) {
        if (kernels == null) {
            throw new NullPointerException("kernels is null");
        }
        if (parallel == null) {
            throw new NullPointerException("parallel is null");
        }
        this.kernels = kernels;
        this.parallel = parallel;
        forwardByRows = (from, to) -> this.kernels.gemmForward(a, aOff + from * lda, lda,
                b, bOff, ldb, bias, biasOff, c, cOff + from * ldc, ldc, to - from, inner, cols);
        forwardByCols = (from, to) -> this.kernels.gemmForward(a, aOff, lda,
                b, bOff + from, ldb, bias, biasOff + from, c, cOff + from, ldc, rows, inner, to - from);
        weightsByRows = (from, to) -> this.kernels.gemmBackwardWeights(a, aOff + from, lda,
                b, bOff, ldb, c, cOff + from * ldc, ldc, rows, to - from, cols);
        weightsByCols = (from, to) -> this.kernels.gemmBackwardWeights(a, aOff, lda,
                b, bOff + from, ldb, c, cOff + from, ldc, rows, inner, to - from);
        inputByRows = (from, to) -> this.kernels.gemmBackwardInput(a, aOff + from * lda, lda,
                b, bOff, ldb, c, cOff + from * ldc, ldc, to - from, inner, cols);
        inputByCols = (from, to) -> this.kernels.gemmBackwardInput(a, aOff, lda,
                b, bOff + from, ldb, c, cOff + from, ldc, rows, inner, to - from);
        biasByCols = (from, to) -> this.kernels.biasBackward(a, aOff + from, lda,
                c, cOff + from, rows, to - from);
    }

    /** The kernels each block runs on. */
    public Kernels kernels() {
        return kernels;
    }

    /** The team of threads. */
    public Parallel parallel() {
        return parallel;
    }

    /**
     * {@link Kernels#gemmForward}, split by columns of {@code y} when there are at least 32 per
     * thread, else by rows.
     */
    public synchronized void gemmForward(float[] x, int xOff, int ldx, float[] w, int wOff, int ldw, float[] b,
                                         int bOff, float[] y, int yOff, int ldy, int rows, int in, int out) {
        MatrixChecks.gemmForward(x, xOff, ldx, w, wOff, ldw, b, bOff, y, yOff, ldy, rows, in, out);
        set(x, xOff, ldx, w, wOff, ldw, b, bOff, y, yOff, ldy, rows, in, out);
        try {
            if (byColumns(out)) {
                parallel.forRange(out, COLUMN_GRAIN, forwardByCols);
            } else {
                parallel.forRange(rows, ROW_GRAIN, forwardByRows);
            }
        } finally {
            clear();
        }
    }

    /**
     * {@link Kernels#gemmBackwardWeights}, split by rows of {@code dw} ({@code in}) when there are
     * at least 4 per thread, else by columns.
     */
    public synchronized void gemmBackwardWeights(float[] x, int xOff, int ldx, float[] dy, int dyOff, int lddy,
                                                 float[] dw, int dwOff, int lddw, int rows, int in, int out) {
        MatrixChecks.gemmBackwardWeights(x, xOff, ldx, dy, dyOff, lddy, dw, dwOff, lddw, rows, in, out);
        set(x, xOff, ldx, dy, dyOff, lddy, null, 0, dw, dwOff, lddw, rows, in, out);
        try {
            if (in >= ROW_GRAIN * parallel.threads()) {
                parallel.forRange(in, ROW_GRAIN, weightsByRows);
            } else {
                parallel.forRange(out, COLUMN_GRAIN, weightsByCols);
            }
        } finally {
            clear();
        }
    }

    /**
     * {@link Kernels#gemmBackwardInput}, split by columns of {@code dx} when there are at least 32
     * per thread, else by rows.
     */
    public synchronized void gemmBackwardInput(float[] dy, int dyOff, int lddy, float[] wt, int wtOff, int ldwt,
                                               float[] dx, int dxOff, int lddx, int rows, int out, int in) {
        MatrixChecks.gemmBackwardInput(dy, dyOff, lddy, wt, wtOff, ldwt, dx, dxOff, lddx, rows, out, in);
        set(dy, dyOff, lddy, wt, wtOff, ldwt, null, 0, dx, dxOff, lddx, rows, out, in);
        try {
            if (byColumns(in)) {
                parallel.forRange(in, COLUMN_GRAIN, inputByCols);
            } else {
                parallel.forRange(rows, ROW_GRAIN, inputByRows);
            }
        } finally {
            clear();
        }
    }

    /** {@link Kernels#biasBackward}, split by columns. */
    public synchronized void biasBackward(float[] dy, int dyOff, int lddy, float[] db, int dbOff, int rows, int out) {
        MatrixChecks.biasBackward(dy, dyOff, lddy, db, dbOff, rows, out);
        set(dy, dyOff, lddy, null, 0, 0, null, 0, db, dbOff, 0, rows, 0, out);
        try {
            parallel.forRange(out, COLUMN_GRAIN, biasByCols);
        } finally {
            clear();
        }
    }

    private boolean byColumns(int outputCols) {
        return outputCols >= COLUMN_GRAIN * parallel.threads();
    }

    private void set(float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] bias, int biasOff,
                     float[] c, int cOff, int ldc, int rows, int inner, int cols) {
        this.a = a;
        this.aOff = aOff;
        this.lda = lda;
        this.b = b;
        this.bOff = bOff;
        this.ldb = ldb;
        this.bias = bias;
        this.biasOff = biasOff;
        this.c = c;
        this.cOff = cOff;
        this.ldc = ldc;
        this.rows = rows;
        this.inner = inner;
        this.cols = cols;
    }

    private void clear() {
        a = null;
        b = null;
        bias = null;
        c = null;
    }
}
