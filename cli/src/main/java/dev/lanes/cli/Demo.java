package dev.lanes.cli;

import dev.lanes.kernel.Kernels;
import java.io.PrintWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A small demonstration of the kernels: full-batch gradient descent on logistic regression over
 * synthetic, linearly separable data drawn from a fixed seed. Every number it prints, including
 * the SHA-256 of the final weights, is the same on every CPU, vector width and backend.
 */
final class Demo {
    private static final int EXAMPLES = 4096;
    private static final int FEATURES = 64;
    private static final float LEARNING_RATE = 0.5f;

    private Demo() {}

    static int run(int epochs, long seed, PrintWriter out) {
        Kernels k = Kernels.best();
        out.println("lanes demo: logistic regression, " + EXAMPLES + " examples x " + FEATURES
                + " features, full-batch gradient descent, lr " + LEARNING_RATE + ", seed " + seed);
        out.println("kernels: " + k.info());

        float[] x = new float[EXAMPLES * FEATURES];
        float[] labels = new float[EXAMPLES];
        makeData(seed, x, labels);

        float[] w = new float[FEATURES + 1]; // the last weight is the bias, fed by a constant 1
        float[] z = new float[EXAMPLES];
        float[] p = new float[EXAMPLES];
        float[] grad = new float[FEATURES + 1];
        long start = System.nanoTime();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (int i = 0; i < EXAMPLES; i++) {
                z[i] = k.dot(x, i * FEATURES, w, 0, FEATURES) + w[FEATURES];
            }
            k.sigmoid(z, 0, p, 0, EXAMPLES);
            java.util.Arrays.fill(grad, 0f);
            float loss = 0;
            int correct = 0;
            for (int i = 0; i < EXAMPLES; i++) {
                float err = p[i] - labels[i];
                k.axpy(err / EXAMPLES, x, i * FEATURES, grad, 0, FEATURES);
                grad[FEATURES] += err / EXAMPLES;
                float q = labels[i] == 1f ? p[i] : 1f - p[i];
                loss -= (float) StrictMath.log(Math.max(q, 1e-30f));
                if ((p[i] >= 0.5f) == (labels[i] == 1f)) {
                    correct++;
                }
            }
            k.axpy(-LEARNING_RATE, grad, 0, w, 0, FEATURES + 1);
            if (epoch == 1 || epoch % 10 == 0 || epoch == epochs) {
                out.printf("epoch %3d  loss %.5f  accuracy %.4f%n", epoch, loss / EXAMPLES, correct / (double) EXAMPLES);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("trained %d epochs in %.3f s; weights sha256 %s%n", epochs, seconds, digest(w));
        return 0;
    }

    /** Features uniform in [-1, 1) from a 64-bit LCG; label 1 when a fixed hidden plane says so. */
    private static void makeData(long seed, float[] x, float[] labels) {
        long s = seed;
        float[] plane = new float[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            plane[j] = (float) ((s >>> 40) * 0x1.0p-24 * 2 - 1);
        }
        for (int i = 0; i < labels.length; i++) {
            double side = 0.1;
            for (int j = 0; j < FEATURES; j++) {
                s = s * 6364136223846793005L + 1442695040888963407L;
                float v = (float) ((s >>> 40) * 0x1.0p-24 * 2 - 1);
                x[i * FEATURES + j] = v;
                side += (double) v * plane[j];
            }
            labels[i] = side > 0 ? 1f : 0f;
        }
    }

    static String digest(float[] values) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (float v : values) {
                int b = Float.floatToIntBits(v);
                sha.update(new byte[] {(byte) b, (byte) (b >> 8), (byte) (b >> 16), (byte) (b >> 24)});
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
