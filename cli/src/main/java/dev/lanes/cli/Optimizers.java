package dev.lanes.cli;

import dev.lanes.kernel.Kernels;
import dev.lanes.kernel.Parallel;
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
import java.util.List;
import java.util.Locale;

/**
 * The optimizers of the program by their command-line names, with the hyper-parameters a user may
 * set; unset ones take the algorithm's own defaults (those of PyTorch where it has the algorithm).
 */
final class Optimizers {
    /** The names {@code --optimizer} accepts, in the textbook's order. */
    static final List<String> NAMES = List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta",
            "adam", "adamw", "adamax", "nadam", "radam", "rprop", "asgd");

    /** What {@code compare} runs by default. */
    static final List<String> COMPARED = List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam");

    private Optimizers() {}

    /**
     * Hyper-parameters from the command line; NaN (or null) means "the default".
     *
     * @param momentum momentum coefficient (sgd, momentum, nesterov, rmsprop)
     * @param beta1    first-moment decay (Adam family)
     * @param beta2    second-moment decay (Adam family)
     * @param eps      the ε of the adaptive methods
     * @param rho      decay of the squared-gradient average (RMSProp's α, AdaDelta's ρ)
     */
    record Hyper(double momentum, double beta1, double beta2, double eps, double rho, double weightDecay) {
        static final Hyper DEFAULTS = new Hyper(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
    }

    /** A learning rate that trains the default MLP on pixels scaled to [0, 1] well with this optimizer. */
    static double defaultLearningRate(String name) {
        return switch (name) {
            case "sgd" -> 0.05;
            case "momentum", "nesterov" -> 0.01;
            case "adagrad" -> 0.01;
            case "adadelta" -> 1.0;
            case "rprop" -> 0.001;
            case "asgd" -> 0.05;
            case "adamax", "nadam" -> 2e-3;
            default -> 1e-3;
        };
    }

    /**
     * Builds optimizer {@code name} over {@code params}.
     *
     * @throws IllegalArgumentException naming the optimizer or the bad hyper-parameter
     */
    static Optimizer build(String name, Schedule schedule, Hyper h, Kernels kernels, List<Parameter> params) {
        return build(name, schedule, h, kernels, params, null, Optimizer.DEFAULT_GRAIN);
    }

    /**
     * Builds optimizer {@code name} over {@code params}, stepping on {@code team} (null: on the
     * calling thread) in chunks of at least {@code grain} elements.
     *
     * @throws IllegalArgumentException naming the optimizer or the bad hyper-parameter
     */
    static Optimizer build(String name, Schedule schedule, Hyper h, Kernels kernels, List<Parameter> params,
                           Parallel team, int grain) {
        double mom = h.momentum();
        double wd = h.weightDecay();
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sgd" -> {
                var b = Sgd.builder().schedule(schedule).weightDecay(wd);
                if (!Double.isNaN(mom)) {
                    b.momentum(mom);
                }
                yield b.kernels(kernels).parallel(team, grain).params(params).build();
            }
            case "momentum" -> Momentum.builder().schedule(schedule).weightDecay(wd).alpha(or(mom, 0.9))
                    .kernels(kernels).parallel(team, grain).params(params).build();
            case "nesterov" -> Sgd.builder().schedule(schedule).weightDecay(wd).momentum(or(mom, 0.9)).nesterov(true)
                    .kernels(kernels).parallel(team, grain).params(params).build();
            case "adagrad" -> {
                var b = AdaGrad.builder().schedule(schedule).weightDecay(wd);
                if (!Double.isNaN(h.eps())) {
                    b.eps(h.eps());
                }
                yield b.kernels(kernels).parallel(team, grain).params(params).build();
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
                yield b.kernels(kernels).parallel(team, grain).params(params).build();
            }
            case "adadelta" -> {
                var b = AdaDelta.builder().schedule(schedule).weightDecay(wd);
                if (!Double.isNaN(h.rho())) {
                    b.rho(h.rho());
                }
                if (!Double.isNaN(h.eps())) {
                    b.eps(h.eps());
                }
                yield b.kernels(kernels).parallel(team, grain).params(params).build();
            }
            case "adam", "adamw" -> {
                var b = name.equalsIgnoreCase("adamw") ? Adam.adamW() : Adam.builder();
                b.schedule(schedule);
                if (name.equalsIgnoreCase("adam") || wd != 0) {
                    b.weightDecay(wd);
                }
                b.betas(or(h.beta1(), 0.9), or(h.beta2(), 0.999));
                if (!Double.isNaN(h.eps())) {
                    b.eps(h.eps());
                }
                yield b.kernels(kernels).parallel(team, grain).params(params).build();
            }
            case "adamax" -> {
                var b = AdaMax.builder().schedule(schedule).weightDecay(wd).betas(or(h.beta1(), 0.9), or(h.beta2(), 0.999));
                if (!Double.isNaN(h.eps())) {
                    b.eps(h.eps());
                }
                yield b.kernels(kernels).parallel(team, grain).params(params).build();
            }
            case "nadam" -> {
                var b = NAdam.builder().schedule(schedule).weightDecay(wd).betas(or(h.beta1(), 0.9), or(h.beta2(), 0.999));
                if (!Double.isNaN(h.eps())) {
                    b.eps(h.eps());
                }
                yield b.kernels(kernels).parallel(team, grain).params(params).build();
            }
            case "radam" -> {
                var b = RAdam.builder().schedule(schedule).weightDecay(wd).betas(or(h.beta1(), 0.9), or(h.beta2(), 0.999));
                if (!Double.isNaN(h.eps())) {
                    b.eps(h.eps());
                }
                yield b.kernels(kernels).parallel(team, grain).params(params).build();
            }
            case "rprop" -> Rprop.builder().schedule(schedule).kernels(kernels).parallel(team, grain).params(params).build();
            case "asgd" -> Asgd.builder().schedule(schedule).weightDecay(wd).kernels(kernels).parallel(team, grain).params(params).build();
            default -> throw new IllegalArgumentException("unknown optimizer '" + name + "' (one of "
                    + String.join(", ", NAMES) + ")");
        };
    }

    private static double or(double v, double otherwise) {
        return Double.isNaN(v) ? otherwise : v;
    }
}
