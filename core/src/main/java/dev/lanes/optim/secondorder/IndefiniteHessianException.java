package dev.lanes.optim.secondorder;

/**
 * Thrown by {@link Newton} when the Hessian is not positive definite and the method is configured
 * to refuse ({@link Newton.Indefinite#REFUSE}, the default). The point was not changed.
 */
public final class IndefiniteHessianException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final int pivot;
    private final double pivotValue;

    IndefiniteHessianException(int pivot, double pivotValue) {
        super("the Hessian is not positive definite: Cholesky pivot " + pivot + " is " + pivotValue
                + " (Newton's method would move toward a saddle point or a maximum)");
        this.pivot = pivot;
        this.pivotValue = pivotValue;
    }

    /** The index of the first non-positive pivot of the Cholesky factorization. */
    public int pivot() {
        return pivot;
    }

    /** Its value ({@code ≤ 0} or NaN). */
    public double pivotValue() {
        return pivotValue;
    }
}
