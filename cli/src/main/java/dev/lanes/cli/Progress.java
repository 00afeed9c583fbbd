package dev.lanes.cli;

import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar for one epoch on standard error (images done, batches, the last batch's loss,
 * images per second), drawn by the progressbar library. Shown only when standard error is a
 * terminal and not {@code --quiet}, so that logs and tests stay clean.
 */
final class Progress implements TrainLoop.BatchListener, AutoCloseable {
    private final ProgressBar bar;
    private final int batches;

    private Progress(String task, int examples, int batches) {
        this.batches = batches;
        this.bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(examples).setUnit(" img", 1).showSpeed()
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    /** Whether a bar would be seen: a terminal, and not asked to be quiet. */
    static boolean wanted(boolean quiet) {
        java.io.Console c = System.console();
        return !quiet && c != null && c.isTerminal();
    }

    /** A bar for one epoch, or null when none is {@link #wanted}. */
    static Progress start(boolean quiet, String task, int examples, int batches) {
        return wanted(quiet) ? new Progress(task, examples, batches) : null;
    }

    @Override
    public void batch(int done, int examples, float loss) {
        bar.stepTo(examples);
        bar.setExtraMessage(String.format(Locale.ROOT, "batch %d/%d loss %.4f", done, batches, loss));
    }

    @Override
    public void close() {
        bar.close();
    }
}
