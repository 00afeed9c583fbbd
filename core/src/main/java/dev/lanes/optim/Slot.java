package dev.lanes.optim;

import dev.lanes.kernel.Parallel;

/**
 * One parameter of an optimizer with its state: the algorithm's state arrays (each as long as the
 * parameter, named by the algorithm) and its per-parameter scalars (ASGD's η and μ, NAdam's
 * μ-product). It also holds the passes an optimizer makes over it, as tasks created once, so that
 * a step hands them to a team without allocating.
 */
final class Slot {
    final Parameter param;
    /** The position among the optimizer's parameters, groups in order. */
    final int index;
    final int group;
    final float[][] arrays;
    final float[] scalars;
    /** The algorithm's update of this parameter, with the decoupled decay first where the base applies it. */
    Parallel.Range update;
    /** Clamps this parameter's gradient to the guard's value. */
    Parallel.Range clampGradient;
    /** Scales this parameter's gradient by the guard's factor. */
    Parallel.Range scaleGradient;

    Slot(Parameter param, int index, int group, int arrayCount, int scalarCount) {
        this.param = param;
        this.index = index;
        this.group = group;
        this.arrays = new float[arrayCount][param.length()];
        this.scalars = new float[scalarCount];
    }

    float[] values() {
        return param.values();
    }

    /** The offset in {@link #values()} of element {@code i} of the parameter. */
    int at(int i) {
        return param.offset() + i;
    }

    float[] grad() {
        return param.grad();
    }

    /** The offset in {@link #grad()} of element {@code i} of the gradient. */
    int gradAt(int i) {
        return param.gradOffset() + i;
    }

    int length() {
        return param.length();
    }
}
