package dev.lanes.nn;

/**
 * What one epoch achieved, reported to a {@link Trainer.Listener}. Losses are means over the
 * examples; the training loss and accuracy are those of the batches as they were trained
 * (before each batch's update). Validation values are NaN without a validation set; accuracies
 * are NaN for a regression loss.
 *
 * @param epoch              the epoch just finished, from 1
 * @param trainLoss          mean training loss
 * @param trainAccuracy      fraction of training examples classified correctly
 * @param validationLoss     mean loss on the validation set after the epoch
 * @param validationAccuracy fraction of the validation set classified correctly
 * @param learningRate       the learning rate of the optimizer's first group for the next step
 * @param steps              optimizer steps taken so far
 * @param seconds            wall-clock time of the epoch (training and validation)
 * @param trainSeconds       wall-clock time of the epoch's training batches alone
 * @param trainExamples      examples trained on in the epoch
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                           double validationAccuracy, double learningRate, long steps, double seconds,
                           double trainSeconds, int trainExamples) {

    /** Training throughput of the epoch: examples per second of {@link #trainSeconds}. */
    public double examplesPerSecond() {
        return trainExamples / Math.max(trainSeconds, 1e-9);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "epoch %d: train loss %.4f acc %.4f, validation loss %.4f acc %.4f, lr %.3g, %.1f s",
                epoch, trainLoss, trainAccuracy, validationLoss, validationAccuracy, learningRate, seconds);
    }
}
