package dev.lanes.schedule;

import java.util.Arrays;
import java.util.function.LongToDoubleFunction;

/**
 * Learning-rate schedules: pure functions of the step {@code k = 0, 1, 2, …} (the rate in force
 * during optimizer step k). Every argument is checked here, with an {@link IllegalArgumentException}
 * naming it and its value; {@link Schedule#rate(long)} rejects {@code k < 0} the same way.
 *
 * <p><b>Two families.</b> The textbook schedules ({@link #constant}, {@link #linearDecay},
 * {@link #inverse}, {@link #inverseSquare}, {@link #inverseSqrt}, {@link #exponential}) are closed
 * forms evaluated in {@code double} exactly as their javadoc writes them. The schedules named after
 * PyTorch's {@code torch.optim.lr_scheduler} classes reproduce PyTorch's own arithmetic in
 * {@code double}: where PyTorch updates the rate recursively (its "chainable" form: {@code StepLR},
 * {@code MultiStepLR}, {@code ExponentialLR}, {@code CosineAnnealingLR}, {@code LinearLR},
 * {@code ConstantLR}, {@code PolynomialLR}) so does Lanes, with the recurrence written in the
 * javadoc, so that the rates are the bits PyTorch produces rather than the mathematically equal
 * closed form (which can differ in the last bits; the closed form is given too). Such a schedule
 * replays its recurrence from the last step asked (see the class comment of each), so asking the
 * steps in increasing order costs O(1) per step. Trigonometric functions are {@link StrictMath}'s.
 */
public final class Schedules {
    private Schedules() {}

    // ------------------------------------------------------------------ textbook closed forms

    /** {@code ε_k = ε₀}. */
    public static Schedule constant(double rate) {
        rate("rate", rate);
        return new Named("constant(" + rate + ")", k -> rate);
    }

    /**
     * The textbook's linear decay to step τ: {@code ε_k = (1 − α) ε₀ + α ε_τ} with {@code α = k / τ}
     * for {@code k < τ}, and {@code ε_k = ε_τ} for {@code k ≥ τ}. Computed as
     * {@code (1 - a) * eps0 + a * epsTau} with {@code a = (double) k / tau}.
     */
    public static Schedule linearDecay(double eps0, double epsTau, long tau) {
        rate("eps0", eps0);
        rate("epsTau", epsTau);
        positive("tau", tau);
        return new Named("linearDecay(" + eps0 + ", " + epsTau + ", " + tau + ")", k -> {
            if (k >= tau) {
                return epsTau;
            }
            double a = (double) k / tau;
            return (1 - a) * eps0 + a * epsTau;
        });
    }

    /**
     * {@code ε_k = ε₀ · (1 / (k + 1))}, computed in that order (as PyTorch's
     * {@code LambdaLR(lambda k: 1/(k+1))} does).
     */
    public static Schedule inverse(double eps0) {
        rate("eps0", eps0);
        return new Named("inverse(" + eps0 + ")", k -> eps0 * (1.0 / (k + 1)));
    }

    /** {@code ε_k = ε₀ · (1 / (k + 1)²)}, the square formed exactly in {@code double} for {@code k < 2²⁶}. */
    public static Schedule inverseSquare(double eps0) {
        rate("eps0", eps0);
        return new Named("inverseSquare(" + eps0 + ")", k -> {
            double s = (double) (k + 1);
            return eps0 * (1.0 / (s * s));
        });
    }

    /** {@code ε_k = ε₀ · (1 / √(k + 1))}. */
    public static Schedule inverseSqrt(double eps0) {
        rate("eps0", eps0);
        return new Named("inverseSqrt(" + eps0 + ")", k -> eps0 * (1.0 / Math.sqrt((double) (k + 1))));
    }

    /**
     * The inverse-square-root schedule with linear warm-up of the Transformer: {@code ε_k = ε₀ · (k + 1) / w}
     * for {@code k + 1 < w}, then {@code ε_k = ε₀ · √w / √(k + 1)}; its peak ε₀ is at {@code k = w − 1}.
     */
    public static Schedule inverseSqrt(double eps0, long warmupSteps) {
        rate("eps0", eps0);
        positive("warmupSteps", warmupSteps);
        double sw = Math.sqrt((double) warmupSteps);
        return new Named("inverseSqrt(" + eps0 + ", warmup " + warmupSteps + ")", k -> k + 1 < warmupSteps
                ? eps0 * (k + 1) / warmupSteps
                : eps0 * sw / Math.sqrt((double) (k + 1)));
    }

    /** {@code ε_k = ε₀ · e^{−βk}}, computed as {@code eps0 * StrictMath.exp(-beta * k)}. */
    public static Schedule exponential(double eps0, double beta) {
        rate("eps0", eps0);
        nonNegative("beta", beta);
        return new Named("exponential(" + eps0 + ", " + beta + ")", k -> eps0 * StrictMath.exp(-beta * k));
    }

