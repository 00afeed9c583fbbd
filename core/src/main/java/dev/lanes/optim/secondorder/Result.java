package dev.lanes.optim.secondorder;

/**
 * How a minimization ended.
 *
 * @param status       why it stopped
 * @param iterations   the number of accepted steps
 * @param evaluations  the number of objective evaluations
 * @param value        f at the final point
 * @param gradientNorm {@code ‖∇f‖₂} at the final point, computed as
 *                     {@code sqrt(Kernels.sumSquares(g))}
 */
public record Result(Status status, int iterations, int evaluations, double value, double gradientNorm) {
    /** Why a minimization stopped. */
    public enum Status {
        /** {@code ‖∇f‖₂ ≤ gradientTolerance}. */
        CONVERGED,
        /** The iteration limit was reached. */
        MAX_ITERATIONS,
        /** A step left the point unchanged in float: no further progress is possible. */
        STALLED,
        /** The line search found no step satisfying its condition; the point is the last accepted one. */
        LINE_SEARCH_FAILED
    }

    /** Whether the gradient tolerance was met. */
    public boolean converged() {
        return status == Status.CONVERGED;
    }
}
