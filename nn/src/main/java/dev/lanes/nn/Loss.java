package dev.lanes.nn;

/**
 * The loss on the network's output layer, which itself is linear (its outputs are logits for
 * {@link #SOFTMAX_CROSS_ENTROPY}, predictions for {@link #MSE}). Both are means over the rows of
 * a batch; their gradients are the {@link dev.lanes.kernel.Kernels} kernels' exact formulas.
 */
public enum Loss {
    /**
     * Softmax and cross-entropy fused ({@code Kernels.softmaxCrossEntropy}): per row
     * {@code log Σ_j exp(z_j) − z_label}, computed stably. Targets are class labels. The same
     * loss as PyTorch's {@code CrossEntropyLoss} on the logits.
     */
    SOFTMAX_CROSS_ENTROPY,
    /**
     * Half the squared error ({@code Kernels.mseLoss}): per row {@code ½ Σ_j (y_j − t_j)²}.
     * Targets are rows of {@code outputs} values.
     */
    MSE
}
