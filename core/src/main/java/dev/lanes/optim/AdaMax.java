package dev.lanes.optim;

import static dev.lanes.optim.StepScalars.biasCorrection;
import static dev.lanes.optim.StepScalars.f;

import java.util.Map;

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
    private float stepSize;
    private float wd;

    private AdaMax(Builder b) {
        super("Adamax", b, new String[] {"exp_avg", "exp_inf"}, new String[0]);
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
        this.stepSize = f(lr / biasCorrection(beta1, t));
        this.wd = f(weightDecay);
    }

    @Override
    void update(Parameter p, float[][] state, int from, int to) {
        kernels.adamaxStep(p.values(), p.offset() + from, p.grad(), p.gradOffset() + from, state[0], from,
                state[1], from, to - from, stepSize, wd, f(beta1), f(1 - beta1), f(beta2), f(eps));
    }

    @Override
    void describe(Map<String, Double> into) {
        into.put("beta1", beta1);
        into.put("beta2", beta2);
        into.put("eps", eps);
    }

    /** Builds {@link AdaMax}. */
    public static final class Builder extends Optimizer.MomentsBuilder<Builder, AdaMax> {

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
