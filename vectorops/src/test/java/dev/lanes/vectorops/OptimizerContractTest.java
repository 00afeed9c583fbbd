package dev.lanes.vectorops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernel.Kernels;
import dev.lanes.kernel.Parallel;
import dev.lanes.optim.AdaGrad;
import dev.lanes.optim.Adam;
import dev.lanes.optim.Momentum;
import dev.lanes.optim.Nesterov;
import dev.lanes.optim.NonFinitePolicy;
import dev.lanes.optim.Optimizer;
import dev.lanes.optim.OptimizerState;
import dev.lanes.optim.ParamGroup;
import dev.lanes.optim.Parameter;
import dev.lanes.optim.RmsProp;
import dev.lanes.optim.Rprop;
import dev.lanes.optim.Sgd;
import dev.lanes.vectorops.OptimizerRegistry.Backend;
import dev.lanes.vectorops.OptimizerRegistry.Config;
import dev.lanes.vectorops.OptimizerRegistry.Model;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The optimizer contract over every registered configuration: exported state restores a
 * bit-identical continuation; every rejected call (bad hyper-parameter, bad learning rate, closed
 * optimizer, missing look-ahead, non-finite gradient, wrong state, closed team) names what is wrong
 * and leaves parameters and state exactly as they were, on a team of threads as on one; a
 * steady-state step allocates nothing, on any thread of its team either.
 */
class OptimizerContractTest {

    static Stream<Config> configs() {
        return OptimizerRegistry.ALL.stream();
    }

    /** Parameters and every state array, as bits. */
    static List<float[]> everything(Model m, Optimizer o) {
        List<float[]> all = new ArrayList<>();
        all.add(m.a.clone());
        all.add(m.c.clone());
        OptimizerState s = o.exportState();
        for (Map<String, float[]> arrays : s.parameters().values()) {
            all.addAll(arrays.values());
        }
        all.add(new float[] {s.steps(), s.skippedSteps()});
        return all;
    }

