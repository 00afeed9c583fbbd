package dev.lanes.vectorops;

import static dev.lanes.vectorops.Species.F;
import static dev.lanes.vectorops.Species.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The vector forms of the matrix products of an MLP layer (forward, dW, dX, the bias gradient) and
 * the transpose, for {@link VectorKernels}: every output element runs the scalar reference's
 * chain of fma in index order (docs/DESIGN.md rule 2), so the bits are the reference's at every
 * width. Arguments were checked by the facade.
 */
final class VectorGemm {
    private VectorGemm() {}

    // One engine computes C = A·B for the three products: C[i][j] starts at a bias, at +0.0 or at
    // the value already in C, then acc = fma(A(i,k), B[k][j], acc) for k in index order, where
    // A(i,k) = a[aOff + i·ars + k·acs] (so Xᵀ of dW = Xᵀ·dY is X read with swapped strides), B and
    // C row-major. A SIMD lane owns one C[i][j]; an output element never shares its chain.
    //
    // Register block (micro-kernel): 4 rows of C × 2 vectors of columns = 8 accumulators, fed by
    // 2 loads of B and 4 broadcasts of A per k. 8 independent chains cover the FMA latency of two
    // pipes; 4 × 3 would need 19 registers at AVX2 once C2 has hoisted the four broadcasts, and
    // spills (measured 40 against 92 GFLOP/s for 4 × 2). A last single vector of columns goes
    // 8 rows × 1 vector, again 8 chains (4 × 1 for a last 4 rows).
    //
    // Both operands are packed, so that every index in the k loop is k times a constant plus an
    // invariant: C2 then hoists the range checks out of the loop, which is little more than its
    // loads and FMAs (about 1.5× faster than strided indexing with the checks left in).
    // For each block of KC values of k: A, MC rows at a time, into a slice read by rows (rows of
    // ALD floats; forward and dX, whose A has contiguous rows) or by k (ALDI floats per k; dW,
    // whose Xᵀ has contiguous columns): either way a copy of whole vectors, never a transposition.
    // Then for each block of 2 vectors of columns, B into a KC × 2L panel, which every row block
    // of the slice streams past. A later k block continues each chain from the partial sum
    // stored in C: a float stored and reloaded is the same float, so blocking along k keeps the
    // reference's bits.
    //
    // Tail columns: the last vector may be partial (n not a multiple of L, or n < L). Its slice
    // of B is packed zero-padded to the whole vector; tail rows (m not a multiple of 4) are
    // packed as zero rows up to the next multiple of 4. A block with padding computes into a
    // small tile, from which only the valid part goes to C (and into which C's partial sums are
    // copied when a later k block continues them). The padded lanes and rows compute values that
    // are thrown away; each valid lane runs the reference's chain. No masked loads or stores:
    // where the CPU lacks them (or at an emulated width) they are slow or allocate.
    //
    // Fewer than 4 rows (inference on one example) take 1 row × 8 vectors over all k with B read
    // in place, each element once, which is all such a product needs: packing B would double the
    // traffic, and padding the rows to 4 quadruple the FMAs. Columns past the last 8L go the
    // blocked way, rows padded.
    //
    // dW with few columns (out ≤ 2L < in) is computed transposed, dWᵀ = dYᵀ·X, then transposed
    // into dW: dWᵀ has out rows of in columns, so no lanes are wasted on padding (about 10 %
    // faster on the 128 × 10 output layer). dWᵀ[j][i] runs dW[i][j]'s chain: fma(dy, x, acc) ==
    // fma(x, dy, acc), the product inside an fma being exact.

    /** k per block: a packed KC × 2L panel of B is 16 KiB at AVX2, within L1. */
    private static final int KC = 256;
    /** Rows of A per packed slice: MC × ALD floats is 136 KiB, within L2. */
    private static final int MC = 128;
    /** Floats per row of A packed by rows: KC plus a cache line, so that rows fall in different L1 sets. */
    private static final int ALD = KC + 16;
    /** Floats per k of A packed by k: MC plus a cache line. */
    private static final int ALDI = MC + 16;
    /** Columns of dWᵀ per pass of the narrow-dW product. */
    private static final int NT = 256;
    /** How a block's accumulators start. */
    private static final int START_ZERO = 0;
    private static final int START_BIAS = 1;
    private static final int START_C = 2;

