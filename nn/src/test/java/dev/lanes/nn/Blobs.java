package dev.lanes.nn;

import dev.lanes.nn.data.Dataset;

/** Small synthetic datasets for training tests: Gaussian blobs around random class centres. */
final class Blobs {
    private Blobs() {}

    /** {@code n} examples of {@code classes} blobs in {@code inputs} dimensions, spread {@code noise}. */
    static Dataset classification(long seed, int n, int inputs, int classes, double noise) {
        Rng rng = new Rng(seed);
        float[] centres = new float[classes * inputs];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) (2 * rng.nextGaussian());
        }
        Rng draw = new Rng(seed + 1);
        float[] x = new float[n * inputs];
        int[] y = new int[n];
        for (int e = 0; e < n; e++) {
            y[e] = draw.nextInt(classes);
            for (int j = 0; j < inputs; j++) {
                x[e * inputs + j] = (float) (centres[y[e] * inputs + j] + noise * draw.nextGaussian());
            }
        }
        return Dataset.classification(x, inputs, y, classes);
    }

    /** {@code n} examples of a smooth regression target of {@code outputs} values. */
    static Dataset regression(long seed, int n, int inputs, int outputs) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * inputs];
        float[] t = new float[n * outputs];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        for (int e = 0; e < n; e++) {
            for (int o = 0; o < outputs; o++) {
                double s = 0;
                for (int j = 0; j < inputs; j++) {
                    s += StrictMath.sin((o + 1) * x[e * inputs + j]) / (j + 1);
                }
                t[e * outputs + o] = (float) s;
            }
        }
        return Dataset.regression(x, inputs, t, outputs);
    }
}