    /**
     * {@code ε_k = base · f(k)} for a user function f (PyTorch's {@code LambdaLR}); each rate must be
     * finite and ≥ 0, else {@code rate} throws.
     */
    public static Schedule lambda(double base, LongToDoubleFunction factor) {
        rate("base", base);
        if (factor == null) {
            throw new IllegalArgumentException("factor must not be null");
        }
        return new Named("lambda(" + base + ")", k -> {
            double r = base * factor.applyAsDouble(k);
            if (!(r >= 0) || r == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("factor gave the rate " + r + " at step " + k);
            }
            return r;
        });
    }

    // ------------------------------------------------------------------ PyTorch's schedulers

    /**
     * PyTorch's {@code StepLR(step_size, gamma)}: {@code base · γ^⌊k / s⌋}, by PyTorch's recurrence
     * {@code r₀ = base}, {@code r_k = r_{k−1} · γ} when {@code k mod s = 0}, else {@code r_{k−1}}.
     */
    public static Schedule step(double base, long stepSize, double gamma) {
        rate("base", base);
        positive("stepSize", stepSize);
        nonNegative("gamma", gamma);
        return new Recurrence() {
            @Override double first() {
                return base;
            }

            @Override double next(long k, double r) {
                return k % stepSize == 0 ? r * gamma : r;
            }

            @Override public String toString() {
                return "step(" + base + ", " + stepSize + ", " + gamma + ")";
            }
        };
    }

    /**
     * PyTorch's {@code MultiStepLR(milestones, gamma)}: {@code base · γ^(number of milestones ≤ k)},
     * by PyTorch's recurrence {@code r₀ = base}, {@code r_k = r_{k−1} · γ^c} where c is how many times
     * k appears among the milestones ({@code StrictMath.pow(γ, c)}, exactly γ for c = 1), else
     * {@code r_{k−1}}.
     *
     * @param milestones the steps at which the rate drops, each ≥ 1 (copied and sorted; repeats count)
     */
    public static Schedule multiStep(double base, double gamma, long... milestones) {
        rate("base", base);
        nonNegative("gamma", gamma);
        long[] m = milestones.clone();
        for (int i = 0; i < m.length; i++) {
            positive("milestones[" + i + "]", m[i]);
        }
        Arrays.sort(m);
        return new Recurrence() {
            @Override double first() {
                return base;
            }

            @Override double next(long k, double r) {
                int c = count(m, k);
                return c == 0 ? r : r * StrictMath.pow(gamma, c);
            }

            @Override public String toString() {
                return "multiStep(" + base + ", " + gamma + ", " + Arrays.toString(m) + ")";
            }
        };
    }

    /**
     * PyTorch's {@code ExponentialLR(gamma)}: {@code base · γ^k}, by the recurrence
     * {@code r₀ = base}, {@code r_k = r_{k−1} · γ}.
     */
    public static Schedule geometric(double base, double gamma) {
        rate("base", base);
        nonNegative("gamma", gamma);
        return new Recurrence() {
            @Override double first() {
                return base;
            }

            @Override double next(long k, double r) {
                return r * gamma;
            }

            @Override public String toString() {
                return "geometric(" + base + ", " + gamma + ")";
            }
        };
    }

    /**
     * PyTorch's {@code CosineAnnealingLR(T_max, eta_min)}: the closed form
     * {@code η_min + (base − η_min)(1 + cos(πk/T))/2}, computed by PyTorch's recurrence:
     * {@code r₀ = base}; for k ≥ 1, if {@code (k − 1 − T) mod 2T = 0} then
     * {@code r_k = r_{k−1} + (base − η_min)(1 − cos(π/T))/2}, else
     * {@code r_k = (1 + cos(πk/T)) / (1 + cos(π(k−1)/T)) · (r_{k−1} − η_min) + η_min}
     * (beyond T the rate rises again, periodically, as in PyTorch).
     */
    public static Schedule cosine(double base, long tMax, double etaMin) {
        rate("base", base);
        positive("tMax", tMax);
        rate("etaMin", etaMin);
        return new Recurrence() {
            @Override double first() {
                return base;
            }

            @Override double next(long k, double r) {
                if (Math.floorMod(k - 1 - tMax, 2 * tMax) == 0) {
                    return r + (base - etaMin) * (1 - StrictMath.cos(Math.PI / tMax)) / 2;
                }
                return (1 + StrictMath.cos(Math.PI * k / tMax)) / (1 + StrictMath.cos(Math.PI * (k - 1) / tMax))
                        * (r - etaMin) + etaMin;
            }

            @Override public String toString() {
                return "cosine(" + base + ", " + tMax + ", " + etaMin + ")";
            }
        };
    }

