package dev.lanes.optim;

import static dev.lanes.optim.StepScalars.f;

import dev.lanes.kernel.internal.StepKernels;
import java.util.Map;

/**
 * Textbook momentum in the velocity form (Goodfellow et al., algorithm 8.2), with
 * {@code gd = g + wd·θ} ({@code fma(wd, θ, g)}):
 * <pre>
 * v = α·v - ε·gd      (fma(-ε, gd, α·v))
 * θ = θ + v
 * </pre>
 * (kernel {@code velocityStep}). State: {@code velocity}. For the true Nesterov method, with the
 * gradient taken at the look-ahead point, see {@link Nesterov}; for PyTorch's buffer form and its
 * reformulated Nesterov momentum, {@link Sgd}.
 */
public final class Momentum extends Optimizer {
    private final double alpha;
    private final StepKernels.VelocityArgs args = new StepKernels.VelocityArgs();

    private Momentum(Builder b) {
        super("Momentum", b, new String[] {"velocity"}, new String[0], false);
        this.alpha = b.alpha;
    }

    /** A builder with ε = 0.01, α = 0.9. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    void prepare(double lr, double weightDecay, long t) {
        args.maximize = maximize();
        args.lr = f(lr);
        args.weightDecay = f(weightDecay);
        args.alpha = f(alpha);
    }

    @Override
    void update(Slot s, int from, int to) {
        stepKernels.velocityStep(s.values(), s.at(from), s.grad(), s.gradAt(from), s.arrays[0], from, to - from, args);
    }

    @Override
    void describe(Map<String, Double> into) {
        into.put("alpha", alpha);
    }

    /** Builds {@link Momentum}. */
    public static final class Builder extends OptimizerBuilder<Builder, Momentum> {
        private double alpha = 0.9;

        private Builder() {
            super(0.01);
        }

        @Override
        Builder self() {
            return this;
        }

        /** The momentum α in [0, 1); default 0.9. */
        public Builder alpha(double alpha) {
            this.alpha = Hyper.unit("alpha", alpha);
            return this;
        }

        @Override
        public Momentum build() {
            return new Momentum(this);
        }
    }
}
