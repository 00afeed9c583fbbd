package dev.lanes.optim;

import static dev.lanes.optim.StepScalars.f;

import java.util.Arrays;
import java.util.Map;

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
    private float clr;
    private float wd;

    private AdaGrad(Builder b) {
        super("Adagrad", b, new String[] {"sum"}, new String[0]);
        this.lrDecay = b.lrDecay;
        this.initialAccumulator = b.initialAccumulator;
        this.eps = b.eps;
    }

    /** A builder with PyTorch's defaults: lr 0.01, lrDecay 0, initialAccumulator 0, eps 1e-10. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    void initState(Parameter p, float[][] state, float[] scalarState, double lr) {
        Arrays.fill(state[0], f(initialAccumulator));
    }

    @Override
    void prepare(double lr, double weightDecay, long t) {
        this.clr = f(lr / (1 + (t - 1) * lrDecay));
        this.wd = f(weightDecay);
    }

    @Override
    void update(Parameter p, float[][] state, int from, int to) {
        kernels.adagradStep(p.values(), p.offset() + from, p.grad(), p.gradOffset() + from, state[0], from,
                to - from, clr, wd, f(eps));
    }

    @Override
    void describe(Map<String, Double> into) {
        into.put("lrDecay", lrDecay);
        into.put("initialAccumulator", initialAccumulator);
        into.put("eps", eps);
    }

    /** Builds {@link AdaGrad}. */
    public static final class Builder extends Optimizer.Builder<Builder, AdaGrad> {
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
