package dev.lanes.schedule;

/**
 * Cyclical learning rates, as PyTorch's {@code CyclicLR} computes them: the rate goes from
 * {@code base} up to {@code max} in {@code up} steps and back down in {@code down} steps, the
 * amplitude scaled per {@link Mode}. With {@code T = up + down}:
 * {@code cycle = ⌊1 + k/T⌋}, {@code x = 1 + k/T − cycle}, {@code s = x / (up/T)} if
 * {@code x ≤ up/T} else {@code (x − 1) / (up/T − 1)}, and
 * {@code ε_k = base + (max − base)·s · scale}, where {@code scale} is 1 (triangular),
 * {@code 1 / 2^(cycle − 1)} (triangular2) or {@code γ^k} (exp_range). The momentum cycles the
 * other way: {@code maxMomentum − (maxMomentum − baseMomentum)·s · scale}.
 */
public final class Cyclic implements Schedule {
    /** PyTorch's {@code mode}. */
    public enum Mode {
        /** Constant amplitude. */
        TRIANGULAR,
        /** Amplitude halved every cycle. */
        TRIANGULAR2,
        /** Amplitude {@code γ^k}. */
        EXP_RANGE
    }

    private final double base;
    private final double max;
    private final double total;
    private final double stepRatio;
    private final Mode mode;
    private final double gamma;
    private final double baseMomentum;
    private final double maxMomentum;

    /**
     * A cyclical schedule (see the class comment for the formula).
     *
     * @param baseRate     the lower rate, finite and ≥ 0
     * @param maxRate      the upper rate, finite and ≥ baseRate
     * @param stepSizeUp   steps rising, ≥ 1
     * @param stepSizeDown steps falling, ≥ 1
     * @param mode         the amplitude policy
     * @param gamma        γ of {@link Mode#EXP_RANGE}, in (0, 1]
     * @param baseMomentum the lower momentum, in [0, maxMomentum]
     * @param maxMomentum  the upper momentum, finite
     * @throws IllegalArgumentException naming the first bad argument
     */
    public Cyclic(double baseRate, double maxRate, long stepSizeUp, long stepSizeDown, Mode mode, double gamma,
                  double baseMomentum, double maxMomentum) {
        Schedules.rate("baseRate", baseRate);
        Schedules.rate("maxRate", maxRate);
        if (maxRate < baseRate) {
            throw new IllegalArgumentException("maxRate must be >= baseRate = " + baseRate + ", was " + maxRate);
        }
        Schedules.positive("stepSizeUp", stepSizeUp);
        Schedules.positive("stepSizeDown", stepSizeDown);
        if (mode == null) {
            throw new IllegalArgumentException("mode must not be null");
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma must be in (0, 1], was " + gamma);
        }
        Schedules.rate("maxMomentum", maxMomentum);
        if (!(baseMomentum >= 0 && baseMomentum <= maxMomentum)) {
            throw new IllegalArgumentException("baseMomentum must be in [0, maxMomentum = " + maxMomentum
                    + "], was " + baseMomentum);
        }
        this.base = baseRate;
        this.max = maxRate;
        this.total = (double) (stepSizeUp + stepSizeDown);
        this.stepRatio = stepSizeUp / total;
        this.mode = mode;
        this.gamma = gamma;
        this.baseMomentum = baseMomentum;
        this.maxMomentum = maxMomentum;
    }

    @Override
    public double rate(long step) {
        double s = shape(step);
        return base + (max - base) * s * scale(step);
    }

    /** The momentum for step {@code step}: high when the rate is low. */
    public double momentum(long step) {
        double s = shape(step);
        return maxMomentum - (maxMomentum - baseMomentum) * s * scale(step);
    }

    private double shape(long step) {
        Schedules.checkStep(step);
        double cycle = Math.floor(1 + step / total);
        double x = 1. + step / total - cycle;
        return x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
    }

    private double scale(long step) {
        return switch (mode) {
            case TRIANGULAR -> 1.0;
            case TRIANGULAR2 -> 1 / StrictMath.pow(2., Math.floor(1 + step / total) - 1);
            case EXP_RANGE -> StrictMath.pow(gamma, step);
        };
    }

    @Override
    public String toString() {
        return "cyclic(" + base + ", " + max + ", " + mode + ")";
    }
}
