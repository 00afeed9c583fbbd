package dev.lanes.optim;

import static dev.lanes.optim.StepScalars.f;

import java.util.Arrays;
import java.util.Map;
import dev.lanes.kernel.internal.StepKernels;

/**
 * Resilient propagation (Riedmiller and Braun 1993), the variant without weight backtracking, as
 * PyTorch's {@code torch.optim.Rprop}: each element keeps its own step size, grown by η+ while the
 * gradient keeps its sign and shrunk by η- when it flips. With
 * {@code sign(x) = (x > 0) - (x < 0)} (PyTorch's CPU sign: 0 for ±0 and NaN):
 * <pre>
 * s = sign(g·prev);  f = s > 0 ? η+ : s < 0 ? η- : 1
 * size = min(max(size·f, minStep), maxStep)      (size starts at lr)
 * h = f == η- ? 0 : g
 * θ = θ - sign(h)·size                           (fma(-sign(h), size, θ));  prev = h
 * </pre>
 * (kernel {@code rpropStep}), bit for bit with PyTorch. The learning rate only sets the initial
 * step size; there is no weight decay. State: {@code prev}, {@code step_size}.
 */
public final class Rprop extends Optimizer {
    private final double etaMinus;
    private final double etaPlus;
    private final double minStep;
    private final double maxStep;
    private final StepKernels.RpropArgs args = new StepKernels.RpropArgs();

    private Rprop(Builder b) {
        super("Rprop", b, new String[] {"prev", "step_size"}, new String[0], false);
        this.etaMinus = b.etaMinus;
        this.etaPlus = b.etaPlus;
        this.minStep = b.minStep;
        this.maxStep = b.maxStep;
    }

    /** A builder with PyTorch's defaults: lr 0.01, η (0.5, 1.2), step sizes (1e-6, 50). */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    void initState(Slot s, double lr) {
        Arrays.fill(s.arrays[1], f(lr));
    }

    @Override
    void prepare(double lr, double weightDecay, long t) {
        args.maximize = maximize();
        args.etaMinus = f(etaMinus);
        args.etaPlus = f(etaPlus);
        args.minStep = f(minStep);
        args.maxStep = f(maxStep);
    }

    @Override
    void update(Slot s, int from, int to) {
        stepKernels.rpropStep(s.values(), s.at(from), s.grad(), s.gradAt(from), s.arrays[0], from,
                s.arrays[1], from, to - from, args);
    }

    @Override
    void describe(Map<String, Double> into) {
        into.put("etaMinus", etaMinus);
        into.put("etaPlus", etaPlus);
        into.put("minStep", minStep);
        into.put("maxStep", maxStep);
    }

    /** Builds {@link Rprop}. */
    public static final class Builder extends OptimizerBuilder<Builder, Rprop> {
        private double etaMinus = 0.5;
        private double etaPlus = 1.2;
        private double minStep = 1e-6;
        private double maxStep = 50;

        private Builder() {
            super(0.01);
        }

        @Override
        Builder self() {
            return this;
        }

        /** η- in (0, 1) and η+ {@code > 1}, finite; default (0.5, 1.2). */
        public Builder etas(double etaMinus, double etaPlus) {
            if (!(etaMinus > 0 && etaMinus < 1)) {
                throw new IllegalArgumentException("etaMinus must be in (0, 1), was " + etaMinus);
            }
            if (!(etaPlus > 1) || etaPlus == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("etaPlus must be finite and > 1, was " + etaPlus);
            }
            this.etaMinus = etaMinus;
            this.etaPlus = etaPlus;
            return this;
        }

        /** The bounds of the step sizes, {@code 0 <= minStep <= maxStep}, finite; default (1e-6, 50). */
        public Builder stepSizes(double minStep, double maxStep) {
            Hyper.nonNegative("minStep", minStep);
            Hyper.nonNegative("maxStep", maxStep);
            if (minStep > maxStep) {
                throw new IllegalArgumentException("minStep must be <= maxStep, was minStep=" + minStep
                        + ", maxStep=" + maxStep);
            }
            this.minStep = minStep;
            this.maxStep = maxStep;
            return this;
        }

        @Override
        public Rprop build() {
            if (weightDecay != 0) {
                throw new IllegalArgumentException("Rprop has no weight decay, was weightDecay=" + weightDecay);
            }
            for (ParamGroup g : groups) {
                if (!Double.isNaN(g.weightDecay()) && g.weightDecay() != 0) {
                    throw new IllegalArgumentException("Rprop has no weight decay, a group has weightDecay="
                            + g.weightDecay());
                }
            }
            return new Rprop(this);
        }
    }
}
