package dev.lanes.optim;

import static dev.lanes.optim.StepScalars.biasCorrection;
import static dev.lanes.optim.StepScalars.f;
import static dev.lanes.optim.StepScalars.pow;
import static dev.lanes.optim.StepScalars.sqrt;

import java.util.Map;
import dev.lanes.kernel.internal.StepKernels;

/**
 * RAdam (Liu et al. 2019) as PyTorch's {@code torch.optim.RAdam}. At step {@code t} with
 * {@code gd = g + wd·θ}, in double: {@code bc1 = 1 - β1^t}, {@code bc2 = 1 - β2^t},
 * {@code ρ∞ = 2/(1-β2) - 1}, {@code ρt = ρ∞ - 2t·β2^t/bc2},
 * {@code r = sqrt((ρt-4)(ρt-2)ρ∞ / ((ρ∞-4)(ρ∞-2)ρt))}:
 * <pre>
 * m, v as Adam;  c = (m / bc1)·lr
 * ρt > 5:  θ = θ - (c·((1 / (sqrt(v) + eps))·sqrt(bc2)))·r
 * else:    θ = θ - c
 * </pre>
 * in PyTorch's order of operations (kernel {@code radamStep}), bit for bit.
 * State: {@code exp_avg}, {@code exp_avg_sq}.
 */
public final class RAdam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final StepKernels.RAdamArgs args = new StepKernels.RAdamArgs();

    private RAdam(Builder b) {
        super("RAdam", b, new String[] {"exp_avg", "exp_avg_sq"}, new String[0], false);
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.eps = b.eps;
    }

    /** A builder with PyTorch's defaults: lr 1e-3, β (0.9, 0.999), eps 1e-8. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    void prepare(double lr, double weightDecay, long t) {
        args.maximize = maximize();
        double c1 = biasCorrection(beta1, t);
        double c2 = biasCorrection(beta2, t);
        double rhoInf = 2 / (1 - beta2) - 1;
        double rhoT = rhoInf - 2 * t * pow(beta2, t) / c2;
        args.rectified = rhoT > 5;
        args.rect = args.rectified
                ? f(sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT))) : 1f;
        args.lr = f(lr);
        args.weightDecay = f(weightDecay);
        args.beta1 = f(beta1);
        args.oneMinusBeta1 = f(1 - beta1);
        args.beta2 = f(beta2);
        args.oneMinusBeta2 = f(1 - beta2);
        args.bc1 = f(c1);
        args.bc2Sqrt = f(sqrt(c2));
        args.eps = f(eps);
    }

    @Override
    void update(Slot s, int from, int to) {
        stepKernels.radamStep(s.values(), s.at(from), s.grad(), s.gradAt(from), s.arrays[0], from,
                s.arrays[1], from, to - from, args);
    }

    @Override
    void describe(Map<String, Double> into) {
        into.put("beta1", beta1);
        into.put("beta2", beta2);
        into.put("eps", eps);
    }

    /** Builds {@link RAdam}. */
    public static final class Builder extends MomentsBuilder<Builder, RAdam> {

        private Builder() {
            super(1e-3);
        }

        @Override
        Builder self() {
            return this;
        }

        @Override
        public RAdam build() {
            return new RAdam(this);
        }
    }
}
