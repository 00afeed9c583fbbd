package dev.lanes.optim;

import static dev.lanes.optim.StepScalars.f;

import java.util.Arrays;
import java.util.Map;
import dev.lanes.kernel.internal.StepKernels;

/**
 * AdaGrad (Duchi et al.; Goodfellow et al., algorithm 8.4) as PyTorch's {@code torch.optim.Adagrad}.
 * With {@code gd = g + wd·θ}, step {@code t = 1, 2, …} and the decayed rate
 * {@code clr = lr / (1 + (t - 1)·lrDecay)} (double, then rounded to float):
 * <pre>
 * s = s + gd·gd                      (fma(gd, gd, s); s starts at initialAccumulator)
 * θ = θ + (-clr·gd) / (sqrt(s) + eps)
 * </pre>
 * in PyTorch's order of operations (kernel {@code adagradStep}), bit for bit. The effective rate
 * {@code clr / (sqrt(s) + eps)} of each element only shrinks. State: {@code sum}.
 */
public final class AdaGrad extends Optimizer {
    private final double lrDecay;
    private final double initialAccumulator;
    private final double eps;
    private final StepKernels.AdaGradArgs args = new StepKernels.AdaGradArgs();

    private AdaGrad(Builder b) {
        super("Adagrad", b, new String[] {"sum"}, new String[0], false);
        this.lrDecay = b.lrDecay;
        this.initialAccumulator = b.initialAccumulator;
        this.eps = b.eps;
    }

    /** A builder with PyTorch's defaults: lr 0.01, lrDecay 0, initialAccumulator 0, eps 1e-10. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    void initState(Slot s, double lr) {
        Arrays.fill(s.arrays[0], f(initialAccumulator));
    }

    @Override
    void prepare(double lr, double weightDecay, long t) {
        args.maximize = maximize();
        args.lr = f(lr / (1 + (t - 1) * lrDecay));
        args.weightDecay = f(weightDecay);
        args.eps = f(eps);
    }

    @Override
    void update(Slot s, int from, int to) {
        stepKernels.adagradStep(s.values(), s.at(from), s.grad(), s.gradAt(from), s.arrays[0], from, to - from, args);
    }

    @Override
    void describe(Map<String, Double> into) {
        into.put("lrDecay", lrDecay);
        into.put("initialAccumulator", initialAccumulator);
        into.put("eps", eps);
    }

    /** Builds {@link AdaGrad}. */
    public static final class Builder extends OptimizerBuilder<Builder, AdaGrad> {
        private double lrDecay;
        private double initialAccumulator;
        private double eps = 1e-10;

        private Builder() {
            super(0.01);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Learning-rate decay {@code >= 0}; default 0. */
        public Builder lrDecay(double lrDecay) {
            this.lrDecay = Hyper.nonNegative("lrDecay", lrDecay);
            return this;
        }

        /** Initial value {@code >= 0} of the accumulator; default 0. */
        public Builder initialAccumulator(double value) {
            this.initialAccumulator = Hyper.nonNegative("initialAccumulator", value);
            return this;
        }

        /** eps {@code > 0}; default 1e-10. */
        public Builder eps(double eps) {
            this.eps = Hyper.positive("eps", eps);
            return this;
        }

        @Override
        public AdaGrad build() {
            return new AdaGrad(this);
        }
    }
}
