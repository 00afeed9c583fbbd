package dev.lanes.optim;

import static dev.lanes.optim.StepScalars.f;

import java.util.Map;
import dev.lanes.kernel.internal.StepKernels;

/**
 * Stochastic gradient descent as PyTorch's {@code torch.optim.SGD}: plain gradient descent
 * (the optimizer does not care whether the gradient comes from the full batch, a mini-batch or a
 * single example), momentum in the buffer form with dampening, and Nesterov momentum in its
 * reformulated form. With {@code gd = g + wd·θ} (L2 weight decay, {@code fma(wd, θ, g)}):
 * <pre>
 * momentum == 0:  θ = θ - lr·gd                                     (one fma)
 * otherwise:      b = gd at the first step, else b = μ·b + (1 - dampening)·gd
 *                 d = nesterov ? gd + μ·b : b
 *                 θ = θ - lr·d
 * </pre>
 * in PyTorch's order of operations (kernels {@code sgdStep}, {@code momentumStep}); it reproduces
 * PyTorch's float32 results bit for bit. State: {@code momentum_buffer} when momentum != 0.
 * For the textbook velocity form and the true Nesterov look-ahead see {@link Momentum}.
 */
public final class Sgd extends Optimizer {
    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final StepKernels.SgdArgs plain = new StepKernels.SgdArgs();
    private final StepKernels.MomentumArgs buffered = new StepKernels.MomentumArgs();

    private Sgd(Builder b) {
        super("SGD", b, b.momentum != 0 ? new String[] {"momentum_buffer"} : new String[0], new String[0], false);
        this.momentum = b.momentum;
        this.dampening = b.dampening;
        this.nesterov = b.nesterov;
    }

    /** A builder with lr 0.01, no momentum, no dampening, no Nesterov, no weight decay. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    void prepare(double lr, double weightDecay, long t) {
        plain.maximize = maximize();
        buffered.maximize = maximize();
        plain.lr = f(lr);
        plain.weightDecay = f(weightDecay);
        buffered.lr = f(lr);
        buffered.weightDecay = f(weightDecay);
        buffered.momentum = f(momentum);
        buffered.oneMinusDampening = f(1 - dampening);
        buffered.nesterov = nesterov;
        buffered.first = t == 1;
    }

    @Override
    void update(Slot s, int from, int to) {
        if (momentum == 0) {
            stepKernels.sgdStep(s.values(), s.at(from), s.grad(), s.gradAt(from), to - from, plain);
        } else {
            stepKernels.momentumStep(s.values(), s.at(from), s.grad(), s.gradAt(from), s.arrays[0], from,
                    to - from, buffered);
        }
    }

    @Override
    void describe(Map<String, Double> into) {
        into.put("momentum", momentum);
        into.put("dampening", dampening);
        into.put("nesterov", nesterov ? 1.0 : 0.0);
    }

    /** Builds {@link Sgd}. */
    public static final class Builder extends OptimizerBuilder<Builder, Sgd> {
        private double momentum;
        private double dampening;
        private boolean nesterov;

        private Builder() {
            super(0.01);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Momentum μ in [0, 1); default 0 (plain gradient descent). */
        public Builder momentum(double momentum) {
            this.momentum = Hyper.unit("momentum", momentum);
            return this;
        }

        /** Dampening in [0, 1]; default 0. */
        public Builder dampening(double dampening) {
            this.dampening = Hyper.closedUnit("dampening", dampening);
            return this;
        }

        /** Nesterov momentum in PyTorch's reformulated form; needs momentum > 0 and no dampening. */
        public Builder nesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        @Override
        public Sgd build() {
            if (nesterov && (momentum == 0 || dampening != 0)) {
                throw new IllegalArgumentException("nesterov needs momentum > 0 and dampening == 0, had momentum="
                        + momentum + ", dampening=" + dampening);
            }
            return new Sgd(this);
        }
    }
}
