package dev.lanes.nn.data;

import java.util.Objects;

/**
 * Per-feature standardisation {@code x' = (x − mean[j]) / std[j]}, with the mean and standard
 * deviation of each feature fitted on one dataset (the training set) and applied to others.
 *
 * <p>{@code mean[j]} and the population standard deviation {@code std[j]} are computed in double
 * in example order and rounded to float; a feature with {@code std[j] == 0} (constant) keeps
 * divisor 1. Applied as {@code (float) ((x − mean[j]) / std[j])} in float arithmetic.
 *
 * <p>Datasets hold finite values only (see {@link Dataset}), so the fitted values are finite (a
 * standard deviation cannot exceed the largest magnitude); applying refuses a result that
 * overflows, naming the feature.
 */
public final class Standardizer {
    private final float[] mean;
    private final float[] std;

    private Standardizer(float[] mean, float[] std) {
        this.mean = mean;
        this.std = std;
    }

    /**
     * Fits the per-feature mean and standard deviation of {@code data}.
     *
     * @throws NullPointerException     if {@code data} is null
     * @throws IllegalArgumentException if {@code data} is empty
     */
    public static Standardizer fit(Dataset data) {
        Objects.requireNonNull(data, "data");
        int d = data.inputs();
        int n = data.size();
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit a standardizer on an empty dataset");
        }
        float[] x = data.features();
        double[] sum = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                sum[j] += x[i * d + j];
            }
        }
        double[] m = new double[d];
        for (int j = 0; j < d; j++) {
            m[j] = sum[j] / n;
        }
        double[] sq = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double c = x[i * d + j] - m[j];
                sq[j] += c * c;
            }
        }
        float[] mean = new float[d];
        float[] std = new float[d];
        for (int j = 0; j < d; j++) {
            mean[j] = (float) m[j];
            float s = (float) StrictMath.sqrt(sq[j] / n);
            std[j] = s == 0f ? 1f : s;
        }
        return new Standardizer(mean, std);
    }

    /** The fitted means (a copy). */
    public float[] mean() {
        return mean.clone();
    }

    /** The fitted divisors (a copy; 1 for constant features). */
    public float[] std() {
        return std.clone();
    }

    /**
     * {@code data} with every feature standardised.
     *
     * @throws NullPointerException     if {@code data} is null
     * @throws IllegalArgumentException if {@code data} has a different number of features, or a
     *                                  standardised value overflows a float
     */
    public Dataset apply(Dataset data) {
        Objects.requireNonNull(data, "data");
        int d = data.inputs();
        if (d != mean.length) {
            throw new IllegalArgumentException("dataset has " + d + " features, the standardizer was fitted on "
                    + mean.length);
        }
        float[] x = data.features();
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int j = i % d;
            y[i] = (x[i] - mean[j]) / std[j];
            if (!Float.isFinite(y[i])) {
                throw new IllegalArgumentException("data: feature " + x[i] + " (example " + i / d + ", column " + j
                        + ") standardised with mean " + mean[j] + " and deviation " + std[j] + " overflows a float");
            }
        }
        return data.withFeatures(y);
    }
}
