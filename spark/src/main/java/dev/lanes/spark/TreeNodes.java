package dev.lanes.spark;

/**
 * Which nodes of a step's gradient tree (DESIGN rule 7) a holder of a run of consecutive
 * micro-batches computes itself.
 *
 * <p>The node of level {@code L} at position {@code p} (a multiple of {@code 2^L}) is the tree of
 * the micro-batches {@code [p, min(p + 2^L, m))}, {@code m} the step's number of non-empty
 * micro-batches (they are always the first {@code m}: a shard is never longer than the one
 * before it). A run {@code [a, e)} is split greedily from its start into the largest aligned
 * nodes that stay inside it; when the run reaches {@code m}, its last node may be a truncated
 * one (its leaves stop at {@code m}), which is a node of the tree too. Pushed in position order,
 * the nodes of all runs give the driver's {@code GradientTree} the same root as the leaves would.
 */
final class TreeNodes {
    private TreeNodes() {}

    /** The most nodes one run can split into: one per level on the way up and one per level down. */
    static final int MAX_PER_RUN = 64;

    /**
     * Appends the nodes of run {@code [a, e)} to {@code pos}/{@code level} from index {@code n};
     * returns the new count.
     *
     * @param m the number of non-empty micro-batches of the step ({@code e <= m})
     */
    static int split(int a, int e, int m, int[] pos, int[] level, int n) {
        int p = a;
        while (p < e) {
            int l = 0;
            while (l < 30) {
                long span = 1L << (l + 1);
                if (p % span != 0) {
                    break;
                }
                if (p + span <= e || (e == m && p + span / 2 < e)) {
                    l++;
                } else {
                    break;
                }
            }
            pos[n] = p;
            level[n] = l;
            n++;
            p = (int) Math.min((long) p + (1L << l), e);
        }
        return n;
    }
}
