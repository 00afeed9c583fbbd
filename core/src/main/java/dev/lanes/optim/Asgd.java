package dev.lanes.optim;

import static dev.lanes.optim.StepScalars.f;
import static dev.lanes.optim.StepScalars.pow;

import java.util.Map;
import dev.lanes.kernel.internal.StepKernels;

/**
 * Averaged SGD (Polyak and Juditsky 1992) as PyTorch's {@code torch.optim.ASGD}. Each parameter
 * has the float scalars η (state {@code eta}, starting at lr) and μ ({@code mu}, starting at 1);
 * at step {@code t} with {@code gd = g + wd·θ} (from θ before the step):
 * <pre>
 * θ = θ·(1 - λ·η)
 * θ = θ - η·gd                                  (fma)
 * ax = μ == 1 ? θ : ax + (θ - ax)·μ             (the running average)
 * η = float(lr / (1 + λ·lr·t)^α);  μ = float(1 / max(1, t - t0))
 * </pre>
 * (kernel {@code asgdStep}), bit for bit with PyTorch. The kernel reads η and μ as they were before
 * the step; they advance once the parameter's update is done. State: {@code ax}, {@code eta},
 * {@code mu}.
 */
public final class Asgd extends Optimizer {
    private final double lambda;
    private final double alpha;
    private final double t0;
    private double lr;
    private long t;
    private final StepKernels.AsgdArgs args = new StepKernels.AsgdArgs();

    private Asgd(Builder b) {
        super("ASGD", b, new String[] {"ax"}, new String[] {"eta", "mu"}, false);
        this.lambda = b.lambda;
        this.alpha = b.alpha;
        this.t0 = b.t0;
    }

    /** A builder with PyTorch's defaults: lr 0.01, λ 1e-4, α 0.75, t0 1e6. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    void initState(Slot s, double lr) {
        s.scalars[0] = f(lr);
        s.scalars[1] = 1f;
    }

    @Override
    void prepare(double lr, double weightDecay, long t) {
        args.maximize = maximize();
        this.lr = lr;
        this.t = t;
        args.weightDecay = f(weightDecay);
    }

    @Override
    void beginParameter(Slot s) {
        double e = s.scalars[0];
        args.eta = f(e);
        args.shrink = f(1 - lambda * e);
        args.mu = s.scalars[1];
    }

    @Override
    void update(Slot s, int from, int to) {
        stepKernels.asgdStep(s.values(), s.at(from), s.grad(), s.gradAt(from), s.arrays[0], from, to - from, args);
    }

    @Override
    void endParameter(Slot s) {
        s.scalars[0] = f(lr / pow(1 + lambda * lr * t, alpha));
        s.scalars[1] = f(1 / Math.max(1, t - t0));
    }

    @Override
    void describe(Map<String, Double> into) {
        into.put("lambda", lambda);
        into.put("alpha", alpha);
        into.put("t0", t0);
    }

    /** Builds {@link Asgd}. */
    public static final class Builder extends OptimizerBuilder<Builder, Asgd> {
        private double lambda = 1e-4;
        private double alpha = 0.75;
        private double t0 = 1e6;

        private Builder() {
            super(0.01);
        }

        @Override
        Builder self() {
            return this;
        }

        /** The decay term λ {@code >= 0}; default 1e-4. */
        public Builder lambda(double lambda) {
            this.lambda = Hyper.nonNegative("lambda", lambda);
            return this;
        }

        /** The power α {@code >= 0} of the η update; default 0.75. */
        public Builder alpha(double alpha) {
            this.alpha = Hyper.nonNegative("alpha", alpha);
            return this;
        }

        /** The step t0 {@code >= 0} at which averaging starts; default 1e6. */
        public Builder t0(double t0) {
            this.t0 = Hyper.nonNegative("t0", t0);
            return this;
        }

        @Override
        public Asgd build() {
            return new Asgd(this);
        }
    }
}