    /** Per-thread buffers, allocated once per thread: the kernels allocate nothing in the steady state. */
    private static final class Scratch {
        /** A packed slice of A: MC rows ALD floats apart, or KC values of k ALDI floats apart. */
        final float[] a = new float[Math.max(MC * ALD, KC * ALDI)];
        /** A packed KC × 2L panel of B. */
        final float[] b = new float[KC * 2 * L];
        /** A block of C (up to 8 rows × 2L) with padded rows or lanes. */
        final float[] tile = new float[8 * 2 * L];
        /** The bias of such a block, zero-padded. */
        final float[] bias = new float[2 * L];
        /** dWᵀ of the narrow-dW product, 2L × NT. */
        final float[] dwt = new float[2 * L * NT];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    static void gemmForward(float[] x, int xOff, int ldx, float[] w, int wOff, int ldw, float[] b, int bOff,
                            float[] y, int yOff, int ldy, int rows, int in, int out) {
        gemm(SCRATCH.get(), x, xOff, ldx, 1, w, wOff, ldw, b, bOff, y, yOff, ldy, rows, in, out);
    }

    static void gemmBackwardWeights(float[] x, int xOff, int ldx, float[] dy, int dyOff, int lddy,
                                    float[] dw, int dwOff, int lddw, int rows, int in, int out) {
        Scratch s = SCRATCH.get();
        if (out <= 2 * L && out < in) {
            for (int i0 = 0; i0 < in; i0 += NT) {
                int cols = Math.min(NT, in - i0);
                gemm(s, dy, dyOff, 1, lddy, x, xOff + i0, ldx, null, 0, s.dwt, 0, NT, out, rows, cols);
                transpose(s.dwt, 0, NT, dw, dwOff + i0 * lddw, lddw, out, cols);
            }
        } else {
            gemm(s, x, xOff, 1, ldx, dy, dyOff, lddy, null, 0, dw, dwOff, lddw, in, rows, out);
        }
    }

    /**
     * {@code C[i][j] = start + Σ_k A(i,k)·B[k][j]} for {@code i < m}, {@code j < n}, {@code k < depth},
     * with start = bias[j] when {@code bias != null}, else +0.0.
     */
    private static void gemm(Scratch s, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int ldb,
                             float[] bias, int biasOff, float[] c, int cOff, int ldc, int m, int depth, int n) {
        if (m == 0 || n == 0) {
            return;
        }
        int j = 0;
        if (m < 4) {
            for (; j + 8 * L <= n; j += 8 * L) {
                for (int i = 0; i < m; i++) {
                    row1x8(a, aOff + i * ars, acs, b, bOff + j, ldb, bias, biasOff + j, c, cOff + i * ldc + j, depth);
                }
            }
            if (j == n) {
                return;
            }
        }
        blocked(s, a, aOff, ars, acs, b, bOff + j, ldb, bias, biasOff + j, c, cOff + j, ldc, m, depth, n - j);
    }

    /** All rows by packed slices and register blocks; a last partial row block is padded with zero rows. */
    private static void blocked(Scratch s, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int ldb,
                                float[] bias, int biasOff, float[] c, int cOff, int ldc, int m, int depth, int n) {
        int first = bias == null ? START_ZERO : START_BIAS;
        int kc = 0;
        do {
            int kLen = Math.min(KC, depth - kc);
            int start = kc == 0 ? first : START_C;
            for (int i0 = 0; i0 < m; i0 += MC) {
                int mc = Math.min(MC, m - i0);
                packA(a, aOff + i0 * ars + kc * acs, ars, acs, mc, kLen, s.a);
                for (int j = 0; j < n; j += 2 * L) {
                    int cols = Math.min(2 * L, n - j);
                    panel(s, acs != 1, b, bOff + kc * ldb + j, ldb, bias, biasOff + j, c, cOff + i0 * ldc + j, ldc,
                            mc, kLen, cols, start);
                }
            }
            kc += KC;
        } while (kc < depth);
    }

    /**
     * The register blocks, each in a twin for A packed by rows and for A packed by k. One block
     * taking A's two strides as arguments reads better but keeps C2 from folding the address
     * arithmetic out of the k loop: measured with JMH in one sitting (GemmBenchmark, 1 thread,
     * AVX-512, two runs each, interleaved), the merged blocks took 1.59-1.82x the twins' time on
     * the 784x256 layer (forward 554 against 350 us, dW 547 against 308, dX 542 against 298) and
     * 1.22-1.50x on 256x128; only the 128x10 layer was even (0.86-1.17x).
     */
    private enum Block {
        /** 4 rows × 2 vectors of columns: 8 chains, 2 loads of B and 4 broadcasts of A per k. */
        ROWS4_VECTORS2,
        /** 8 rows × 1 vector: the last single vector of columns, again 8 chains. */
        ROWS8_VECTORS1,
        /** 4 rows × 1 vector: the last 4 rows of a single vector of columns. */
        ROWS4_VECTORS1
    }

