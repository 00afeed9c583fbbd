package dev.lanes.spark;

import dev.lanes.kernel.Kernels;
import dev.lanes.nn.GradientTree;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The nodes a task computes for its runs of micro-batches, pushed by the driver in order, give the
 * bits of the stride tree over the leaves (DESIGN rule 7), for any cut of the micro-batches into
 * runs and any number of non-empty ones.
 */
class TreeNodesProperties {
    private static final Kernels K = Kernels.scalar();
    private static final int LENGTH = 9;

    /** The stride tree as DESIGN rule 7 writes it. */
    private static float[] strideTree(float[][] leaves, int m) {
        float[][] g = new float[m][];
        for (int i = 0; i < m; i++) {
            g[i] = leaves[i].clone();
        }
        for (int s = 1; s < m; s <<= 1) {
            for (int i = 0; i + s < m; i += 2 * s) {
                for (int j = 0; j < LENGTH; j++) {
                    g[i][j] = g[i][j] + g[i + s][j];
                }
            }
        }
        return g[0];
    }

    @Property(tries = 300)
    void nodesOfAnyRunsGiveTheStrideTree(@ForAll @IntRange(min = 1, max = 70) int shards,
                                         @ForAll @IntRange(min = 1, max = 70) int nonEmpty,
                                         @ForAll long seed) {
        int m = Math.min(nonEmpty, shards);
        SplittableRandom r = new SplittableRandom(seed);
        float[][] leaves = new float[shards][LENGTH];
        for (float[] leaf : leaves) {
            for (int j = 0; j < LENGTH; j++) {
                // magnitudes far apart and signed zeros, so that any change of order shows
                int kind = r.nextInt(8);
                leaf[j] = kind == 0 ? -0f : kind == 1 ? 0f
                        : (float) ((r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(40) - 20));
            }
        }
        // cut [0, shards) into runs at random points, as partitions hold contiguous shards
        int[] pos = new int[TreeNodes.MAX_PER_RUN * shards];
        int[] level = new int[pos.length];
        int nodes = 0;
        for (int a = 0; a < shards; ) {
            int e = Math.min(shards, a + 1 + r.nextInt(Math.max(1, shards / 3)));
            int hi = Math.min(e, m);
            if (a < hi) {
                nodes = TreeNodes.split(a, hi, m, pos, level, nodes);
            }
            a = e;
        }
        GradientTree task = new GradientTree(K, LENGTH, shards);
        GradientTree driver = new GradientTree(K, LENGTH, shards);
        float[] node = new float[LENGTH];
        int next = 0;
        for (int k = 0; k < nodes; k++) {
            if (pos[k] != next || (pos[k] & ((1 << level[k]) - 1)) != 0) {
                throw new AssertionError("node " + k + " at " + pos[k] + " of level " + level[k] + ", expected one at "
                        + next);
            }
            int end = Math.min(pos[k] + (1 << level[k]), m);
            for (int t = pos[k]; t < end; t++) {
                System.arraycopy(leaves[t], 0, task.buffer(), 0, LENGTH);
                task.push(0);
            }
            task.finish(node, 0);
            System.arraycopy(node, 0, driver.buffer(), 0, LENGTH);
            driver.push(level[k]);
            next = end;
        }
        if (next != m) {
            throw new AssertionError("the nodes cover [0, " + next + "), not [0, " + m + ")");
        }
        float[] root = new float[LENGTH];
        driver.finish(root, 0);
        float[] expected = strideTree(leaves, m);
        for (int j = 0; j < LENGTH; j++) {
            if (Float.floatToIntBits(root[j]) != Float.floatToIntBits(expected[j])) {
                throw new AssertionError("element " + j + ": " + root[j] + ", expected " + expected[j] + " (shards "
                        + shards + ", m " + m + ")");
            }
        }
    }
}
