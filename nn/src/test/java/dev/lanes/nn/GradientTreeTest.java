package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lanes.kernel.Kernels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GradientTreeTest {
    static final Kernels K = Kernels.scalar();

    /** The tree of docs/DESIGN.md rule 7 as written there: g[i] += g[i + s] for s = 1, 2, 4, …, on copies. */
    static float[] strideTree(List<float[]> leaves) {
        int m = leaves.size();
        float[][] g = new float[m][];
        for (int i = 0; i < m; i++) {
            g[i] = leaves.get(i).clone();
        }
        for (int s = 1; s < m; s <<= 1) {
            for (int i = 0; i + s < m; i += 2 * s) {
                for (int j = 0; j < g[i].length; j++) {
                    g[i][j] = g[i][j] + g[i + s][j];
                }
            }
        }
        return g[0];
    }

    /** Random gradients with magnitudes far apart (so the order of additions shows), signed zeros among them. */
    static List<float[]> leaves(long seed, int m, int length) {
        SplittableRandom r = new SplittableRandom(seed);
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            float[] g = new float[length];
            for (int j = 0; j < length; j++) {
                int kind = r.nextInt(8);
                g[j] = kind == 0 ? -0f : kind == 1 ? 0f : (float) ((r.nextDouble() - 0.5) * Math.scalb(1.0, r.nextInt(40) - 20));
            }
            out.add(g);
        }
        return out;
    }

    static void assertBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]),
                    what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]);
        }
    }

    @Test
    void leavesInOrderGiveTheStrideTree() {
        GradientTree tree = new GradientTree(K, 37, 40);
        for (int m = 1; m <= 40; m++) {
            List<float[]> g = leaves(m, m, 37);
            for (float[] leaf : g) {
                System.arraycopy(leaf, 0, tree.buffer(), 0, 37);
                tree.push(0);
            }
            assertEquals(m, tree.leaves());
            float[] out = new float[40];
            tree.finish(out, 3);
            float[] got = new float[37];
            System.arraycopy(out, 3, got, 0, 37);
            assertBits(strideTree(g), got, m + " leaves");
            assertEquals(0, tree.leaves());
        }
    }

    @Test
    void alignedNodesComputedElsewhereGiveTheSameSum() {
        // "machines" own aligned blocks of 4 leaves (and the last, partial block); each sums its
        // block with its own tree, and the "driver" pushes the nodes at level 2
        for (int m = 1; m <= 23; m++) {
            List<float[]> g = leaves(100 + m, m, 19);
            GradientTree driver = new GradientTree(K, 19, m);
            for (int first = 0; first < m; first += 4) {
                GradientTree machine = new GradientTree(K, 19, 4);
                for (int i = first; i < Math.min(m, first + 4); i++) {
                    System.arraycopy(g.get(i), 0, machine.buffer(), 0, 19);
                    machine.push(0);
                }
                machine.finish(driver.buffer(), 0);
                driver.push(2);
            }
            float[] got = new float[19];
            driver.finish(got, 0);
            assertBits(strideTree(g), got, m + " leaves in blocks of 4");
        }
    }

    @Test
    void mixedLevelsFollowTheBinaryCounter() {
        // 11 leaves as 8 (level 3) + 2 (level 1) + 1 (level 0)
        List<float[]> g = leaves(7, 11, 5);
        GradientTree tree = new GradientTree(K, 5, 11);
        GradientTree block = new GradientTree(K, 5, 8);
        for (int i = 0; i < 8; i++) {
            System.arraycopy(g.get(i), 0, block.buffer(), 0, 5);
            block.push(0);
        }
        block.finish(tree.buffer(), 0);
        tree.push(3);
        for (int i = 8; i < 10; i++) {
            System.arraycopy(g.get(i), 0, block.buffer(), 0, 5);
            block.push(0);
        }
        block.finish(tree.buffer(), 0);
        tree.push(1);
        System.arraycopy(g.get(10), 0, tree.buffer(), 0, 5);
        tree.push(0);
        float[] got = new float[5];
        tree.finish(got, 0);
        assertBits(strideTree(g), got, "8 + 2 + 1");
    }

    @Test
    void misuseIsRefusedWithoutChangingAnything() {
        GradientTree tree = new GradientTree(K, 3, 4);
        assertThrows(IllegalStateException.class, () -> tree.finish(new float[3], 0));
        tree.buffer()[0] = 1f;
        tree.push(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tree.push(1));
        assertEquals("a node of level 1 must start at a multiple of 2, but 1 leaves were pushed", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> tree.push(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> tree.finish(new float[2], 0));
        assertEquals(1, tree.leaves());
        float[] out = new float[3];
        tree.finish(out, 0);
        assertArrayEquals(new float[] {1f, 0f, 0f}, out);
        assertThrows(IllegalArgumentException.class, () -> new GradientTree(K, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new GradientTree(K, 1, 0));
    }
}
