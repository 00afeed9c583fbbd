package dev.lanes.optim;

import static dev.lanes.optim.StepScalars.f;

import dev.lanes.kernel.Parallel;
import java.util.Map;
import java.util.Objects;

/**
 * Textbook momentum in the velocity form (Goodfellow et al., algorithm 8.2), with
 * {@code gd = g + wd·θ} ({@code fma(wd, θ, g)}):
 * <pre>
 * v = α·v - ε·gd      (fma(-ε, gd, α·v))
 * θ = θ + v
 * </pre>
 * With {@link Builder#nesterov(boolean) nesterov} it is the true Nesterov method of the textbook
 * (algorithm 8.3): the gradient is taken at the look-ahead point {@code θ + α·v}. Call
 * {@link #lookAhead()}, which saves θ (state {@code theta}) and moves the parameter values to
 * {@code fma(α, v, θ)}; compute the gradient there; then {@link #step()} restores θ and applies
 * the update above (its weight-decay term uses the restored θ). {@link #step(Runnable)} does the
 * three in one call. The look-ahead and the restore are element-wise passes too ({@code θ} copied,
 * {@link dev.lanes.kernel.Kernels#axpy axpy}): with a team they are split like the update, the
 * look-ahead over the builder's team. State: {@code velocity}, and {@code theta} with Nesterov.
 */
public final class Momentum extends Optimizer {
    private final double alpha;
    private final boolean nesterov;
    private boolean lookedAhead;
    private float lr;
    private float wd;
    // the slot the look-ahead and restore chunks work on, and their tasks, created once
    private int slot;
    private float lookAheadAlpha;
    private final Parallel.Range lookAheadChunk = (from, to) -> {
        Parameter p = param(slot);
        float[][] s = state(slot);
        System.arraycopy(p.values(), p.offset() + from, s[1], from, to - from);
        kernels.axpy(lookAheadAlpha, s[0], from, p.values(), p.offset() + from, to - from);
    };
    private final Parallel.Range restoreChunk = (from, to) -> {
        Parameter p = param(slot);
        System.arraycopy(state(slot)[1], from, p.values(), p.offset() + from, to - from);
    };

    private Momentum(Builder b) {
        super("Momentum", b, b.nesterov ? new String[] {"velocity", "theta"} : new String[] {"velocity"},
                new String[0]);
        this.alpha = b.alpha;
        this.nesterov = b.nesterov;
    }

    /** A builder with ε = 0.01, α = 0.9, no Nesterov look-ahead. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Moves every parameter to the look-ahead point {@code θ + α·v}, remembering θ.
     *
     * @throws IllegalStateException if not built with Nesterov, already looked ahead, or closed (the
     *                               optimizer or its team)
     */
    public void lookAhead() {
        checkOpenWithTeam();
        if (!nesterov) {
            throw new IllegalStateException("lookAhead needs nesterov(true)");
        }
        if (lookedAhead) {
            throw new IllegalStateException("lookAhead was already called for this step");
        }
        lookAheadAlpha = f(alpha);
        for (slot = 0; slot < slots(); slot++) {
            split(param(slot).length(), lookAheadChunk);
        }
        lookedAhead = true;
    }

    /** {@link #lookAhead()}, then {@code gradient.run()} (which fills the gradients), then {@link #step()}. */
    public boolean step(Runnable gradient) {
        Objects.requireNonNull(gradient, "gradient");
        if (nesterov) {
            lookAhead();
        }
        gradient.run();
        return step();
    }

    @Override
    void beforeStep() {
        if (nesterov && !lookedAhead) {
            throw new IllegalStateException("Nesterov momentum: call lookAhead() and compute the gradient there"
                    + " before step()");
        }
    }

    @Override
    void onSkip() {
        restore();
    }

    @Override
    void afterImport() {
        lookedAhead = false;
    }

    private void restore() {
        if (lookedAhead) {
            for (slot = 0; slot < slots(); slot++) {
                split(param(slot).length(), restoreChunk);
            }
            lookedAhead = false;
        }
    }

    @Override
    void prepare(double lr, double weightDecay, long t) {
        this.lr = f(lr);
        this.wd = f(weightDecay);
    }

    @Override
    void beforeUpdates() {
        restore();
    }

    @Override
    void update(Parameter p, float[][] state, int from, int to) {
        kernels.velocityStep(p.values(), p.offset() + from, p.grad(), p.gradOffset() + from, state[0], from,
                to - from, lr, wd, f(alpha));
    }

    @Override
    void describe(Map<String, Double> into) {
        into.put("alpha", alpha);
        into.put("nesterov", nesterov ? 1.0 : 0.0);
    }

    /** Builds {@link Momentum}. */
    public static final class Builder extends Optimizer.Builder<Builder, Momentum> {
        private double alpha = 0.9;
        private boolean nesterov;

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

        /** The true Nesterov look-ahead (see {@link Momentum}); default false. */
        public Builder nesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        @Override
        public Momentum build() {
            return new Momentum(this);
        }
    }
}
