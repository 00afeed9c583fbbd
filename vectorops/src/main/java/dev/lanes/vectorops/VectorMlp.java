package dev.lanes.vectorops;

import static dev.lanes.vectorops.Species.F;
import static dev.lanes.vectorops.Species.L;

import dev.lanes.kernel.internal.MlpReference;
import jdk.incubator.vector.FloatVector;

/** The vector forms of the MLP kernels. Arguments are checked by {@link VectorKernels}. */
final class VectorMlp {
    private VectorMlp() {}

    // ---------------------------------------------------------------- products
    //
    // One engine computes C = A·B for the three products: C[i][j] starts at a bias, at +0.0 or at
    // the value already in C, then acc = fma(A(i,k), B[k][j], acc) for k in index order, where
    // A(i,k) = a[aOff + i·ars + k·acs] (so Xᵀ of dW = Xᵀ·dY is X read with swapped strides), B and
    // C row-major. A SIMD lane owns one C[i][j]; an output element never shares its chain.
    //
    // Register block (micro-kernel): 4 rows of C × 3 vectors of columns = 12 accumulators, fed by
    // 3 loads of B and 4 broadcasts of A per k: 12 FMAs per 7 loads, 16 registers at AVX2 (the
    // ISA's 16 ymm). Cache block: along columns a panel of 3 vectors, along k blocks of KC; for a
    // (panel, k block) the KC × 3L slice of B stays in L1 while every row block of A streams past
    // it. A later k block continues each chain from the partial sum stored in C — a float stored
    // and reloaded is the same float, so blocking along k keeps the reference's bits. Columns past
    // the last whole vector take the reference's scalar chain, over all k at once.

    /** Rows of A swept by one k block: a KC × 3L slice of B (24 KiB at AVX2) stays in L1. */
    private static final int KC = 256;
    /** How a block's accumulators start. */
    private static final int START_ZERO = 0;
    private static final int START_BIAS = 1;
    private static final int START_C = 2;

    static void gemmForward(float[] x, int xOff, int ldx, float[] w, int wOff, int ldw, float[] b, int bOff,
                            float[] y, int yOff, int ldy, int rows, int in, int out) {
        gemm(x, xOff, ldx, 1, w, wOff, ldw, b, bOff, y, yOff, ldy, rows, in, out);
    }

    static void gemmBackwardWeights(float[] x, int xOff, int ldx, float[] dy, int dyOff, int lddy,
                                    float[] dw, int dwOff, int lddw, int rows, int in, int out) {
        gemm(x, xOff, 1, ldx, dy, dyOff, lddy, null, 0, dw, dwOff, lddw, in, rows, out);
    }

    /**
     * {@code C[i][j] = start + Σ_k A(i,k)·B[k][j]} for {@code i < m}, {@code j < n}, {@code k < depth},
     * with start = bias[j] when {@code bias != null}, else +0.0.
     */
    private static void gemm(float[] a, int aOff, int ars, int acs, float[] b, int bOff, int ldb,
                             float[] bias, int biasOff, float[] c, int cOff, int ldc, int m, int depth, int n) {
        int vecCols = F.loopBound(n);
        int panelCols = vecCols - vecCols % (3 * L);
        int rows4 = m & -4;
        int first = bias == null ? START_ZERO : START_BIAS;
        for (int j = 0; j < panelCols; j += 3 * L) {
            int kc = 0;
            do {
                int kLen = Math.min(KC, depth - kc);
                int start = kc == 0 ? first : START_C;
                int ak = aOff + kc * acs;
                int bk = bOff + kc * ldb + j;
                int i = 0;
                for (; i < rows4; i += 4) {
                    block4x3(a, ak + i * ars, ars, acs, b, bk, ldb, bias, biasOff + j, c, cOff + i * ldc + j, ldc,
                            kLen, start);
                }
                for (; i < m; i++) {
                    block1x3(a, ak + i * ars, acs, b, bk, ldb, bias, biasOff + j, c, cOff + i * ldc + j, kLen, start);
                }
                kc += KC;
            } while (kc < depth);
        }
        for (int j = panelCols; j < vecCols; j += L) {
            int kc = 0;
            do {
                int kLen = Math.min(KC, depth - kc);
                int start = kc == 0 ? first : START_C;
                int ak = aOff + kc * acs;
                int bk = bOff + kc * ldb + j;
                int i = 0;
                for (; i < rows4; i += 4) {
                    block4x1(a, ak + i * ars, ars, acs, b, bk, ldb, bias, biasOff + j, c, cOff + i * ldc + j, ldc,
                            kLen, start);
                }
                for (; i < m; i++) {
                    block1x1(a, ak + i * ars, acs, b, bk, ldb, bias, biasOff + j, c, cOff + i * ldc + j, kLen, start);
                }
                kc += KC;
            } while (kc < depth);
        }
        for (int i = 0; i < m; i++) {
            for (int j = vecCols; j < n; j++) {
                float acc = bias == null ? 0f : bias[biasOff + j];
                int ak = aOff + i * ars;
                int bk = bOff + j;
                for (int k = 0; k < depth; k++) {
                    acc = Math.fma(a[ak], b[bk], acc);
                    ak += acs;
                    bk += ldb;
                }
                c[cOff + i * ldc + j] = acc;
            }
        }
    }

