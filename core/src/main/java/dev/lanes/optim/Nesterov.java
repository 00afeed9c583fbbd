package dev.lanes.optim;

import static dev.lanes.optim.StepScalars.f;

import dev.lanes.kernel.Parallel;
import dev.lanes.kernel.internal.StepKernels;
import java.util.Map;

/**
 * The true Nesterov momentum of the textbook (Goodfellow et al., algorithm 8.3): the gradient is
 * taken at the look-ahead point {@code θ + α·v}, not at θ. Each step is three calls:
 * <pre>{@code
 * nesterov.lookAhead();       // θ saved; the parameters move to fma(α, v, θ)
 * model.backward();           // the gradient at the look-ahead point
 * nesterov.step();            // θ restored, then the update below
 * }</pre>
 * The update is {@link Momentum}'s, from the restored θ (its weight-decay term uses θ; decoupled
 * decay scales θ):
 * <pre>
 * v = α·v - ε·gd      (fma(-ε, gd, α·v)),  gd = g + wd·θ
 * θ = θ + v
 * </pre>
 * A step without a look-ahead before it throws, changing nothing; a skipped step (non-finite
 * gradient under {@link NonFinitePolicy#SKIP}) restores θ. The look-ahead and the restore are
 * element-wise passes, split over the team like the update. State: {@code velocity} (the saved θ
 * is not state: it lives only between a look-ahead and its step).
 */
public final class Nesterov extends Optimizer {
    private final double alpha;
    private final StepKernels.VelocityArgs args = new StepKernels.VelocityArgs();
    private final float[][] theta;
    private final Parallel.Range[] lookAheadTasks;
    private final Parallel.Range[] restoreTasks;
    private float lookAheadAlpha;
    private float shrink;
    private boolean shrinking;
    private boolean lookedAhead;

    private Nesterov(Builder b) {
        super("Nesterov", b, new String[] {"velocity"}, new String[0], true);
        this.alpha = b.alpha;
        Slot[] slots = slots();
        this.theta = new float[slots.length][];
        this.lookAheadTasks = new Parallel.Range[slots.length];
        this.restoreTasks = new Parallel.Range[slots.length];
        for (int i = 0; i < slots.length; i++) {
            Slot s = slots[i];
            float[] saved = new float[s.length()];
            theta[i] = saved;
            lookAheadTasks[i] = (from, to) -> {
                System.arraycopy(s.values(), s.at(from), saved, from, to - from);
                kernels.axpy(lookAheadAlpha, s.arrays[0], from, s.values(), s.at(from), to - from);
            };
            restoreTasks[i] = (from, to) -> System.arraycopy(saved, from, s.values(), s.at(from), to - from);
        }
    }

    /** A builder with ε = 0.01, α = 0.9. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Moves every parameter to the look-ahead point {@code θ + α·v}, remembering θ; compute the
     * gradient there, then call {@link #step()}.
     *
     * @throws IllegalStateException if a look-ahead is already pending, or the optimizer or its
     *                               team is closed
     */
    public void lookAhead() {
        checkOpenWithTeam();
        if (lookedAhead) {
            throw new IllegalStateException("lookAhead was already called for this step");
        }
        lookAheadAlpha = f(alpha);
        Slot[] slots = slots();
        for (int i = 0; i < slots.length; i++) {
            split(slots[i].length(), lookAheadTasks[i]);
        }
        lookedAhead = true;
    }

    /** Whether a look-ahead is pending: {@link #step()} comes next. */
    public boolean lookedAhead() {
        return lookedAhead;
    }

    @Override
    void checkStep() {
        if (!lookedAhead) {
            throw new IllegalStateException("Nesterov momentum: call lookAhead() and compute the gradient there"
                    + " before step()");
        }
    }

    @Override
    void prepare(double lr, double weightDecay, long t) {
        args.maximize = maximize();
        args.lr = f(lr);
        args.alpha = f(alpha);
        shrinking = decoupled() && weightDecay != 0;
        args.weightDecay = decoupled() ? 0f : f(weightDecay);
        shrink = f(1 - lr * weightDecay);
    }

    @Override
    void update(Slot s, int from, int to) {
        float[] saved = theta[s.index];
        System.arraycopy(saved, from, s.values(), s.at(from), to - from);
        if (shrinking) {
            kernels.scale(shrink, s.values(), s.at(from), s.values(), s.at(from), to - from);
        }
        stepKernels.velocityStep(s.values(), s.at(from), s.grad(), s.gradAt(from), s.arrays[0], from, to - from, args);
    }

    @Override
    void endStep(boolean applied) {
        if (!applied) {
            Slot[] slots = slots();
            for (int i = 0; i < slots.length; i++) {
                split(slots[i].length(), restoreTasks[i]);
            }
        }
        lookedAhead = false;
    }

    @Override
    void describe(Map<String, Double> into) {
        into.put("alpha", alpha);
        into.put("decoupled", decoupled() ? 1.0 : 0.0);
    }

    /** Builds {@link Nesterov}. */
    public static final class Builder extends OptimizerBuilder<Builder, Nesterov> {
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
        public Nesterov build() {
            return new Nesterov(this);
        }
    }
}
