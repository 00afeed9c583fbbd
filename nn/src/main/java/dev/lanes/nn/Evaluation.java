package dev.lanes.nn;

/**
 * What {@link Mlp#evaluate} measured on a set of examples.
 *
 * @param examples the number of examples
 * @param loss     their mean loss (0 when there are none)
 * @param correct  how many were classified correctly (the largest output is the label); 0 for a
 *                 regression loss
 * @param classified whether the examples were labelled (softmax cross-entropy) rather than
 *                 regression targets
 */
public record Evaluation(int examples, double loss, int correct, boolean classified) {

    /** The fraction classified correctly; NaN for regression or when there are no examples. */
    public double accuracy() {
        return classified && examples > 0 ? (double) correct / examples : Double.NaN;
    }
}
