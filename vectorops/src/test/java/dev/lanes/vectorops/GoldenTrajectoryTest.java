package dev.lanes.vectorops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernel.Kernels;
import dev.lanes.kernel.Parallel;
import dev.lanes.kernel.internal.KernelAccess;
import dev.lanes.optim.AdaDelta;
import dev.lanes.optim.AdaGrad;
import dev.lanes.optim.AdaMax;
import dev.lanes.optim.Adam;
import dev.lanes.optim.Asgd;
import dev.lanes.optim.NAdam;
import dev.lanes.optim.Optimizer;
import dev.lanes.optim.OptimizerBuilder;
import dev.lanes.optim.OptimizerState;
import dev.lanes.optim.Parameter;
import dev.lanes.optim.RAdam;
import dev.lanes.optim.RmsProp;
import dev.lanes.optim.Rprop;
import dev.lanes.optim.Sgd;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The PyTorch recordings of core's {@code golden/optim} (copied into this module's test resources
 * by vectorops/pom.xml) replayed through the vector step kernels at this JVM's width: every
 * parameter and every state tensor the recording holds, at every step, with zero differing bits;
 * once on the calling thread and once split over a team of 3 with a grain of 5 elements, which
 * cuts the parameter at places that are not multiples of the width.
 */
class GoldenTrajectoryTest {
    private static final Parallel TEAM = new Parallel(3);

