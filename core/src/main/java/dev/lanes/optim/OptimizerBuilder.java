package dev.lanes.optim;

import dev.lanes.kernel.Kernels;
import dev.lanes.kernel.Parallel;
import dev.lanes.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What every optimizer's builder sets: learning rate or schedule, weight decay, kernels,
 * non-finite policy, clipping and the parameters. Every setter validates its argument at once
 * and throws {@link IllegalArgumentException} naming it and its value.
 *
 * @param <B> the concrete builder
 * @param <O> the optimizer it builds
 */
public abstract class OptimizerBuilder<B extends OptimizerBuilder<B, O>, O extends Optimizer> {
    Schedule schedule;
    double weightDecay;
    Kernels kernels;
    NonFinitePolicy nonFinite = NonFinitePolicy.PROPAGATE;
    double clipNorm;
    double clipValue;
    boolean decoupled;
    boolean maximize;
    Parallel parallel;
    int grain = Optimizer.DEFAULT_GRAIN;
    final List<ParamGroup> groups = new ArrayList<>();

    OptimizerBuilder(double defaultLearningRate) {
        schedule = Hyper.constant(defaultLearningRate);
    }

    abstract B self();

    /** Builds the optimizer over the parameters added so far. */
    public abstract O build();

    /** A constant learning rate {@code lr >= 0} (each algorithm has PyTorch's default). */
    public B learningRate(double lr) {
        schedule = Hyper.constant(lr);
        return self();
    }

    /** The learning rate of step {@code k} (0-based) is {@code schedule.rate(k)}, checked at each step. */
    public B schedule(Schedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        return self();
    }

    /** L2 weight decay (or decoupled decay, where the algorithm says so); default 0. */
    public B weightDecay(double weightDecay) {
        this.weightDecay = Hyper.nonNegative("weightDecay", weightDecay);
        return self();
    }

    /**
     * Decoupled weight decay (Loshchilov and Hutter): before the algorithm's update, each
     * parameter is multiplied by {@code (float) (1 - lr·wd)} ({@link Kernels#scale}, one pass
     * more), and the gradient is not decayed; default false (L2 decay in the gradient, as PyTorch).
     * For Adam this is AdamW, fused into its kernel.
     */
    public B decoupledWeightDecay(boolean decoupled) {
        this.decoupled = decoupled;
        return self();
    }

    /**
     * Ascend instead of descend: every step follows the negated gradient, as PyTorch's
     * {@code maximize=True} (the gradient negated before anything else, weight decay included;
     * the caller's gradient array is not changed). Default false.
     */
    public B maximize(boolean maximize) {
        this.maximize = maximize;
        return self();
    }

    /** The kernels to run on; default {@link Kernels#best()}. */
    public B kernels(Kernels kernels) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        return self();
    }

    /**
     * Spreads each step over {@code team} (see {@link Optimizer}), with chunks of at least
     * {@link Optimizer#DEFAULT_GRAIN} elements; null or a team of one thread: every step on the calling
     * thread (the default). The results are the same bits either way. The team stays the
     * caller's to close; a step on a closed team throws before it writes anything.
     */
    public B parallel(Parallel team) {
        return parallel(team, Optimizer.DEFAULT_GRAIN);
    }

    /**
     * {@link #parallel(Parallel)} with chunks of at least {@code grain >= 1} elements: a
     * parameter is split only from {@code 2 · grain} elements, and the chunk boundaries are
     * multiples of {@code min(grain, 64)}. Give a multiple of 64; small grains are for tests.
     */
    public B parallel(Parallel team, int grain) {
        if (grain < 1) {
            throw new IllegalArgumentException("grain must be >= 1, was " + grain);
        }
        this.parallel = team;
        this.grain = grain;
        return self();
    }

    /** What to do with a non-finite gradient; default {@link NonFinitePolicy#PROPAGATE}. */
    public B nonFinite(NonFinitePolicy policy) {
        this.nonFinite = Objects.requireNonNull(policy, "policy");
        return self();
    }

    /** Clips the gradients to global norm {@code maxNorm > 0} before each step (see {@link Optimizer}). */
    public B clipGradientNorm(double maxNorm) {
        this.clipNorm = Hyper.positive("maxNorm", maxNorm);
        return self();
    }

    /** Clamps every gradient element to {@code [-maxValue, maxValue]} before each step. */
    public B clipGradientValue(double maxValue) {
        this.clipValue = Hyper.positive("maxValue", maxValue);
        return self();
    }

    /** Adds a group of parameters with the builder's learning rate and weight decay. */
    public B params(Parameter... params) {
        groups.add(ParamGroup.of(params));
        return self();
    }

    /** Adds a group of parameters with the builder's learning rate and weight decay. */
    public B params(List<Parameter> params) {
        groups.add(ParamGroup.of(params));
        return self();
    }

    /** Adds a group, which may carry its own learning rate and weight decay. */
    public B group(ParamGroup group) {
        groups.add(Objects.requireNonNull(group, "group"));
        return self();
    }
}
