package dev.lanes.nn;

import dev.lanes.kernel.Kernels;

/**
 * The canonical sum of a batch's micro-batch gradients (docs/DESIGN.md rule 7), computed as the
 * micro-batches arrive in order.
 *
 * <p>The sum of the gradients {@code g_0 … g_{m-1}} of a batch's non-empty micro-batches is the
 * fixed pairwise tree over the micro-batch index:
 * <pre>
 * for s = 1, 2, 4, …:  for i = 0, 2s, 4s, …:  if i + s &lt; m:  g_i = g_i + g_{i+s}
 * </pre>
 * with each {@code +} an element-wise float addition ({@link Kernels#add}). A node of the tree is
 * the sum of an aligned block of leaves: the node of level {@code l} at position {@code i} (a
 * multiple of {@code 2^l}) sums the leaves {@code [i, min(i + 2^l, m))}. So any machine holding such
 * a block of micro-batches can compute its node alone, and the result cannot depend on how the
 * micro-batches were spread over threads, processes or machines.
 *
 * <p>Use: for each node in order, write it into {@link #buffer()} and {@link #push(int) push} it
 * with its level (0 for a single micro-batch); then {@link #finish} writes the root. Pushing keeps
 * a stack of at most one pending node per level, as a binary counter does; two nodes of the same
 * level are added at once. At the end the pending nodes are added from the most recent (the
 * lowest level) up, which is the tree above when {@code m} is not a power of two. An empty
 * micro-batch is not pushed at all: adding a node of zeros is not a no-op ({@code -0 + +0} is
 * {@code +0}).
 *
 * <p>The buffers are allocated by the constructor; pushing and finishing allocate nothing. Not
 * thread-safe.
 */
public final class GradientTree {
    private final Kernels kernels;
    private final int length;
    private final int maxLeaves;
    /** Pending nodes, lowest index (highest level) first. */
    private final float[][] stack;
    private final int[] levels;
    private int depth;
    /** Buffers not holding a pending node. */
    private final float[][] free;
    private int freeCount;
    private int leaves;

    /**
     * A tree over gradients of {@code length} floats, for up to {@code maxLeaves} micro-batches per
     * batch.
     *
     * @throws IllegalArgumentException if {@code length < 0} or {@code maxLeaves < 1}
     */
    public GradientTree(Kernels kernels, int length, int maxLeaves) {
        if (kernels == null) {
            throw new NullPointerException("kernels is null");
        }
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, was " + length);
        }
        if (maxLeaves < 1) {
            throw new IllegalArgumentException("maxLeaves must be >= 1, was " + maxLeaves);
        }
        this.kernels = kernels;
        this.length = length;
        this.maxLeaves = maxLeaves;
        // a binary counter below maxLeaves has at most ceil(log2(maxLeaves)) + 1 nodes pending,
        // and one more buffer is being written
        int slots = 34 - Integer.numberOfLeadingZeros(Math.max(1, maxLeaves - 1));
        this.stack = new float[slots][];
        this.levels = new int[slots];
        this.free = new float[slots + 1][];
        for (int i = 0; i < free.length; i++) {
            free[i] = new float[length];
        }
        this.freeCount = free.length;
    }

    /** The length of every gradient. */
    public int length() {
        return length;
    }

    /** Leaves (micro-batches) covered by the nodes pushed since the last {@link #clear()}. */
    public int leaves() {
        return leaves;
    }

    /** Forgets every pushed node: the next push starts a new batch. */
    public void clear() {
        while (depth > 0) {
            free[freeCount++] = stack[--depth];
        }
        leaves = 0;
    }

    /**
     * The buffer to write the next node into (its first {@link #length()} floats); the same buffer
     * until the next {@link #push}.
     */
    public float[] buffer() {
        return free[freeCount - 1];
    }

    /**
     * Adds the node now in {@link #buffer()}: the sum of the {@code 2^level} micro-batches from
     * {@link #leaves()} on (fewer if the batch ends within them), computed by this same tree.
     *
     * @throws IllegalArgumentException if {@code level} is negative, {@link #leaves()} is not a
     *                                  multiple of {@code 2^level}, or the node would pass
     *                                  {@code maxLeaves}
     */
    public void push(int level) {
        if (level < 0 || level > 30) {
            throw new IllegalArgumentException("level must be in [0, 30], was " + level);
        }
        int span = 1 << level;
        if ((leaves & (span - 1)) != 0) {
            throw new IllegalArgumentException("a node of level " + level + " must start at a multiple of "
                    + span + ", but " + leaves + " leaves were pushed");
        }
        if (leaves >= maxLeaves) {
            throw new IllegalArgumentException("this tree holds at most " + maxLeaves + " leaves, "
                    + leaves + " were pushed");
        }
        float[] node = free[--freeCount];
        int l = level;
        while (depth > 0 && levels[depth - 1] == l) {
            float[] left = stack[--depth];
            kernels.add(left, 0, node, 0, node, 0, length);
            free[freeCount++] = left;
            l++;
        }
        stack[depth] = node;
        levels[depth] = l;
        depth++;
        leaves += span;
    }

    /**
     * Writes the sum of everything pushed to {@code out[off, off + length())} and {@link #clear()}s.
     *
     * @throws IllegalStateException     if nothing was pushed
     * @throws IndexOutOfBoundsException if the region lies outside {@code out}
     */
    public void finish(float[] out, int off) {
        if (depth == 0) {
            throw new IllegalStateException("no gradient was pushed");
        }
        if (off < 0 || off > out.length - length) {
            throw new IndexOutOfBoundsException("out: region [" + off + ", " + ((long) off + length)
                    + ") is outside the array of length " + out.length);
        }
        float[] acc = stack[depth - 1];
        if (depth == 1) {
            System.arraycopy(acc, 0, out, off, length);
        } else {
            for (int d = depth - 2; d >= 0; d--) {
                if (d == 0) {
                    kernels.add(stack[0], 0, acc, 0, out, off, length);
                } else {
                    kernels.add(stack[d], 0, acc, 0, acc, 0, length);
                }
            }
        }
        clear();
    }
}