    static void assertSameBits(List<float[]> expected, List<float[]> actual, String context) {
        assertEquals(expected.size(), actual.size(), context);
        for (int i = 0; i < expected.size(); i++) {
            Bits.assertSame(expected.get(i), actual.get(i), context + ", array " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void restoredStateContinuesBitIdentically(Config config) {
        Model a = new Model(42, false);
        Optimizer oa = config.build().apply(Kernels.best(), a.params);
        for (int t = 0; t < 5; t++) {
            a.step(oa);
        }
        OptimizerState saved = oa.exportState();
        Model b = new Model(42, false);
        java.util.Arrays.fill(b.a, 0);
        System.arraycopy(a.a, 0, b.a, 0, a.a.length);
        System.arraycopy(a.c, 0, b.c, 0, a.c.length);
        b.steps = a.steps;
        Optimizer ob = config.build().apply(Kernels.best(), b.params);
        ob.importState(saved);
        assertEquals(5, ob.steps());
        for (int t = 0; t < 6; t++) {
            a.step(oa);
            b.step(ob);
        }
        assertSameBits(everything(a, oa), everything(b, ob), config.name());
    }

    @ParameterizedTest
    @MethodSource("configs")
    void wrongStateIsRejectedAndChangesNothing(Config config) {
        Model m = new Model(1, false);
        Optimizer o = config.build().apply(Kernels.best(), m.params);
        m.step(o);
        m.step(o);
        List<float[]> before = everything(m, o);
        OptimizerState good = o.exportState();

        OptimizerState otherKind = new OptimizerState("Nonesuch", 3, 0, good.hyperParameters(), good.parameters());
        assertMessage(() -> o.importState(otherKind), "Nonesuch");

        Map<String, Double> hyper = new LinkedHashMap<>(good.hyperParameters());
        String key = hyper.keySet().iterator().next();
        hyper.put(key, hyper.get(key) + 0.125);
        assertMessage(() -> o.importState(new OptimizerState(good.algorithm(), 3, 0, hyper, good.parameters())), key);

        Map<String, Map<String, float[]>> params = new LinkedHashMap<>(good.parameters());
        params.remove("bias");
        assertMessage(() -> o.importState(new OptimizerState(good.algorithm(), 3, 0, good.hyperParameters(), params)),
                "parameter");

        if (!good.parameters().get("w").isEmpty()) {
            Map<String, Map<String, float[]>> shorter = new LinkedHashMap<>(good.parameters());
            Map<String, float[]> w = new LinkedHashMap<>(shorter.get("w"));
            String name = w.keySet().iterator().next();
            w.put(name, new float[w.get(name).length + 1]);
            shorter.put("w", w);
            assertMessage(() -> o.importState(new OptimizerState(good.algorithm(), 3, 0, good.hyperParameters(),
                    shorter)), name);
            Map<String, Map<String, float[]>> renamed = new LinkedHashMap<>(good.parameters());
            Map<String, float[]> r = new LinkedHashMap<>(renamed.get("w"));
            r.put("nonesuch", r.remove(name));
            renamed.put("w", r);
            assertThrows(IllegalArgumentException.class, () -> o.importState(new OptimizerState(good.algorithm(), 3,
                    0, good.hyperParameters(), renamed)));
        }
        assertSameBits(before, everything(m, o), config.name());
    }

    @ParameterizedTest
    @MethodSource("configs")
    void rejectedStepsChangeNothing(Config config) {
        Model m = new Model(3, false);
        Optimizer o = config.build().apply(Kernels.best(), m.params);
        m.step(o);
        m.fillGradients();
        List<float[]> before = everything(m, o);
        if (o instanceof Nesterov ne) {
            assertMessage(ne::step, "lookAhead");
        }
        assertSameBits(before, everything(m, o), config.name());
        o.close();
        assertTrue(o.isClosed());
        assertThrows(IllegalStateException.class, o::step);
        assertThrows(IllegalStateException.class, o::exportState);
        Bits.assertSame(before.get(0), m.a, config.name() + " after close");
        Bits.assertSame(before.get(1), m.c, config.name() + " after close");
    }

    @ParameterizedTest
    @MethodSource("configs")
    void aClosedTeamIsRejectedAndChangesNothing(Config config) {
        Model m = new Model(3, false);
        Model ref = new Model(3, false);
        Parallel team = new Parallel(2);
        Optimizer o = config.build().apply(new Backend(Kernels.best(), team, 5), m.params);
        Optimizer r = config.build().apply(Kernels.best(), ref.params);
        assertEquals(team, o.parallel());
        assertEquals(5, o.grain());
        m.step(o);
        ref.step(r);
        team.close();
        m.fillGradients();
        List<float[]> before = everything(m, o);
        if (o instanceof Nesterov ne) {
            assertMessage(ne::lookAhead, "closed");
        }
        assertMessage(o::step, "closed");
        assertSameBits(before, everything(m, o), config.name());
        // a step on another team, or on none, goes on as if nothing had happened
        if (o instanceof Nesterov) {
            return; // its look-ahead needs the builder's team
        }
        try (Parallel three = new Parallel(3)) {
            assertTrue(o.step(three));
            m.steps++;
            m.fillGradients();
            assertTrue(o.step(null));
            m.steps++;
        }
        for (int t = 0; t < 2; t++) {
            ref.fillGradients();
            r.step();
            ref.steps++;
        }
        assertSameBits(everything(ref, r), everything(m, o), config.name() + " after the closed team");
    }

    @Test
    void nonFiniteGradientOnATeamSkipsOrThrowsAndChangesNothing() {
        try (Parallel team = new Parallel(3)) {
            for (NonFinitePolicy policy : List.of(NonFinitePolicy.SKIP, NonFinitePolicy.THROW)) {
                for (boolean clip : new boolean[] {false, true}) {
                    Model m = new Model(9, false);
                    Adam.Builder b = Adam.builder().nonFinite(policy).parallel(team, 3);
                    Nesterov.Builder mb = Nesterov.builder().nonFinite(policy).parallel(team, 3);
                    if (clip) {
                        b.clipGradientNorm(1).clipGradientValue(0.5);
                        mb.clipGradientNorm(1).clipGradientValue(0.5);
                    }
                    for (Optimizer o : List.of(b.params(m.params).build(), mb.params(m.params).build())) {
                        m.step(o);
                        m.fillGradients();
                        m.ga[50] = Float.NaN;
                        float[] gradBefore = m.ga.clone();
                        float[] velocityBefore = o.exportState().parameters().get("w").get("velocity");
                        float[] valuesBefore = m.a.clone();
                        List<float[]> before = everything(m, o);
                        String what = o.algorithm() + " " + policy + (clip ? " clipped" : "");
                        if (o instanceof Nesterov ne) {
                            // the look-ahead moves the parameters: from there, nothing may change
                            ne.lookAhead();
                            before = everything(m, o);
                        }
                        if (policy == NonFinitePolicy.THROW) {
                            assertThrows(ArithmeticException.class, o::step, what);
                        } else {
                            assertFalse(o.step(), what);
                            if (o instanceof Nesterov) {
                                // the skip restores θ: back where it was before the look-ahead
                                Bits.assertSame(valuesBefore, m.a, what + ": θ restored");
                                Bits.assertSame(gradBefore, m.ga, what + ": gradient untouched");
                                Bits.assertSame(velocityBefore, o.exportState().parameters().get("w")
                                        .get("velocity"), what + ": velocity untouched");
                                continue;
                            }
                        }
                        List<float[]> after = everything(m, o);
                        after.set(after.size() - 1, before.get(before.size() - 1));
                        assertSameBits(before, after, what);
                        Bits.assertSame(gradBefore, m.ga, what + ": gradient untouched");
                        if (velocityBefore != null) {
                            Bits.assertSame(velocityBefore, o.exportState().parameters().get("w").get("velocity"),
                                    what + ": velocity untouched");
                        }
                    }
                }
            }
        }
    }

    @Test
    void badGrainIsNamed() {
        assertMessage(() -> Sgd.builder().parallel(null, 0), "grain");
        Sgd sgd = Sgd.builder().parallel(null).params(Parameter.of("x", new float[3], new float[3])).build();
        assertEquals(null, sgd.parallel());
        assertEquals(Optimizer.DEFAULT_GRAIN, sgd.grain());
        assertTrue(sgd.step());
    }

    @Test
    void badLearningRateFromScheduleChangesNothing() {
        Model m = new Model(5, false);
        Adam o = Adam.builder().schedule(k -> k < 2 ? 1e-3 : Double.NaN).params(m.params).build();
        m.step(o);
        m.step(o);
        m.fillGradients();
        List<float[]> before = everything(m, o);
        assertMessage(o::step, "NaN");
        assertSameBits(before, everything(m, o), "NaN learning rate");
        Adam negative = Adam.builder().group(ParamGroup.of(m.params).withSchedule(k -> -1)).build();
        assertMessage(negative::step, "-1.0");
    }

    @Test
    void nonFiniteGradientSkipsOrThrowsAndChangesNothing() {
        Model m = new Model(9, false);
        Adam skip = Adam.builder().nonFinite(NonFinitePolicy.SKIP).params(m.params).build();
        m.step(skip);
        m.fillGradients();
        m.gc[30] = Float.NaN;
        List<float[]> before = everything(m, skip);
        assertFalse(skip.step());
        assertEquals(1, skip.skippedSteps());
        List<float[]> after = everything(m, skip);
        after.set(after.size() - 1, before.get(before.size() - 1));
        assertSameBits(before, after, "skipped");

        Model n = new Model(9, false);
        Adam fail = Adam.builder().nonFinite(NonFinitePolicy.THROW).clipGradientNorm(1).params(n.params).build();
        n.step(fail);
        n.fillGradients();
        n.ga[50] = Float.POSITIVE_INFINITY;
        List<float[]> beforeThrow = everything(n, fail);
        float[] gradBefore = n.ga.clone();
        ArithmeticException e = assertThrows(ArithmeticException.class, fail::step);
        assertTrue(e.getMessage().contains("'w'"), e.getMessage());
        assertSameBits(beforeThrow, everything(n, fail), "thrown");
        Bits.assertSame(gradBefore, n.ga, "gradient untouched");

        Model p = new Model(9, false);
        Adam propagate = Adam.builder().params(p.params).build();
        p.step(propagate);
        p.fillGradients();
        p.gc[3] = Float.NaN;
        assertTrue(propagate.step());
        assertTrue(Float.isNaN(p.c[3]), "PROPAGATE lets the NaN through, as PyTorch");
    }

    @Test
    void clippingByGlobalNormScalesEveryGradient() {
        float[] x = {1, 2};
        float[] gx = {3, 0};
        float[] y = {1};
        float[] gy = {4};
        Sgd sgd = Sgd.builder().learningRate(1).clipGradientNorm(1).kernels(Kernels.scalar())
                .params(Parameter.of("x", x, gx), Parameter.of("y", y, gy)).build();
        assertEquals(5.0, sgd.gradientNorm(), 0);
        sgd.step();
        float coef = (float) (1 / (5 + 1e-6));
        assertArrayEquals(new float[] {3 * coef, 0}, gx);
        assertArrayEquals(new float[] {Math.fma(-1f, 3 * coef, 1f), 2}, x);
        assertArrayEquals(new float[] {Math.fma(-1f, 4 * coef, 1f)}, y);
        float[] z = {0};
        float[] gz = {-7};
        Sgd.builder().learningRate(1).clipGradientValue(0.5).params(Parameter.of("z", z, gz)).build().step();
        assertArrayEquals(new float[] {0.5f}, z);
    }

    static Stream<Executable> badHyperParameters() {
        return Stream.of(
                () -> Adam.builder().betas(1.0, 0.999),
                () -> Adam.builder().betas(0.9, -0.1),
                () -> Adam.builder().eps(0),
                () -> Adam.builder().learningRate(Double.NaN),
                () -> Adam.builder().learningRate(-1e-3),
                () -> Adam.builder().weightDecay(Double.POSITIVE_INFINITY),
                () -> Sgd.builder().momentum(1.5),
                () -> Sgd.builder().dampening(2),
                () -> Sgd.builder().momentum(0.9).dampening(0.1).nesterov(true).build(),
                () -> RmsProp.builder().alpha(-0.5),
                () -> AdaGrad.builder().lrDecay(-1),
                () -> Rprop.builder().etas(1.5, 1.2),
                () -> Rprop.builder().stepSizes(2, 1),
                () -> Rprop.builder().weightDecay(0.1).build(),
                () -> Momentum.builder().alpha(Double.NaN),
                () -> Sgd.builder().clipGradientNorm(0),
                () -> ParamGroup.of().withWeightDecay(-0.5));
    }

    @ParameterizedTest
    @MethodSource("badHyperParameters")
    void badHyperParametersAreNamed(Executable bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad);
        assertTrue(e.getMessage().matches(".*[a-zA-Z]+.* (must|has|needs).*"), e.getMessage());
        assertTrue(e.getMessage().matches(".*(-?[0-9.]+|NaN|Infinity).*"), e.getMessage());
    }

    @Test
    void parametersAreChecked() {
        float[] a = new float[10];
        assertMessage(() -> new Parameter("p", a, 0, 5, a, 3), "overlap");
        assertThrows(IndexOutOfBoundsException.class, () -> new Parameter("p", a, 5, 6, new float[10], 0));
        Parameter p = Parameter.of("same", a, new float[10]);
        assertMessage(() -> Sgd.builder().params(p, Parameter.of("same", new float[1], new float[1])).build(), "same");
    }

    @ParameterizedTest
    @MethodSource("configs")
    void steadyStateStepAllocatesNothing(Config config) {
        if (config.name().contains("clip")) {
            return; // clipping reduces with sumSquares, whose lanes are a fresh float[64] per call
        }
        // vector first: a call site that has seen only the vector kernels is compiled for them
        for (Kernels k : List.of(Bits.VECTOR, Kernels.scalar())) {
            if (k == Bits.VECTOR && k.info().emulated()) {
                continue; // a width the CPU lacks runs as boxed Java code: exact, slow, allocating
            }
            if (k == Bits.VECTOR && k.info().vectorBits() == 64
                    && (config.name().startsWith("rprop") || config.name().startsWith("quickprop"))) {
                continue; // at 64 bits the JDK does not intrinsify float masks (blend, compare): boxed vectors
            }
            Model m = new Model(11, false);
            Optimizer o = config.build().apply(k, m.params);
            assertEquals(0, steadyStateAllocation(m, o, new long[0]),
                    config.name() + " on " + k.info().backend() + " allocated bytes in 200 steps");
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void steadyStateStepOnATeamAllocatesNothing(Config config) {
        if (config.name().contains("clip")) {
            return; // as above
        }
        Kernels k = Bits.VECTOR;
        if (k.info().emulated() || k.info().vectorBits() == 64
                && (config.name().startsWith("rprop") || config.name().startsWith("quickprop"))) {
            k = Kernels.scalar(); // as above: vectors boxed by the JDK
        }
        Set<Thread> others = new HashSet<>(Thread.getAllStackTraces().keySet());
        try (Parallel team = new Parallel(2)) {
            long[] workers = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !others.contains(t) && t.getName().startsWith("lanes-parallel-"))
                    .mapToLong(Thread::threadId).toArray();
            assertEquals(1, workers.length, "the team's worker");
            Model m = new Model(11, false);
            // grain 5: the parameters of 100 and 37 elements are split at every step
            Optimizer o = config.build().apply(new Backend(k, team, 5), m.params);
            assertEquals(0, steadyStateAllocation(m, o, workers),
                    config.name() + " on " + k.info().backend() + " and 2 threads allocated bytes in 200 steps");
        }
    }

    /**
     * Bytes allocated by this thread and the {@code workers} in 200 steps once warm: until C2 has
     * compiled the kernels (its queue can lag on a loaded machine) the vector code runs boxed, so
     * the steady state is the first window of 200 steps without allocation, if any.
     */
    static long steadyStateAllocation(Model m, Optimizer o, long[] workers) {
        for (int t = 0; t < 20_000; t++) {
            m.step(o);
        }
        long allocated = Long.MAX_VALUE;
        for (int window = 0; window < 40 && allocated != 0; window++) {
            if (window > 0) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            long empty = -allocatedBytes(workers) + allocatedBytes(workers);
            long before = allocatedBytes(workers);
            for (int t = 0; t < 200; t++) {
                m.step(o);
            }
            allocated = allocatedBytes(workers) - before - empty;
        }
        return allocated;
    }

    /**
     * The bytes this thread and the {@code workers} (thread ids) have allocated, by reflection (the
     * module under test does not read jdk.management; the tests run on the class path). The reading
     * itself allocates boxes and some reflection frames, on this thread: measured by an empty
     * interval and subtracted.
     */
    static long allocatedBytes(long... workers) {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            Class<?> type = Class.forName("com.sun.management.ThreadMXBean");
            long sum = (Long) type.getMethod("getCurrentThreadAllocatedBytes").invoke(bean);
            Method other = type.getMethod("getThreadAllocatedBytes", long.class);
            for (long id : workers) {
                sum += (Long) other.invoke(bean, id);
            }
            return sum;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Asserts the call is rejected with an IllegalArgumentException or IllegalStateException naming {@code expected}. */
    static void assertMessage(Executable call, String expected) {
        RuntimeException e = assertThrows(RuntimeException.class, call);
        assertTrue(e instanceof IllegalArgumentException || e instanceof IllegalStateException, e.toString());
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' should name " + expected);
    }
}
