package dev.lanes.optim;

import static dev.lanes.optim.StepScalars.f;

import java.util.Map;

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
    private float lr;
    private float wd;
    private boolean first;

    private Sgd(Builder b) {
        super("SGD", b, b.momentum != 0 ? new String[] {"momentum_buffer"} : new String[0], new String[0]);
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
        this.lr = f(lr);
        this.wd = f(weightDecay);
        this.first = t == 1;
    }

    @Override
    void update(Parameter p, float[][] state, int from, int to) {
        if (momentum == 0) {
            kernels.sgdStep(p.values(), p.offset() + from, p.grad(), p.gradOffset() + from, to - from, lr, wd);
        } else {
            kernels.momentumStep(p.values(), p.offset() + from, p.grad(), p.gradOffset() + from, state[0], from,
                    to - from, lr, wd, f(momentum), f(1 - dampening), nesterov, first);
        }
    }

    @Override
    void describe(Map<String, Double> into) {
        into.put("momentum", momentum);
        into.put("dampening", dampening);
        into.put("nesterov", nesterov ? 1.0 : 0.0);
    }

    /** Builds {@link Sgd}. */
    public static final class Builder extends Optimizer.Builder<Builder, Sgd> {
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
