package dev.lanes.optim;

import static dev.lanes.optim.StepScalars.f;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.lanes.kernel.internal.StepKernels;

/**
 * RMSProp (Hinton; Goodfellow et al., algorithms 8.5 and 8.6) as PyTorch's
 * {@code torch.optim.RMSprop}, with δ inside the root as an option. With {@code gd = g + wd·θ}:
 * <pre>
 * r = α·r + (1 - α)·gd²                    (fma((1-α)·gd, gd, α·r))
 * centred:  a = α·a + (1 - α)·gd;  x = r - a²   (fma(-a, a, r)),  else x = r
 * d = epsInside ? sqrt(x + eps) : sqrt(x) + eps
 * momentum μ > 0:  b = μ·b + gd / d;  θ = θ - lr·b   (fma)
 * otherwise:       θ = θ + (-lr·gd) / d
 * </pre>
 * in PyTorch's order of operations (kernel {@code rmspropStep}), bit for bit when
 * {@code epsInside} is false. State: {@code square_avg}, {@code grad_avg} when centred,
 * {@code momentum_buffer} with momentum.
 */
public final class RmsProp extends Optimizer {
    private final double alpha;
    private final double eps;
    private final double momentum;
    private final boolean centered;
    private final boolean epsInside;
    private final StepKernels.RmsPropArgs args = new StepKernels.RmsPropArgs();

    private RmsProp(Builder b) {
        super("RMSprop", b, names(b), new String[0], false);
        this.alpha = b.alpha;
        this.eps = b.eps;
        this.momentum = b.momentum;
        this.centered = b.centered;
        this.epsInside = b.epsInside;
    }

    private static String[] names(Builder b) {
        List<String> names = new ArrayList<>(List.of("square_avg"));
        if (b.centered) {
            names.add("grad_avg");
        }
        if (b.momentum != 0) {
            names.add("momentum_buffer");
        }
        return names.toArray(new String[0]);
    }

    /** A builder with PyTorch's defaults: lr 0.01, α 0.99, eps 1e-8, no momentum, not centred. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    void prepare(double lr, double weightDecay, long t) {
        args.maximize = maximize();
        args.lr = f(lr);
        args.weightDecay = f(weightDecay);
        args.alpha = f(alpha);
        args.oneMinusAlpha = f(1 - alpha);
        args.eps = f(eps);
        args.momentum = f(momentum);
        args.centered = centered;
        args.epsInside = epsInside;
    }

    @Override
    void update(Slot s, int from, int to) {
        float[] c = centered ? s.arrays[1] : null;
        float[] b = momentum != 0 ? s.arrays[centered ? 2 : 1] : null;
        stepKernels.rmspropStep(s.values(), s.at(from), s.grad(), s.gradAt(from), s.arrays[0], from,
                c, from, b, from, to - from, args);
    }

    @Override
    void describe(Map<String, Double> into) {
        into.put("alpha", alpha);
        into.put("eps", eps);
        into.put("momentum", momentum);
        into.put("centered", centered ? 1.0 : 0.0);
        into.put("epsInside", epsInside ? 1.0 : 0.0);
    }

    /** Builds {@link RmsProp}. */
    public static final class Builder extends OptimizerBuilder<Builder, RmsProp> {
        private double alpha = 0.99;
        private double eps = 1e-8;
        private double momentum;
        private boolean centered;
        private boolean epsInside;

        private Builder() {
            super(0.01);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Decay rate α in [0, 1); default 0.99. */
        public Builder alpha(double alpha) {
            this.alpha = Hyper.unit("alpha", alpha);
            return this;
        }

        /** eps {@code > 0}; default 1e-8. */
        public Builder eps(double eps) {
            this.eps = Hyper.positive("eps", eps);
            return this;
        }

        /** Momentum in [0, 1); default 0. */
        public Builder momentum(double momentum) {
            this.momentum = Hyper.unit("momentum", momentum);
            return this;
        }

        /** Centred RMSProp (divides by an estimate of the variance); default false. */
        public Builder centered(boolean centered) {
            this.centered = centered;
            return this;
        }

        /** eps inside the square root, as the textbook; default false (PyTorch: outside). */
        public Builder epsInside(boolean epsInside) {
            this.epsInside = epsInside;
            return this;
        }

        @Override
        public RmsProp build() {
            return new RmsProp(this);
        }
    }
}
