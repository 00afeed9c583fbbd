package dev.lanes.kernel.internal;

/**
 * Argument checks of the matrix kernels (products, activations over batches, losses), shared by
 * every {@code Kernels} implementation so that a call either fails before writing anything or
 * runs to completion.
 */
public final class MatrixChecks {
    private MatrixChecks() {}

    /** Checks that a dimension is {@code >= 0}. */
    public static void dimension(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, was " + value);
        }
    }

    /**
     * Checks that the row-major matrix {@code name} of {@code rows × cols} elements with leading
     * dimension {@code ld} at {@code off} lies inside {@code array}.
     */
    public static void matrix(String name, float[] array, int off, int ld, int rows, int cols) {
        if (array == null) {
            throw new NullPointerException(name + " is null");
        }
        if (rows == 0 || cols == 0) {
            // Never read: any offset >= 0 will do, so that a caller may cut a block at any column.
            if (off < 0) {
                throw new IndexOutOfBoundsException(name + ": offset must be >= 0, was " + off);
            }
            return;
        }
        if (ld < cols) {
            throw new IllegalArgumentException("leading dimension of " + name + " must be >= its "
                    + cols + " columns, was " + ld);
        }
        long end = end(off, ld, rows, cols);
        if (off < 0 || end > array.length) {
            throw new IndexOutOfBoundsException(name + ": " + rows + "×" + cols + " matrix (leading dimension "
                    + ld + ") at [" + off + ", " + end + ") is outside the array of length " + array.length);
        }
    }

    /**
     * Checks that the output matrix does not share an element of its span with an input matrix's
     * span (products cannot run in place).
     */
    public static void disjoint(String inName, float[] in, int inOff, int inLd, int inRows, int inCols,
                                String outName, float[] out, int outOff, int outLd, int outRows, int outCols) {
        if (in != out || inRows == 0 || inCols == 0 || outRows == 0 || outCols == 0) {
            return;
        }
        long inEnd = end(inOff, inLd, inRows, inCols);
        long outEnd = end(outOff, outLd, outRows, outCols);
        if (outOff < inEnd && inOff < outEnd) {
            throw new IllegalArgumentException(outName + " [" + outOff + ", " + outEnd + ") overlaps "
                    + inName + " [" + inOff + ", " + inEnd + "): the output of a product must not overlap its inputs");
        }
    }

    /** Checks an element-wise kernel over {@code n} elements: {@code x → y}, same region or disjoint. */
    public static void unary(String xName, float[] x, int xOff, String yName, float[] y, int yOff, int n) {
        Checks.count(n);
        Checks.region(xName, x, xOff, n);
        Checks.region(yName, y, yOff, n);
        Checks.noPartialOverlap(xName, x, xOff, yName, y, yOff, n);
    }

    /**
     * Checks a backward kernel {@code (y, dy) → dx} over {@code n} elements: {@code dx} is the
     * region of {@code y} or {@code dy}, or disjoint from it.
     */
    public static void backward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        Checks.count(n);
        Checks.region("y", y, yOff, n);
        Checks.region("dy", dy, dyOff, n);
        Checks.region("dx", dx, dxOff, n);
        Checks.noPartialOverlap("y", y, yOff, "dx", dx, dxOff, n);
        Checks.noPartialOverlap("dy", dy, dyOff, "dx", dx, dxOff, n);
    }

    /** Checks the slope of the leaky ReLU. */
    public static void leakySlope(float alpha) {
        if (!(alpha >= 0) || alpha == Float.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("alpha must be finite and >= 0, was " + alpha);
        }
    }

    /** Returns {@code rows × cols} as an element count, failing if it does not fit an int. */
    public static int elements(String rowsName, int rows, String colsName, int cols) {
        dimension(rowsName, rows);
        dimension(colsName, cols);
        long n = (long) rows * cols;
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rowsName + " × " + colsName + " = " + n + " elements is too many");
        }
        return (int) n;
    }

    /** Checks that {@code labels[off, off + rows)} exists and every label lies in {@code [0, classes)}. */
    public static void labels(int[] labels, int off, int rows, int classes) {
        if (labels == null) {
            throw new NullPointerException("labels is null");
        }
        if (off < 0 || off > labels.length - rows) {
            throw new IndexOutOfBoundsException("labels: region [" + off + ", " + ((long) off + rows)
                    + ") is outside the array of length " + labels.length);
        }
        for (int r = 0; r < rows; r++) {
            int c = labels[off + r];
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException("labels[" + (off + r) + "] must be in [0, " + classes
                        + "), was " + c);
            }
        }
    }

    // ---------------------------------------------------------------- per kernel

    /** Checks {@code Kernels.gemmForward}. */
    public static void gemmForward(float[] x, int xOff, int ldx, float[] w, int wOff, int ldw, float[] b, int bOff,
                                   float[] y, int yOff, int ldy, int rows, int in, int out) {
        dimension("rows", rows);
        dimension("in", in);
        dimension("out", out);
        matrix("x", x, xOff, ldx, rows, in);
        matrix("w", w, wOff, ldw, in, out);
        matrix("y", y, yOff, ldy, rows, out);
        disjoint("x", x, xOff, ldx, rows, in, "y", y, yOff, ldy, rows, out);
        disjoint("w", w, wOff, ldw, in, out, "y", y, yOff, ldy, rows, out);
        if (b != null) {
            matrix("b", b, bOff, out, 1, out);
            disjoint("b", b, bOff, out, 1, out, "y", y, yOff, ldy, rows, out);
        }
    }

    /** Checks {@code Kernels.gemmBackwardWeights}. */
    public static void gemmBackwardWeights(float[] x, int xOff, int ldx, float[] dy, int dyOff, int lddy,
                                           float[] dw, int dwOff, int lddw, int rows, int in, int out) {
        dimension("rows", rows);
        dimension("in", in);
        dimension("out", out);
        matrix("x", x, xOff, ldx, rows, in);
        matrix("dy", dy, dyOff, lddy, rows, out);
        matrix("dw", dw, dwOff, lddw, in, out);
        disjoint("x", x, xOff, ldx, rows, in, "dw", dw, dwOff, lddw, in, out);
        disjoint("dy", dy, dyOff, lddy, rows, out, "dw", dw, dwOff, lddw, in, out);
    }

    /** Checks {@code Kernels.biasBackward}. */
    public static void biasBackward(float[] dy, int dyOff, int lddy, float[] db, int dbOff, int rows, int out) {
        dimension("rows", rows);
        dimension("out", out);
        matrix("dy", dy, dyOff, lddy, rows, out);
        matrix("db", db, dbOff, out, 1, out);
        disjoint("dy", dy, dyOff, lddy, rows, out, "db", db, dbOff, out, 1, out);
    }

    /** Checks {@code Kernels.gemmBackwardInput}. */
    public static void gemmBackwardInput(float[] dy, int dyOff, int lddy, float[] wt, int wtOff, int ldwt,
                                         float[] dx, int dxOff, int lddx, int rows, int out, int in) {
        dimension("rows", rows);
        dimension("out", out);
        dimension("in", in);
        matrix("dy", dy, dyOff, lddy, rows, out);
        matrix("wt", wt, wtOff, ldwt, out, in);
        matrix("dx", dx, dxOff, lddx, rows, in);
        disjoint("dy", dy, dyOff, lddy, rows, out, "dx", dx, dxOff, lddx, rows, in);
        disjoint("wt", wt, wtOff, ldwt, out, in, "dx", dx, dxOff, lddx, rows, in);
    }

    /** Checks {@code Kernels.transpose}. */
    public static void transpose(float[] a, int aOff, int lda, float[] t, int tOff, int ldt, int rows, int cols) {
        dimension("rows", rows);
        dimension("cols", cols);
        matrix("a", a, aOff, lda, rows, cols);
        matrix("t", t, tOff, ldt, cols, rows);
        disjoint("a", a, aOff, lda, rows, cols, "t", t, tOff, ldt, cols, rows);
    }

    /** Checks a row-wise kernel {@code x → y} over a dense [rows][cols] batch; returns the element count. */
    public static int rowwise(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        int n = elements("rows", rows, "cols", cols);
        unary("x", x, xOff, "y", y, yOff, n);
        return n;
    }

    /** Checks {@code Kernels.softmaxBackward}. */
    public static void softmaxBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff,
                                       int rows, int cols) {
        int n = elements("rows", rows, "cols", cols);
        Checks.region("y", y, yOff, n);
        Checks.region("dy", dy, dyOff, n);
        Checks.region("dx", dx, dxOff, n);
        Checks.noPartialOverlap("dy", dy, dyOff, "dx", dx, dxOff, n);
        if (y == dx && n > 0 && yOff < dxOff + n && dxOff < yOff + n) {
            throw new IllegalArgumentException("dx [" + dxOff + ", " + (dxOff + n) + ") overlaps y ["
                    + yOff + ", " + (yOff + n) + "): softmaxBackward reads all of a row of y after writing dx");
        }
    }

    /** Checks {@code Kernels.softmaxCrossEntropy}. */
    public static void softmaxCrossEntropy(float[] logits, int logitsOff, int[] labels, int labelsOff,
                                           float[] dLogits, int dLogitsOff, float[] rowLoss, int rowLossOff,
                                           int rows, int classes, int batchRows) {
        int n = elements("rows", rows, "classes", classes);
        batchRows(rows, batchRows);
        unary("logits", logits, logitsOff, "dLogits", dLogits, dLogitsOff, n);
        Checks.region("rowLoss", rowLoss, rowLossOff, rows);
        separate("logits", logits, logitsOff, n, "rowLoss", rowLoss, rowLossOff, rows);
        separate("dLogits", dLogits, dLogitsOff, n, "rowLoss", rowLoss, rowLossOff, rows);
        labels(labels, labelsOff, rows, classes);
    }

    /** Checks {@code Kernels.mseLoss}. */
    public static void mseLoss(float[] y, int yOff, float[] target, int targetOff, float[] dy, int dyOff,
                               float[] rowLoss, int rowLossOff, int rows, int cols, int batchRows) {
        int n = elements("rows", rows, "cols", cols);
        batchRows(rows, batchRows);
        unary("y", y, yOff, "dy", dy, dyOff, n);
        Checks.region("target", target, targetOff, n);
        separate("target", target, targetOff, n, "dy", dy, dyOff, n);
        Checks.region("rowLoss", rowLoss, rowLossOff, rows);
        separate("y", y, yOff, n, "rowLoss", rowLoss, rowLossOff, rows);
        separate("target", target, targetOff, n, "rowLoss", rowLoss, rowLossOff, rows);
        separate("dy", dy, dyOff, n, "rowLoss", rowLoss, rowLossOff, rows);
    }

    /** A loss's gradient divides by the rows of the whole batch, which holds these rows. */
    private static void batchRows(int rows, int batchRows) {
        if (batchRows < rows) {
            throw new IllegalArgumentException("batchRows must be >= rows = " + rows + ", was " + batchRows);
        }
    }

    /** Checks that two regions share no element. */
    public static void separate(String aName, float[] a, int aOff, int aLen, String bName, float[] b, int bOff, int bLen) {
        if (a == b && aLen > 0 && bLen > 0 && aOff < bOff + bLen && bOff < aOff + aLen) {
            throw new IllegalArgumentException(bName + " [" + bOff + ", " + (bOff + bLen) + ") overlaps "
                    + aName + " [" + aOff + ", " + (aOff + aLen) + "): they must be disjoint");
        }
    }

    private static long end(int off, int ld, int rows, int cols) {
        return (long) off + (long) (rows - 1) * ld + cols;
    }
}
