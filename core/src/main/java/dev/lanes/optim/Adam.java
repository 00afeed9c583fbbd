package dev.lanes.optim;

import static dev.lanes.optim.StepScalars.biasCorrection;
import static dev.lanes.optim.StepScalars.f;
import static dev.lanes.optim.StepScalars.sqrt;

import java.util.Map;
import dev.lanes.kernel.internal.StepKernels;

/**
 * Adam (Kingma and Ba; Goodfellow et al., algorithm 8.7), with AMSGrad and AdamW (decoupled
 * weight decay, Loshchilov and Hutter) as options, as PyTorch's {@code torch.optim.Adam} and
 * {@code AdamW}. At step {@code t = 1, 2, …}, with {@code bc1 = 1 - β1^t}, {@code bc2 = 1 - β2^t}
 * (both 1 without bias correction) and {@code gd = g + wd·θ} (L2; for AdamW {@code gd = g}):
 * <pre>
 * AdamW:   θ = θ·(1 - lr·wd)
 * m = β1·m + (1 - β1)·gd                     (fma(1-β1, gd, β1·m))
 * v = β2·v + (1 - β2)·gd²                    (fma((1-β2)·gd, gd, β2·v))
 * AMSGrad: vMax = max(vMax, v), used for v below
 * d = sqrt(v) / sqrt(bc2) + eps              (epsInside: d = sqrt(v / bc2 + eps))
 * θ = θ + (-(lr / bc1)·m) / d
 * </pre>
 * in PyTorch's order of operations (kernel {@code adamStep}): bit for bit with PyTorch unless
 * {@code epsInside}. State: {@code exp_avg}, {@code exp_avg_sq}, {@code max_exp_avg_sq} with AMSGrad.
 */
public final class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean amsgrad;
    private final boolean biasCorrection;
    private final boolean epsInside;
    private final boolean decoupled;
    private final StepKernels.AdamArgs args = new StepKernels.AdamArgs();

    private Adam(Builder b) {
        super(b.decoupled || b.adamW ? "AdamW" : "Adam", b, b.amsgrad
                ? new String[] {"exp_avg", "exp_avg_sq", "max_exp_avg_sq"}
                : new String[] {"exp_avg", "exp_avg_sq"}, new String[0], true);
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.eps = b.eps;
        this.amsgrad = b.amsgrad;
        this.biasCorrection = b.biasCorrection;
        this.epsInside = b.epsInside;
        this.decoupled = b.decoupled || b.adamW;
    }

    /** Adam with PyTorch's defaults: lr 1e-3, β (0.9, 0.999), eps 1e-8, L2 weight decay 0. */
    public static Builder builder() {
        return new Builder(false);
    }

    /** AdamW with PyTorch's defaults: lr 1e-3, β (0.9, 0.999), eps 1e-8, decoupled weight decay 0.01. */
    public static Builder adamW() {
        return new Builder(true);
    }

    @Override
    void prepare(double lr, double weightDecay, long t) {
        args.maximize = maximize();
        double c1 = biasCorrection ? biasCorrection(beta1, t) : 1;
        double c2 = biasCorrection ? biasCorrection(beta2, t) : 1;
        args.stepSize = f(lr / c1);
        args.weightDecay = decoupled ? 0f : f(weightDecay);
        args.shrink = decoupled ? f(1 - lr * weightDecay) : 1f;
        args.beta1 = f(beta1);
        args.oneMinusBeta1 = f(1 - beta1);
        args.beta2 = f(beta2);
        args.oneMinusBeta2 = f(1 - beta2);
        args.bc2 = f(c2);
        args.bc2Sqrt = f(sqrt(c2));
        args.eps = f(eps);
        args.amsgrad = amsgrad;
        args.epsInside = epsInside;
    }

    @Override
    void update(Slot s, int from, int to) {
        stepKernels.adamStep(s.values(), s.at(from), s.grad(), s.gradAt(from), s.arrays[0], from,
                s.arrays[1], from, amsgrad ? s.arrays[2] : null, from, to - from, args);
    }

    @Override
    void describe(Map<String, Double> into) {
        into.put("beta1", beta1);
        into.put("beta2", beta2);
        into.put("eps", eps);
        into.put("amsgrad", amsgrad ? 1.0 : 0.0);
        into.put("biasCorrection", biasCorrection ? 1.0 : 0.0);
        into.put("epsInside", epsInside ? 1.0 : 0.0);
        into.put("decoupled", decoupled ? 1.0 : 0.0);
    }

    /** Builds {@link Adam}. */
    public static final class Builder extends MomentsBuilder<Builder, Adam> {
        private boolean amsgrad;
        private boolean biasCorrection = true;
        private boolean epsInside;
        private final boolean adamW;

        private Builder(boolean adamW) {
            super(1e-3);
            this.adamW = adamW;
            if (adamW) {
                weightDecay(0.01);
            }
        }

        @Override
        Builder self() {
            return this;
        }

        /** AMSGrad: divide by the running maximum of v; default false. */
        public Builder amsgrad(boolean amsgrad) {
            this.amsgrad = amsgrad;
            return this;
        }

        /** Bias correction of m and v; default true. */
        public Builder biasCorrection(boolean biasCorrection) {
            this.biasCorrection = biasCorrection;
            return this;
        }

        /** eps inside the square root: {@code sqrt(v / bc2 + eps)}; default false (PyTorch). */
        public Builder epsInside(boolean epsInside) {
            this.epsInside = epsInside;
            return this;
        }

        @Override
        public Adam build() {
            return new Adam(this);
        }
    }
}
