package dev.lanes.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulesTest {

    /**
     * The recursive (PyTorch-chainable) schedules agree with the closed forms their javadoc states,
     * as PyTorch recorded them: within 4·10⁻¹⁵ relative (the recording itself shows up to 1.4·10⁻¹⁵
     * between PyTorch's two forms, and the cos-based one adds fdlibm-vs-glibc differences).
     */
    @Test
    void recurrencesAgreeWithTheirClosedForms() {
        check("StepLR_s10_g0.5", Schedules.step(0.1, 10, 0.5));
        check("MultiStepLR", Schedules.multiStep(0.1, 0.1, 20, 50, 80));
        check("ExponentialLR", Schedules.geometric(0.1, 0.95));
        check("CosineAnnealingLR_T100", Schedules.cosine(0.1, 100, 0.001));
        check("LinearLR_warmup20", Schedules.linear(0.1, 0.1, 1.0, 20));
        check("ConstantLR_f0.5_10", Schedules.constantFactor(0.1, 0.5, 10));
        check("PolynomialLR_p2_100", Schedules.polynomial(0.1, 100, 2.0));
    }

    private static void check(String name, Schedule s) {
        double[] closed = SchedulesGoldenTest.series(name, "closed_form_lr");
        for (int k = 0; k < closed.length; k++) {
            double r = s.rate(k);
            assertTrue(Math.abs(r - closed[k]) <= 4e-15 * Math.abs(closed[k]),
                    name + "[" + k + "]: closed form " + closed[k] + ", recurrence " + r);
        }
    }

    @Test
    void recurrencesArePureFunctionsOfTheStepInAnyOrder() {
        for (Schedule s : List.of(Schedules.cosine(0.1, 30, 0.001), Schedules.geometric(1, 0.9),
                Schedules.linear(1, 0.25, 1, 7), Schedules.polynomial(1, 40, 1.5), Schedules.step(1, 3, 0.7))) {
            double[] inOrder = new double[120];
            for (int k = 0; k < inOrder.length; k++) {
                inOrder[k] = s.rate(k);
            }
            long[] jumps = {77, 3, 119, 0, 50, 50, 49, 118};
            for (long k : jumps) {
                assertEquals(inOrder[(int) k], s.rate(k), s + " at " + k);
            }
        }
    }

    @Test
    void textbookLinearDecay() {
        Schedule s = Schedules.linearDecay(0.1, 0.001, 100);
        assertEquals(0.1, s.rate(0));
        assertEquals(0.5 * 0.1 + 0.5 * 0.001, s.rate(50), 1e-17);
        assertEquals(0.001, s.rate(100));
        assertEquals(0.001, s.rate(1_000_000));
        for (int k = 1; k <= 100; k++) {
            assertTrue(s.rate(k) < s.rate(k - 1), "decreasing at " + k);
        }
    }

    @Test
    void textbookClosedForms() {
        assertEquals(0.5, Schedules.constant(0.5).rate(12345));
        assertEquals(0.1 * StrictMath.exp(-0.02 * 30), Schedules.exponential(0.1, 0.02).rate(30));
        assertEquals(0.1 / 4, Schedules.inverse(0.1).rate(3), 1e-18);
        assertEquals(0.1 / 16, Schedules.inverseSquare(0.1).rate(3), 1e-18);
        assertEquals(0.1 / 2, Schedules.inverseSqrt(0.1).rate(3), 1e-18);
        Schedule t = Schedules.inverseSqrt(1.0, 100);
        assertEquals(0.01, t.rate(0), 1e-18);
        assertEquals(1.0, t.rate(99), 1e-15);
        assertEquals(0.5, t.rate(399), 1e-15);
        // Beyond T the PyTorch cosine rises again: periodic with period 2T.
        Schedule c = Schedules.cosine(1, 10, 0);
        assertEquals(0, c.rate(10), 1e-15);
        assertEquals(1, c.rate(20), 1e-12);
    }

    @Test
    void composition() {
        Schedule w = Schedules.linearWarmup(10, 0.0, Schedules.geometric(1.0, 0.5));
        assertEquals(0.0, w.rate(0));
        assertEquals(0.5, w.rate(5), 1e-15);
        assertEquals(1.0, w.rate(10));
        assertEquals(0.5, w.rate(11));
        Schedule seq = Schedules.sequence(new Schedule[] {Schedules.constant(3), Schedules.constant(2),
                Schedules.geometric(1, 0.5)}, new long[] {5, 8});
        assertEquals(3, seq.rate(4));
        assertEquals(2, seq.rate(5));
        assertEquals(1, seq.rate(8));
        assertEquals(0.25, seq.rate(10));
        Schedule p = Schedules.product(Schedules.constant(0.2), Schedules.step(4, 2, 0.5));
        assertEquals(0.2, p.rate(1));
        assertEquals(0.1, p.rate(2));
        OneCycle three = new OneCycle(1, 100, 0.25, OneCycle.Anneal.LINEAR, 10, 100, true, 0.8, 0.9);
        assertEquals(0.1, three.rate(0), 1e-15);
        assertEquals(1.0, three.rate(24), 1e-15);
        assertEquals(0.1, three.rate(48), 1e-15);
        assertEquals(0.001, three.rate(99), 1e-15);
        Cyclic c2 = new Cyclic(0, 1, 5, 5, Cyclic.Mode.TRIANGULAR2, 1, 0.8, 0.9);
        assertEquals(1.0, c2.rate(5), 1e-15);
        assertEquals(0.5, c2.rate(15), 1e-15);
        assertEquals(0.25, c2.rate(25), 1e-15);
    }

    @Test
    void argumentsAreValidatedByName() {
        expect("tau", "0", () -> Schedules.linearDecay(0.1, 0.01, 0));
        expect("eps0", "-1.0", () -> Schedules.inverse(-1));
        expect("gamma", "NaN", () -> Schedules.geometric(1, Double.NaN));
        expect("stepSize", "0", () -> Schedules.step(1, 0, 0.5));
        expect("milestones[1]", "0", () -> Schedules.multiStep(1, 0.5, 3, 0));
        expect("tMax", "-3", () -> Schedules.cosine(1, -3, 0));
        expect("startFactor", "0.0", () -> Schedules.linear(1, 0, 1, 5));
        expect("factor", "1.5", () -> Schedules.constantFactor(1, 1.5, 5));
        expect("pctStart", "1.0", () -> new OneCycle(1, 100, 1.0, OneCycle.Anneal.COSINE, 25, 1e4, false, 0.85, 0.95));
        expect("maxRate", "0.001", () -> Schedules.cyclic(0.01, 0.001, 5, 5, Cyclic.Mode.TRIANGULAR));
        expect("milestones", "strictly", () -> Schedules.sequence(
                new Schedule[] {Schedules.constant(1), Schedules.constant(1), Schedules.constant(1)}, new long[] {5, 5}));
        expect("step", "-1", () -> Schedules.constant(1).rate(-1));
        expect("step", "-2", () -> Schedules.cosine(1, 10, 0).rate(-2));
        expect("factor", "1.0", () -> ReduceOnPlateau.builder(1).factor(1.0));
        expect("patience", "-1", () -> ReduceOnPlateau.builder(1).patience(-1));
    }

    private static void expect(String name, String value, Runnable r) {
        var e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains(value), e.getMessage());
    }

    @Test
    void plateauStateRoundTripsAndModes() {
        ReduceOnPlateau a = ReduceOnPlateau.builder(1).mode(ReduceOnPlateau.Mode.MAX).absoluteThreshold(0.1)
                .patience(1).factor(0.5).build();
        assertFalse(a.observe(1.0));   // best 1.0
        assertFalse(a.observe(1.05));  // not better by 0.1: bad 1
        assertTrue(a.observe(1.05));   // bad 2 > patience: halve
        assertEquals(0.5, a.rate());
        var s = a.state();
        ReduceOnPlateau b = ReduceOnPlateau.builder(1).mode(ReduceOnPlateau.Mode.MAX).absoluteThreshold(0.1)
                .patience(1).factor(0.5).build();
        b.restore(s);
        double[] metrics = {1.0, 1.3, 1.2, 1.2, 1.2, Double.NaN, 0, 0, 0};
        for (double m : metrics) {
            assertEquals(a.observe(m), b.observe(m));
            assertEquals(a.state(), b.state());
        }
        assertTrue(a.rate() < 0.5);
    }
}
