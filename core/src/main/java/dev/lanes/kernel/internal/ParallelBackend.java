package dev.lanes.kernel.internal;

import dev.lanes.kernel.KernelInfo;
import dev.lanes.kernel.Parallel;

/**
 * A backend that spreads the matrix products of another over a {@link Parallel} team: each call
 * hands every thread its own block of <em>outputs</em> (rows or columns) and calls the inner
 * backend's kernel on it. Every output element keeps its one accumulator and index order, so the
 * result has the same bits for any number of threads (docs/DESIGN.md rule 5). Every other kernel
 * runs on the calling thread, in the inner backend.
 *
 * <p>Allocation-free: the tasks are created once, with the object. One product runs at a time (the
 * product methods are synchronized); the inner backend and the team may be shared with other users.
 */
public final class ParallelBackend implements KernelBackend {
    /**
     * Column blocks are multiples of 32 = the vector kernels' panel of 2 vectors at every width up
     * to 512 bits (and halves 128 or 256 columns evenly between two threads).
     */
    private static final int COLUMN_GRAIN = 32;
    /** Row blocks are multiples of the register block's 4 rows. */
    private static final int ROW_GRAIN = 4;

    private final KernelBackend kernels;
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

    /** Spreads the products of {@code kernels} over {@code parallel}; the team stays the caller's to close. */
    public ParallelBackend(KernelBackend kernels, Parallel parallel) {
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

    /** The backend each block runs on. */
    public KernelBackend inner() {
        return kernels;
    }

    /** The team of threads. */
    public Parallel parallel() {
        return parallel;
    }

    /**
     * {@code gemmForward}, split by columns of {@code y} when there are at least 32 per
     * thread, else by rows.
     */
    @Override
    public synchronized void gemmForward(float[] x, int xOff, int ldx, float[] w, int wOff, int ldw, float[] b,
                                         int bOff, float[] y, int yOff, int ldy, int rows, int in, int out) {
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
     * {@code gemmBackwardWeights}, split by rows of {@code dw} ({@code in}) when there are
     * at least 4 per thread, else by columns.
     */
    @Override
    public synchronized void gemmBackwardWeights(float[] x, int xOff, int ldx, float[] dy, int dyOff, int lddy,
                                                 float[] dw, int dwOff, int lddw, int rows, int in, int out) {
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
     * {@code gemmBackwardInput}, split by columns of {@code dx} when there are at least 32
     * per thread, else by rows.
     */
    @Override
    public synchronized void gemmBackwardInput(float[] dy, int dyOff, int lddy, float[] wt, int wtOff, int ldwt,
                                               float[] dx, int dxOff, int lddx, int rows, int out, int in) {
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

    /** {@code biasBackward}, split by columns. */
    @Override
    public synchronized void biasBackward(float[] dy, int dyOff, int lddy, float[] db, int dbOff, int rows, int out) {
        set(dy, dyOff, lddy, null, 0, 0, null, 0, db, dbOff, 0, rows, 0, out);
        try {
            parallel.forRange(out, COLUMN_GRAIN, biasByCols);
        } finally {
            clear();
        }
    }

    // ---------------------------------------------------------------- on the calling thread

    @Override
    public StepKernels steps() {
        return kernels.steps();
    }

    @Override
    public KernelInfo info() {
        return kernels.info();
    }

    @Override
    public float sum(float[] x, int xOff, int n) {
        return kernels.sum(x, xOff, n);
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        return kernels.dot(x, xOff, y, yOff, n);
    }

    @Override
    public float sumSquares(float[] x, int xOff, int n) {
        return kernels.sumSquares(x, xOff, n);
    }

    @Override
    public float maxAbs(float[] x, int xOff, int n) {
        return kernels.maxAbs(x, xOff, n);
    }

    @Override
    public void exp(float[] x, int xOff, float[] y, int yOff, int n) {
        kernels.exp(x, xOff, y, yOff, n);
    }

    @Override
    public void log(float[] x, int xOff, float[] y, int yOff, int n) {
        kernels.log(x, xOff, y, yOff, n);
    }

    @Override
    public void tanh(float[] x, int xOff, float[] y, int yOff, int n) {
        kernels.tanh(x, xOff, y, yOff, n);
    }

    @Override
    public void sigmoid(float[] x, int xOff, float[] y, int yOff, int n) {
        kernels.sigmoid(x, xOff, y, yOff, n);
    }

    @Override
    public void scale(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        kernels.scale(a, x, xOff, y, yOff, n);
    }

    @Override
    public void add(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n) {
        kernels.add(x, xOff, y, yOff, z, zOff, n);
    }

    @Override
    public void multiply(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n) {
        kernels.multiply(x, xOff, y, yOff, z, zOff, n);
    }

    @Override
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        kernels.axpy(a, x, xOff, y, yOff, n);
    }

    @Override
    public void multiplyAdd(float[] x, int xOff, float[] y, int yOff, float[] z, int zOff, int n) {
        kernels.multiplyAdd(x, xOff, y, yOff, z, zOff, n);
    }

    @Override
    public void clamp(float lo, float hi, float[] x, int xOff, float[] y, int yOff, int n) {
        kernels.clamp(lo, hi, x, xOff, y, yOff, n);
    }

    @Override
    public void transpose(float[] a, int aOff, int lda, float[] t, int tOff, int ldt, int rows, int cols) {
        kernels.transpose(a, aOff, lda, t, tOff, ldt, rows, cols);
    }

    @Override
    public void reluForward(float[] x, int xOff, float[] y, int yOff, int n) {
        kernels.reluForward(x, xOff, y, yOff, n);
    }

    @Override
    public void reluBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        kernels.reluBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void leakyReluForward(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        kernels.leakyReluForward(alpha, x, xOff, y, yOff, n);
    }

    @Override
    public void leakyReluBackward(float alpha, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        kernels.leakyReluBackward(alpha, y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void sigmoidBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        kernels.sigmoidBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void tanhBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        kernels.tanhBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    @Override
    public void softmaxForward(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        kernels.softmaxForward(x, xOff, y, yOff, rows, cols);
    }

    @Override
    public void softmaxBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int rows, int cols) {
        kernels.softmaxBackward(y, yOff, dy, dyOff, dx, dxOff, rows, cols);
    }

    @Override
    public float softmaxCrossEntropy(float[] logits, int logitsOff, int[] labels, int labelsOff, float[] dLogits, int dLogitsOff, float[] rowLoss, int rowLossOff, int rows, int classes, int batchRows) {
        return kernels.softmaxCrossEntropy(logits, logitsOff, labels, labelsOff, dLogits, dLogitsOff, rowLoss, rowLossOff, rows, classes, batchRows);
    }

    @Override
    public float mseLoss(float[] y, int yOff, float[] target, int targetOff, float[] dy, int dyOff, float[] rowLoss, int rowLossOff, int rows, int cols, int batchRows) {
        return kernels.mseLoss(y, yOff, target, targetOff, dy, dyOff, rowLoss, rowLossOff, rows, cols, batchRows);
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
