package dev.lanes.schedule;

/**
 * Reduce-on-plateau, as PyTorch's {@code ReduceLROnPlateau} computes it: a stateful controller
 * (not a {@link Schedule}) that lowers the rate when a monitored metric stops improving.
 *
 * <p>After each epoch call {@link #observe(double)} with the metric. A metric {@code a} improves
 * on the best so far when (mode MIN) {@code a < best·(1 − threshold)} (relative) or
 * {@code a < best − threshold} (absolute), and (mode MAX) {@code a > best·(1 + threshold)} or
 * {@code a > best + threshold}; the first best is +∞ (MIN) or −∞ (MAX); NaN never improves.
 * Then, in PyTorch's order: an improvement sets {@code best = a} and the count of bad epochs to 0,
 * otherwise the count grows by one; during a cooldown the cooldown counter drops by one and the
 * bad-epoch count is reset to 0; when the count exceeds {@code patience}, the rate becomes
 * {@code max(rate·factor, minRate)} — but only if that lowers it by more than {@code eps} — the
 * cooldown counter is set to {@code cooldown} and the count to 0.
 *
 * <p>Not thread-safe. Its whole state is {@link #state()}, and {@link #restore(State)} puts it back
 * exactly.
 */
public final class ReduceOnPlateau {
    /** Whether a lower or a higher metric is better. */
    public enum Mode {
        /** Lower is better (a loss). */
        MIN,
        /** Higher is better (an accuracy). */
        MAX
    }

    /** The exported state: rate, best metric, bad-epoch count, cooldown counter, epochs observed. */
    public record State(double rate, double best, int badEpochs, int cooldownCounter, long epochs) {}

    private final Mode mode;
    private final double factor;
    private final int patience;
    private final double threshold;
    private final boolean relative;
    private final int cooldown;
    private final double minRate;
    private final double eps;

    private double rate;
    private double best;
    private int badEpochs;
    private int cooldownCounter;
    private long epochs;

    private ReduceOnPlateau(Builder b) {
        this.mode = b.mode;
        this.factor = b.factor;
        this.patience = b.patience;
        this.threshold = b.threshold;
        this.relative = b.relative;
        this.cooldown = b.cooldown;
        this.minRate = b.minRate;
        this.eps = b.eps;
        this.rate = b.initialRate;
        this.best = mode == Mode.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }

    /**
     * A builder with PyTorch's defaults: mode MIN, factor 0.1, patience 10, threshold 10⁻⁴ relative,
     * cooldown 0, minRate 0, eps 10⁻⁸.
     *
     * @param initialRate the rate before any reduction, finite and ≥ 0
     */
    public static Builder builder(double initialRate) {
        Schedules.rate("initialRate", initialRate);
        return new Builder(initialRate);
    }

    /** The rate in force now. */
    public double rate() {
        return rate;
    }

    /**
     * Records the metric of the epoch just finished and updates the rate.
     *
     * @return whether the rate was lowered
     */
    public boolean observe(double metric) {
        epochs++;
        if (improves(metric)) {
            best = metric;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            badEpochs = 0;
        }
        if (badEpochs > patience) {
            boolean reduced = false;
            double lowered = Math.max(rate * factor, minRate);
            if (rate - lowered > eps) {
                rate = lowered;
                reduced = true;
            }
            cooldownCounter = cooldown;
            badEpochs = 0;
            return reduced;
        }
        return false;
    }

    private boolean improves(double a) {
        if (mode == Mode.MIN) {
            return relative ? a < best * (1.0 - threshold) : a < best - threshold;
        }
        return relative ? a > best * (threshold + 1.0) : a > best + threshold;
    }

    /** The whole mutable state. */
    public State state() {
        return new State(rate, best, badEpochs, cooldownCounter, epochs);
    }

    /**
     * Puts back a state taken by {@link #state()} (of a controller configured alike).
     *
     * @throws IllegalArgumentException if a field is out of range (rate not finite or negative, counts negative)
     */
    public void restore(State s) {
        Schedules.rate("state.rate", s.rate());
        if (s.badEpochs() < 0 || s.cooldownCounter() < 0 || s.epochs() < 0) {
            throw new IllegalArgumentException("state counts must be >= 0, were badEpochs=" + s.badEpochs()
                    + ", cooldownCounter=" + s.cooldownCounter() + ", epochs=" + s.epochs());
        }
        if (Double.isNaN(s.best())) {
            throw new IllegalArgumentException("state.best must not be NaN");
        }
        rate = s.rate();
        best = s.best();
        badEpochs = s.badEpochs();
        cooldownCounter = s.cooldownCounter();
        epochs = s.epochs();
    }

    @Override
    public String toString() {
        return "reduceOnPlateau(" + mode + ", factor " + factor + ", patience " + patience + ", threshold "
                + threshold + (relative ? " rel" : " abs") + ", cooldown " + cooldown + ", minRate " + minRate
                + ") at " + state();
    }

    /** Configures a {@link ReduceOnPlateau}; each setter checks its argument. */
    public static final class Builder {
        private final double initialRate;
        private Mode mode = Mode.MIN;
        private double factor = 0.1;
        private int patience = 10;
        private double threshold = 1e-4;
        private boolean relative = true;
        private int cooldown = 0;
        private double minRate = 0;
        private double eps = 1e-8;

        private Builder(double initialRate) {
            this.initialRate = initialRate;
        }

        /** MIN (default) or MAX. */
        public Builder mode(Mode mode) {
            if (mode == null) {
                throw new IllegalArgumentException("mode must not be null");
            }
            this.mode = mode;
            return this;
        }

        /** The factor in [0, 1) by which the rate is multiplied; default 0.1. */
        public Builder factor(double factor) {
            if (!(factor >= 0 && factor < 1)) {
                throw new IllegalArgumentException("factor must be in [0, 1), was " + factor);
            }
            this.factor = factor;
            return this;
        }

        /** The number of epochs without improvement tolerated, ≥ 0; default 10. */
        public Builder patience(int patience) {
            if (patience < 0) {
                throw new IllegalArgumentException("patience must be >= 0, was " + patience);
            }
            this.patience = patience;
            return this;
        }

        /** The relative threshold (PyTorch's threshold_mode 'rel'), finite and ≥ 0; default 10⁻⁴. */
        public Builder relativeThreshold(double threshold) {
            Schedules.rate("threshold", threshold);
            this.threshold = threshold;
            this.relative = true;
            return this;
        }

        /** An absolute threshold (PyTorch's threshold_mode 'abs'), finite and ≥ 0. */
        public Builder absoluteThreshold(double threshold) {
            Schedules.rate("threshold", threshold);
            this.threshold = threshold;
            this.relative = false;
            return this;
        }

        /** Epochs to wait after a reduction before counting bad epochs again, ≥ 0; default 0. */
        public Builder cooldown(int cooldown) {
            if (cooldown < 0) {
                throw new IllegalArgumentException("cooldown must be >= 0, was " + cooldown);
            }
            this.cooldown = cooldown;
            return this;
        }

        /** The lowest rate, finite and ≥ 0; default 0. */
        public Builder minRate(double minRate) {
            Schedules.rate("minRate", minRate);
            this.minRate = minRate;
            return this;
        }

        /** Reductions smaller than eps are skipped; finite and ≥ 0; default 10⁻⁸. */
        public Builder eps(double eps) {
            Schedules.rate("eps", eps);
            this.eps = eps;
            return this;
        }

        /** The controller, in its initial state. */
        public ReduceOnPlateau build() {
            return new ReduceOnPlateau(this);
        }
    }
}
