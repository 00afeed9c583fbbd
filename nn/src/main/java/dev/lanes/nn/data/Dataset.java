package dev.lanes.nn.data;

import dev.lanes.nn.Rng;
import java.util.Arrays;
import java.util.Objects;

/**
 * Examples in memory: a row-major feature matrix {@code [size][inputs]} and, per example, either
 * a class label in {@code [0, classes)} (classification) or a target row {@code [outputs]}
 * (regression).
 *
 * <p><b>Finite values only.</b> Every feature and every regression target must be finite: the
 * factories refuse NaN and ±∞ with an {@link IllegalArgumentException} naming the array, the
 * example (row) and the column, and so do the transformations whose arithmetic could overflow
 * ({@link #scaled}, {@link Standardizer#apply}). One NaN in a batch would otherwise turn the
 * loss, every gradient and then every weight into NaN without a word; data with missing values
 * must be cleaned or imputed before it becomes a dataset.
 *
 * <p>A dataset is immutable by convention: {@link #features()}, {@link #labels()} and
 * {@link #targets()} return the backing arrays without copying (training reads them directly);
 * callers must not modify them (the checks above are made once, when the dataset is created).
 * Every transformation returns a new dataset; a method that refuses its arguments changes
 * nothing.
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
     * The arrays are used as they are, not copied.
     *
     * @throws NullPointerException     if an array is null
     * @throws IllegalArgumentException if {@code inputs < 1}, {@code features.length} is not a
     *         multiple of {@code inputs}, a feature is not finite, {@code classes < 1}, the label
     *         count differs from the example count, or a label lies outside {@code [0, classes)}
     */
    public static Dataset classification(float[] features, int inputs, int[] labels, int classes) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
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
     * {@code outputs} values. The arrays are used as they are, not copied.
     *
     * @throws NullPointerException     if an array is null
     * @throws IllegalArgumentException if {@code inputs < 1} or {@code outputs < 1}, the shapes
     *         disagree, or a feature or target is not finite
     */
    public static Dataset regression(float[] features, int inputs, float[] targets, int outputs) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(targets, "targets");
        checkFeatures(features, inputs);
        if (outputs < 1) {
            throw new IllegalArgumentException("outputs must be >= 1, was " + outputs);
        }
        int n = features.length / inputs;
        if (targets.length != (long) n * outputs) {
            throw new IllegalArgumentException("targets: " + targets.length + " values for " + n
                    + " examples of " + outputs + " outputs");
        }
        checkFinite("targets", targets, outputs);
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
        checkFinite("features", features, inputs);
    }

    /** Refuses the first value of {@code a} (rows of {@code columns}) that is NaN or infinite. */
    private static void checkFinite(String name, float[] a, int columns) {
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i])) {
                throw new IllegalArgumentException(name + ": example " + i / columns + ", column " + i % columns
                        + " is " + a[i] + "; a dataset holds finite values only");
            }
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

    /**
     * Examples {@code [from, to)} as a new dataset (copied).
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= from <= to <= size()}
     */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IndexOutOfBoundsException("slice(from = " + from + ", to = " + to
                    + "): not a range of a dataset of " + size + " examples");
        }
        float[] x = Arrays.copyOfRange(features, from * inputs, to * inputs);
        if (labels != null) {
            return new Dataset(x, inputs, Arrays.copyOfRange(labels, from, to), classes, null, 0);
        }
        return new Dataset(x, inputs, null, 0, Arrays.copyOfRange(targets, from * outputs, to * outputs), outputs);
    }

    /**
     * The examples at {@code order[0], order[1], …}, in that order, as a new dataset (repeats
     * allowed).
     *
     * @throws NullPointerException      if {@code order} is null
     * @throws IndexOutOfBoundsException if an index is not an example of this dataset
     * @throws IllegalArgumentException  if the selection would not fit in one array
     */
    public Dataset select(int[] order) {
        Objects.requireNonNull(order, "order");
        for (int i = 0; i < order.length; i++) {
            if (order[i] < 0 || order[i] >= size) {
                throw new IndexOutOfBoundsException("order[" + i + "] = " + order[i] + " is not an example of "
                        + size);
            }
        }
        long values = (long) order.length * Math.max(inputs, outputs);
        if (values > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("order: " + order.length + " examples of " + inputs + " features"
                    + " do not fit in one array");
        }
        float[] x = new float[order.length * inputs];
        int[] l = labels == null ? null : new int[order.length];
        float[] t = targets == null ? null : new float[order.length * outputs];
        for (int i = 0; i < order.length; i++) {
            int e = order[i];
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
        Objects.requireNonNull(rng, "rng");
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
     *
     * @throws IllegalArgumentException unless {@code 0 <= firstCount <= size()}
     */
    public Dataset[] split(int firstCount) {
        if (firstCount < 0 || firstCount > size) {
            throw new IllegalArgumentException("firstCount must be in [0, " + size + "], was " + firstCount);
        }
        return new Dataset[] {slice(0, firstCount), slice(firstCount, size)};
    }

    /**
     * Every feature multiplied by {@code factor} ({@code x · factor}, rounded to float).
     *
     * @throws IllegalArgumentException if {@code factor} is not finite, or a product overflows
     *                                  to infinity (naming the example and column)
     */
    public Dataset scaled(float factor) {
        if (!Float.isFinite(factor)) {
            throw new IllegalArgumentException("factor must be finite, was " + factor);
        }
        float[] x = new float[features.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = features[i] * factor;
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException("factor = " + factor + " overflows: feature " + features[i]
                        + " (example " + i / inputs + ", column " + i % inputs + ") becomes " + x[i]);
            }
        }
        return withFeatures(x);
    }

    /**
     * The same labels or targets with new features of the same shape.
     *
     * @throws IllegalArgumentException if a new feature is not finite
     */
    Dataset withFeatures(float[] x) {
        checkFinite("features", x, inputs);
        return new Dataset(x, inputs, labels, classes, targets, outputs);
    }
}
