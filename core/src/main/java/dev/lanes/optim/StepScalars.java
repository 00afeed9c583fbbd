package dev.lanes.optim;

/**
 * The one place where per-step scalars are computed: in double precision with {@link StrictMath},
 * as PyTorch computes them with Python floats, then rounded to float ({@link #f}) at the point
 * where PyTorch casts a Python scalar to the tensor's dtype. Both kernel implementations receive
 * these floats, so neither recomputes them.
 */
final class StepScalars {
    private StepScalars() {}

    /** PyTorch's cast of a Python float to a float32 tensor scalar. */
    static float f(double x) {
        return (float) x;
    }

    /** {@code 1 - beta^t}, PyTorch's bias correction. */
    static double biasCorrection(double beta, long t) {
        return 1 - StrictMath.pow(beta, (double) t);
    }

    static double sqrt(double x) {
        return StrictMath.sqrt(x);
    }

    static double pow(double x, double y) {
        return StrictMath.pow(x, y);
    }
}
