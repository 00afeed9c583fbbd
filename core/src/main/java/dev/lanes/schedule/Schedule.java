package dev.lanes.schedule;

/**
 * A learning-rate schedule: the learning rate in force during optimizer step {@code k}
 * ({@code k = 0} for the first step), as a pure function of the step.
 */
@FunctionalInterface
public interface Schedule {
    /** The learning rate for step {@code step >= 0}. */
    double rate(long step);
}
