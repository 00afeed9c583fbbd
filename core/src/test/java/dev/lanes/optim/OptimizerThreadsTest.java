package dev.lanes.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernel.Kernels;
import dev.lanes.kernel.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The optimizer's step on a team of threads: how a parameter is cut into chunks, and, with the
 * default grain on a parameter long enough to be cut, the same bits as on one thread for every
 * algorithm (on the scalar reference; vectorops checks every configuration at every width).
 */
class OptimizerThreadsTest {

    /** The chunks {@code split} makes of {@code [0, n)}, in order. */
    static List<int[]> chunks(Parallel team, int grain, int n) {
        Sgd sgd = Sgd.builder().parallel(team, grain).params(Parameter.of("x", new float[1], new float[1])).build();
        List<int[]> seen = new ArrayList<>();
        sgd.split(n, (from, to) -> {
            synchronized (seen) {
                seen.add(new int[] {from, to});
            }
        });
        seen.sort((a, b) -> Integer.compare(a[0], b[0]));
        return seen;
    }

    @Test
    void aParameterIsCutIntoAtMostOneChunkPerThreadOfAtLeastTheGrain() {
        for (int threads : new int[] {1, 2, 3, 4}) {
            try (Parallel team = new Parallel(threads)) {
                for (int grain : new int[] {1, 5, 64, 100, 32_768}) {
                    for (int n : new int[] {0, 1, 7, 63, 64, 65, 129, 200, 1000, 65_535, 65_536, 98_309, 1 << 20}) {
                        List<int[]> c = chunks(team, grain, n);
                        String where = threads + " threads, grain " + grain + ", n " + n;
                        int k = Math.min(threads, n / grain);
                        if (k < 2) {
                            assertEquals(1, c.size(), where + ": one call on this thread");
                            assertEquals(0, c.get(0)[0], where);
                            assertEquals(n, c.get(0)[1], where);
                            continue;
                        }
                        assertTrue(c.size() >= 2 && c.size() <= k, where + ": " + c.size() + " chunks");
                        int at = 0;
                        for (int[] chunk : c) {
                            assertEquals(at, chunk[0], where + ": contiguous");
                            assertTrue(chunk[1] > chunk[0], where);
                            assertTrue(chunk[1] - chunk[0] <= (n + k - 1) / k + Math.min(grain, 64) - 1, where);
                            if (chunk[1] < n) {
                                assertEquals(0, chunk[1] % Math.min(grain, 64), where + ": aligned boundary");
                            }
                            at = chunk[1];
                        }
                        assertEquals(n, at, where + ": covered");
                    }
                }
            }
        }
        assertEquals(1, chunks(null, 1, 100).size(), "no team: one call");
    }

    static final int N = 3 * Optimizer.DEFAULT_GRAIN + 5;

    static final List<BiFunction<Parallel, Parameter, Optimizer>> ALGORITHMS = List.of(
            (t, p) -> Sgd.builder().momentum(0.9).weightDecay(0.01).parallel(t).params(p).build(),
            (t, p) -> Nesterov.builder().weightDecay(0.1).decoupledWeightDecay(true).parallel(t)
                    .params(p).build(),
            (t, p) -> AdaGrad.builder().lrDecay(0.1).parallel(t).clipGradientValue(1.5).params(p).build(),
            (t, p) -> RmsProp.builder().centered(true).momentum(0.5).parallel(t).clipGradientNorm(100).params(p).build(),
            (t, p) -> AdaDelta.builder().weightDecay(0.1).parallel(t).params(p).build(),
            (t, p) -> Adam.adamW().amsgrad(true).parallel(t).params(p).build(),
            (t, p) -> AdaMax.builder().parallel(t).params(p).build(),
            (t, p) -> NAdam.builder().weightDecay(0.1).parallel(t).params(p).build(),
            (t, p) -> RAdam.builder().parallel(t).params(p).build(),
            (t, p) -> Rprop.builder().parallel(t).params(p).build(),
            (t, p) -> Asgd.builder().t0(2).lambda(0.01).parallel(t).params(p).build(),
            (t, p) -> QuickProp.builder().weightDecay(0.01).parallel(t).params(p).build());

    /** Parameter, gradient and every state array after 4 steps, as one list. */
    static List<float[]> run(BiFunction<Parallel, Parameter, Optimizer> build, Parallel team) {
        SplittableRandom random = new SplittableRandom(7);
        float[] x = new float[N + 9];
        float[] g = new float[N + 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        List<float[]> all = new ArrayList<>();
        try (Optimizer o = build.apply(team, new Parameter("x", x, 9, N, g, 2))) {
            assertSame(team, o.parallel());
            for (int t = 0; t < 4; t++) {
                for (int i = 0; i < g.length; i++) {
                    g[i] = (float) random.nextGaussian();
                }
                if (o instanceof Nesterov n) {
                    n.lookAhead();
                    n.step();
                } else {
                    o.step();
                }
            }
            all.add(x);
            all.add(g);
            for (Map<String, float[]> arrays : o.exportState().parameters().values()) {
                all.addAll(arrays.values());
            }
        }
        return all;
    }

    @Test
    void theDefaultGrainCutsALongParameterAndKeepsItsBits() {
        try (Parallel two = new Parallel(2); Parallel three = new Parallel(3)) {
            for (BiFunction<Parallel, Parameter, Optimizer> build : ALGORITHMS) {
                List<float[]> one = run(build, null);
                for (Parallel team : List.of(two, three)) {
                    List<float[]> many = run(build, team);
                    assertEquals(one.size(), many.size());
                    for (int a = 0; a < one.size(); a++) {
                        for (int i = 0; i < one.get(a).length; i++) {
                            if (Float.floatToIntBits(one.get(a)[i]) != Float.floatToIntBits(many.get(a)[i])) {
                                throw new AssertionError(build.apply(null, Parameter.of("y", new float[1],
                                        new float[1])).algorithm() + " on " + team.threads() + " threads: array "
                                        + a + "[" + i + "] is " + many.get(a)[i] + ", one thread gives "
                                        + one.get(a)[i]);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void aClosedTeamFailsTheStepBeforeItWrites() {
        float[] x = {1, 2, 3};
        float[] g = {1, 1, 1};
        Parallel team = new Parallel(2);
        Adam adam = Adam.builder().parallel(team, 1).params(Parameter.of("x", x, g)).build();
        adam.step();
        float[] before = x.clone();
        team.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, adam::step);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertEquals(1, adam.steps());
        for (int i = 0; i < x.length; i++) {
            assertEquals(before[i], x[i]);
        }
        assertTrue(adam.step(null), "a step without the team");
        assertThrows(IllegalArgumentException.class, () -> Adam.builder().parallel(null, 0));
    }
}
