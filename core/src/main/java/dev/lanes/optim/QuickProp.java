package dev.lanes.optim;

import static dev.lanes.optim.StepScalars.f;

import java.util.Map;
import dev.lanes.kernel.internal.StepKernels;

/**
 * QuickProp (Fahlman 1988) in a simple form: each element fits a parabola through its last two
 * gradients and jumps towards its minimum, the jump limited to {@code maxGrowth} times the previous
 * step; where there is no previous step it takes a gradient-descent step. With {@code gd = g + wd·θ}:
 * <pre>
 * q = gd / (prevG - gd)        (0 where that is NaN, e.g. both gradients 0)
 * s = prevS == 0 ? -lr·gd : prevS·min(max(q, -maxGrowth), maxGrowth)
 * θ = θ + s;  prevG = gd;  prevS = s
 * </pre>
 * (kernel {@code quickpropStep}). Not in PyTorch. State: {@code prev_grad}, {@code prev_step}.
 */
public final class QuickProp extends Optimizer {
    private final double maxGrowth;
    private final StepKernels.QuickPropArgs args = new StepKernels.QuickPropArgs();

    private QuickProp(Builder b) {
        super("QuickProp", b, new String[] {"prev_grad", "prev_step"}, new String[0], false);
        this.maxGrowth = b.maxGrowth;
    }

    /** A builder with lr 0.01 and maximum growth factor 1.75 (Fahlman's μ). */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    void prepare(double lr, double weightDecay, long t) {
        args.maximize = maximize();
        args.lr = f(lr);
        args.weightDecay = f(weightDecay);
        args.maxGrowth = f(maxGrowth);
    }

    @Override
    void update(Slot s, int from, int to) {
        stepKernels.quickpropStep(s.values(), s.at(from), s.grad(), s.gradAt(from), s.arrays[0], from,
                s.arrays[1], from, to - from, args);
    }

    @Override
    void describe(Map<String, Double> into) {
        into.put("maxGrowth", maxGrowth);
    }

    /** Builds {@link QuickProp}. */
    public static final class Builder extends OptimizerBuilder<Builder, QuickProp> {
        private double maxGrowth = 1.75;

        private Builder() {
            super(0.01);
        }

        @Override
        Builder self() {
            return this;
        }

        /** The maximum growth factor {@code > 0} of a step; default 1.75. */
        public Builder maxGrowth(double maxGrowth) {
            this.maxGrowth = Hyper.positive("maxGrowth", maxGrowth);
            return this;
        }

        @Override
        public QuickProp build() {
            return new QuickProp(this);
        }
    }
}
