package dev.lanes.optim.secondorder;

import dev.lanes.optim.functions.TestFunction;

/** A differentiable function of a {@code float[]} point, as the second-order methods call it. */
@FunctionalInterface
public interface Objective {
    /**
     * Writes {@code ∇f(x)} into {@code gradient[0, n)} and returns {@code f(x)}. Must not change
     * {@code x}.
     */
    double evaluate(float[] x, float[] gradient);

    /**
     * A test function as an objective: value in double, gradient rounded to float (see
     * {@link TestFunction#gradient(float[], float[])}).
     */
    static Objective of(TestFunction f) {
        return (x, g) -> {
            f.gradient(x, g);
            return f.value(x);
        };
    }
}
