package dev.lanes.optim;

import dev.lanes.kernel.Kernels;
import dev.lanes.kernel.Parallel;
import dev.lanes.kernel.internal.KernelAccess;
import dev.lanes.kernel.internal.StepKernels;
import dev.lanes.schedule.Schedule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A first-order optimizer: it owns per-parameter state and a step counter, and {@link #step()}
 * updates every parameter from its gradient by one fused kernel pass per parameter.
 *
 * <p>Use: build one from its algorithm's builder with the parameters, then after each backward
 * pass call {@link #step()}:
 * <pre>{@code
 * Adam adam = Adam.builder().learningRate(1e-3).params(w, b).build();
 * for (...) { model.backward(); adam.step(); }
 * }</pre>
 *
 * <p><b>One step</b> does, in this order: (1) checks that the optimizer and its team (if any) are
 * open and reads each group's learning rate {@code schedule.rate(steps())}, which must be finite
 * and {@code >= 0}; (2) if the policy is not {@link NonFinitePolicy#PROPAGATE}, looks for a
 * non-finite gradient and skips or throws; (3) clips the gradients if asked, by global norm then
 * by value; (4) on the first step initialises the state; (5) updates each parameter, group by
 * group in the order given (with {@link OptimizerBuilder#decoupledWeightDecay decoupled weight
 * decay}, scaling it by {@code 1 - lr·wd} first). Anything that throws does so in (1) or (2),
 * before anything is written: parameters, gradients and state are then exactly as they were.
 * After {@link #close()} every step throws. Steps (2) and (3) are described in detail on the
 * builder's {@link OptimizerBuilder#clipGradientNorm clipping} and
 * {@link OptimizerBuilder#nonFinite non-finite} settings.
 *
 * <p><b>Threads.</b> Built with {@link OptimizerBuilder#parallel(Parallel) parallel(team)}, a step
 * spreads every element-wise pass of a long parameter over the team: the update (with the
 * decoupled decay before it) and the clipping passes. A parameter of {@code n} elements is cut
 * into {@code k = min(threads, n / grain)} contiguous chunks (none when {@code k < 2}: it is
 * updated on the calling thread, as are all parameters without a team), whose inner boundaries
 * are multiples of {@code min(grain, 64)}; every chunk is one kernel call over its elements. Each
 * step kernel is element-wise, so the chunks give the bits of one call over the whole parameter:
 * the result does not depend on the team, the grain or the number of threads (docs/DESIGN.md
 * rule 5). The reductions (the norm, the non-finite check) stay on the calling thread, in the
 * canonical order. Per-parameter scalar state (ASGD's η and μ, NAdam's μ-product) is read before
 * a parameter's chunks and advanced after them, on the calling thread. The team stays the
 * caller's: the optimizer never closes it.
 *
 * <p>A step allocates nothing and boxes nothing, with a team as without; the reductions it runs
 * use per-thread scratch. Optimizers are not thread-safe.
 *
 * <p><b>Writing an algorithm</b> (package-private, so inside this package): a constructor naming
 * the state arrays and scalars; {@link #prepare} to compute the step's scalars into the
 * algorithm's {@link dev.lanes.kernel.internal.StepKernels} object; {@link #update} to call its step
 * kernel on a range; {@link #describe} for its hyper-parameters. The optional hooks cover the
 * rest: {@link #initState}, {@link #beginParameter} and {@link #endParameter} for per-parameter
 * scalars, {@link #checkStep} and {@link #endStep} for algorithms that move the parameters
 * between steps ({@link Nesterov}).
 */
public abstract class Optimizer implements AutoCloseable {
    /**
     * The default grain of {@link OptimizerBuilder#parallel(Parallel)}: a chunk gets at least this
     * many elements (128 KiB of each array it streams), enough to pay for waking a thread; so only
     * parameters of at least {@code 2 · DEFAULT_GRAIN} elements are split.
     */
    public static final int DEFAULT_GRAIN = 32_768;

    private final String algorithm;
    final Kernels kernels;
    /** The step kernels of {@link #kernels}' backend. */
    final StepKernels stepKernels;
    private final Slot[] slots;
    private final int[] groupStart;
    private final Schedule[] schedules;
    private final double[] weightDecays;
    private final double[] rates;
    private final boolean baseDecay;
    private final boolean decoupled;
    private final boolean maximize;
    private final String[] arrayNames;
    private final String[] scalarNames;
    private final GradientGuard guard;
    private final Parallel team;
    private final int grain;
    /** The team of the step in progress; the builder's outside a step. */
    private Parallel active;
    /** {@code 1 - lr·wd} of the group being updated, when the base applies decoupled decay. */
    private float decayFactor;
    private boolean decayGroup;
    private long steps;
    private long skipped;
    private boolean closed;

    /**
     * @param arrayNames   the state arrays each parameter gets (PyTorch's names where it has them)
     * @param scalarNames  the per-parameter float scalars
     * @param ownDecay     whether the algorithm applies decoupled weight decay itself (in its
     *                     kernel), so that the base must not
     */
    Optimizer(String algorithm, OptimizerBuilder<?, ?> b, String[] arrayNames, String[] scalarNames,
              boolean ownDecay) {
        this.algorithm = algorithm;
        this.kernels = b.kernels != null ? b.kernels : Kernels.best();
        this.stepKernels = KernelAccess.steps(kernels);
        this.decoupled = b.decoupled;
        this.maximize = b.maximize;
        this.baseDecay = b.decoupled && !ownDecay;
        this.arrayNames = arrayNames.clone();
        this.scalarNames = scalarNames.clone();
        this.guard = new GradientGuard(kernels, b.nonFinite, b.clipNorm, b.clipValue);
        this.team = b.parallel;
        this.grain = b.grain;
        this.active = team;
        int groupCount = b.groups.size();
        this.groupStart = new int[groupCount + 1];
        this.schedules = new Schedule[groupCount];
        this.weightDecays = new double[groupCount];
        this.rates = new double[groupCount];
        List<Slot> flat = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int g = 0; g < groupCount; g++) {
            ParamGroup group = b.groups.get(g);
            groupStart[g] = flat.size();
            schedules[g] = group.schedule() != null ? group.schedule() : b.schedule;
            weightDecays[g] = Double.isNaN(group.weightDecay()) ? b.weightDecay : group.weightDecay();
            for (Parameter p : group.params()) {
                if (!names.add(p.name())) {
                    throw new IllegalArgumentException("parameter name '" + p.name() + "' is used twice");
                }
                flat.add(new Slot(p, flat.size(), g, arrayNames.length, scalarNames.length));
            }
        }
        groupStart[groupCount] = flat.size();
        this.slots = flat.toArray(new Slot[0]);
        for (Slot s : slots) {
            // created once: a step allocates no task objects
            s.update = (from, to) -> {
                if (decayGroup) {
                    kernels.scale(decayFactor, s.values(), s.at(from), s.values(), s.at(from), to - from);
                }
                update(s, from, to);
            };
            guard.attach(s);
        }
    }

    // ---------------------------------------------------------------- what each algorithm supplies

    /** Computes the per-step scalars of one group: {@code t} is the 1-based number of this step. */
    abstract void prepare(double lr, double weightDecay, long t);

    /**
     * Updates elements {@code [from, to)} of one parameter and of its state arrays by one kernel
     * call, with the scalars of {@link #prepare} and {@link #beginParameter}. It may run on any
     * thread of the team, beside the other chunks of the same parameter: it reads only fields and
     * writes only its own elements.
     */
    abstract void update(Slot s, int from, int to);

    /** Puts the hyper-parameters that shape the update into {@code into} (booleans as 0/1). */
    abstract void describe(Map<String, Double> into);

    /** Sets a parameter's state before its first step; the arrays start at zero. */
    void initState(Slot s, double lr) {}

    /**
     * Reads what the kernel needs from a parameter's scalar state into fields, on the calling
     * thread before the parameter's chunks run; must not change the scalar state.
     */
    void beginParameter(Slot s) {}

    /** Advances a parameter's scalar state, on the calling thread after all its chunks have run. */
    void endParameter(Slot s) {}

    /** Validates anything algorithm-specific before a step writes anything; must not write. */
    void checkStep() {}

    /** Called at the end of every step that got past its checks, applied or skipped. */
    void endStep(boolean applied) {}

    // ---------------------------------------------------------------- the step

    /**
     * Performs one optimization step on every parameter, on the builder's {@link #parallel() team}
     * if it has one.
     *
     * @return true if the step was applied, false if it was skipped under {@link NonFinitePolicy#SKIP}
     * @throws IllegalStateException    if the optimizer or its team is closed, or the algorithm needs
     *                                  something first (see {@link Nesterov})
     * @throws IllegalArgumentException if a schedule gives a learning rate that is not finite and >= 0
     * @throws ArithmeticException      under {@link NonFinitePolicy#THROW}, for a non-finite gradient
     */
    public final boolean step() {
        return step(team);
    }

    /**
     * {@link #step()} spread over {@code team} for this call instead of the builder's team (null:
     * all on the calling thread), with the builder's grain; the bits are the same either way. A
     * trainer uses it to run the step on the team that computed the gradients.
     *
     * @return true if the step was applied, false if it was skipped under {@link NonFinitePolicy#SKIP}
     * @throws IllegalStateException    if the optimizer or {@code team} is closed, or the algorithm
     *                                  needs something first
     * @throws IllegalArgumentException if a schedule gives a learning rate that is not finite and >= 0
     * @throws ArithmeticException      under {@link NonFinitePolicy#THROW}, for a non-finite gradient
     */
    public final boolean step(Parallel team) {
        checkOpen();
        checkTeam(team);
        checkStep();
        for (int g = 0; g < rates.length; g++) {
            double lr = schedules[g].rate(steps);
            if (!(lr >= 0) || lr == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("lr of group " + g + " at step " + steps
                        + " must be finite and >= 0, was " + lr);
            }
            rates[g] = lr;
        }
        active = team;
        try {
            double norm = guard.normIfClipping(slots);
            if (guard.check(slots, norm, steps) != null) {
                skipped++;
                endStep(false);
                return false;
            }
            guard.clip(slots, norm, team, grain);
            update();
            steps++;
            endStep(true);
            return true;
        } finally {
            active = this.team;
        }
    }

    /** Phases (4) and (5) of the class comment. */
    private void update() {
        if (steps == 0) {
            for (Slot s : slots) {
                initState(s, rates[s.group]);
            }
        }
        for (int g = 0; g < rates.length; g++) {
            double wd = weightDecays[g];
            prepare(rates[g], baseDecay ? 0 : wd, steps + 1);
            decayGroup = baseDecay && wd != 0;
            decayFactor = (float) (1 - rates[g] * wd);
            for (int i = groupStart[g]; i < groupStart[g + 1]; i++) {
                Slot s = slots[i];
                beginParameter(s);
                Chunks.run(active, grain, s.length(), s.update);
                endParameter(s);
            }
        }
    }

    /** The global gradient norm, as global-norm clipping computes it (see {@link GradientGuard}). */
    public final double gradientNorm() {
        checkOpen();
        return guard.norm(slots);
    }

    /**
     * Runs {@code task} over {@code [0, n)} as the update passes run: in chunks on the team of the
     * step in progress (the builder's outside a step), else on this thread.
     */
    final void split(int n, Parallel.Range task) {
        Chunks.run(active, grain, n, task);
    }

    /** Throws if {@code team} is closed: checked before anything is written. */
    private void checkTeam(Parallel team) {
        if (team != null && team.isClosed()) {
            throw new IllegalStateException("the Parallel team of this " + algorithm + " optimizer is closed");
        }
    }

    /** {@link #checkOpen()}, and the builder's team must be open: for passes run outside a step. */
    final void checkOpenWithTeam() {
        checkOpen();
        checkTeam(team);
    }

    // ---------------------------------------------------------------- accessors

    /** The algorithm's name, e.g. {@code "Adam"}. */
    public final String algorithm() {
        return algorithm;
    }

    /** Steps applied so far; the next step is step {@code steps() + 1} and uses {@code rate(steps())}. */
    public final long steps() {
        return steps;
    }

    /** Steps skipped under {@link NonFinitePolicy#SKIP}. */
    public final long skippedSteps() {
        return skipped;
    }

    /** The learning rate group {@code group} will use in the next step. */
    public final double learningRate(int group) {
        return schedules[Objects.checkIndex(group, schedules.length)].rate(steps);
    }

    /** The number of parameter groups. */
    public final int groupCount() {
        return schedules.length;
    }

    /** Every parameter, groups in order. */
    public final List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>(slots.length);
        for (Slot s : slots) {
            out.add(s.param);
        }
        return List.copyOf(out);
    }

    /** The kernels the steps run on. */
    public final Kernels kernels() {
        return kernels;
    }

    /** The team given to {@link OptimizerBuilder#parallel(Parallel)}, or null: {@link #step()} runs on it. */
    public final Parallel parallel() {
        return team;
    }

    /** The grain of the chunks (see the class comment): {@link #DEFAULT_GRAIN} unless the builder set one. */
    public final int grain() {
        return grain;
    }

    /** The parameters with their state, groups in order. */
    final Slot[] slots() {
        return slots;
    }

    // ---------------------------------------------------------------- state

    /** A deep copy of the complete state: counters, hyper-parameters and every state array. */
    public final OptimizerState exportState() {
        checkOpen();
        return StateIo.export(algorithm, steps, skipped, hyperParameters(), slots, arrayNames, scalarNames);
    }

    /** The hyper-parameters that {@link #exportState()} records and {@link #importState} checks. */
    public final Map<String, Double> hyperParameters() {
        Map<String, Double> h = new LinkedHashMap<>();
        describe(h);
        for (int g = 0; g < weightDecays.length; g++) {
            h.put("group" + g + ".weightDecay", weightDecays[g]);
        }
        h.put("decoupledWeightDecay", baseDecay ? 1.0 : 0.0);
        if (maximize) {
            // only when set, so that the states of optimizers without it keep their keys
            h.put("maximize", 1.0);
        }
        return h;
    }

    /** Whether the steps ascend (see {@link OptimizerBuilder#maximize(boolean)}). */
    public final boolean maximize() {
        return maximize;
    }

    /** Whether the builder asked for decoupled weight decay (applied by the base or the kernel). */
    final boolean decoupled() {
        return decoupled;
    }

    /**
     * Replaces the whole state by {@code state}, which must come from an optimizer of the same
     * algorithm, hyper-parameters, parameter names and lengths. Afterwards this optimizer continues
     * exactly as the exporting one would have.
     *
     * @throws IllegalArgumentException if the state does not fit; nothing is changed then
     * @throws IllegalStateException    if the optimizer is closed
     */
    public final void importState(OptimizerState state) {
        checkOpen();
        StateIo.check(state, algorithm, hyperParameters(), slots, arrayNames, scalarNames);
        StateIo.load(state, slots, arrayNames, scalarNames);
        steps = state.steps();
        skipped = state.skippedSteps();
    }

    /** Closes the optimizer: every later step, export or import throws {@link IllegalStateException}. */
    @Override
    public final void close() {
        closed = true;
    }

    /** Whether {@link #close()} was called. */
    public final boolean isClosed() {
        return closed;
    }

    final void checkOpen() {
        if (closed) {
            throw new IllegalStateException(algorithm + " optimizer is closed");
        }
    }
}