    /**
     * Columns {@code [0, cols)} of one block of columns ({@code cols ≤ 2L}) for the {@code mc}
     * rows of the packed slice of A (by k when {@code byK}) and one k block: packs the block's
     * panel of B, then runs the register blocks, 4 × 2 vectors, or for a last single vector
     * 8 × 1 (4 × 1 for a last 4 rows).
     */
    private static void panel(Scratch s, boolean byK, float[] b, int bOff, int ldb, float[] bias, int biasOff,
                              float[] c, int cOff, int ldc, int mc, int kLen, int cols, int start) {
        int w = cols > L ? 2 * L : L;
        packB(b, bOff, ldb, kLen, w, cols, s.b);
        float[] bs = bias;
        int bsOff = biasOff;
        if (cols < w && start == START_BIAS) {
            System.arraycopy(bias, biasOff, s.bias, 0, cols);
            zero(s.bias, cols, w);
            bs = s.bias;
            bsOff = 0;
        }
        int mc4 = (mc + 3) & -4;
        int i = 0;
        if (w == 2 * L) {
            for (; i < mc4; i += 4) {
                block(Block.ROWS4_VECTORS2, byK, s, i, bs, bsOff, c, cOff + i * ldc, ldc, Math.min(4, mc - i), 4, cols, w,
                        kLen, start);
            }
        } else {
            for (; i + 8 <= mc4; i += 8) {
                block(Block.ROWS8_VECTORS1, byK, s, i, bs, bsOff, c, cOff + i * ldc, ldc, Math.min(8, mc - i), 8, cols, w,
                        kLen, start);
            }
            if (i < mc4) {
                block(Block.ROWS4_VECTORS1, byK, s, i, bs, bsOff, c, cOff + i * ldc, ldc, mc - i, 4, cols, w, kLen, start);
            }
        }
    }

    /**
     * One register block of {@code h} rows (of which {@code rows} are valid) × {@code w} columns
     * (of which {@code cols} are valid) at row {@code i} of the packed slice, in the twin for how
     * A was packed. A block with padded rows or lanes computes into the tile, and only its valid
     * part goes to C.
     */
    private static void block(Block block, boolean byK, Scratch s, int i, float[] bias, int biasOff, float[] c,
                              int cOff, int ldc, int rows, int h, int cols, int w, int kLen, int start) {
        boolean tiled = rows < h || cols < w;
        float[] cc = c;
        int co = cOff;
        int ld = ldc;
        if (tiled) {
            if (start == START_C) {
                // C's partial sums in the valid part, +0.0 elsewhere (never a stale subnormal,
                // which could slow every FMA of the padded lanes down).
                zero(s.tile, 0, h * w);
                copyRows(c, cOff, ldc, s.tile, 0, w, rows, cols);
            }
            cc = s.tile;
            co = 0;
            ld = w;
        }
        if (byK) {
            switch (block) {
                case ROWS4_VECTORS2 -> block4x2ByK(s.a, i, s.b, bias, biasOff, cc, co, ld, kLen, start);
                case ROWS8_VECTORS1 -> block8x1ByK(s.a, i, s.b, bias, biasOff, cc, co, ld, kLen, start);
                case ROWS4_VECTORS1 -> block4x1ByK(s.a, i, s.b, bias, biasOff, cc, co, ld, kLen, start);
            }
        } else {
            switch (block) {
                case ROWS4_VECTORS2 -> block4x2(s.a, i * ALD, s.b, bias, biasOff, cc, co, ld, kLen, start);
                case ROWS8_VECTORS1 -> block8x1(s.a, i * ALD, s.b, bias, biasOff, cc, co, ld, kLen, start);
                case ROWS4_VECTORS1 -> block4x1(s.a, i * ALD, s.b, bias, biasOff, cc, co, ld, kLen, start);
            }
        }
        if (tiled) {
            copyRows(s.tile, 0, w, c, cOff, ldc, rows, cols);
        }
    }