    private static FloatVector start(int start, float[] bias, int biasOff, float[] c, int cOff) {
        return switch (start) {
            case START_ZERO -> FloatVector.zero(F);
            case START_BIAS -> FloatVector.fromArray(F, bias, biasOff);
            default -> FloatVector.fromArray(F, c, cOff);
        };
    }

    private static void block4x3(float[] a, int aOff, int ars, int acs, float[] b, int bOff, int ldb,
                                 float[] bias, int biasOff, float[] c, int cOff, int ldc, int kLen, int start) {
        int c1 = cOff + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector c00 = start(start, bias, biasOff, c, cOff);
        FloatVector c01 = start(start, bias, biasOff + L, c, cOff + L);
        FloatVector c02 = start(start, bias, biasOff + 2 * L, c, cOff + 2 * L);
        FloatVector c10 = start(start, bias, biasOff, c, c1);
        FloatVector c11 = start(start, bias, biasOff + L, c, c1 + L);
        FloatVector c12 = start(start, bias, biasOff + 2 * L, c, c1 + 2 * L);
        FloatVector c20 = start(start, bias, biasOff, c, c2);
        FloatVector c21 = start(start, bias, biasOff + L, c, c2 + L);
        FloatVector c22 = start(start, bias, biasOff + 2 * L, c, c2 + 2 * L);
        FloatVector c30 = start(start, bias, biasOff, c, c3);
        FloatVector c31 = start(start, bias, biasOff + L, c, c3 + L);
        FloatVector c32 = start(start, bias, biasOff + 2 * L, c, c3 + 2 * L);
        int a0 = aOff;
        int bk = bOff;
        for (int k = 0; k < kLen; k++) {
            FloatVector b0 = FloatVector.fromArray(F, b, bk);
            FloatVector b1 = FloatVector.fromArray(F, b, bk + L);
            FloatVector b2 = FloatVector.fromArray(F, b, bk + 2 * L);
            FloatVector x = FloatVector.broadcast(F, a[a0]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            x = FloatVector.broadcast(F, a[a0 + ars]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            x = FloatVector.broadcast(F, a[a0 + 2 * ars]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            x = FloatVector.broadcast(F, a[a0 + 3 * ars]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            a0 += acs;
            bk += ldb;
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c02.intoArray(c, cOff + 2 * L);
        c10.intoArray(c, c1);
        c11.intoArray(c, c1 + L);
        c12.intoArray(c, c1 + 2 * L);
        c20.intoArray(c, c2);
        c21.intoArray(c, c2 + L);
        c22.intoArray(c, c2 + 2 * L);
        c30.intoArray(c, c3);
        c31.intoArray(c, c3 + L);
        c32.intoArray(c, c3 + 2 * L);
    }

    private static void block1x3(float[] a, int aOff, int acs, float[] b, int bOff, int ldb,
                                 float[] bias, int biasOff, float[] c, int cOff, int kLen, int start) {
        FloatVector c0 = start(start, bias, biasOff, c, cOff);
        FloatVector c1 = start(start, bias, biasOff + L, c, cOff + L);
        FloatVector c2 = start(start, bias, biasOff + 2 * L, c, cOff + 2 * L);
        int a0 = aOff;
        int bk = bOff;
        for (int k = 0; k < kLen; k++) {
            FloatVector x = FloatVector.broadcast(F, a[a0]);
            c0 = x.fma(FloatVector.fromArray(F, b, bk), c0);
            c1 = x.fma(FloatVector.fromArray(F, b, bk + L), c1);
            c2 = x.fma(FloatVector.fromArray(F, b, bk + 2 * L), c2);
            a0 += acs;
            bk += ldb;
        }
        c0.intoArray(c, cOff);
        c1.intoArray(c, cOff + L);
        c2.intoArray(c, cOff + 2 * L);
    }

    private static void block4x1(float[] a, int aOff, int ars, int acs, float[] b, int bOff, int ldb,
                                 float[] bias, int biasOff, float[] c, int cOff, int ldc, int kLen, int start) {
        int c1 = cOff + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector c0v = start(start, bias, biasOff, c, cOff);
        FloatVector c1v = start(start, bias, biasOff, c, c1);
        FloatVector c2v = start(start, bias, biasOff, c, c2);
        FloatVector c3v = start(start, bias, biasOff, c, c3);
        int a0 = aOff;
        int bk = bOff;
        for (int k = 0; k < kLen; k++) {
            FloatVector bv = FloatVector.fromArray(F, b, bk);
            c0v = FloatVector.broadcast(F, a[a0]).fma(bv, c0v);
            c1v = FloatVector.broadcast(F, a[a0 + ars]).fma(bv, c1v);
            c2v = FloatVector.broadcast(F, a[a0 + 2 * ars]).fma(bv, c2v);
            c3v = FloatVector.broadcast(F, a[a0 + 3 * ars]).fma(bv, c3v);
            a0 += acs;
            bk += ldb;
        }
        c0v.intoArray(c, cOff);
        c1v.intoArray(c, c1);
        c2v.intoArray(c, c2);
        c3v.intoArray(c, c3);
    }

    private static void block1x1(float[] a, int aOff, int acs, float[] b, int bOff, int ldb,
                                 float[] bias, int biasOff, float[] c, int cOff, int kLen, int start) {
        FloatVector c0 = start(start, bias, biasOff, c, cOff);
        int a0 = aOff;
        int bk = bOff;
        for (int k = 0; k < kLen; k++) {
            c0 = FloatVector.broadcast(F, a[a0]).fma(FloatVector.fromArray(F, b, bk), c0);
            a0 += acs;
            bk += ldb;
        }
        c0.intoArray(c, cOff);
    }

    static void biasBackward(float[] dy, int dyOff, int lddy, float[] db, int dbOff, int rows, int out) {
        MlpReference.biasBackward(dy, dyOff, lddy, db, dbOff, rows, out);
    }

    static void transpose(float[] a, int aOff, int lda, float[] t, int tOff, int ldt, int rows, int cols) {
        MlpReference.transpose(a, aOff, lda, t, tOff, ldt, rows, cols);
    }

    static void reluForward(float[] x, int xOff, float[] y, int yOff, int n) {
        MlpReference.reluForward(x, xOff, y, yOff, n);
    }

    static void reluBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MlpReference.reluBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    static void leakyReluForward(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        MlpReference.leakyReluForward(alpha, x, xOff, y, yOff, n);
    }

    static void leakyReluBackward(float alpha, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MlpReference.leakyReluBackward(alpha, y, yOff, dy, dyOff, dx, dxOff, n);
    }

    static void sigmoidBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MlpReference.sigmoidBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    static void tanhBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        MlpReference.tanhBackward(y, yOff, dy, dyOff, dx, dxOff, n);
    }

    static void softmaxForward(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        MlpReference.softmaxForward(x, xOff, y, yOff, rows, cols);
    }

    static void softmaxBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int rows, int cols) {
        MlpReference.softmaxBackward(y, yOff, dy, dyOff, dx, dxOff, rows, cols);
    }

    static float softmaxCrossEntropy(float[] logits, int logitsOff, int[] labels, int labelsOff,
                                     float[] dLogits, int dLogitsOff, float[] rowLoss, int rowLossOff,
                                     int rows, int classes) {
        return MlpReference.softmaxCrossEntropy(logits, logitsOff, labels, labelsOff, dLogits, dLogitsOff,
                rowLoss, rowLossOff, rows, classes);
    }

    static float mseLoss(float[] y, int yOff, float[] target, int targetOff, float[] dy, int dyOff,
                         float[] rowLoss, int rowLossOff, int rows, int cols) {
        return MlpReference.mseLoss(y, yOff, target, targetOff, dy, dyOff, rowLoss, rowLossOff, rows, cols);
    }
}
