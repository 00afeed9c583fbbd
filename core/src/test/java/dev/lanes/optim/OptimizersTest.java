package dev.lanes.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernel.Kernels;
import dev.lanes.schedule.Schedules;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizersTest {
    private static float[] stepOnce(Optimizer o, float[] x) {
        o.step();
        return x.clone();
    }

    @Test
    void everyNameBuildsItsAlgorithmWithItsDefaults() {
        for (String name : Optimizers.NAMES) {
            float[] x = {1f, -2f, 3f};
            float[] g = {0.5f, 0.25f, -1f};
            Optimizer o = Optimizers.byName(name.toUpperCase(java.util.Locale.ROOT), Schedules.constant(0.01),
                    Optimizers.Settings.DEFAULTS, Kernels.scalar(), List.of(Parameter.of("x", x, g)));
            float[] after = stepOnce(o, x);
            assertTrue(after[0] != 1f || after[1] != -2f || after[2] != 3f, name + " did not move x");
        }
    }

    @Test
    void aNameIsTheBuilderWithTheSameSettings() {
        float[] x1 = {1f, -2f, 3f};
        float[] g1 = {0.5f, 0.25f, -1f};
        float[] x2 = x1.clone();
        float[] g2 = g1.clone();
        Optimizer named = Optimizers.byName("adam", Schedules.constant(0.01),
                new Optimizers.Settings(Double.NaN, 0.8, 0.99, 1e-6, Double.NaN, 0.1), Kernels.scalar(),
                List.of(Parameter.of("x", x1, g1)));
        Optimizer built = Adam.builder().learningRate(0.01).betas(0.8, 0.99).eps(1e-6).weightDecay(0.1)
                .kernels(Kernels.scalar()).params(Parameter.of("x", x2, g2)).build();
        for (int i = 0; i < 3; i++) {
            named.step();
            built.step();
        }
        assertArrayEquals(x2, x1);
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownOnes() {
        float[] x = {1f};
        var e = assertThrows(IllegalArgumentException.class, () -> Optimizers.byName("lbfgs-ish",
                Schedules.constant(0.01), Optimizers.Settings.DEFAULTS, Kernels.scalar(),
                List.of(Parameter.of("x", x, new float[1]))));
        assertEquals("unknown optimizer 'lbfgs-ish' (one of " + String.join(", ", Optimizers.NAMES) + ")",
                e.getMessage());
    }
}
