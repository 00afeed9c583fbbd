package dev.lanes.optim;

import dev.lanes.kernel.Kernels;
import dev.lanes.kernel.Parallel;
import dev.lanes.schedule.Schedule;
import java.util.ArrayList;
import java.util.Arrays;
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
 * group in the order given (with {@link Builder#decoupledWeightDecay decoupled weight decay},
 * scaling it by {@code 1 - lr·wd} first). Anything that throws does so in (1) or (2), before anything is written: parameters, gradients
 * and state are then exactly as they were. After {@link #close()} every step throws.
 *
 * <p><b>Threads.</b> Built with {@link Builder#parallel(Parallel) parallel(team)}, a step spreads
 * every element-wise pass of a long parameter over the team: the update (with the decoupled decay
 * before it) and the clipping passes. A parameter of {@code n} elements is cut into
 * {@code k = min(threads, n / grain)} contiguous chunks (none when {@code k < 2}: it is updated on
 * the calling thread, as are all parameters without a team), whose inner boundaries are multiples
 * of {@code min(grain, 64)}; every chunk is one kernel call over its elements. Each step kernel is
 * element-wise, so the chunks give the bits of one call over the whole parameter: the result does
 * not depend on the team, the grain or the number of threads (DESIGN rule 5). The reductions
 * (the norm, the non-finite check) stay on the calling thread, in the canonical order. Scalar
 * state (ASGD's η and μ, NAdam's μ-product) is read before a parameter's chunks and advanced after
 * them, on the calling thread. The team stays the caller's: the optimizer never closes it.
 *
 * <p><b>Global-norm clipping</b> computes {@code total = Σ sumSquares(grad region)} with
 * {@link Kernels#sumSquares} per parameter (a float in the canonical reduction order), added in
 * double in parameter order (groups in order, parameters in order); {@code norm = sqrt(total)},
 * {@code coef = maxNorm / (norm + 1e-6)} as PyTorch's {@code clip_grad_norm_}, and when
 * {@code coef < 1} every gradient is scaled in place by {@code (float) coef}. Clipping by value
 * clamps each gradient element to {@code [-c, c]} in place.
 *
 * <p>The non-finite check reads every gradient once more ({@link Kernels#maxAbs}: NaN or ∞ shows
 * in the maximum); with norm clipping it is fused with the norm's pass, a finite norm proving
 * every gradient finite.
 *
 * <p>The step allocates nothing and boxes nothing, except that the reductions behind clipping and
 * the non-finite check ({@link Kernels#sumSquares}, {@link Kernels#maxAbs}) allocate their 64 lane
 * sums per call; with a team as without. Optimizers are not thread-safe.
 */
public abstract class Optimizer implements AutoCloseable {
    /**
     * The default grain of {@link Builder#parallel(Parallel)}: a chunk gets at least this many
     * elements (128 KiB of each array it streams), enough to pay for waking a thread; so only
     * parameters of at least {@code 2 · DEFAULT_GRAIN} elements are split.
     */
    public static final int DEFAULT_GRAIN = 32_768;
    /** Chunk boundaries are multiples of 64 floats: a cache line, and whole blocks at every vector width. */
    private static final int ALIGN = 64;

    private final String algorithm;
    final Kernels kernels;
    private final Parameter[] params;
    private final int[] groupStart;
    private final Schedule[] schedules;
    private final double[] weightDecays;
    private final double[] rates;
    private final NonFinitePolicy nonFinite;
    private final double clipNorm;
    private final double clipValue;
    private final boolean decoupled;
    private final String[] arrayNames;
    private final String[] scalarNames;
    private final Parallel team;
    private final int grain;
    /** The team of the step in progress; the builder's outside a step. */
    private Parallel active;
    // What the chunk tasks work on, set on the calling thread before each split (published to the
    // team's workers by Parallel.forRange).
    private Parameter chunkParam;
    private float[][] chunkState;
    private float chunkFactor;
    private boolean chunkDecay;
    private final Parallel.Range updateChunk;
    private final Parallel.Range clampChunk;
    private final Parallel.Range scaleGradChunk;
    private float[][][] arrays;
    private float[][] scalars;
    private long steps;
    private long skipped;
    private boolean closed;

    Optimizer(String algorithm, Builder<?, ?> b, String[] arrayNames, String[] scalarNames) {
        this.algorithm = algorithm;
        this.kernels = b.kernels != null ? b.kernels : Kernels.best();
        this.nonFinite = b.nonFinite;
        this.clipNorm = b.clipNorm;
        this.clipValue = b.clipValue;
        this.decoupled = b.decoupled && !fusesDecoupledDecay();
        this.arrayNames = arrayNames.clone();
        this.scalarNames = scalarNames.clone();
        this.team = b.parallel;
        this.grain = b.grain;
        this.active = team;
        // created once: a step allocates no task objects
        this.updateChunk = (from, to) -> {
            Parameter p = chunkParam;
            if (chunkDecay) {
                int at = p.offset() + from;
                this.kernels.scale(chunkFactor, p.values(), at, p.values(), at, to - from);
            }
            update(p, chunkState, from, to);
        };
        this.clampChunk = (from, to) -> {
            Parameter p = chunkParam;
            int at = p.gradOffset() + from;
            this.kernels.clamp(-chunkFactor, chunkFactor, p.grad(), at, p.grad(), at, to - from);
        };
        this.scaleGradChunk = (from, to) -> {
            Parameter p = chunkParam;
            int at = p.gradOffset() + from;
            this.kernels.scale(chunkFactor, p.grad(), at, p.grad(), at, to - from);
        };
        int groupCount = b.groups.size();
        this.groupStart = new int[groupCount + 1];
        this.schedules = new Schedule[groupCount];
        this.weightDecays = new double[groupCount];
        this.rates = new double[groupCount];
        List<Parameter> flat = new ArrayList<>();
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
                flat.add(p);
            }
        }
        groupStart[groupCount] = flat.size();
        this.params = flat.toArray(new Parameter[0]);
        this.arrays = new float[params.length][arrayNames.length][];
        this.scalars = new float[params.length][scalarNames.length];
        for (int s = 0; s < params.length; s++) {
            for (int k = 0; k < arrayNames.length; k++) {
                arrays[s][k] = new float[params[s].length()];
            }
        }
    }

    // ---------------------------------------------------------------- what each algorithm supplies

    /** Whether the algorithm's own kernel applies decoupled weight decay (AdamW), so the base must not. */
    boolean fusesDecoupledDecay() {
        return false;
    }

    /** Validates anything algorithm-specific before the step writes; must not write. */
    void beforeStep() {}

    /** Called once per applied step, after every check, before the first parameter is updated. */
    void beforeUpdates() {}

    /** Called when a step is skipped for a non-finite gradient. */
    void onSkip() {}

    /** Called at the end of an applied step. */
    void afterStep() {}

    /** Sets the state of a parameter before its first step ({@code steps() == 0}); zeros by default. */
    void initState(Parameter p, float[][] state, float[] scalarState, double lr) {}

    /** Computes the per-step scalars of one group: {@code t} is the 1-based number of this step. */
    abstract void prepare(double lr, double weightDecay, long t);

    /**
     * Reads what the kernel needs from a parameter's scalar state into fields, on the calling
     * thread before the parameter's chunks run; must not change the scalar state.
     */
    void beforeUpdate(Parameter p, float[][] state, float[] scalarState) {}

    /**
     * Updates elements {@code [from, to)} of one parameter and of its state arrays by one kernel
     * call, with the scalars of {@link #prepare} and {@link #beforeUpdate}. It may run on any thread
     * of the team, beside the other chunks of the same parameter: it reads only fields and writes
     * only its own elements.
     */
    abstract void update(Parameter p, float[][] state, int from, int to);

    /** Advances a parameter's scalar state, on the calling thread after all its chunks have run. */
    void afterUpdate(Parameter p, float[][] state, float[] scalarState) {}

    /** Puts the hyper-parameters that shape the update into {@code into} (booleans as 0/1). */
    abstract void describe(Map<String, Double> into);

    // ---------------------------------------------------------------- the step

    /**
     * Performs one optimization step on every parameter, on the builder's {@link #parallel() team}
     * if it has one.
     *
     * @return true if the step was applied, false if it was skipped under {@link NonFinitePolicy#SKIP}
     * @throws IllegalStateException    if the optimizer or its team is closed, or the algorithm needs
     *                                  a phase first
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
     *                                  needs a phase first
     * @throws IllegalArgumentException if a schedule gives a learning rate that is not finite and >= 0
     * @throws ArithmeticException      under {@link NonFinitePolicy#THROW}, for a non-finite gradient
     */
    public final boolean step(Parallel team) {
        checkOpen();
        checkTeam(team);
        beforeStep();
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
            return apply();
        } finally {
            active = this.team;
        }
    }

    /** The step after the learning rates are checked: phases (2) to (5) of the class comment. */
    private boolean apply() {
        // with norm clipping, the norm doubles as the check: a finite sum of squares means finite
        // gradients, and only a non-finite one needs the per-parameter search
        double norm = clipNorm > 0 ? gradientNorm() : Double.NaN;
        if (nonFinite != NonFinitePolicy.PROPAGATE && !(clipNorm > 0 && Double.isFinite(norm))) {
            Parameter bad = firstNonFinite();
            if (bad != null) {
                if (nonFinite == NonFinitePolicy.THROW) {
                    throw new ArithmeticException("the gradient of parameter '" + bad.name()
                            + "' is not finite at step " + steps);
                }
                skipped++;
                onSkip();
                return false;
            }
        }
        if (clipNorm > 0) {
            clipByNorm(norm);
        }
        if (clipValue > 0) {
            chunkFactor = (float) clipValue;
            for (Parameter p : params) {
                chunkParam = p;
                split(p.length(), clampChunk);
            }
            chunkParam = null;
        }
        if (steps == 0) {
            for (int g = 0; g < rates.length; g++) {
                for (int s = groupStart[g]; s < groupStart[g + 1]; s++) {
                    initState(params[s], arrays[s], scalars[s], rates[g]);
                }
            }
        }
        beforeUpdates();
        for (int g = 0; g < rates.length; g++) {
            double wd = weightDecays[g];
            prepare(rates[g], decoupled ? 0 : wd, steps + 1);
            chunkDecay = decoupled && wd != 0;
            chunkFactor = (float) (1 - rates[g] * wd);
            for (int s = groupStart[g]; s < groupStart[g + 1]; s++) {
                Parameter p = params[s];
                beforeUpdate(p, arrays[s], scalars[s]);
                chunkParam = p;
                chunkState = arrays[s];
                split(p.length(), updateChunk);
                afterUpdate(p, arrays[s], scalars[s]);
            }
        }
        chunkParam = null;
        chunkState = null;
        steps++;
        afterStep();
        return true;
    }

    private Parameter firstNonFinite() {
        for (Parameter p : params) {
            if (!Float.isFinite(kernels.maxAbs(p.grad(), p.gradOffset(), p.length()))) {
                return p;
            }
        }
        return null;
    }

    /** The global gradient norm, in the documented order: float per parameter, double across. */
    public final double gradientNorm() {
        checkOpen();
        double total = 0;
        for (Parameter p : params) {
            total += kernels.sumSquares(p.grad(), p.gradOffset(), p.length());
        }
        return StrictMath.sqrt(total);
    }

    private void clipByNorm(double norm) {
        double coef = clipNorm / (norm + 1e-6);
        if (coef < 1) {
            chunkFactor = (float) coef;
            for (Parameter p : params) {
                chunkParam = p;
                split(p.length(), scaleGradChunk);
            }
            chunkParam = null;
        }
    }

    /**
     * Runs {@code task} over {@code [0, n)}: in chunks over the team of the step in progress (the
     * builder's outside a step) as the class comment says, else in one call on this thread (also
     * for {@code n = 0}). Whatever the task reads must be in fields written before this call.
     */
    final void split(int n, Parallel.Range task) {
        Parallel t = active;
        int k = t == null ? 1 : Math.min(t.threads(), n / grain);
        if (k < 2) {
            task.run(0, n);
            return;
        }
        int align = Math.min(grain, ALIGN);
        long per = ((long) n + k - 1) / k;
        // a unit of at least n / k elements: at most k units, one per thread; n > unit since k >= 2
        int unit = (int) ((per + align - 1) / align * align);
        t.forRange(n, unit, task);
    }

    /** Throws if {@code team} is closed: checked before anything is written. */
    private void checkTeam(Parallel team) {
        if (team != null && team.isClosed()) {
            throw new IllegalStateException("the Parallel team of this " + algorithm + " optimizer is closed");
        }
    }

    /** {@link #checkOpen()}, and the builder's team must be open: for phases run outside a step. */
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
        return List.of(params);
    }

    /** The kernels the steps run on. */
    public final Kernels kernels() {
        return kernels;
    }

    /** The team given to {@link Builder#parallel(Parallel)}, or null: {@link #step()} runs on it. */
    public final Parallel parallel() {
        return team;
    }

    /** The grain of the chunks (see the class comment): {@link #DEFAULT_GRAIN} unless the builder set one. */
    public final int grain() {
        return grain;
    }

    // ---------------------------------------------------------------- state

    /** A deep copy of the complete state: counters, hyper-parameters and every state array. */
    public final OptimizerState exportState() {
        checkOpen();
        Map<String, Map<String, float[]>> perParam = new LinkedHashMap<>();
        for (int s = 0; s < params.length; s++) {
            Map<String, float[]> named = new LinkedHashMap<>();
            for (int k = 0; k < arrayNames.length; k++) {
                named.put(arrayNames[k], arrays[s][k]);
            }
            for (int k = 0; k < scalarNames.length; k++) {
                named.put(scalarNames[k], new float[] {scalars[s][k]});
            }
            perParam.put(params[s].name(), named);
        }
        return new OptimizerState(algorithm, steps, skipped, hyperParameters(), perParam);
    }

    /** The hyper-parameters that {@link #exportState()} records and {@link #importState} checks. */
    public final Map<String, Double> hyperParameters() {
        Map<String, Double> h = new LinkedHashMap<>();
        describe(h);
        for (int g = 0; g < weightDecays.length; g++) {
            h.put("group" + g + ".weightDecay", weightDecays[g]);
        }
        h.put("decoupledWeightDecay", decoupled ? 1.0 : 0.0);
        return h;
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
        Objects.requireNonNull(state, "state");
        if (!state.algorithm().equals(algorithm)) {
            throw new IllegalArgumentException("state is for " + state.algorithm() + ", not " + algorithm);
        }
        if (state.steps() < 0 || state.skippedSteps() < 0) {
            throw new IllegalArgumentException("state has negative counters: steps " + state.steps()
                    + ", skipped " + state.skippedSteps());
        }
        Map<String, Double> mine = hyperParameters();
        if (!mine.keySet().equals(state.hyperParameters().keySet())) {
            throw new IllegalArgumentException("state has hyper-parameters " + state.hyperParameters().keySet()
                    + ", this optimizer " + mine.keySet());
        }
        for (Map.Entry<String, Double> e : mine.entrySet()) {
            Double theirs = state.hyperParameters().get(e.getKey());
            if (theirs == null || Double.compare(theirs, e.getValue()) != 0) {
                throw new IllegalArgumentException("hyper-parameter " + e.getKey() + " is " + theirs
                        + " in the state but " + e.getValue() + " in this optimizer");
            }
        }
        if (state.parameters().size() != params.length) {
            throw new IllegalArgumentException("state has " + state.parameters().size() + " parameters "
                    + state.parameters().keySet() + ", this optimizer " + params.length);
        }
        for (Parameter p : params) {
            Map<String, float[]> named = state.parameters().get(p.name());
            if (named == null) {
                throw new IllegalArgumentException("state has no parameter '" + p.name() + "'");
            }
            if (named.size() != arrayNames.length + scalarNames.length) {
                throw new IllegalArgumentException("parameter '" + p.name() + "': state has arrays "
                        + named.keySet() + ", expected " + Arrays.toString(arrayNames) + " and "
                        + Arrays.toString(scalarNames));
            }
            for (String name : arrayNames) {
                checkArray(p.name(), name, named.get(name), p.length());
            }
            for (String name : scalarNames) {
                checkArray(p.name(), name, named.get(name), 1);
            }
        }
        for (int s = 0; s < params.length; s++) {
            Map<String, float[]> named = state.parameters().get(params[s].name());
            for (int k = 0; k < arrayNames.length; k++) {
                System.arraycopy(named.get(arrayNames[k]), 0, arrays[s][k], 0, params[s].length());
            }
            for (int k = 0; k < scalarNames.length; k++) {
                scalars[s][k] = named.get(scalarNames[k])[0];
            }
        }
        steps = state.steps();
        skipped = state.skippedSteps();
        afterImport();
    }

    /** The number of parameters (slots). */
    final int slots() {
        return params.length;
    }

    /** The parameter in slot {@code s}. */
    final Parameter param(int s) {
        return params[s];
    }

    /** The state arrays of slot {@code s}. */
    final float[][] state(int s) {
        return arrays[s];
    }

    /** Resets phase flags after an import. */
    void afterImport() {}

    private static void checkArray(String param, String name, float[] a, int length) {
        if (a == null) {
            throw new IllegalArgumentException("parameter '" + param + "': state has no array '" + name + "'");
        }
        if (a.length != length) {
            throw new IllegalArgumentException("parameter '" + param + "': state array '" + name
                    + "' has length " + a.length + ", expected " + length);
        }
    }

    /** Releases the state; every later step, export or import throws {@link IllegalStateException}. */
    @Override
    public final void close() {
        closed = true;
        arrays = null;
        scalars = null;
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

    // ---------------------------------------------------------------- builder

    /**
     * What every optimizer's builder sets: learning rate or schedule, weight decay, kernels,
     * non-finite policy, clipping and the parameters. Every setter validates its argument at once
     * and throws {@link IllegalArgumentException} naming it and its value.
     *
     * @param <B> the concrete builder
     * @param <O> the optimizer it builds
     */
    public abstract static class Builder<B extends Builder<B, O>, O extends Optimizer> {
        Schedule schedule;
        double weightDecay;
        Kernels kernels;
        NonFinitePolicy nonFinite = NonFinitePolicy.PROPAGATE;
        double clipNorm;
        double clipValue;
        boolean decoupled;
        Parallel parallel;
        int grain = DEFAULT_GRAIN;
        final List<ParamGroup> groups = new ArrayList<>();

        Builder(double defaultLearningRate) {
            schedule = Hyper.constant(defaultLearningRate);
        }

        abstract B self();

        /** Builds the optimizer over the parameters added so far. */
        public abstract O build();

        /** A constant learning rate {@code lr >= 0} (each algorithm has PyTorch's default). */
        public B learningRate(double lr) {
            schedule = Hyper.constant(lr);
            return self();
        }

        /** The learning rate of step {@code k} (0-based) is {@code schedule.rate(k)}, checked at each step. */
        public B schedule(Schedule schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule");
            return self();
        }

        /** L2 weight decay (or decoupled decay, where the algorithm says so); default 0. */
        public B weightDecay(double weightDecay) {
            this.weightDecay = Hyper.nonNegative("weightDecay", weightDecay);
            return self();
        }

        /**
         * Decoupled weight decay (Loshchilov and Hutter): before the algorithm's update, each
         * parameter is multiplied by {@code (float) (1 - lr·wd)} ({@link Kernels#scale}, one pass
         * more), and the gradient is not decayed; default false (L2 decay in the gradient, as PyTorch).
         * For Adam this is AdamW, fused into its kernel.
         */
        public B decoupledWeightDecay(boolean decoupled) {
            this.decoupled = decoupled;
            return self();
        }

        /** The kernels to run on; default {@link Kernels#best()}. */
        public B kernels(Kernels kernels) {
            this.kernels = Objects.requireNonNull(kernels, "kernels");
            return self();
        }

        /**
         * Spreads each step over {@code team} (see {@link Optimizer}), with chunks of at least
         * {@link Optimizer#DEFAULT_GRAIN} elements; null or a team of one thread: every step on the calling
         * thread (the default). The results are the same bits either way. The team stays the
         * caller's to close; a step on a closed team throws before it writes anything.
         */
        public B parallel(Parallel team) {
            return parallel(team, DEFAULT_GRAIN);
        }

        /**
         * {@link #parallel(Parallel)} with chunks of at least {@code grain >= 1} elements: a
         * parameter is split only from {@code 2 · grain} elements, and the chunk boundaries are
         * multiples of {@code min(grain, 64)}. Give a multiple of 64; small grains are for tests.
         */
        public B parallel(Parallel team, int grain) {
            if (grain < 1) {
                throw new IllegalArgumentException("grain must be >= 1, was " + grain);
            }
            this.parallel = team;
            this.grain = grain;
            return self();
        }

        /** What to do with a non-finite gradient; default {@link NonFinitePolicy#PROPAGATE}. */
        public B nonFinite(NonFinitePolicy policy) {
            this.nonFinite = Objects.requireNonNull(policy, "policy");
            return self();
        }

        /** Clips the gradients to global norm {@code maxNorm > 0} before each step (see {@link Optimizer}). */
        public B clipGradientNorm(double maxNorm) {
            this.clipNorm = Hyper.positive("maxNorm", maxNorm);
            return self();
        }

        /** Clamps every gradient element to {@code [-maxValue, maxValue]} before each step. */
        public B clipGradientValue(double maxValue) {
            this.clipValue = Hyper.positive("maxValue", maxValue);
            return self();
        }

        /** Adds a group of parameters with the builder's learning rate and weight decay. */
        public B params(Parameter... params) {
            groups.add(ParamGroup.of(params));
            return self();
        }

        /** Adds a group of parameters with the builder's learning rate and weight decay. */
        public B params(List<Parameter> params) {
            groups.add(ParamGroup.of(params));
            return self();
        }

        /** Adds a group, which may carry its own learning rate and weight decay. */
        public B group(ParamGroup group) {
            groups.add(Objects.requireNonNull(group, "group"));
            return self();
        }
    }

    /**
     * The builder of the algorithms that keep Adam's two moment estimates (Adam, AdamW, AdaMax,
     * NAdam, RAdam): β1, β2 and eps, with PyTorch's defaults (0.9, 0.999) and 1e-8.
     *
     * @param <B> the concrete builder
     * @param <O> the optimizer it builds
     */
    public abstract static class MomentsBuilder<B extends MomentsBuilder<B, O>, O extends Optimizer>
            extends Builder<B, O> {
        double beta1 = 0.9;
        double beta2 = 0.999;
        double eps = 1e-8;

        MomentsBuilder(double defaultLearningRate) {
            super(defaultLearningRate);
        }

        /** β1 and β2, each in [0, 1); default (0.9, 0.999). */
        public B betas(double beta1, double beta2) {
            Hyper.unit("beta1", beta1);
            Hyper.unit("beta2", beta2);
            this.beta1 = beta1;
            this.beta2 = beta2;
            return self();
        }

        /** eps {@code > 0}; default 1e-8. */
        public B eps(double eps) {
            this.eps = Hyper.positive("eps", eps);
            return self();
        }
    }
}