    /**
     * Packs {@code A(r, k)} for {@code r < rows}, {@code k < kLen}, with +0.0 in the rows up to the
     * next multiple of 4: by rows, {@code p[r·ALD + k]}, when the rows of A are contiguous
     * ({@code acs == 1}: forward, dX); else by k, {@code p[k·ALDI + r]} (dW, whose Xᵀ has
     * contiguous columns). Either way whole vectors are copied: never a transposition.
     */
    private static void packA(float[] a, int aOff, int ars, int acs, int rows, int kLen, float[] p) {
        int rows4 = (rows + 3) & -4;
        if (acs == 1) {
            for (int r = 0; r < rows; r++) {
                copyRow(a, aOff + r * ars, p, r * ALD, kLen);
            }
            for (int r = rows; r < rows4; r++) {
                zero(p, r * ALD, r * ALD + kLen);
            }
        } else if (ars == 1) {
            for (int k = 0; k < kLen; k++) {
                copyRow(a, aOff + k * acs, p, k * ALDI, rows);
                zero(p, k * ALDI + rows, k * ALDI + rows4);
            }
        } else {
            for (int k = 0; k < kLen; k++) {
                for (int r = 0; r < rows; r++) {
                    p[k * ALDI + r] = a[aOff + r * ars + k * acs];
                }
                zero(p, k * ALDI + rows, k * ALDI + rows4);
            }
        }
    }

    /** {@code p[k·w + t] = b[bOff + k·ldb + t]} for {@code t < cols}, and +0.0 for {@code cols ≤ t < w}. */
    private static void packB(float[] b, int bOff, int ldb, int kLen, int w, int cols, float[] p) {
        // Whole panels without an inner loop: where few row blocks share a panel, packing costs
        // about as much as the product.
        if (cols == 2 * L) {
            for (int k = 0; k < kLen; k++) {
                int src = bOff + k * ldb;
                FloatVector.fromArray(F, b, src).intoArray(p, k * (2 * L));
                FloatVector.fromArray(F, b, src + L).intoArray(p, k * (2 * L) + L);
            }
            return;
        }
        if (cols == L) {
            for (int k = 0; k < kLen; k++) {
                FloatVector.fromArray(F, b, bOff + k * ldb).intoArray(p, k * L);
            }
            return;
        }
        // A partial panel: whole vectors read from B where the array reaches, the lanes past
        // cols replaced by +0.0 (a register blend, no masked memory access); else floats.
        int whole = cols - cols % L;
        VectorMask<Float> valid = FloatVector.fromArray(F, LANE_INDEX, 0).compare(VectorOperators.LT, cols - whole);
        FloatVector zero = FloatVector.zero(F);
        for (int k = 0; k < kLen; k++) {
            int src = bOff + k * ldb;
            int dst = k * w;
            if (src + w <= b.length) {
                if (whole == L) {
                    FloatVector.fromArray(F, b, src).intoArray(p, dst);
                }
                zero.blend(FloatVector.fromArray(F, b, src + whole), valid).intoArray(p, dst + whole);
            } else {
                copyRow(b, src, p, dst, cols);
                zero(p, dst + cols, dst + w);
            }
        }
    }

    /** {@code LANE_INDEX[l] = l}: compared with a count, the mask of a vector's first lanes. */
    private static final float[] LANE_INDEX = laneIndex();

    private static float[] laneIndex() {
        float[] a = new float[L];
        for (int l = 0; l < L; l++) {
            a[l] = l;
        }
        return a;
    }

    /** {@code dst[dstOff + r·ldd + t] = src[srcOff + r·lds + t]} for {@code r < rows}, {@code t < cols}. */
    private static void copyRows(float[] src, int srcOff, int lds, float[] dst, int dstOff, int ldd,
                                 int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            copyRow(src, srcOff + r * lds, dst, dstOff + r * ldd, cols);
        }
    }

    /** Whole vectors, then single floats: a copy, so no value changes (rows are short; no arraycopy call). */
    private static void copyRow(float[] src, int srcOff, float[] dst, int dstOff, int cols) {
        int t = 0;
        for (int bound = F.loopBound(cols); t < bound; t += L) {
            FloatVector.fromArray(F, src, srcOff + t).intoArray(dst, dstOff + t);
        }
        for (; t < cols; t++) {
            dst[dstOff + t] = src[srcOff + t];
        }
    }

