package dev.lanes.optim;

import dev.lanes.schedule.Schedule;

/** Validation of hyper-parameters: each check names the argument and the bad value. */
final class Hyper {
    private Hyper() {}

    /** A constant learning rate as a schedule. */
    record Constant(double lr) implements Schedule {
        @Override
        public double rate(long step) {
            return lr;
        }
    }

    static Schedule constant(double lr) {
        learningRate(lr);
        return new Constant(lr);
    }

    static double learningRate(double lr) {
        return nonNegative("lr", lr);
    }

    static double nonNegative(String name, double v) {
        if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, was " + v);
        }
        return v;
    }

    static double positive(String name, double v) {
        if (!(v > 0) || v == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be finite and > 0, was " + v);
        }
        return v;
    }

    /** A decay rate or beta: in [0, 1). */
    static double unit(String name, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), was " + v);
        }
        return v;
    }

    /** A dampening or mixing weight: in [0, 1]. */
    static double closedUnit(String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], was " + v);
        }
        return v;
    }

    static double finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, was " + v);
        }
        return v;
    }
}
