package dev.lanes.optim;

import static dev.lanes.optim.StepScalars.biasCorrection;
import static dev.lanes.optim.StepScalars.f;
import static dev.lanes.optim.StepScalars.pow;
import static dev.lanes.optim.StepScalars.sqrt;

import java.util.Map;
import dev.lanes.kernel.internal.StepKernels;

/**
 * NAdam (Dozat 2016) as PyTorch's {@code torch.optim.NAdam} with the corrected {@code mu_product}
 * (its multi-tensor path). At step {@code t} with {@code gd = g + wd·θ}, in double:
 * {@code μt = β1·(1 - 0.5·0.96^(t·ψ))}, {@code μt+1} likewise, {@code Π = float(Π·μt)}
 * (state {@code mu_product}, a float starting at 1):
 * <pre>
 * m = β1·m + (1 - β1)·gd;  v = β2·v + (1 - β2)·gd²     (as Adam)
 * d = sqrt(v) / sqrt(1 - β2^t) + eps
 * θ = θ + (-(lr·(1 - μt) / (1 - Π))·gd) / d
 * θ = θ + (-(lr·μt+1 / (1 - Π·μt+1))·m) / d
 * </pre>
 * in PyTorch's order of operations (kernel {@code nadamStep}); the kernel's two step sizes are
 * computed from the new Π before the parameter's update, and Π is stored once it is done.
 * State: {@code exp_avg}, {@code exp_avg_sq}, {@code mu_product}.
 */
public final class NAdam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double momentumDecay;
    private double lr;
    private double mu;
    private double muNext;
    private float product;
    private final StepKernels.NAdamArgs args = new StepKernels.NAdamArgs();

    private NAdam(Builder b) {
        super("NAdam", b, new String[] {"exp_avg", "exp_avg_sq"}, new String[] {"mu_product"}, false);
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.eps = b.eps;
        this.momentumDecay = b.momentumDecay;
    }

    /** A builder with PyTorch's defaults: lr 2e-3, β (0.9, 0.999), eps 1e-8, momentum decay 4e-3. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    void initState(Slot s, double lr) {
        s.scalars[0] = 1f;
    }

    @Override
    void prepare(double lr, double weightDecay, long t) {
        args.maximize = maximize();
        this.lr = lr;
        args.weightDecay = f(weightDecay);
        args.beta1 = f(beta1);
        args.oneMinusBeta1 = f(1 - beta1);
        args.beta2 = f(beta2);
        args.oneMinusBeta2 = f(1 - beta2);
        args.bc2Sqrt = f(sqrt(biasCorrection(beta2, t)));
        args.eps = f(eps);
        this.mu = beta1 * (1 - 0.5 * pow(0.96, t * momentumDecay));
        this.muNext = beta1 * (1 - 0.5 * pow(0.96, (t + 1) * momentumDecay));
    }

    @Override
    void beginParameter(Slot s) {
        product = s.scalars[0] * f(mu);
        double mp = product;
        args.gradStep = f(lr * (1 - mu) / (1 - mp));
        args.avgStep = f(lr * muNext / (1 - mp * muNext));
    }

    @Override
    void update(Slot s, int from, int to) {
        stepKernels.nadamStep(s.values(), s.at(from), s.grad(), s.gradAt(from), s.arrays[0], from,
                s.arrays[1], from, to - from, args);
    }

    @Override
    void endParameter(Slot s) {
        s.scalars[0] = product;
    }

    @Override
    void describe(Map<String, Double> into) {
        into.put("beta1", beta1);
        into.put("beta2", beta2);
        into.put("eps", eps);
        into.put("momentumDecay", momentumDecay);
    }

    /** Builds {@link NAdam}. */
    public static final class Builder extends MomentsBuilder<Builder, NAdam> {
        private double momentumDecay = 4e-3;

        private Builder() {
            super(2e-3);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Momentum decay ψ {@code >= 0}; default 4e-3. */
        public Builder momentumDecay(double momentumDecay) {
            this.momentumDecay = Hyper.nonNegative("momentumDecay", momentumDecay);
            return this;
        }

        @Override
        public NAdam build() {
            return new NAdam(this);
        }
    }
}