    private static void zero(float[] a, int from, int to) {
        for (int t = from; t < to; t++) {
            a[t] = 0f;
        }
    }

    /**
     * One row of C, columns {@code [0, 8L)}: 8 accumulators over all k, B read in place (each
     * element once, as a product with one row needs it; packing would double the traffic).
     */
    private static void row1x8(float[] a, int aOff, int acs, float[] b, int bOff, int ldb,
                               float[] bias, int biasOff, float[] c, int cOff, int depth) {
        int start = bias == null ? START_ZERO : START_BIAS;
        FloatVector c0 = start(start, bias, biasOff, c, cOff);
        FloatVector c1 = start(start, bias, biasOff + L, c, cOff);
        FloatVector c2 = start(start, bias, biasOff + 2 * L, c, cOff);
        FloatVector c3 = start(start, bias, biasOff + 3 * L, c, cOff);
        FloatVector c4 = start(start, bias, biasOff + 4 * L, c, cOff);
        FloatVector c5 = start(start, bias, biasOff + 5 * L, c, cOff);
        FloatVector c6 = start(start, bias, biasOff + 6 * L, c, cOff);
        FloatVector c7 = start(start, bias, biasOff + 7 * L, c, cOff);
        int ak = aOff;
        int bk = bOff;
        for (int k = 0; k < depth; k++) {
            FloatVector x = FloatVector.broadcast(F, a[ak]);
            c0 = x.fma(FloatVector.fromArray(F, b, bk), c0);
            c1 = x.fma(FloatVector.fromArray(F, b, bk + L), c1);
            c2 = x.fma(FloatVector.fromArray(F, b, bk + 2 * L), c2);
            c3 = x.fma(FloatVector.fromArray(F, b, bk + 3 * L), c3);
            c4 = x.fma(FloatVector.fromArray(F, b, bk + 4 * L), c4);
            c5 = x.fma(FloatVector.fromArray(F, b, bk + 5 * L), c5);
            c6 = x.fma(FloatVector.fromArray(F, b, bk + 6 * L), c6);
            c7 = x.fma(FloatVector.fromArray(F, b, bk + 7 * L), c7);
            ak += acs;
            bk += ldb;
        }
        c0.intoArray(c, cOff);
        c1.intoArray(c, cOff + L);
        c2.intoArray(c, cOff + 2 * L);
        c3.intoArray(c, cOff + 3 * L);
        c4.intoArray(c, cOff + 4 * L);
        c5.intoArray(c, cOff + 5 * L);
        c6.intoArray(c, cOff + 6 * L);
        c7.intoArray(c, cOff + 7 * L);
    }

    private static FloatVector start(int start, float[] bias, int biasOff, float[] c, int cOff) {
        return switch (start) {
            case START_ZERO -> FloatVector.zero(F);
            case START_BIAS -> FloatVector.fromArray(F, bias, biasOff);
            default -> FloatVector.fromArray(F, c, cOff);
        };
    }

    // The register blocks: A packed in rows ALD floats apart from aOff, B a panel of 1 or 2
    // vectors per k from offset 0. Every index is k times a constant plus an invariant.

