package dev.lanes.nn.data;

import dev.lanes.nn.Rng;
import java.util.Arrays;

/**
 * Examples in memory: a row-major feature matrix {@code [size][inputs]} and, per example, either
 * a class label in {@code [0, classes)} (classification) or a target row {@code [outputs]}
 * (regression).
 *
 * <p>A dataset is immutable by convention: {@link #features()}, {@link #labels()} and
 * {@link #targets()} return the backing arrays without copying (training reads them directly);
 * callers must not modify them. Every transformation returns a new dataset.
 */
public final class Dataset {
    private final float[] features;
    private final int inputs;
    private final int size;
    private final int[] labels;
    private final int classes;
    private final float[] targets;
    private final int outputs;

    private Dataset(float[] features, int inputs, int[] labels, int classes, float[] targets, int outputs) {
        this.features = features;
        this.inputs = inputs;
        this.size = inputs == 0 ? 0 : features.length / inputs;
        this.labels = labels;
        this.classes = classes;
        this.targets = targets;
        this.outputs = outputs;
    }

    /**
     * A classification dataset: {@code features.length / inputs} examples, each with a label.
     *
     * @throws IllegalArgumentException if {@code inputs < 1}, {@code features.length} is not a
     *         multiple of {@code inputs}, the label count differs from the example count, or a
     *         label lies outside {@code [0, classes)}
     */
    public static Dataset classification(float[] features, int inputs, int[] labels, int classes) {
        checkFeatures(features, inputs);
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, was " + classes);
        }
        int n = features.length / inputs;
        if (labels.length != n) {
            throw new IllegalArgumentException("labels: " + labels.length + " labels for " + n + " examples");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i]
                        + " is outside [0, " + classes + ")");
            }
        }
        return new Dataset(features, inputs, labels, classes, null, 0);
    }

    /**
     * A regression dataset: {@code features.length / inputs} examples, each with a target row of
     * {@code outputs} values.
     *
     * @throws IllegalArgumentException if the shapes disagree
     */
    public static Dataset regression(float[] features, int inputs, float[] targets, int outputs) {
        checkFeatures(features, inputs);
        if (outputs < 1) {
            throw new IllegalArgumentException("outputs must be >= 1, was " + outputs);
        }
        int n = features.length / inputs;
        if (targets.length != (long) n * outputs) {
            throw new IllegalArgumentException("targets: " + targets.length + " values for " + n
                    + " examples of " + outputs + " outputs");
        }
        return new Dataset(features, inputs, null, 0, targets, outputs);
    }

    private static void checkFeatures(float[] features, int inputs) {
        if (inputs < 1) {
            throw new IllegalArgumentException("inputs must be >= 1, was " + inputs);
        }
        if (features.length % inputs != 0) {
            throw new IllegalArgumentException("features: length " + features.length
                    + " is not a multiple of inputs = " + inputs);
        }
    }

    /** The number of examples. */
    public int size() {
        return size;
    }

    /** Features per example. */
    public int inputs() {
        return inputs;
    }

    /** Whether examples carry class labels (otherwise target rows). */
    public boolean isClassification() {
        return labels != null;
    }

    /** The number of classes (0 for regression). */
    public int classes() {
        return classes;
    }

    /** Target values per example (0 for classification). */
    public int outputs() {
        return outputs;
    }

    /** The feature matrix {@code [size][inputs]}, row-major; the backing array, not a copy. */
    public float[] features() {
        return features;
    }

    /** The labels (null for regression); the backing array, not a copy. */
    public int[] labels() {
        return labels;
    }

    /** The target matrix {@code [size][outputs]} (null for classification); not a copy. */
    public float[] targets() {
        return targets;
    }

    /** Examples {@code [from, to)} as a new dataset (copied). */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of a dataset of " + size);
        }
        float[] x = Arrays.copyOfRange(features, from * inputs, to * inputs);
        if (labels != null) {
            return new Dataset(x, inputs, Arrays.copyOfRange(labels, from, to), classes, null, 0);
        }
        return new Dataset(x, inputs, null, 0, Arrays.copyOfRange(targets, from * outputs, to * outputs), outputs);
    }

    /** The examples at {@code order[0], order[1], …}, in that order, as a new dataset. */
    public Dataset select(int[] order) {
        float[] x = new float[order.length * inputs];
        int[] l = labels == null ? null : new int[order.length];
        float[] t = targets == null ? null : new float[order.length * outputs];
        for (int i = 0; i < order.length; i++) {
            int e = order[i];
            if (e < 0 || e >= size) {
                throw new IndexOutOfBoundsException("order[" + i + "] = " + e + " is not an example of " + size);
            }
            System.arraycopy(features, e * inputs, x, i * inputs, inputs);
            if (l != null) {
                l[i] = labels[e];
            } else {
                System.arraycopy(targets, e * outputs, t, i * outputs, outputs);
            }
        }
        return new Dataset(x, inputs, l, classes, t, outputs);
    }

    /**
     * The same examples in an order drawn by {@link Rng#shuffle} of {@code 0, 1, …, size − 1}.
     */
    public Dataset shuffled(Rng rng) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        rng.shuffle(order, 0, size);
        return select(order);
    }

    /**
     * Splits into the first {@code firstCount} examples and the rest (for a train/validation
     * split; shuffle first with {@link #shuffled(Rng)} if the file is ordered).
     */
    public Dataset[] split(int firstCount) {
        return new Dataset[] {slice(0, firstCount), slice(firstCount, size)};
    }

    /** Every feature multiplied by {@code factor} ({@code x · factor}, rounded to float). */
    public Dataset scaled(float factor) {
        float[] x = new float[features.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = features[i] * factor;
        }
        return new Dataset(x, inputs, labels, classes, targets, outputs);
    }

    /** The same labels or targets with new features of the same shape. */
    Dataset withFeatures(float[] x) {
        return new Dataset(x, inputs, labels, classes, targets, outputs);
    }
}