    @AfterAll
    static void closeTeam() {
        TEAM.close();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String file) throws IOException {
        try (InputStream in = GoldenTrajectoryTest.class.getResourceAsStream("/golden/optim/" + file)) {
            assertTrue(in != null, "golden/optim/" + file + " is not on the test class path");
            return (Map<String, Object>) GoldenJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static double num(Map<String, Object> h, String key, double otherwise) {
        Object v = h.get(key);
        return v == null ? otherwise : (Double) v;
    }

    private static boolean bool(Map<String, Object> h, String key) {
        return Boolean.TRUE.equals(h.get(key));
    }

    /** The builder PyTorch's class and keyword arguments describe, on kernels {@code k}. */
    static OptimizerBuilder<?, ?> builder(String optimizer, Map<String, Object> h, Kernels k) {
        double lr = num(h, "lr", Double.NaN);
        double wd = num(h, "weight_decay", 0);
        boolean max = bool(h, "maximize");
        OptimizerBuilder<?, ?> b = switch (optimizer) {
            case "SGD" -> Sgd.builder().learningRate(lr).weightDecay(wd).momentum(num(h, "momentum", 0))
                    .dampening(num(h, "dampening", 0)).nesterov(bool(h, "nesterov")).maximize(max);
            case "Adam" -> Adam.builder().learningRate(lr).weightDecay(wd).amsgrad(bool(h, "amsgrad")).maximize(max);
            case "AdamW" -> Adam.adamW().learningRate(lr).weightDecay(num(h, "weight_decay", 0.01))
                    .amsgrad(bool(h, "amsgrad")).maximize(max);
            case "Adagrad" -> AdaGrad.builder().learningRate(lr).weightDecay(wd).maximize(max);
            case "RMSprop" -> RmsProp.builder().learningRate(lr).weightDecay(wd).momentum(num(h, "momentum", 0))
                    .centered(bool(h, "centered")).maximize(max);
            case "Adadelta" -> AdaDelta.builder().learningRate(lr).weightDecay(wd).maximize(max);
            case "Adamax" -> AdaMax.builder().learningRate(lr).weightDecay(wd).maximize(max);
            case "NAdam" -> NAdam.builder().learningRate(lr).weightDecay(wd).maximize(max);
            case "RAdam" -> RAdam.builder().learningRate(lr).weightDecay(wd).maximize(max);
            case "Rprop" -> Rprop.builder().learningRate(lr).maximize(max);
            case "ASGD" -> Asgd.builder().learningRate(lr).weightDecay(wd).t0(num(h, "t0", 1e6)).maximize(max);
            default -> throw new AssertionError("no optimizer for " + optimizer);
        };
        return b.kernels(k);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sgd__float32.json", "sgd_momentum_d0__float32.json", "sgd_nesterov__float32.json",
        "sgd_weight_decay__float32.json", "adam__float32.json", "adamw__float32.json", "adagrad__float32.json",
        "rmsprop__float32.json", "rmsprop_centered__float32.json", "adadelta__float32.json",
        "adamax__float32.json", "nadam__float32__foreach.json", "radam__float32.json", "rprop__float32.json",
        "asgd__float32.json",
        "sgd_maximize__float32.json", "adam_maximize__float32.json", "adamw_maximize__float32.json",
        "adagrad_maximize__float32.json", "rmsprop_maximize__float32.json", "adadelta_maximize__float32.json",
        "adamax_maximize__float32.json", "rprop_maximize__float32.json", "asgd_maximize__float32.json",
    })
    void vectorStepKernelsReproducePyTorchAtThisWidth(String file) throws IOException {
        assertSame(VectorOptimizerSteps.INSTANCE, KernelAccess.steps(Bits.VECTOR), "the vector step kernels");
        Map<String, Object> golden = load(file);
        replay(file, golden, null);
        replay(file, golden, TEAM);
    }

    @SuppressWarnings("unchecked")
    private static void replay(String file, Map<String, Object> golden, Parallel team) {
        String where = file + " at " + Bits.VECTOR.info().vectorBits() + " bits"
                + (team == null ? "" : ", on a team of " + team.threads() + " with grain 5");
        float[] values = GoldenJson.floats(golden.get("param0"));
        float[] grad = new float[values.length];
        Parameter p = Parameter.of("p", values, grad);
        OptimizerBuilder<?, ?> b = builder((String) golden.get("optimizer"),
                (Map<String, Object>) golden.get("hyperparams"), Bits.VECTOR);
        if (team != null) {
            b.parallel(team, 5);
        }
        List<Object> grads = (List<Object>) golden.get("grads");
        List<Object> trajectory = (List<Object>) golden.get("trajectory");
        List<String> differences = new ArrayList<>();
        long compared = 0;
        try (Optimizer opt = b.params(p).build()) {
            for (int s = 0; s < grads.size(); s++) {
                System.arraycopy(GoldenJson.floats(grads.get(s)), 0, grad, 0, grad.length);
                opt.step();
                Map<String, Object> rec = (Map<String, Object>) trajectory.get(s);
                compared += compare("param", GoldenJson.floats(rec.get("param")), values, s, differences);
                OptimizerState state = opt.exportState();
                for (Map.Entry<String, Object> e : ((Map<String, Object>) rec.get("state")).entrySet()) {
                    if (e.getValue() == null) {
                        continue; // a buffer PyTorch does not keep (SGD's momentum without momentum)
                    }
                    float[] theirs = e.getValue() instanceof List<?> ? GoldenJson.floats(e.getValue())
                            : new float[] {GoldenJson.toFloat(e.getValue())};
                    float[] mine = state.array("p", e.getKey());
                    if (mine == null) {
                        // PyTorch's step counter (a scalar Lanes keeps as the optimizer's step count)
                        assertEquals("step", e.getKey(), where + ": no state tensor " + e.getKey());
                        assertEquals(theirs[0], (float) opt.steps(), where + ": step count");
                        continue;
                    }
                    compared += compare(e.getKey(), theirs, mine, s, differences);
                }
            }
        }
        assertTrue(differences.isEmpty(), where + ": " + differences.size() + " values differ, first "
                + differences.subList(0, Math.min(5, differences.size())));
        assertTrue(compared >= (long) grads.size() * values.length, where + ": compared " + compared);
    }

    private static int compare(String what, float[] expected, float[] actual, int step, List<String> differences) {
        assertEquals(expected.length, actual.length, what + " length at step " + (step + 1));
        for (int i = 0; i < expected.length; i++) {
            if (!Bits.same(expected[i], actual[i])) {
                differences.add("step " + (step + 1) + " " + what + "[" + i + "]: expected " + expected[i]
                        + " was " + actual[i]);
            }
        }
        return expected.length;
    }
}
