package dev.lanes.vectorops;

import static dev.lanes.vectorops.Bits.SCALAR;
import static dev.lanes.vectorops.Bits.VECTOR;
import static dev.lanes.vectorops.Bits.assertSame;

import dev.lanes.optim.Optimizer;
import dev.lanes.optim.OptimizerState;
import dev.lanes.vectorops.OptimizerRegistry.Config;
import dev.lanes.vectorops.OptimizerRegistry.Model;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every named optimizer configuration, run for several steps by the scalar reference and by the
 * vector kernels from the same parameters and gradients: parameters and every state array agree
 * bit for bit after every step.
 */
class OptimizerRegistryProperties {

    @Provide
    Arbitrary<Config> configs() {
        return Arbitraries.of(OptimizerRegistry.ALL);
    }

    @Property(tries = 400, edgeCases = EdgeCasesMode.MIXIN)
    void vectorEqualsScalar(@ForAll("configs") Config config, @ForAll long seed, @ForAll boolean specials) {
        Model ms = new Model(seed, specials);
        Model mv = new Model(seed, specials);
        Optimizer s = config.build().apply(SCALAR, ms.params);
        Optimizer v = config.build().apply(VECTOR, mv.params);
        for (int t = 1; t <= 8; t++) {
            ms.step(s);
            mv.step(v);
            String where = config + ", seed " + seed + ", step " + t;
            assertSame(ms.a, mv.a, where);
            assertSame(ms.c, mv.c, where);
            OptimizerState xs = s.exportState();
            OptimizerState xv = v.exportState();
            for (Map.Entry<String, Map<String, float[]>> p : xs.parameters().entrySet()) {
                for (Map.Entry<String, float[]> a : p.getValue().entrySet()) {
                    assertSame(a.getValue(), xv.array(p.getKey(), a.getKey()), where + ", " + p.getKey() + "." + a.getKey());
                }
            }
        }
    }
}
