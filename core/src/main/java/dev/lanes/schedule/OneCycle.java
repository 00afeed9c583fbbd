package dev.lanes.schedule;

/**
 * The one-cycle policy, as PyTorch's {@code OneCycleLR} computes it: the rate rises from
 * {@code initial = max / divFactor} to {@code max} and falls to {@code min = initial / finalDivFactor},
 * while the momentum (optional, {@link #momentum(long)}) falls from {@code maxMomentum} to
 * {@code baseMomentum} and rises back.
 *
 * <p>Phases (PyTorch's arithmetic in double, {@code P = pctStart · totalSteps}):
 * two-phase: step 0 → {@code P − 1}: initial → max; {@code P − 1} → {@code totalSteps − 1}: max → min.
 * Three-phase: 0 → {@code P − 1}: initial → max; {@code P − 1} → {@code 2P − 2}: max → initial;
 * {@code 2P − 2} → {@code totalSteps − 1}: initial → min. Within a phase from step a to b,
 * {@code pct = (k − a) / (b − a)} and the value is {@code anneal(start, end, pct)}: cosine
 * {@code end + (start − end)/2 · (cos(π·pct) + 1)} ({@link StrictMath#cos}) or linear
 * {@code (end − start)·pct + start}. Steps past the last phase continue its formula (PyTorch
 * raises an error there instead).
 */
public final class OneCycle implements Schedule {
    /** The annealing function of each phase. */
    public enum Anneal {
        /** {@code end + (start − end)/2 · (cos(π·pct) + 1)}. */
        COSINE,
        /** {@code (end − start)·pct + start}. */
        LINEAR
    }

    private final double initial;
    private final double max;
    private final double min;
    private final Anneal anneal;
    private final double baseMomentum;
    private final double maxMomentum;
    private final double[] ends;
    private final double[] startRates;
    private final double[] endRates;
    private final double[] startMomenta;
    private final double[] endMomenta;
    private final String text;

    /**
     * A one-cycle schedule (see the class comment for the phases).
     *
     * @param maxRate         the peak rate, finite and > 0
     * @param totalSteps      the length of the cycle, ≥ 2
     * @param pctStart        the fraction of steps spent rising, in (0, 1)
     * @param anneal          cosine or linear
     * @param divFactor       initial = max / divFactor, > 0
     * @param finalDivFactor  min = initial / finalDivFactor, > 0
     * @param threePhase      PyTorch's {@code three_phase}
     * @param baseMomentum    the lowest momentum, in [0, maxMomentum]
     * @param maxMomentum     the highest momentum, finite
     * @throws IllegalArgumentException naming the first bad argument
     */
    public OneCycle(double maxRate, long totalSteps, double pctStart, Anneal anneal, double divFactor,
                    double finalDivFactor, boolean threePhase, double baseMomentum, double maxMomentum) {
        if (!(maxRate > 0) || maxRate == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("maxRate must be finite and > 0, was " + maxRate);
        }
        if (totalSteps < 2) {
            throw new IllegalArgumentException("totalSteps must be >= 2, was " + totalSteps);
        }
        if (!(pctStart > 0 && pctStart < 1)) {
            throw new IllegalArgumentException("pctStart must be in (0, 1), was " + pctStart);
        }
        if (anneal == null) {
            throw new IllegalArgumentException("anneal must not be null");
        }
        if (!(divFactor > 0) || divFactor == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("divFactor must be finite and > 0, was " + divFactor);
        }
        if (!(finalDivFactor > 0) || finalDivFactor == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("finalDivFactor must be finite and > 0, was " + finalDivFactor);
        }
        if (!(maxMomentum >= 0) || maxMomentum == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("maxMomentum must be finite and >= 0, was " + maxMomentum);
        }
        if (!(baseMomentum >= 0 && baseMomentum <= maxMomentum)) {
            throw new IllegalArgumentException("baseMomentum must be in [0, maxMomentum = " + maxMomentum
                    + "], was " + baseMomentum);
        }
        this.max = maxRate;
        this.initial = maxRate / divFactor;
        this.min = initial / finalDivFactor;
        this.anneal = anneal;
        this.baseMomentum = baseMomentum;
        this.maxMomentum = maxMomentum;
        double p = pctStart * totalSteps;
        if (threePhase) {
            ends = new double[] {p - 1, 2 * p - 2, totalSteps - 1};
            startRates = new double[] {initial, max, initial};
            endRates = new double[] {max, initial, min};
            startMomenta = new double[] {maxMomentum, baseMomentum, maxMomentum};
            endMomenta = new double[] {baseMomentum, maxMomentum, maxMomentum};
        } else {
            ends = new double[] {p - 1, totalSteps - 1};
            startRates = new double[] {initial, max};
            endRates = new double[] {max, min};
            startMomenta = new double[] {maxMomentum, baseMomentum};
            endMomenta = new double[] {baseMomentum, maxMomentum};
        }
        for (int i = 0; i < ends.length; i++) {
            double begin = i == 0 ? 0 : ends[i - 1];
            if (!(ends[i] > begin)) {
                throw new IllegalArgumentException("pctStart = " + pctStart + " with totalSteps = " + totalSteps
                        + " leaves phase " + i + " empty");
            }
        }
        this.text = "oneCycle(" + maxRate + ", " + totalSteps + ", " + pctStart + ", " + anneal + ", " + divFactor
                + ", " + finalDivFactor + (threePhase ? ", three-phase" : "") + ")";
    }

    @Override
    public double rate(long step) {
        return value(step, startRates, endRates);
    }

    /** The momentum (or Adam's β₁) for step {@code step}, annealed in counterphase to the rate. */
    public double momentum(long step) {
        return value(step, startMomenta, endMomenta);
    }

    /** The rate at step 0: {@code max / divFactor}. */
    public double initialRate() {
        return initial;
    }

    /** The final rate: {@code initialRate / finalDivFactor}. */
    public double minRate() {
        return min;
    }

    private double value(long step, double[] from, double[] to) {
        Schedules.checkStep(step);
        double start = 0;
        for (int i = 0; i < ends.length; i++) {
            double end = ends[i];
            if (step <= end || i == ends.length - 1) {
                double pct = (step - start) / (end - start);
                return anneal(from[i], to[i], pct);
            }
            start = end;
        }
        throw new AssertionError();
    }

    private double anneal(double start, double end, double pct) {
        if (anneal == Anneal.COSINE) {
            double cosOut = StrictMath.cos(Math.PI * pct) + 1;
            return end + (start - end) / 2.0 * cosOut;
        }
        return (end - start) * pct + start;
    }

    @Override
    public String toString() {
        return text;
    }
}
