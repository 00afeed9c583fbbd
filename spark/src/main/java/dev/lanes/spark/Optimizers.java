package dev.lanes.spark;

import dev.lanes.kernel.Kernels;
import dev.lanes.optim.AdaDelta;
import dev.lanes.optim.AdaGrad;
import dev.lanes.optim.AdaMax;
import dev.lanes.optim.Adam;
import dev.lanes.optim.Asgd;
import dev.lanes.optim.Momentum;
import dev.lanes.optim.NAdam;
import dev.lanes.optim.Optimizer;
import dev.lanes.optim.Parameter;
import dev.lanes.optim.RAdam;
import dev.lanes.optim.RmsProp;
import dev.lanes.optim.Rprop;
import dev.lanes.optim.Sgd;
import dev.lanes.schedule.Schedule;
import dev.lanes.schedule.Schedules;
import java.util.List;

/**
 * The optimizers and learning-rate schedules {@link LanesMlpClassifier} offers, by name; the same
 * names and defaults as the {@code lanes train} program, so that a setting means the same in both.
 */
final class Optimizers {
    /** The optimizer names, in the textbook's order. */
    static final List<String> NAMES = List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta",
            "adam", "adamw", "adamax", "nadam", "radam", "rprop", "asgd");

    /** The schedule names. */
    static final List<String> SCHEDULES = List.of("constant", "step", "exponential", "cosine", "onecycle");

    private Optimizers() {}

    /**
     * Hyper-parameters; NaN means the algorithm's own default.
     *
     * @param momentum    momentum coefficient (sgd, momentum, nesterov, rmsprop)
     * @param beta1       first-moment decay (the Adam family)
     * @param beta2       second-moment decay (the Adam family)
     * @param eps         the ε of the adaptive methods
     * @param rho         decay of the squared-gradient average (RMSProp's α, AdaDelta's ρ)
     * @param weightDecay L2 weight decay (decoupled for adamw)
     */
    record Hyper(double momentum, double beta1, double beta2, double eps, double rho, double weightDecay) {}

    /**
     * The schedule {@code name} from rate {@code lr} for a run of {@code epochs} epochs of
     * {@code stepsPerEpoch} steps: constant; step (× gamma every {@code stepEpochs} epochs);
     * exponential (× gamma every epoch); cosine (to 0 over the run); onecycle; each after a linear
     * warm-up of {@code warmup} steps from 1 % of the rate if {@code warmup > 0}.
     */
    static Schedule schedule(String name, double lr, long stepsPerEpoch, int epochs, double gamma, int stepEpochs,
                             long warmup) {
        long steps = Math.max(1, stepsPerEpoch);
        long total = Math.max(1, steps * Math.max(epochs, 1));
        Schedule s = switch (name) {
            case "constant" -> Schedules.constant(lr);
            case "step" -> Schedules.step(lr, steps * stepEpochs, gamma);
            case "exponential" -> Schedules.step(lr, steps, gamma);
            case "cosine" -> Schedules.cosine(lr, total, 0);
            case "onecycle" -> Schedules.oneCycle(lr, total);
            default -> throw new IllegalArgumentException("unknown schedule '" + name + "' (one of "
                    + String.join(", ", SCHEDULES) + ")");
        };
        return warmup > 0 ? Schedules.linearWarmup(warmup, 0.01, s) : s;
    }

    /**
     * Builds optimizer {@code name} over {@code params}.
     *
     * @throws IllegalArgumentException naming the optimizer or the bad hyper-parameter
     */
    static Optimizer build(String name, Schedule schedule, Hyper h, Kernels kernels, List<Parameter> params) {
        double mom = h.momentum();
        double wd = h.weightDecay();
        return switch (name) {
            case "sgd" -> {
                var b = Sgd.builder().schedule(schedule).weightDecay(wd);
                if (!Double.isNaN(mom)) {
                    b.momentum(mom);
                }
                yield b.kernels(kernels).params(params).build();
            }
            case "momentum" -> Momentum.builder().schedule(schedule).weightDecay(wd).alpha(or(mom, 0.9))
                    .kernels(kernels).params(params).build();
            case "nesterov" -> Sgd.builder().schedule(schedule).weightDecay(wd).momentum(or(mom, 0.9)).nesterov(true)
                    .kernels(kernels).params(params).build();
            case "adagrad" -> {
                var b = AdaGrad.builder().schedule(schedule).weightDecay(wd);
                if (!Double.isNaN(h.eps())) {
                    b.eps(h.eps());
                }
                yield b.kernels(kernels).params(params).build();
            }
            case "rmsprop" -> {
                var b = RmsProp.builder().schedule(schedule).weightDecay(wd);
                if (!Double.isNaN(h.rho())) {
                    b.alpha(h.rho());
                }
                if (!Double.isNaN(h.eps())) {
                    b.eps(h.eps());
                }
                if (!Double.isNaN(mom)) {
                    b.momentum(mom);
                }
                yield b.kernels(kernels).params(params).build();
            }
            case "adadelta" -> {
                var b = AdaDelta.builder().schedule(schedule).weightDecay(wd);
                if (!Double.isNaN(h.rho())) {
                    b.rho(h.rho());
                }
                if (!Double.isNaN(h.eps())) {
                    b.eps(h.eps());
                }
                yield b.kernels(kernels).params(params).build();
            }
            case "adam", "adamw" -> {
                var b = name.equals("adamw") ? Adam.adamW() : Adam.builder();
                b.schedule(schedule);
                if (name.equals("adam") || wd != 0) {
                    b.weightDecay(wd);
                }
                b.betas(or(h.beta1(), 0.9), or(h.beta2(), 0.999));
                if (!Double.isNaN(h.eps())) {
                    b.eps(h.eps());
                }
                yield b.kernels(kernels).params(params).build();
            }
            case "adamax" -> {
                var b = AdaMax.builder().schedule(schedule).weightDecay(wd).betas(or(h.beta1(), 0.9), or(h.beta2(), 0.999));
                if (!Double.isNaN(h.eps())) {
                    b.eps(h.eps());
                }
                yield b.kernels(kernels).params(params).build();
            }
            case "nadam" -> {
                var b = NAdam.builder().schedule(schedule).weightDecay(wd).betas(or(h.beta1(), 0.9), or(h.beta2(), 0.999));
                if (!Double.isNaN(h.eps())) {
                    b.eps(h.eps());
                }
                yield b.kernels(kernels).params(params).build();
            }
            case "radam" -> {
                var b = RAdam.builder().schedule(schedule).weightDecay(wd).betas(or(h.beta1(), 0.9), or(h.beta2(), 0.999));
                if (!Double.isNaN(h.eps())) {
                    b.eps(h.eps());
                }
                yield b.kernels(kernels).params(params).build();
            }
            case "rprop" -> Rprop.builder().schedule(schedule).kernels(kernels).params(params).build();
            case "asgd" -> Asgd.builder().schedule(schedule).weightDecay(wd).kernels(kernels).params(params).build();
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "' (one of "
                    + String.join(", ", NAMES) + ")");
        };
    }

    private static double or(double v, double otherwise) {
        return Double.isNaN(v) ? otherwise : v;
    }
}
