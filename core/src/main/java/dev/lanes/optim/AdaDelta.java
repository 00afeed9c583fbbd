package dev.lanes.optim;

import static dev.lanes.optim.StepScalars.f;

import java.util.Map;
import dev.lanes.kernel.internal.StepKernels;

/**
 * AdaDelta (Zeiler 2012) as PyTorch's {@code torch.optim.Adadelta}. With {@code gd = g + wd·θ}:
 * <pre>
 * r = ρ·r + (1 - ρ)·gd²                     (fma((1-ρ)·gd, gd, ρ·r))
 * d = sqrt(u + eps) / sqrt(r + eps) · gd
 * u = ρ·u + (1 - ρ)·d²                      (fma((1-ρ)·d, d, ρ·u))
 * θ = θ - lr·d                              (fma)
 * </pre>
 * in PyTorch's order of operations (kernel {@code adadeltaStep}), bit for bit.
 * State: {@code square_avg}, {@code acc_delta}.
 */
public final class AdaDelta extends Optimizer {
    private final double rho;
    private final double eps;
    private final StepKernels.AdaDeltaArgs args = new StepKernels.AdaDeltaArgs();

    private AdaDelta(Builder b) {
        super("Adadelta", b, new String[] {"square_avg", "acc_delta"}, new String[0], false);
        this.rho = b.rho;
        this.eps = b.eps;
    }

    /** A builder with PyTorch's defaults: lr 1.0, ρ 0.9, eps 1e-6. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    void prepare(double lr, double weightDecay, long t) {
        args.maximize = maximize();
        args.lr = f(lr);
        args.weightDecay = f(weightDecay);
        args.rho = f(rho);
        args.oneMinusRho = f(1 - rho);
        args.eps = f(eps);
    }

    @Override
    void update(Slot s, int from, int to) {
        stepKernels.adadeltaStep(s.values(), s.at(from), s.grad(), s.gradAt(from), s.arrays[0], from,
                s.arrays[1], from, to - from, args);
    }

    @Override
    void describe(Map<String, Double> into) {
        into.put("rho", rho);
        into.put("eps", eps);
    }

    /** Builds {@link AdaDelta}. */
    public static final class Builder extends OptimizerBuilder<Builder, AdaDelta> {
        private double rho = 0.9;
        private double eps = 1e-6;

        private Builder() {
            super(1.0);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Decay rate ρ in [0, 1); default 0.9. */
        public Builder rho(double rho) {
            this.rho = Hyper.unit("rho", rho);
            return this;
        }

        /** eps {@code > 0}; default 1e-6. */
        public Builder eps(double eps) {
            this.eps = Hyper.positive("eps", eps);
            return this;
        }

        @Override
        public AdaDelta build() {
            return new AdaDelta(this);
        }
    }
}
