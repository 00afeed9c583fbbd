package dev.lanes.vectorops;

import static dev.lanes.vectorops.Bits.SCALAR;
import static dev.lanes.vectorops.Bits.VECTOR;
import static dev.lanes.vectorops.Bits.assertSame;

import dev.lanes.kernel.Parallel;
import dev.lanes.kernel.Kernels;
import java.util.SplittableRandom;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The products spread over 1, 2, 3 and 8 threads by {@link ParallelKernels} on the vector
 * kernels: the same bits as one call of the scalar reference, at every width (the thread blocks
 * cut the outputs at places that are not multiples of every width, so tails move around).
 */
class ParallelMlpProperties {
    private static final int[] THREADS = {1, 2, 3, 8};
    private static final Parallel[] TEAMS = new Parallel[THREADS.length];

    static {
        for (int t = 0; t < THREADS.length; t++) {
            TEAMS[t] = new Parallel(THREADS[t]);
        }
    }

    @AfterContainer
    static void closeTeams() {
        for (Parallel p : TEAMS) {
            p.close();
        }
    }

    private static float[] values(SplittableRandom random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (random.nextDouble() * 4 - 2);
        }
        return a;
    }

    @Property(tries = 40, edgeCases = EdgeCasesMode.MIXIN)
    void productsHaveTheSameBitsForAnyThreadCount(@ForAll @IntRange(min = 0, max = 40) int rows,
                                                  @ForAll @IntRange(min = 0, max = 300) int in,
                                                  @ForAll @IntRange(min = 0, max = 200) int out,
                                                  @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = values(random, rows * in);
        float[] w = values(random, in * out);
        float[] b = values(random, out);
        float[] dy = values(random, rows * out);
        float[] wt = new float[out * in];
        SCALAR.transpose(w, 0, out, wt, 0, in, in, out);
        float[] y = new float[rows * out];
        float[] dw = new float[in * out];
        float[] db = new float[out];
        float[] dx = new float[rows * in];
        SCALAR.gemmForward(x, 0, in, w, 0, out, b, 0, y, 0, out, rows, in, out);
        SCALAR.gemmBackwardWeights(x, 0, in, dy, 0, out, dw, 0, out, rows, in, out);
        SCALAR.biasBackward(dy, 0, out, db, 0, rows, out);
        SCALAR.gemmBackwardInput(dy, 0, out, wt, 0, in, dx, 0, in, rows, out, in);
        String shape = "rows=" + rows + " in=" + in + " out=" + out;
        for (int t = 0; t < THREADS.length; t++) {
            Kernels pk = VECTOR.parallel(TEAMS[t]);
            float[] yp = new float[rows * out];
            float[] dwp = new float[in * out];
            float[] dbp = new float[out];
            float[] dxp = new float[rows * in];
            pk.gemmForward(x, 0, in, w, 0, out, b, 0, yp, 0, out, rows, in, out);
            pk.gemmBackwardWeights(x, 0, in, dy, 0, out, dwp, 0, out, rows, in, out);
            pk.biasBackward(dy, 0, out, dbp, 0, rows, out);
            pk.gemmBackwardInput(dy, 0, out, wt, 0, in, dxp, 0, in, rows, out, in);
            String context = THREADS[t] + " threads, " + shape;
            assertSame(y, yp, "y, " + context);
            assertSame(dw, dwp, "dw, " + context);
            assertSame(db, dbp, "db, " + context);
            assertSame(dx, dxp, "dx, " + context);
        }
    }
}
