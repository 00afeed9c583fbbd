package dev.lanes.cli;

import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar for one epoch on standard error (batches done, the last batch's loss, images
 * per second), drawn by the progressbar library. Shown only when standard error is a
 * terminal and not {@code --quiet}, so that logs and tests stay clean.
 */
final class Progress implements TrainLoop.BatchListener, AutoCloseable {
    private final ProgressBar bar;
    private final long start = System.nanoTime();

    private Progress(String task, int batches) {
        this.bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(batches).setUnit(" batches", 1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).hideEta()
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    /** Whether a bar would be seen: a terminal, and not asked to be quiet. */
    static boolean wanted(boolean quiet) {
        java.io.Console c = System.console();
        return !quiet && c != null && c.isTerminal();
    }

    /** A bar for one epoch, or null when none is {@link #wanted}. */
    static Progress start(boolean quiet, String task, int examples, int batches) {
        return wanted(quiet) ? new Progress(task, batches) : null;
    }

    @Override
    public void batch(int done, int examples, float loss) {
        double seconds = (System.nanoTime() - start) * 1e-9;
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f %,.0f img/s", loss, examples / Math.max(seconds, 1e-9)));
        bar.stepTo(done);
    }

    @Override
    public void close() {
        bar.close();
    }
}
