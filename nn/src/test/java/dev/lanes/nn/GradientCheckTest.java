package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernel.Kernels;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every layer, activation and loss against central finite differences of an independent
 * double-precision forward pass written here, so the float backward pass of {@link Mlp} is
 * checked against the mathematics, not against itself.
 */
class GradientCheckTest {
    static final int[] SIZES = {5, 7, 6, 4};
    static final int ROWS = 3;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Activation.RELU, Loss.SOFTMAX_CROSS_ENTROPY),
                Arguments.of(Activation.leakyRelu(0.1f), Loss.SOFTMAX_CROSS_ENTROPY),
                Arguments.of(Activation.SIGMOID, Loss.SOFTMAX_CROSS_ENTROPY),
                Arguments.of(Activation.TANH, Loss.SOFTMAX_CROSS_ENTROPY),
                Arguments.of(Activation.IDENTITY, Loss.SOFTMAX_CROSS_ENTROPY),
                Arguments.of(Activation.RELU, Loss.MSE),
                Arguments.of(Activation.TANH, Loss.MSE),
                Arguments.of(Activation.SIGMOID, Loss.MSE));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void analyticGradientMatchesCentralDifferences(Activation act, Loss loss) {
        for (Kernels k : new Kernels[] {Kernels.scalar(), Kernels.best()}) {
            check(act, loss, k);
        }
    }

    private static void check(Activation act, Loss loss, Kernels kernels) {
        for (long seed = 1; ; seed++) {
            Rng rng = new Rng(seed * 7919);
            try (Mlp mlp = Mlp.builder(SIZES[0]).hidden(SIZES[1], act).hidden(SIZES[2], act)
                    .output(SIZES[3], loss).init(Init.XAVIER_NORMAL).seed(seed).kernels(kernels).maxBatch(4).build()) {
                float[] p = mlp.parameterArray();
                for (int i = 0; i < p.length; i++) {
                    p[i] += 0.1f * (float) rng.nextGaussian();  // non-zero biases too
                }
                float[] x = new float[ROWS * SIZES[0]];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) rng.nextGaussian();
                }
                int[] labels = new int[ROWS];
                float[] targets = new float[ROWS * SIZES[3]];
                for (int r = 0; r < ROWS; r++) {
                    labels[r] = rng.nextInt(SIZES[3]);
                }
                for (int i = 0; i < targets.length; i++) {
                    targets[i] = (float) rng.nextGaussian();
                }
                double[] dp = new double[p.length];
                for (int i = 0; i < p.length; i++) {
                    dp[i] = p[i];
                }
                if (!isSmooth(act, dp, x)) {
                    continue;  // a pre-activation too close to a kink: draw again
                }
                float value = loss == Loss.SOFTMAX_CROSS_ENTROPY
                        ? mlp.lossAndGradient(x, 0, labels, 0, ROWS)
                        : mlp.lossAndGradient(x, 0, targets, 0, ROWS);
                double exact = lossOf(act, loss, dp, x, labels, targets);
                assertTrue(Math.abs(value - exact) <= 1e-5 * Math.max(1, Math.abs(exact)),
                        "loss " + value + " vs double " + exact);
                float[] g = mlp.gradientArray();
                double h = 1e-6;
                double[] fd = new double[p.length];
                double maxFd = 0;
                for (int i = 0; i < p.length; i++) {
                    double keep = dp[i];
                    dp[i] = keep + h;
                    double up = lossOf(act, loss, dp, x, labels, targets);
                    dp[i] = keep - h;
                    double down = lossOf(act, loss, dp, x, labels, targets);
                    dp[i] = keep;
                    fd[i] = (up - down) / (2 * h);
                    maxFd = Math.max(maxFd, Math.abs(fd[i]));
                }
                assertTrue(maxFd > 1e-3, "gradient is not trivially zero");
                for (int i = 0; i < p.length; i++) {
                    double tol = 2e-5 * maxFd + 1e-4 * Math.abs(fd[i]);
                    assertTrue(Math.abs(g[i] - fd[i]) <= tol, act + " " + loss + " " + kernels.info().backend()
                            + ": parameter " + i + " analytic " + g[i] + " vs finite difference " + fd[i]);
                }
                return;
            }
        }
    }

    /** Whether every pre-activation is at least 1e-3 away from the activation's kink. */
    private static boolean isSmooth(Activation act, double[] p, float[] x) {
        if (act.kind() != Activation.Kind.RELU && act.kind() != Activation.Kind.LEAKY_RELU) {
            return true;
        }
        double[][] z = new double[SIZES.length - 1][];
        forward(act, p, x, z);
        for (int l = 0; l < SIZES.length - 2; l++) {
            for (double v : z[l]) {
                if (Math.abs(v) < 1e-3) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The double forward pass; z[l] receives layer l's pre-activations; returns the output. */
    private static double[] forward(Activation act, double[] p, float[] x, double[][] z) {
        double[] a = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            a[i] = x[i];
        }
        int off = 0;
        for (int l = 0; l < SIZES.length - 1; l++) {
            int in = SIZES[l];
            int out = SIZES[l + 1];
            double[] next = new double[ROWS * out];
            for (int r = 0; r < ROWS; r++) {
                for (int j = 0; j < out; j++) {
                    double s = p[off + in * out + j];
                    for (int k = 0; k < in; k++) {
                        s += a[r * in + k] * p[off + k * out + j];
                    }
                    next[r * out + j] = s;
                }
            }
            z[l] = next.clone();
            if (l < SIZES.length - 2) {
                for (int i = 0; i < next.length; i++) {
                    next[i] = apply(act, next[i]);
                }
            }
            off += in * out + out;
            a = next;
        }
        return a;
    }

    private static double apply(Activation act, double v) {
        return switch (act.kind()) {
            case RELU -> Math.max(v, 0);
            case LEAKY_RELU -> v > 0 ? v : act.alpha() * v;
            case SIGMOID -> 1 / (1 + Math.exp(-v));
            case TANH -> Math.tanh(v);
            case IDENTITY -> v;
        };
    }

    private static double lossOf(Activation act, Loss loss, double[] p, float[] x, int[] labels, float[] targets) {
        double[] y = forward(act, p, x, new double[SIZES.length - 1][]);
        int c = SIZES[SIZES.length - 1];
        double total = 0;
        for (int r = 0; r < ROWS; r++) {
            if (loss == Loss.SOFTMAX_CROSS_ENTROPY) {
                double m = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < c; j++) {
                    m = Math.max(m, y[r * c + j]);
                }
                double s = 0;
                for (int j = 0; j < c; j++) {
                    s += Math.exp(y[r * c + j] - m);
                }
                total += Math.log(s) + m - y[r * c + labels[r]];
            } else {
                for (int j = 0; j < c; j++) {
                    double e = y[r * c + j] - targets[r * c + j];
                    total += 0.5 * e * e;
                }
            }
        }
        return total / ROWS;
    }
}
