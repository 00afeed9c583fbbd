package dev.lanes.cli;

import dev.lanes.nn.Checkpoint;
import dev.lanes.nn.Mlp;
import dev.lanes.nn.Rng;
import dev.lanes.nn.data.Dataset;
import dev.lanes.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The program's training loop: the epochs of {@link dev.lanes.nn.Trainer} (identity order shuffled
 * afresh each epoch by the seeded {@link Rng}, batches copied in that order, forward, backward,
 * step), with a callback after every batch so that a progress bar can follow it, the test set
 * evaluated after each epoch, and checkpoints in {@link Checkpoint}'s format.
 */
final class TrainLoop {
    /** After each batch: batches done in this epoch, examples done, the batch's mean loss. */
    interface BatchListener {
        void batch(int batches, int examples, float loss);
    }

    /** One epoch's numbers. */
    record Epoch(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
                 double learningRate, long steps, double seconds, double imagesPerSecond) {}

    private final Mlp mlp;
    private final Optimizer optimizer;
    private final int batchSize;
    private final Rng rng;
    private int epoch;

    TrainLoop(Mlp mlp, Optimizer optimizer, int batchSize, long seed) {
        this.mlp = mlp;
        this.optimizer = optimizer;
        this.batchSize = batchSize;
        this.rng = new Rng(seed);
    }

    int epoch() {
        return epoch;
    }

    /** Batches per epoch for {@code n} examples. */
    int batches(int n) {
        return (n + batchSize - 1) / batchSize;
    }

    /** Restores network, optimizer, epoch and shuffling generator from a checkpoint. */
    void resume(Path file) throws IOException {
        Checkpoint.TrainingState s = Checkpoint.load(file, mlp, optimizer);
        if (s == null) {
            throw new IOException(file + ": holds no training state");
        }
        rng.setState(s.rngState());
        epoch = s.epoch();
    }

    /** Writes a checkpoint of everything {@link #resume} restores. */
    void save(Path file) throws IOException {
        Checkpoint.save(file, mlp, optimizer, new Checkpoint.TrainingState(epoch, rng.state(), Map.of()));
    }

    /** Trains one epoch on {@code train}, then evaluates {@code test}. */
    Epoch runEpoch(Dataset train, Dataset test, BatchListener listener) {
        long start = System.nanoTime();
        int n = train.size();
        int inputs = mlp.inputs();
        float[] xb = new float[batchSize * inputs];
        int[] lb = new int[batchSize];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        rng.shuffle(order, 0, n);
        float[] x = train.features();
        int[] labels = train.labels();
        double lossSum = 0;
        long correct = 0;
        int batch = 0;
        for (int from = 0; from < n; from += batchSize) {
            int rows = Math.min(batchSize, n - from);
            for (int r = 0; r < rows; r++) {
                int e = order[from + r];
                System.arraycopy(x, e * inputs, xb, r * inputs, inputs);
                lb[r] = labels[e];
            }
            float loss = mlp.lossAndGradient(xb, 0, lb, 0, rows);
            correct += mlp.correct();
            lossSum += (double) loss * rows;
            optimizer.step();
            batch++;
            if (listener != null) {
                listener.batch(batch, from + rows, loss);
            }
        }
        epoch++;
        double trainSeconds = (System.nanoTime() - start) * 1e-9;
        int[] count = new int[1];
        double testLoss = mlp.evaluate(test.features(), 0, test.labels(), 0, test.size(), count);
        double testAcc = test.size() == 0 ? Double.NaN : (double) count[0] / test.size();
        return new Epoch(epoch, n == 0 ? Double.NaN : lossSum / n, n == 0 ? Double.NaN : (double) correct / n,
                testLoss, testAcc, optimizer.learningRate(0), optimizer.steps(), (System.nanoTime() - start) * 1e-9,
                n / Math.max(trainSeconds, 1e-9));
    }

    /** Runs {@code runEpoch} until {@code epochs} are done (counting resumed ones). */
    List<Epoch> fit(Dataset train, Dataset test, int epochs, java.util.function.IntFunction<BatchListener> progress,
                    java.util.function.Consumer<Epoch> onEpoch, Path checkpoint) throws IOException {
        List<Epoch> history = new ArrayList<>();
        while (epoch < epochs) {
            BatchListener bar = progress == null ? null : progress.apply(epoch + 1);
            Epoch e;
            try {
                e = runEpoch(train, test, bar);
            } finally {
                if (bar instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // a progress bar that cannot close changes nothing
                    }
                }
            }
            history.add(e);
            if (onEpoch != null) {
                onEpoch.accept(e);
            }
            if (checkpoint != null) {
                save(checkpoint);
            }
        }
        return history;
    }
}
