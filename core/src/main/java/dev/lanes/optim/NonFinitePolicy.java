package dev.lanes.optim;

/** What an optimizer step does when a gradient holds NaN or ±∞. */
public enum NonFinitePolicy {
    /** Apply the step anyway, as PyTorch does: the non-finite values flow into parameters and state. */
    PROPAGATE,
    /** Change nothing, count the step in {@link Optimizer#skippedSteps()}, and return false from {@link Optimizer#step()}. */
    SKIP,
    /** Change nothing and throw an {@link ArithmeticException} naming the parameter. */
    THROW
}
