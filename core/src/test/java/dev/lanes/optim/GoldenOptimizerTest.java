package dev.lanes.optim;

import dev.lanes.golden.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernel.Kernels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every optimizer against the PyTorch recordings in {@code golden/optim}: configured alike, it
 * must reproduce every parameter and every state tensor at every step with zero differing bits.
 */
class GoldenOptimizerTest {

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(String file) throws IOException {
        try (InputStream in = GoldenOptimizerTest.class.getResourceAsStream("/golden/optim/" + file)) {
            return (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static double num(Map<String, Object> h, String key, double otherwise) {
        Object v = h.get(key);
        return v == null ? otherwise : (Double) v;
    }

    static boolean bool(Map<String, Object> h, String key) {
        return Boolean.TRUE.equals(h.get(key));
    }

    /** The optimizer PyTorch's class and keyword arguments describe, over parameter {@code p}. */
    static Optimizer configure(String optimizer, Map<String, Object> h, Parameter p) {
        double lr = num(h, "lr", Double.NaN);
        double wd = num(h, "weight_decay", 0);
        Kernels k = Kernels.scalar();
        boolean max = bool(h, "maximize");
        return switch (optimizer) {
            case "SGD" -> Sgd.builder().learningRate(lr).weightDecay(wd).momentum(num(h, "momentum", 0))
                    .dampening(num(h, "dampening", 0)).nesterov(bool(h, "nesterov")).maximize(max).kernels(k).params(p).build();
            case "Adam" -> Adam.builder().learningRate(lr).weightDecay(wd).amsgrad(bool(h, "amsgrad"))
                    .maximize(max).kernels(k).params(p).build();
            case "AdamW" -> Adam.adamW().learningRate(lr).weightDecay(num(h, "weight_decay", 0.01))
                    .amsgrad(bool(h, "amsgrad")).maximize(max).kernels(k).params(p).build();
            case "Adagrad" -> AdaGrad.builder().learningRate(lr).weightDecay(wd).maximize(max).kernels(k).params(p).build();
            case "RMSprop" -> RmsProp.builder().learningRate(lr).weightDecay(wd).momentum(num(h, "momentum", 0))
                    .centered(bool(h, "centered")).maximize(max).kernels(k).params(p).build();
            case "Adadelta" -> AdaDelta.builder().learningRate(lr).weightDecay(wd).maximize(max).kernels(k).params(p).build();
            case "Adamax" -> AdaMax.builder().learningRate(lr).weightDecay(wd).maximize(max).kernels(k).params(p).build();
            case "NAdam" -> NAdam.builder().learningRate(lr).weightDecay(wd).maximize(max).kernels(k).params(p).build();
            case "RAdam" -> RAdam.builder().learningRate(lr).weightDecay(wd).maximize(max).kernels(k).params(p).build();
            case "Rprop" -> Rprop.builder().learningRate(lr).maximize(max).kernels(k).params(p).build();
            case "ASGD" -> Asgd.builder().learningRate(lr).weightDecay(wd).t0(num(h, "t0", 1e6)).maximize(max).kernels(k).params(p).build();
            default -> throw new AssertionError("no optimizer for " + optimizer);
        };
    }

    /** {@code |a - b|} in ulps of the larger magnitude of {@code a} and {@code b}; 0 when the bits agree. */
    static double ulps(float expected, float actual) {
        if (Float.floatToIntBits(expected) == Float.floatToIntBits(actual)) {
            return 0;
        }
        if (!Float.isFinite(expected) || !Float.isFinite(actual)) {
            return Double.POSITIVE_INFINITY;
        }
        float ulp = Math.ulp(Math.max(Math.abs(expected), Math.abs(actual)));
        return Math.abs((double) expected - actual) / ulp;
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
    @SuppressWarnings("unchecked")
    void reproducesPyTorch(String file) throws IOException {
        Map<String, Object> golden = load(file);
        float[] values = Json.toFloats(golden.get("param0"));
        float[] grad = new float[values.length];
        Parameter p = Parameter.of("p", values, grad);
        Optimizer opt = configure((String) golden.get("optimizer"), (Map<String, Object>) golden.get("hyperparams"), p);
        List<Object> grads = (List<Object>) golden.get("grads");
        List<Object> trajectory = (List<Object>) golden.get("trajectory");
        int differing = 0;
        int compared = 0;
        double maxUlps = 0;
        StringBuilder first = new StringBuilder();
        for (int k = 0; k < grads.size(); k++) {
            System.arraycopy(Json.toFloats(grads.get(k)), 0, grad, 0, grad.length);
            float[] before = values.clone();
            opt.step();
            Map<String, Object> rec = (Map<String, Object>) trajectory.get(k);
            float[] expected = Json.toFloats(rec.get("param"));
            for (int i = 0; i < expected.length; i++) {
                compared++;
                double u = ulps(expected[i], values[i]);
                if (u != 0) {
                    differing++;
                    // the README's bound is in ulps of the larger magnitude of old and new value
                    float ref = Math.max(Math.abs(before[i]), Math.abs(expected[i]));
                    u = Math.abs((double) expected[i] - values[i]) / Math.ulp(ref);
                    maxUlps = Math.max(maxUlps, u);
                    if (first.isEmpty()) {
                        first.append("step ").append(k + 1).append(" param[").append(i).append("]: expected ")
                                .append(expected[i]).append(" was ").append(values[i]);
                    }
                }
            }
            OptimizerState state = opt.exportState();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) rec.get("state")).entrySet()) {
                if (!(e.getValue() instanceof List) && !(e.getValue() instanceof Double)) {
                    continue;
                }
                float[] mine = state.array("p", e.getKey());
                if (mine == null) {
                    continue;
                }
                float[] theirs = e.getValue() instanceof List ? Json.toFloats(e.getValue())
                        : new float[] {Json.toFloat(e.getValue())};
                for (int i = 0; i < theirs.length; i++) {
                    compared++;
                    if (ulps(theirs[i], mine[i]) != 0) {
                        differing++;
                        if (first.isEmpty()) {
                            first.append("step ").append(k + 1).append(' ').append(e.getKey()).append('[').append(i)
                                    .append("]: expected ").append(theirs[i]).append(" was ").append(mine[i]);
                        }
                    }
                }
            }
        }
        System.out.printf("golden %s: %d of %d values differ, max %.1f ulps%n", file, differing, compared, maxUlps);
        assertEquals(0, differing, file + ": first difference at " + first);
        assertTrue(compared >= grads.size() * values.length);
    }
}
