package dev.lanes.optim;

import static dev.lanes.optim.StepScalars.biasCorrection;
import static dev.lanes.optim.StepScalars.f;

import java.util.Map;
import dev.lanes.kernel.internal.StepKernels;

/**
 * AdaMax (Kingma and Ba, section 7) as PyTorch's {@code torch.optim.Adamax}. At step {@code t}
 * with {@code gd = g + wd·θ}:
 * <pre>
 * m = β1·m + (1 - β1)·gd                  (fma)
 * u = max(β2·u, |gd| + eps)               (NaN wins)
 * θ = θ + (-(lr / (1 - β1^t))·m) / u
 * </pre>
 * in PyTorch's order of operations (kernel {@code adamaxStep}), bit for bit.
 * State: {@code exp_avg}, {@code exp_inf}.
 */
public final class AdaMax extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final StepKernels.AdaMaxArgs args = new StepKernels.AdaMaxArgs();

    private AdaMax(Builder b) {
        super("Adamax", b, new String[] {"exp_avg", "exp_inf"}, new String[0], false);
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.eps = b.eps;
    }

    /** A builder with PyTorch's defaults: lr 2e-3, β (0.9, 0.999), eps 1e-8. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    void prepare(double lr, double weightDecay, long t) {
        args.maximize = maximize();
        args.stepSize = f(lr / biasCorrection(beta1, t));
        args.weightDecay = f(weightDecay);
        args.beta1 = f(beta1);
        args.oneMinusBeta1 = f(1 - beta1);
        args.beta2 = f(beta2);
        args.eps = f(eps);
    }

    @Override
    void update(Slot s, int from, int to) {
        stepKernels.adamaxStep(s.values(), s.at(from), s.grad(), s.gradAt(from), s.arrays[0], from,
                s.arrays[1], from, to - from, args);
    }

    @Override
    void describe(Map<String, Double> into) {
        into.put("beta1", beta1);
        into.put("beta2", beta2);
        into.put("eps", eps);
    }

    /** Builds {@link AdaMax}. */
    public static final class Builder extends MomentsBuilder<Builder, AdaMax> {

        private Builder() {
            super(2e-3);
        }

        @Override
        Builder self() {
            return this;
        }

        @Override
        public AdaMax build() {
            return new AdaMax(this);
        }
    }
}