    private static void block4x2(float[] a, int aOff, float[] b, float[] bias, int biasOff,
                                 float[] c, int cOff, int ldc, int kLen, int start) {
        int c1 = cOff + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector c00 = start(start, bias, biasOff, c, cOff);
        FloatVector c01 = start(start, bias, biasOff + L, c, cOff + L);
        FloatVector c10 = start(start, bias, biasOff, c, c1);
        FloatVector c11 = start(start, bias, biasOff + L, c, c1 + L);
        FloatVector c20 = start(start, bias, biasOff, c, c2);
        FloatVector c21 = start(start, bias, biasOff + L, c, c2 + L);
        FloatVector c30 = start(start, bias, biasOff, c, c3);
        FloatVector c31 = start(start, bias, biasOff + L, c, c3 + L);
        for (int k = 0; k < kLen; k++) {
            FloatVector b0 = FloatVector.fromArray(F, b, k * (2 * L));
            FloatVector b1 = FloatVector.fromArray(F, b, k * (2 * L) + L);
            int ak = aOff + k;
            FloatVector x = FloatVector.broadcast(F, a[ak]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(F, a[ak + ALD]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(F, a[ak + 2 * ALD]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(F, a[ak + 3 * ALD]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, c1);
        c11.intoArray(c, c1 + L);
        c20.intoArray(c, c2);
        c21.intoArray(c, c2 + L);
        c30.intoArray(c, c3);
        c31.intoArray(c, c3 + L);
    }

    private static void block8x1(float[] a, int aOff, float[] b, float[] bias, int biasOff,
                                 float[] c, int cOff, int ldc, int kLen, int start) {
        FloatVector c0 = start(start, bias, biasOff, c, cOff);
        FloatVector c1 = start(start, bias, biasOff, c, cOff + ldc);
        FloatVector c2 = start(start, bias, biasOff, c, cOff + 2 * ldc);
        FloatVector c3 = start(start, bias, biasOff, c, cOff + 3 * ldc);
        FloatVector c4 = start(start, bias, biasOff, c, cOff + 4 * ldc);
        FloatVector c5 = start(start, bias, biasOff, c, cOff + 5 * ldc);
        FloatVector c6 = start(start, bias, biasOff, c, cOff + 6 * ldc);
        FloatVector c7 = start(start, bias, biasOff, c, cOff + 7 * ldc);
        for (int k = 0; k < kLen; k++) {
            FloatVector bv = FloatVector.fromArray(F, b, k * L);
            int ak = aOff + k;
            c0 = FloatVector.broadcast(F, a[ak]).fma(bv, c0);
            c1 = FloatVector.broadcast(F, a[ak + ALD]).fma(bv, c1);
            c2 = FloatVector.broadcast(F, a[ak + 2 * ALD]).fma(bv, c2);
            c3 = FloatVector.broadcast(F, a[ak + 3 * ALD]).fma(bv, c3);
            c4 = FloatVector.broadcast(F, a[ak + 4 * ALD]).fma(bv, c4);
            c5 = FloatVector.broadcast(F, a[ak + 5 * ALD]).fma(bv, c5);
            c6 = FloatVector.broadcast(F, a[ak + 6 * ALD]).fma(bv, c6);
            c7 = FloatVector.broadcast(F, a[ak + 7 * ALD]).fma(bv, c7);
        }
        c0.intoArray(c, cOff);
        c1.intoArray(c, cOff + ldc);
        c2.intoArray(c, cOff + 2 * ldc);
        c3.intoArray(c, cOff + 3 * ldc);
        c4.intoArray(c, cOff + 4 * ldc);
        c5.intoArray(c, cOff + 5 * ldc);
        c6.intoArray(c, cOff + 6 * ldc);
        c7.intoArray(c, cOff + 7 * ldc);
    }

    private static void block4x1(float[] a, int aOff, float[] b, float[] bias, int biasOff,
                                 float[] c, int cOff, int ldc, int kLen, int start) {
        FloatVector c0 = start(start, bias, biasOff, c, cOff);
        FloatVector c1 = start(start, bias, biasOff, c, cOff + ldc);
        FloatVector c2 = start(start, bias, biasOff, c, cOff + 2 * ldc);
        FloatVector c3 = start(start, bias, biasOff, c, cOff + 3 * ldc);
        for (int k = 0; k < kLen; k++) {
            FloatVector bv = FloatVector.fromArray(F, b, k * L);
            int ak = aOff + k;
            c0 = FloatVector.broadcast(F, a[ak]).fma(bv, c0);
            c1 = FloatVector.broadcast(F, a[ak + ALD]).fma(bv, c1);
            c2 = FloatVector.broadcast(F, a[ak + 2 * ALD]).fma(bv, c2);
            c3 = FloatVector.broadcast(F, a[ak + 3 * ALD]).fma(bv, c3);
        }
        c0.intoArray(c, cOff);
        c1.intoArray(c, cOff + ldc);
        c2.intoArray(c, cOff + 2 * ldc);
        c3.intoArray(c, cOff + 3 * ldc);
    }

    // The same blocks over A packed by k: A(r, k) at a[aOff + k·ALDI + r].

    private static void block4x2ByK(float[] a, int aOff, float[] b, float[] bias, int biasOff,
                                 float[] c, int cOff, int ldc, int kLen, int start) {
        int c1 = cOff + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector c00 = start(start, bias, biasOff, c, cOff);
        FloatVector c01 = start(start, bias, biasOff + L, c, cOff + L);
        FloatVector c10 = start(start, bias, biasOff, c, c1);
        FloatVector c11 = start(start, bias, biasOff + L, c, c1 + L);
        FloatVector c20 = start(start, bias, biasOff, c, c2);
        FloatVector c21 = start(start, bias, biasOff + L, c, c2 + L);
        FloatVector c30 = start(start, bias, biasOff, c, c3);
        FloatVector c31 = start(start, bias, biasOff + L, c, c3 + L);
        for (int k = 0; k < kLen; k++) {
            FloatVector b0 = FloatVector.fromArray(F, b, k * (2 * L));
            FloatVector b1 = FloatVector.fromArray(F, b, k * (2 * L) + L);
            int ak = aOff + k * ALDI;
            FloatVector x = FloatVector.broadcast(F, a[ak]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(F, a[ak + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(F, a[ak + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(F, a[ak + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, c1);
        c11.intoArray(c, c1 + L);
        c20.intoArray(c, c2);
        c21.intoArray(c, c2 + L);
        c30.intoArray(c, c3);
        c31.intoArray(c, c3 + L);
    }

    private static void block8x1ByK(float[] a, int aOff, float[] b, float[] bias, int biasOff,
                                 float[] c, int cOff, int ldc, int kLen, int start) {
        FloatVector c0 = start(start, bias, biasOff, c, cOff);
        FloatVector c1 = start(start, bias, biasOff, c, cOff + ldc);
        FloatVector c2 = start(start, bias, biasOff, c, cOff + 2 * ldc);
        FloatVector c3 = start(start, bias, biasOff, c, cOff + 3 * ldc);
        FloatVector c4 = start(start, bias, biasOff, c, cOff + 4 * ldc);
        FloatVector c5 = start(start, bias, biasOff, c, cOff + 5 * ldc);
        FloatVector c6 = start(start, bias, biasOff, c, cOff + 6 * ldc);
        FloatVector c7 = start(start, bias, biasOff, c, cOff + 7 * ldc);
        for (int k = 0; k < kLen; k++) {
            FloatVector bv = FloatVector.fromArray(F, b, k * L);
            int ak = aOff + k * ALDI;
            c0 = FloatVector.broadcast(F, a[ak]).fma(bv, c0);
            c1 = FloatVector.broadcast(F, a[ak + 1]).fma(bv, c1);
            c2 = FloatVector.broadcast(F, a[ak + 2]).fma(bv, c2);
            c3 = FloatVector.broadcast(F, a[ak + 3]).fma(bv, c3);
            c4 = FloatVector.broadcast(F, a[ak + 4]).fma(bv, c4);
            c5 = FloatVector.broadcast(F, a[ak + 5]).fma(bv, c5);
            c6 = FloatVector.broadcast(F, a[ak + 6]).fma(bv, c6);
            c7 = FloatVector.broadcast(F, a[ak + 7]).fma(bv, c7);
        }
        c0.intoArray(c, cOff);
        c1.intoArray(c, cOff + ldc);
        c2.intoArray(c, cOff + 2 * ldc);
        c3.intoArray(c, cOff + 3 * ldc);
        c4.intoArray(c, cOff + 4 * ldc);
        c5.intoArray(c, cOff + 5 * ldc);
        c6.intoArray(c, cOff + 6 * ldc);
        c7.intoArray(c, cOff + 7 * ldc);
    }

    private static void block4x1ByK(float[] a, int aOff, float[] b, float[] bias, int biasOff,
                                 float[] c, int cOff, int ldc, int kLen, int start) {
        FloatVector c0 = start(start, bias, biasOff, c, cOff);
        FloatVector c1 = start(start, bias, biasOff, c, cOff + ldc);
        FloatVector c2 = start(start, bias, biasOff, c, cOff + 2 * ldc);
        FloatVector c3 = start(start, bias, biasOff, c, cOff + 3 * ldc);
        for (int k = 0; k < kLen; k++) {
            FloatVector bv = FloatVector.fromArray(F, b, k * L);
            int ak = aOff + k * ALDI;
            c0 = FloatVector.broadcast(F, a[ak]).fma(bv, c0);
            c1 = FloatVector.broadcast(F, a[ak + 1]).fma(bv, c1);
            c2 = FloatVector.broadcast(F, a[ak + 2]).fma(bv, c2);
            c3 = FloatVector.broadcast(F, a[ak + 3]).fma(bv, c3);
        }
        c0.intoArray(c, cOff);
        c1.intoArray(c, cOff + ldc);
        c2.intoArray(c, cOff + 2 * ldc);
        c3.intoArray(c, cOff + 3 * ldc);
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
}
