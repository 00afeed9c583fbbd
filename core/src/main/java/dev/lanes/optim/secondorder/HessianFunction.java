package dev.lanes.optim.secondorder;

import dev.lanes.optim.functions.TestFunction;

/** The dense Hessian of an objective, for {@link Newton}. */
@FunctionalInterface
public interface HessianFunction {
    /** Writes {@code ∇²f(x)} row-major into {@code h[0, n²)}: {@code h[i·n + j] = ∂²f/∂xᵢ∂xⱼ}. */
    void hessian(float[] x, double[] h);

    /**
     * The Hessian of a test function at the exactly widened float point. The returned function
     * keeps a scratch array: do not share it between threads.
     *
     * @throws IllegalArgumentException if {@code f} has no Hessian
     */
    static HessianFunction of(TestFunction f) {
        if (!f.hasHessian()) {
            throw new IllegalArgumentException(f.name() + " has no Hessian");
        }
        double[] xd = new double[f.dimension()];
        return (x, h) -> {
            for (int i = 0; i < xd.length; i++) {
                xd[i] = x[i];
            }
            f.hessian(xd, h);
        };
    }
}
