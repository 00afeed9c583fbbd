package dev.lanes.vectorops;

import static dev.lanes.vectorops.Bits.SCALAR;
import static dev.lanes.vectorops.Bits.VECTOR;
import static dev.lanes.vectorops.Bits.assertSame;

import dev.lanes.kernel.Kernels;
import dev.lanes.kernel.Parallel;
import dev.lanes.optim.Optimizer;
import dev.lanes.optim.OptimizerState;
import dev.lanes.vectorops.OptimizerRegistry.Backend;
import dev.lanes.vectorops.OptimizerRegistry.Config;
import dev.lanes.vectorops.OptimizerRegistry.Model;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Every named optimizer configuration, stepped on a team of 2 or 3 threads with a small grain, so
 * that the 100- and 37-element parameters are cut into chunks whose boundaries fall anywhere (not
 * on a multiple of the vector length), gives after every step the same parameters and state bits
 * as the step on the calling thread alone: the vector kernels at this JVM's width, and the scalar
 * reference.
 */
class OptimizerThreadsProperties {
    private static final Parallel TWO = new Parallel(2);
    private static final Parallel THREE = new Parallel(3);

    @AfterContainer
    static void closeTeams() {
        TWO.close();
        THREE.close();
    }

    @Provide
    Arbitrary<Config> configs() {
        return Arbitraries.of(OptimizerRegistry.ALL);
    }

    @Provide
    Arbitrary<Integer> grains() {
        // 1: chunks of any length; 64 and more: no parameter of the model is split
        return Arbitraries.of(1, 2, 3, 5, 7, 9, 13, 17, 25, 33, 64);
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.MIXIN)
    void threadsGiveTheBitsOfOneThread(@ForAll("configs") Config config, @ForAll long seed,
            @ForAll boolean specials, @ForAll boolean three, @ForAll("grains") int grain,
            @ForAll boolean scalar) {
        Kernels k = scalar ? SCALAR : VECTOR;
        Parallel team = three ? THREE : TWO;
        Model m1 = new Model(seed, specials);
        Model mt = new Model(seed, specials);
        Optimizer one = config.build().apply(k, m1.params);
        Optimizer many = config.build().apply(new Backend(k, team, grain), mt.params);
        for (int t = 1; t <= 8; t++) {
            boolean a1 = m1.step(one);
            boolean at = mt.step(many);
            String where = config + " on " + k.info().backend() + ", " + team.threads() + " threads, grain "
                    + grain + ", seed " + seed + ", step " + t;
            if (a1 != at) {
                throw new AssertionError(where + ": applied " + a1 + " with one thread, " + at + " with the team");
            }
            assertSame(m1.a, mt.a, where);
            assertSame(m1.c, mt.c, where);
            assertSame(m1.ga, mt.ga, where + ", gradient");
            assertSame(m1.gc, mt.gc, where + ", gradient");
            OptimizerState x1 = one.exportState();
            OptimizerState xt = many.exportState();
            if (x1.steps() != xt.steps() || x1.skippedSteps() != xt.skippedSteps()) {
                throw new AssertionError(where + ": counters differ");
            }
            for (Map.Entry<String, Map<String, float[]>> p : x1.parameters().entrySet()) {
                for (Map.Entry<String, float[]> a : p.getValue().entrySet()) {
                    assertSame(a.getValue(), xt.array(p.getKey(), a.getKey()),
                            where + ", " + p.getKey() + "." + a.getKey());
                }
            }
        }
    }
}
