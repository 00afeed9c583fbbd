package dev.lanes.optim;

import dev.lanes.kernel.Kernels;
import dev.lanes.schedule.Schedule;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The first-order optimizers by name, for programs that take the choice as text (a command line,
 * a Spark ML parameter): {@code byName("adam", schedule, Settings.DEFAULTS, kernels, params)}.
 * A setting left NaN takes the algorithm's own default, which is PyTorch's where PyTorch has the
 * algorithm; the builders ({@link Adam#builder()} and the others) give the full set of
 * hyper-parameters.
 */
public final class Optimizers {
    /** The names {@link #byName} accepts, in the textbook's order. */
    public static final List<String> NAMES = List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop",
            "adadelta", "adam", "adamw", "adamax", "nadam", "radam", "rprop", "asgd");

    private Optimizers() {}

    /**
     * The hyper-parameters a name-based caller may set; NaN means the algorithm's default.
     *
     * @param momentum    momentum coefficient (sgd, momentum, nesterov, rmsprop); default 0 for sgd
     *                    and rmsprop, 0.9 for momentum and nesterov
     * @param beta1       first-moment decay of the Adam family (default 0.9)
     * @param beta2       second-moment decay of the Adam family (default 0.999)
     * @param eps         the ε of the adaptive methods
     * @param rho         decay of the squared-gradient average (RMSProp's α, AdaDelta's ρ)
     * @param weightDecay L2 weight decay, decoupled for adamw (0 means adamw's own 0.01); not NaN
     */
    public record Settings(double momentum, double beta1, double beta2, double eps, double rho,
                           double weightDecay) {
        /** Every setting at the algorithm's default, no weight decay. */
        public static final Settings DEFAULTS = new Settings(Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, 0);
    }

    /**
     * Builds optimizer {@code name} (one of {@link #NAMES}, in any case) over {@code params}, stepping at the
     * rates of {@code schedule}.
     *
     * @throws IllegalArgumentException naming an unknown optimizer or a bad hyper-parameter
     */
    public static Optimizer byName(String name, Schedule schedule, Settings h, Kernels kernels,
                                   List<Parameter> params) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(h, "settings");
        String n = name.toLowerCase(Locale.ROOT);
        double mom = h.momentum();
        double wd = h.weightDecay();
        return switch (n) {
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
                var b = n.equals("adamw") ? Adam.adamW() : Adam.builder();
                b.schedule(schedule);
                if (n.equals("adam") || wd != 0) {
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
