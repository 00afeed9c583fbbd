package dev.lanes.nn;

import dev.lanes.schedule.Schedule;

/**
 * A learning-rate schedule scaled down when a monitored metric stops improving
 * ("reduce on plateau"): {@code rate(k) = base.rate(k) · scale}, where {@code scale} starts at 1
 * and is multiplied by {@code factor} (but not below {@code minScale}) whenever the metric has not
 * improved for more than {@code patience} observations in a row.
 *
 * <p>Give the same object to the optimizer (as its schedule) and to the
 * {@link Trainer.Builder#reduceOnPlateau trainer}, which calls {@link #observe(double)} with the
 * validation loss after every epoch. The rule is PyTorch's {@code ReduceLROnPlateau} in mode
 * {@code min} with a relative threshold and no cooldown: a value {@code v} improves when
 * {@code v < best · (1 − threshold)}; then {@code best = v} and the count of bad epochs is reset,
 * otherwise it grows by one; when it exceeds {@code patience}, the scale is reduced and the count
 * reset. NaN never improves. Its state ({@link #scale()}, {@link #best()},
 * {@link #badEpochs()}) is saved in checkpoints.
 */
public final class PlateauSchedule implements Schedule {
    private final Schedule base;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final double minScale;
    private double scale = 1.0;
    private double best = Double.POSITIVE_INFINITY;
    private int badEpochs;

    /**
     * A plateau-scaled {@code base}.
     *
     * @throws IllegalArgumentException if {@code factor} is not in (0, 1), {@code patience < 0},
     *                                  {@code threshold} not in [0, 1) or {@code minScale} not in [0, 1]
     */
    public PlateauSchedule(Schedule base, double factor, int patience, double threshold, double minScale) {
        if (base == null) {
            throw new NullPointerException("base is null");
        }
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("factor must be in (0, 1), was " + factor);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, was " + patience);
        }
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1), was " + threshold);
        }
        if (!(minScale >= 0 && minScale <= 1)) {
            throw new IllegalArgumentException("minScale must be in [0, 1], was " + minScale);
        }
        this.base = base;
        this.factor = factor;
        this.patience = patience;
        this.threshold = threshold;
        this.minScale = minScale;
    }

    @Override
    public double rate(long step) {
        return base.rate(step) * scale;
    }

    /**
     * Records one epoch's metric (lower is better) and reduces the scale if it has stalled.
     *
     * @return whether the scale was reduced
     */
    public boolean observe(double metric) {
        if (metric < best * (1.0 - threshold)) {
            best = metric;
            badEpochs = 0;
            return false;
        }
        badEpochs++;
        if (badEpochs > patience) {
            badEpochs = 0;
            double lowered = Math.max(scale * factor, minScale);
            if (lowered < scale) {
                scale = lowered;
                return true;
            }
        }
        return false;
    }

    /** The current factor on the base rate. */
    public double scale() {
        return scale;
    }

    /** The best metric observed so far (+∞ before any). */
    public double best() {
        return best;
    }

    /** Observations since the last improvement or reduction. */
    public int badEpochs() {
        return badEpochs;
    }

    /**
     * Restores a state saved from {@link #scale()}, {@link #best()} and {@link #badEpochs()}.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public void restore(double scale, double best, int badEpochs) {
        if (!(scale > 0 && scale <= 1) || Double.isNaN(best) || badEpochs < 0) {
            throw new IllegalArgumentException("bad plateau state: scale " + scale + ", best " + best
                    + ", badEpochs " + badEpochs);
        }
        this.scale = scale;
        this.best = best;
        this.badEpochs = badEpochs;
    }
}