    /**
     * PyTorch's {@code CosineAnnealingWarmRestarts(T_0, T_mult, eta_min)} (SGDR):
     * {@code η_min + (base − η_min)(1 + cos(π T_cur / T_i))/2}, where the i-th cycle lasts
     * {@code T_i = T₀ · T_mult^i} steps and {@code T_cur} counts the steps since the last restart.
     */
    public static Schedule cosineWarmRestarts(double base, long t0, long tMult, double etaMin) {
        rate("base", base);
        positive("t0", t0);
        positive("tMult", tMult);
        rate("etaMin", etaMin);
        return new Named("cosineWarmRestarts(" + base + ", " + t0 + ", " + tMult + ", " + etaMin + ")", k -> {
            long tCur = k;
            long ti = t0;
            if (tMult == 1) {
                tCur = k % t0;
            } else {
                while (tCur >= ti) {
                    tCur -= ti;
                    ti = ti > Long.MAX_VALUE / tMult ? Long.MAX_VALUE : ti * tMult;
                }
            }
            return etaMin + (base - etaMin) * (1 + StrictMath.cos(Math.PI * tCur / ti)) / 2;
        });
    }

    /**
     * PyTorch's {@code LinearLR(start_factor, end_factor, total_iters)}: the closed form
     * {@code base · (s + (e − s) · min(k, N) / N)}, computed by PyTorch's recurrence
     * {@code r₀ = base · s}; for {@code 1 ≤ k ≤ N}: {@code r_k = r_{k−1} · (1 + (e − s) / (N·s + (k − 1)(e − s)))};
     * after N: {@code r_k = r_{k−1}}. This is the linear warm-up when {@code s < e = 1}.
     *
     * @param startFactor s in (0, 1]
     * @param endFactor   e in [0, 1]
     * @param totalIters  N ≥ 1
     */
    public static Schedule linear(double base, double startFactor, double endFactor, long totalIters) {
        rate("base", base);
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("startFactor must be in (0, 1], was " + startFactor);
        }
        if (!(endFactor >= 0 && endFactor <= 1)) {
            throw new IllegalArgumentException("endFactor must be in [0, 1], was " + endFactor);
        }
        positive("totalIters", totalIters);
        return new Recurrence() {
            @Override double first() {
                return base * startFactor;
            }

            @Override double next(long k, double r) {
                if (k > totalIters) {
                    return r;
                }
                return r * (1.0 + (endFactor - startFactor)
                        / (totalIters * startFactor + (k - 1) * (endFactor - startFactor)));
            }

            @Override public String toString() {
                return "linear(" + base + ", " + startFactor + ", " + endFactor + ", " + totalIters + ")";
            }
        };
    }

    /**
     * PyTorch's {@code ConstantLR(factor, total_iters)}: {@code base · f} for {@code k < N}, then
     * {@code base}; by PyTorch's recurrence {@code r₀ = base · f}, {@code r_N = r_{N−1} · (1 / f)},
     * otherwise {@code r_k = r_{k−1}}.
     *
     * @param factor f in (0, 1]
     */
    public static Schedule constantFactor(double base, double factor, long totalIters) {
        rate("base", base);
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("factor must be in (0, 1], was " + factor);
        }
        positive("totalIters", totalIters);
        return new Recurrence() {
            @Override double first() {
                return base * factor;
            }

            @Override double next(long k, double r) {
                return k == totalIters ? r * (1.0 / factor) : r;
            }

            @Override public String toString() {
                return "constantFactor(" + base + ", " + factor + ", " + totalIters + ")";
            }
        };
    }

    /**
     * PyTorch's {@code PolynomialLR(total_iters, power)}: the closed form
     * {@code base · (1 − min(k, N)/N)^p}, by PyTorch's recurrence {@code r₀ = base}; for
     * {@code 1 ≤ k ≤ N}: {@code r_k = r_{k−1} · ((1 − k/N) / (1 − (k−1)/N))^p} ({@link StrictMath#pow});
     * after N: {@code r_k = r_{k−1}}.
     */
    public static Schedule polynomial(double base, long totalIters, double power) {
        rate("base", base);
        positive("totalIters", totalIters);
        nonNegative("power", power);
        return new Recurrence() {
            @Override double first() {
                return base;
            }

            @Override double next(long k, double r) {
                if (k > totalIters) {
                    return r;
                }
                double f = (1.0 - (double) k / totalIters) / (1.0 - (double) (k - 1) / totalIters);
                return r * StrictMath.pow(f, power);
            }

            @Override public String toString() {
                return "polynomial(" + base + ", " + totalIters + ", " + power + ")";
            }
        };
    }

    /**
     * PyTorch's {@code OneCycleLR} with its defaults (pct_start 0.3, cosine annealing, div_factor 25,
     * final_div_factor 10⁴, momentum from 0.95 down to 0.85 and back, two phases).
     */
    public static OneCycle oneCycle(double maxRate, long totalSteps) {
        return new OneCycle(maxRate, totalSteps, 0.3, OneCycle.Anneal.COSINE, 25, 1e4, false, 0.85, 0.95);
    }

    /**
     * PyTorch's {@code CyclicLR(base_lr, max_lr, step_size_up, step_size_down, mode)} with
     * momentum cycling between 0.8 and 0.9 (PyTorch's defaults).
     */
    public static Cyclic cyclic(double baseRate, double maxRate, long stepSizeUp, long stepSizeDown, Cyclic.Mode mode) {
        return new Cyclic(baseRate, maxRate, stepSizeUp, stepSizeDown, mode, 1.0, 0.8, 0.9);
    }

    // ------------------------------------------------------------------ composition

    /**
     * PyTorch's {@code SequentialLR}: schedule 0 until step {@code milestones[0]}, then schedule 1,
     * restarted at its own step 0, and so on:
     * {@code ε_k = s_i(k − m_{i−1})} for {@code m_{i−1} ≤ k < m_i} (with {@code m_{−1} = 0}).
     *
     * @param milestones strictly increasing, ≥ 1, one fewer than the schedules
     */
    public static Schedule sequence(Schedule[] schedules, long[] milestones) {
        if (schedules.length == 0) {
            throw new IllegalArgumentException("schedules must not be empty");
        }
        if (milestones.length != schedules.length - 1) {
            throw new IllegalArgumentException("milestones must have length " + (schedules.length - 1)
                    + " (one fewer than the schedules), had " + milestones.length);
        }
        for (int i = 0; i < schedules.length; i++) {
            if (schedules[i] == null) {
                throw new IllegalArgumentException("schedules[" + i + "] must not be null");
            }
        }
        for (int i = 0; i < milestones.length; i++) {
            positive("milestones[" + i + "]", milestones[i]);
            if (i > 0 && milestones[i] <= milestones[i - 1]) {
                throw new IllegalArgumentException("milestones must increase strictly, but milestones[" + i
                        + "] = " + milestones[i] + " <= " + milestones[i - 1]);
            }
        }
        Schedule[] s = schedules.clone();
        long[] m = milestones.clone();
        return new Named("sequence(" + Arrays.toString(s) + ", " + Arrays.toString(m) + ")", k -> {
            int i = 0;
            while (i < m.length && k >= m[i]) {
                i++;
            }
            return s[i].rate(i == 0 ? k : k - m[i - 1]);
        });
    }

    /**
     * Linear warm-up before a schedule: {@code ε_k = after(0) · (s + (1 − s) · k / w)} for
     * {@code k < w}, then {@code after(k − w)} (the schedule after the warm-up starts at its step 0).
     *
     * @param startFactor s in [0, 1]
     */
    public static Schedule linearWarmup(long warmupSteps, double startFactor, Schedule after) {
        positive("warmupSteps", warmupSteps);
        if (!(startFactor >= 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("startFactor must be in [0, 1], was " + startFactor);
        }
        if (after == null) {
            throw new IllegalArgumentException("after must not be null");
        }
        return new Named("linearWarmup(" + warmupSteps + ", " + startFactor + ", " + after + ")", k -> k < warmupSteps
                ? after.rate(0) * (startFactor + (1 - startFactor) * k / warmupSteps)
                : after.rate(k - warmupSteps));
    }

    /**
     * The product {@code ε_k = a(k) · b(k) / b(0)}: schedule a shaped by the relative factor of b
     * (PyTorch's {@code ChainedScheduler} of two multiplicative schedulers, in closed form).
     *
     * @throws IllegalArgumentException if {@code b(0)} is not positive
     */
    public static Schedule product(Schedule a, Schedule b) {
        if (a == null || b == null) {
            throw new IllegalArgumentException("a and b must not be null");
        }
        double b0 = b.rate(0);
        if (!(b0 > 0)) {
            throw new IllegalArgumentException("b.rate(0) must be > 0, was " + b0);
        }
        return new Named("product(" + a + ", " + b + ")", k -> a.rate(k) * (b.rate(k) / b0));
    }

    // ------------------------------------------------------------------ checks

    static void checkStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, was " + step);
        }
    }

    static void rate(String name, double v) {
        if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, was " + v);
        }
    }

    static void nonNegative(String name, double v) {
        rate(name, v);
    }

    static void positive(String name, long v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + v);
        }
    }

    private static int count(long[] sorted, long k) {
        int c = 0;
        for (long v : sorted) {
            if (v == k) {
                c++;
            }
        }
        return c;
    }

    /** A closed-form schedule with a readable name. */
    private record Named(String name, LongToDoubleFunction f) implements Schedule {
        @Override
        public double rate(long step) {
            checkStep(step);
            return f.applyAsDouble(step);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
