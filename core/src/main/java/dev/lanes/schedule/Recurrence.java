package dev.lanes.schedule;

/**
 * A schedule defined, as PyTorch's "chainable" schedulers are, by its first rate and a recurrence
 * {@code r(k) = next(k, r(k − 1))}. {@link #rate(long)} replays the recurrence from the last step
 * it was asked for (or from step 0 when asked for an earlier step), so the rates are still a pure
 * function of the step, in O(1) amortized time when the steps are asked in increasing order.
 * Thread-safe: the memo is guarded by this object's lock; no allocation.
 */
abstract class Recurrence implements Schedule {
    private long memoStep = -1;
    private double memoRate;

    /** r(0). */
    abstract double first();

    /** r(k) from r(k − 1), for k ≥ 1. */
    abstract double next(long k, double previous);

    @Override
    public final synchronized double rate(long step) {
        Schedules.checkStep(step);
        long k;
        double r;
        if (memoStep >= 0 && memoStep <= step) {
            k = memoStep;
            r = memoRate;
        } else {
            k = 0;
            r = first();
        }
        while (k < step) {
            k++;
            r = next(k, r);
        }
        memoStep = step;
        memoRate = r;
        return r;
    }
}
