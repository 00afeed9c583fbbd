package dev.lanes.cli;

import dev.lanes.nn.Trainer;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar per epoch on standard error (batches done, the last batch's loss, images per
 * second), drawn by the progressbar library and fed by {@link Trainer}'s batch listener. Shown
 * only when standard error is a terminal and not {@code --quiet}, so that logs and tests stay
 * clean.
 */
final class Progress implements Trainer.BatchListener, AutoCloseable {
    private final String label;
    private final int epochs;
    private ProgressBar bar;
    private long start;

    private Progress(String label, int epochs) {
        this.label = label;
        this.epochs = epochs;
    }

    /** Whether a bar would be seen: a terminal, and not asked to be quiet. */
    static boolean wanted(boolean quiet) {
        java.io.Console c = System.console();
        return !quiet && c != null && c.isTerminal();
    }

    /** Bars for a run of {@code epochs} epochs, or null when none is {@link #wanted}. */
    static Progress create(boolean quiet, String label, int epochs) {
        return wanted(quiet) ? new Progress(label, epochs) : null;
    }

    @Override
    public void batchEnd(int epoch, int batch, int batches, int examples, float loss) {
        if (batch == 1) {
            close();
            start = System.nanoTime();
            bar = new ProgressBarBuilder().setTaskName(label + "epoch " + epoch + "/" + epochs)
                    .setInitialMax(batches).setUnit(" batches", 1).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200).hideEta().setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .build();
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f %,.0f img/s", loss, examples / Math.max(seconds, 1e-9)));
        bar.stepTo(batch);
    }

    /** Closes the current epoch's bar, if any. */
    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
