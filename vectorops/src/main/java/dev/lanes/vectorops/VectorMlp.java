package dev.lanes.vectorops;

import static dev.lanes.vectorops.Species.F;
import static dev.lanes.vectorops.Species.L;

import dev.lanes.kernel.LanesMath;
import dev.lanes.kernel.internal.MlpReference;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

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
    // 3 loads of B and 4 broadcasts of A per k: 12 FMAs per 7 loads, 16 registers at AVX2 (6×2
    // measured no faster). Cache blocks: along columns a panel of 3 vectors, along k blocks of KC.
    // For each (panel, k block) the KC × 3L slice of B is copied into a contiguous per-thread
    // buffer (rows of B at a power-of-two stride would fight over a few L1 sets; packed, the 784 ×
    // 256 layer went from about 57 to 64 GFLOP/s on one AVX2 core) and every row block of A
    // streams past it. A later k block continues each chain from the partial sum stored in C — a
    // float stored and reloaded is the same float, so blocking along k keeps the reference's bits.
    // Columns past the last whole panel take single-vector blocks (packed alike), those past the
    // last whole vector the reference's scalar chain over all k, four rows at a time.

    /** k per block: a packed KC × 3L slice of B is 24 KiB at AVX2, within L1. */
    private static final int KC = 256;
    /** How a block's accumulators start. */
    private static final int START_ZERO = 0;
    private static final int START_BIAS = 1;
    private static final int START_C = 2;

    /**
     * Per-thread buffer for one packed KC × 3L slice of B: allocated once per thread, so the
     * kernel allocates nothing in the steady state.
     */
    private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(() -> new float[KC * 3 * L]);

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
        float[] panel = vecCols > 0 ? PANEL.get() : null;
        for (int j = 0; j < panelCols; j += 3 * L) {
            int kc = 0;
            do {
                int kLen = Math.min(KC, depth - kc);
                int start = kc == 0 ? first : START_C;
                int ak = aOff + kc * acs;
                packPanel(b, bOff + kc * ldb + j, ldb, kLen, 3 * L, panel);
                int i = 0;
                for (; i < rows4; i += 4) {
                    block4x3(a, ak + i * ars, ars, acs, panel, 0, 3 * L, bias, biasOff + j, c, cOff + i * ldc + j, ldc,
                            kLen, start);
                }
                for (; i < m; i++) {
                    block1x3(a, ak + i * ars, acs, panel, 0, 3 * L, bias, biasOff + j, c, cOff + i * ldc + j, kLen,
                            start);
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
                packPanel(b, bOff + kc * ldb + j, ldb, kLen, L, panel);
                int i = 0;
                for (; i < rows4; i += 4) {
                    block4x1(a, ak + i * ars, ars, acs, panel, 0, L, bias, biasOff + j, c, cOff + i * ldc + j, ldc,
                            kLen, start);
                }
                for (; i < m; i++) {
                    block1x1(a, ak + i * ars, acs, panel, 0, L, bias, biasOff + j, c, cOff + i * ldc + j, kLen, start);
                }
                kc += KC;
            } while (kc < depth);
        }
        // Four rows at a time: four independent scalar chains instead of one latency-bound chain.
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            for (int j = vecCols; j < n; j++) {
                float s = bias == null ? 0f : bias[biasOff + j];
                float acc0 = s;
                float acc1 = s;
                float acc2 = s;
                float acc3 = s;
                int ak = aOff + i * ars;
                int bk = bOff + j;
                for (int k = 0; k < depth; k++) {
                    float bv = b[bk];
                    acc0 = Math.fma(a[ak], bv, acc0);
                    acc1 = Math.fma(a[ak + ars], bv, acc1);
                    acc2 = Math.fma(a[ak + 2 * ars], bv, acc2);
                    acc3 = Math.fma(a[ak + 3 * ars], bv, acc3);
                    ak += acs;
                    bk += ldb;
                }
                int co = cOff + i * ldc + j;
                c[co] = acc0;
                c[co + ldc] = acc1;
                c[co + 2 * ldc] = acc2;
                c[co + 3 * ldc] = acc3;
            }
        }
        for (; i < m; i++) {
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

    /** {@code panel[k·w + t] = b[bOff + k·ldb + t]} for {@code t < w}: a copy, so no value changes. */
    private static void packPanel(float[] b, int bOff, int ldb, int kLen, int w, float[] panel) {
        for (int k = 0; k < kLen; k++) {
            System.arraycopy(b, bOff + k * ldb, panel, k * w, w);
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

    /**
     * Four column vectors at a time, so that four independent add chains hide the add latency;
     * each lane still sums its column over the rows in index order from +0.0.
     */
    static void biasBackward(float[] dy, int dyOff, int lddy, float[] db, int dbOff, int rows, int out) {
        int j = 0;
        for (int bound = out - out % (4 * L); j < bound; j += 4 * L) {
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = FloatVector.zero(F);
            FloatVector a2 = FloatVector.zero(F);
            FloatVector a3 = FloatVector.zero(F);
            int o = dyOff + j;
            for (int r = 0; r < rows; r++) {
                a0 = a0.add(FloatVector.fromArray(F, dy, o));
                a1 = a1.add(FloatVector.fromArray(F, dy, o + L));
                a2 = a2.add(FloatVector.fromArray(F, dy, o + 2 * L));
                a3 = a3.add(FloatVector.fromArray(F, dy, o + 3 * L));
                o += lddy;
            }
            a0.intoArray(db, dbOff + j);
            a1.intoArray(db, dbOff + j + L);
            a2.intoArray(db, dbOff + j + 2 * L);
            a3.intoArray(db, dbOff + j + 3 * L);
        }
        for (int bound = F.loopBound(out); j < bound; j += L) {
            FloatVector a0 = FloatVector.zero(F);
            int o = dyOff + j;
            for (int r = 0; r < rows; r++) {
                a0 = a0.add(FloatVector.fromArray(F, dy, o));
                o += lddy;
            }
            a0.intoArray(db, dbOff + j);
        }
        for (; j < out; j++) {
            float acc = 0f;
            for (int r = 0; r < rows; r++) {
                acc = acc + dy[dyOff + r * lddy + j];
            }
            db[dbOff + j] = acc;
        }
    }

    /** Tiles of T × T elements, so that both the rows read and the rows written stay in L1. */
    private static final int T = 32;

    /** A copy, hence exact at any width: blocked for cache, no arithmetic to vectorise. */
    static void transpose(float[] a, int aOff, int lda, float[] t, int tOff, int ldt, int rows, int cols) {
        for (int i0 = 0; i0 < rows; i0 += T) {
            int i1 = Math.min(rows, i0 + T);
            for (int j0 = 0; j0 < cols; j0 += T) {
                int j1 = Math.min(cols, j0 + T);
                for (int j = j0; j < j1; j++) {
                    int to = tOff + j * ldt;
                    for (int i = i0; i < i1; i++) {
                        t[to + i] = a[aOff + i * lda + j];
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- activations

    static void reluForward(float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(F, x, xOff + i).max(0f).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = MlpReference.relu(x[xOff + i]);
        }
    }

    static void reluBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        FloatVector zero = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            VectorMask<Float> positive = FloatVector.fromArray(F, y, yOff + i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(F, dy, dyOff + i), positive).intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            dx[dxOff + i] = MlpReference.reluBackward(y[yOff + i], dy[dyOff + i]);
        }
    }

    static void leakyReluForward(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, xOff + i);
            v.mul(alpha).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
            y[yOff + i] = MlpReference.leakyRelu(alpha, x[xOff + i]);
        }
    }

    static void leakyReluBackward(float alpha, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            VectorMask<Float> positive = FloatVector.fromArray(F, y, yOff + i).compare(VectorOperators.GT, 0f);
            FloatVector g = FloatVector.fromArray(F, dy, dyOff + i);
            g.mul(alpha).blend(g, positive).intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            dx[dxOff + i] = MlpReference.leakyReluBackward(alpha, y[yOff + i], dy[dyOff + i]);
        }
    }

    static void sigmoidBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, y, yOff + i);
            FloatVector.fromArray(F, dy, dyOff + i).mul(v.mul(one.sub(v))).intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            dx[dxOff + i] = MlpReference.sigmoidBackward(y[yOff + i], dy[dyOff + i]);
        }
    }

    static void tanhBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int n) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, y, yOff + i);
            FloatVector.fromArray(F, dy, dyOff + i).mul(one.sub(v.mul(v))).intoArray(dx, dxOff + i);
        }
        for (; i < n; i++) {
            dx[dxOff + i] = MlpReference.tanhBackward(y[yOff + i], dy[dyOff + i]);
        }
    }

    // ---------------------------------------------------------------- softmax and losses
    //
    // Per row: the maximum (order-independent under Math.max, so lane-wise then across lanes),
    // exp and the divisions vectorised, and the row sum by the shared canonical-order code of
    // MlpReference (a row of logits is short; its sum is not where the time goes).

    static void softmaxForward(float[] x, int xOff, float[] y, int yOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * cols;
            int yo = yOff + r * cols;
            float m = max(x, xo, cols);
            exps(x, xo, m, y, yo, cols);
            float s = MlpReference.sum(y, yo, cols);
            int j = 0;
            for (int bound = F.loopBound(cols); j < bound; j += L) {
                FloatVector.fromArray(F, y, yo + j).div(s).intoArray(y, yo + j);
            }
            for (; j < cols; j++) {
                y[yo + j] = y[yo + j] / s;
            }
        }
    }

    static void softmaxBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int yo = yOff + r * cols;
            int dyo = dyOff + r * cols;
            int dxo = dxOff + r * cols;
            float d = MlpReference.dot(y, yo, dy, dyo, cols);
            int j = 0;
            for (int bound = F.loopBound(cols); j < bound; j += L) {
                FloatVector.fromArray(F, y, yo + j).mul(FloatVector.fromArray(F, dy, dyo + j).sub(d))
                        .intoArray(dx, dxo + j);
            }
            for (; j < cols; j++) {
                dx[dxo + j] = y[yo + j] * (dy[dyo + j] - d);
            }
        }
    }

    static float softmaxCrossEntropy(float[] logits, int logitsOff, int[] labels, int labelsOff,
                                     float[] dLogits, int dLogitsOff, float[] rowLoss, int rowLossOff,
                                     int rows, int classes) {
        float fr = rows;
        for (int r = 0; r < rows; r++) {
            int xo = logitsOff + r * classes;
            int go = dLogitsOff + r * classes;
            int c = labels[labelsOff + r];
            float m = max(logits, xo, classes);
            float z = logits[xo + c] - m;
            exps(logits, xo, m, dLogits, go, classes);
            float s = MlpReference.sum(dLogits, go, classes);
            rowLoss[rowLossOff + r] = LanesMath.log(s) - z;
            // Every element as a non-label (t = 0), then the label's element by the reference's code.
            float ec = dLogits[go + c];
            int j = 0;
            for (int bound = F.loopBound(classes); j < bound; j += L) {
                FloatVector.fromArray(F, dLogits, go + j).div(s).sub(0f).div(fr).intoArray(dLogits, go + j);
            }
            for (; j < classes; j++) {
                dLogits[go + j] = MlpReference.crossEntropyGradient(dLogits[go + j], s, 0f, rows);
            }
            dLogits[go + c] = MlpReference.crossEntropyGradient(ec, s, 1f, rows);
        }
        return MlpReference.mean(rowLoss, rowLossOff, rows);
    }

    static float mseLoss(float[] y, int yOff, float[] target, int targetOff, float[] dy, int dyOff,
                         float[] rowLoss, int rowLossOff, int rows, int cols) {
        float fr = rows;
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            int j = 0;
            for (int bound = F.loopBound(cols); j < bound; j += L) {
                FloatVector.fromArray(F, y, yOff + o + j).sub(FloatVector.fromArray(F, target, targetOff + o + j))
                        .intoArray(dy, dyOff + o + j);
            }
            for (; j < cols; j++) {
                dy[dyOff + o + j] = y[yOff + o + j] - target[targetOff + o + j];
            }
            rowLoss[rowLossOff + r] = 0.5f * MlpReference.sumSquares(dy, dyOff + o, cols);
            j = 0;
            for (int bound = F.loopBound(cols); j < bound; j += L) {
                FloatVector.fromArray(F, dy, dyOff + o + j).div(fr).intoArray(dy, dyOff + o + j);
            }
            for (; j < cols; j++) {
                dy[dyOff + o + j] = dy[dyOff + o + j] / rows;
            }
        }
        return MlpReference.mean(rowLoss, rowLossOff, rows);
    }

    /** {@code max_j a[j]} by Math.max semantics: lane-wise, then across the lanes and the tail. */
    private static float max(float[] a, int off, int n) {
        float m = Float.NEGATIVE_INFINITY;
        int j = 0;
        int bound = F.loopBound(n);
        if (bound > 0) {
            FloatVector v = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
            for (; j < bound; j += L) {
                v = v.max(FloatVector.fromArray(F, a, off + j));
            }
            for (int l = 0; l < L; l++) {
                m = Math.max(m, v.lane(l));
            }
        }
        for (; j < n; j++) {
            m = Math.max(m, a[off + j]);
        }
        return m;
    }

    /** {@code e[j] = exp(x[j] - m)} by Lanes' exp. */
    private static void exps(float[] x, int xOff, float m, float[] e, int eOff, int n) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += L) {
            VectorMath.exp(FloatVector.fromArray(F, x, xOff + j).sub(m)).intoArray(e, eOff + j);
        }
        for (; j < n; j++) {
            e[eOff + j] = LanesMath.exp(x[xOff + j] - m);
        }
    }
}
