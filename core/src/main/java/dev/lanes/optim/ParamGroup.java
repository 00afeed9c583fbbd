package dev.lanes.optim;

import dev.lanes.schedule.Schedule;
import java.util.List;
import java.util.Objects;

/**
 * Parameters that share a learning rate and a weight decay, e.g. the biases of a network, which
 * are usually not decayed. A group that does not set one of them inherits the optimizer's value
 * (set on its {@link OptimizerBuilder}). All other hyper-parameters belong to the optimizer.
 *
 * <p>Immutable: the {@code with…} methods return a new group. Values are validated when set.
 */
public final class ParamGroup {
    private final List<Parameter> params;
    private final Schedule schedule;
    private final double weightDecay;

    private ParamGroup(List<Parameter> params, Schedule schedule, double weightDecay) {
        this.params = params;
        this.schedule = schedule;
        this.weightDecay = weightDecay;
    }

    /** A group of {@code params} inheriting the optimizer's learning rate and weight decay. */
    public static ParamGroup of(List<Parameter> params) {
        Objects.requireNonNull(params, "params");
        for (Parameter p : params) {
            Objects.requireNonNull(p, "params contains null");
        }
        return new ParamGroup(List.copyOf(params), null, Double.NaN);
    }

    /** A group of {@code params} inheriting the optimizer's learning rate and weight decay. */
    public static ParamGroup of(Parameter... params) {
        return of(List.of(params));
    }

    /**
     * This group with the constant learning rate {@code lr}.
     *
     * @throws IllegalArgumentException if {@code lr} is not finite or negative
     */
    public ParamGroup withLearningRate(double lr) {
        Hyper.learningRate(lr);
        return new ParamGroup(params, Hyper.constant(lr), weightDecay);
    }

    /** This group with the learning rate of step {@code k} given by {@code schedule.rate(k)}. */
    public ParamGroup withSchedule(Schedule schedule) {
        return new ParamGroup(params, Objects.requireNonNull(schedule, "schedule"), weightDecay);
    }

    /**
     * This group with its own weight decay (0 for none).
     *
     * @throws IllegalArgumentException if {@code weightDecay} is not finite or negative
     */
    public ParamGroup withWeightDecay(double weightDecay) {
        Hyper.nonNegative("weightDecay", weightDecay);
        return new ParamGroup(params, schedule, weightDecay);
    }

    /** The parameters, in the order the optimizer updates them. */
    public List<Parameter> params() {
        return params;
    }

    /** The group's schedule, or null if it inherits the optimizer's. */
    public Schedule schedule() {
        return schedule;
    }

    /** The group's weight decay, or NaN if it inherits the optimizer's. */
    public double weightDecay() {
        return weightDecay;
    }
}
